import { z } from 'zod';
import { KnowledgeBaseError } from '../loading/knowledgeBaseError';
import type { YamlFile } from '../loading/yamlFile';
import { parsePhrase, type Phrase } from '../safety/safetyPattern';
import { foldText } from '../text/normalizeText';

/** knowledge/gaps.yaml, as written: the words the gaps log removes besides safety.yaml's. */
export const gapsFileSchema = z.strictObject({
  sensitiveTerms: z
    .array(z.string({ error: 'must be a phrase such as "blood thinner*" (text)' }), { error: 'must be a list of phrases' })
    .min(1, 'needs at least one term'),
});

/** gaps.yaml, validated, with every term parsed like a safety.yaml phrase. */
export interface GapsSettings {
  readonly sensitiveTerms: readonly Phrase[];
}

/**
 * Validates gaps.yaml and parses its terms. Case, accents and apostrophes are folded first, so
 * "HIV" or "Parkinson's" are plain words here, not the CONCEPT names they would be in safety.yaml.
 */
export function loadGapsSettings(file: YamlFile): GapsSettings {
  const data = file.validate(gapsFileSchema);
  const problems = data.sensitiveTerms.flatMap((term, index) => {
    const parsed = parsePhrase(foldText(term));
    return parsed.ok ? [] : [file.problemAt(['sensitiveTerms', index], parsed.problem)];
  });
  if (problems.length > 0) throw new KnowledgeBaseError(problems);
  return {
    sensitiveTerms: data.sensitiveTerms.flatMap((term) => {
      const parsed = parsePhrase(foldText(term));
      return parsed.ok ? [parsed.phrase] : [];
    }),
  };
}
