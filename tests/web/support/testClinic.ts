import { join } from 'node:path';
import { FIXTURE_KNOWLEDGE_DIR } from '../../support/testConfig';
import { YamlFile } from '../../../knowledge/loading/yamlFile';
import { clinicSchema, type Clinic } from '../../../knowledge/schemas/clinicSchema';

/** The fixture clinic (tests/fixtures/knowledge/clinic.yaml), as the bot under test loads it. */
export function loadTestClinic(): Clinic {
  return YamlFile.read(join(FIXTURE_KNOWLEDGE_DIR, 'clinic.yaml')).validate(clinicSchema);
}
