import { join } from 'node:path';
import { findProjectRoot } from '../../../knowledge/loading/projectRoot';
import { YamlFile } from '../../../knowledge/loading/yamlFile';
import { clinicSchema, type Clinic } from '../../../knowledge/schemas/clinicSchema';

/** The sample clinic in knowledge/clinic.yaml, as the running bot would load it. */
export function loadTestClinic(): Clinic {
  return YamlFile.read(join(findProjectRoot(), 'knowledge', 'clinic.yaml')).validate(clinicSchema);
}
