import type { Source, FaqEntry } from '../schemas/faqSchema';
import { parseCue } from '../routing/entryCues';
import { phrasingKey } from '../text/normalizeText';
import type { KnowledgeBaseProblem } from './knowledgeBaseError';
import type { YamlFile } from './yamlFile';


/** Checks that span entries or files: ids, links between entries, sources, and phrasings shared by two entries. */
export function checkFaqEntries(file: YamlFile, entries: readonly FaqEntry[], sources: readonly Source[]): KnowledgeBaseProblem[] {
  const problems: KnowledgeBaseProblem[] = [];
  const ids = new Set<string>();
  const sourceIds = new Set(sources.map((source) => source.id));
  const ownerOfPhrasing = new Map<string, string>();

  entries.forEach((entry, index) => {
    if (ids.has(entry.id)) problems.push(file.problemAt(['entries', index, 'id'], `the id "${entry.id}" is used by more than one entry`));
    ids.add(entry.id);
  });

  entries.forEach((entry, index) => {
    entry.related.forEach((relatedId, relatedIndex) => {
      const path = ['entries', index, 'related', relatedIndex];
      if (relatedId === entry.id) problems.push(file.problemAt(path, 'an entry cannot be related to itself'));
      else if (!ids.has(relatedId)) problems.push(file.problemAt(path, `"${relatedId}" is not the id of any FAQ entry`));
    });
    entry.sources.forEach((sourceId, sourceIndex) => {
      if (!sourceIds.has(sourceId)) {
        problems.push(file.problemAt(['entries', index, 'sources', sourceIndex], `"${sourceId}" is not a source listed in sources.yaml`));
      }
    });
    entry.cues.forEach((cue, cueIndex) => {
      const parsed = parseCue(cue);
      if (!parsed.ok) problems.push(file.problemAt(['entries', index, 'cues', cueIndex], parsed.problem));
    });
    const phrasings: [string, readonly PropertyKey[]][] = [
      [entry.question, ['entries', index, 'question']],
      ...entry.alternates.map((alternate, alternateIndex): [string, PropertyKey[]] => [alternate, ['entries', index, 'alternates', alternateIndex]]),
    ];
    for (const [phrasing, path] of phrasings) {
      const key = phrasingKey(phrasing);
      const owner = ownerOfPhrasing.get(key);
      if (owner !== undefined && owner !== entry.id) {
        problems.push(file.problemAt(path, `"${phrasing}" is identical to a phrasing of entry "${owner}"; the bot could not tell them apart`));
      }
      if (owner === undefined) ownerOfPhrasing.set(key, entry.id);
    }
  });
  return problems;
}
