import type { Source, FaqEntry } from '../schemas/faqSchema';
import { cueProblems } from '../routing/entryCues';
import { phrasingKey } from '../text/normalizeText';
import type { KnowledgeBaseProblem } from './knowledgeBaseError';
import type { YamlFile } from './yamlFile';


/** Ids that two or more FAQ entries share. */
export function duplicateFaqIds(entries: readonly FaqEntry[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { id } of entries) {
    if (seen.has(id)) duplicates.add(id);
    seen.add(id);
  }
  return duplicates;
}

/**
 * Checks that span entries or files: ids, links between entries, sources, and phrasings shared by two entries.
 * `linkedElsewhere` are FAQ ids other files name (conversation.yaml topics), for the duplicate-id advice.
 */
export function checkFaqEntries(file: YamlFile, entries: readonly FaqEntry[], sources: readonly Source[], linkedElsewhere: readonly string[] = []): KnowledgeBaseProblem[] {
  const problems: KnowledgeBaseProblem[] = [];
  const ids = new Set(entries.map((entry) => entry.id));
  const sourceIds = new Set(sources.map((source) => source.id));
  const ownerOfPhrasing = new Map<string, string>();

  // An id used twice usually means an entry was copied, or renamed to its neighbour's id. The links
  // to its old id then point nowhere, but removing them would be the wrong fix: they are named in
  // the duplicate's own message instead of being reported one by one.
  const duplicates = duplicateFaqIds(entries);
  const dangling = [...new Set([...entries.flatMap((entry) => entry.related), ...linkedElsewhere].filter((id) => !ids.has(id)))];
  const firstIndex = new Map<string, number>();
  entries.forEach((entry, index) => {
    const first = firstIndex.get(entry.id);
    if (first === undefined) {
      firstIndex.set(entry.id, index);
      return;
    }
    const firstLine = file.lineOf(['entries', first, 'id']);
    const onLine = firstLine === undefined ? 'another entry' : `the entry on line ${firstLine}`;
    const oldIds = dangling.map((id) => `"${id}"`).join(' or ');
    const advice =
      dangling.length === 0
        ? 'Give one of them a new id.'
        : `Other entries still link to ${oldIds}, which no entry has now: if one of these two used to be ${oldIds}, give it that id back.`;
    problems.push(file.problemAt(['entries', index, 'id'], `the id "${entry.id}" is also used by ${onLine}; each entry needs its own id. ${advice}`));
  });

  entries.forEach((entry, index) => {
    entry.related.forEach((relatedId, relatedIndex) => {
      const path = ['entries', index, 'related', relatedIndex];
      // With a duplicate id, "related to itself" and "no such entry" are knock-ons of it, not mistakes of their own.
      if (duplicates.size > 0) return;
      if (relatedId === entry.id) problems.push(file.problemAt(path, 'an entry cannot be related to itself'));
      else if (!ids.has(relatedId)) problems.push(file.problemAt(path, `"${relatedId}" is not the id of any FAQ entry`));
    });
    entry.sources.forEach((sourceId, sourceIndex) => {
      if (!sourceIds.has(sourceId)) {
        problems.push(file.problemAt(['entries', index, 'sources', sourceIndex], `"${sourceId}" is not a source listed in sources.yaml`));
      }
    });
    for (const { index: cueIndex, problem } of cueProblems(entry.cues)) problems.push(file.problemAt(['entries', index, 'cues', cueIndex], problem));
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
