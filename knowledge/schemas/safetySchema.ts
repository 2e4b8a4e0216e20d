import { z } from 'zod';
import { EMERGENCY_NUMBER, hasUnbalancedBraces, unknownPlaceholders } from '../loading/clinicPlaceholders';
import { KnowledgeBaseError, type KnowledgeBaseProblem } from '../loading/knowledgeBaseError';
import type { YamlFile } from '../loading/yamlFile';
import { parsePhrase, shortestLength, type Phrase } from '../safety/safetyPattern';
import { DEFAULT_TRIGGER_WINDOW, SAFETY_LEVELS, type SafetyRule, type SafetyRules, type SafetyTrigger } from '../safety/safetyRules';
import { kebabId, nonEmptyText } from './commonFields';

export type { SafetyRules } from '../safety/safetyRules';

/**
 * The placeholders safety replies may use. Deliberately fewer than FAQ answers get: a safety
 * reply must never offer booking, so {{clinic.bookingUrl}} is not among them.
 */
export const SAFETY_MESSAGE_PLACEHOLDERS = ['clinic.emergencyNumber', 'clinic.phone', 'clinic.name'] as const;

const patternText = z.string({ error: 'must be a phrase pattern (text)' });

const trigger = z.union([patternText, z.array(patternText)], {
  error: 'each trigger must be a phrase such as "chest pain" or a list such as [chest, pain|pressure]',
});

const ruleSchema = z.strictObject({
  id: kebabId,
  level: z.enum(SAFETY_LEVELS, { error: 'must be "emergency" or "red-flag"' }),
  label: nonEmptyText,
  match: z.array(trigger, { error: 'must be a list of triggers' }).min(1, 'needs at least one trigger'),
  window: z
    .number({ error: 'must be a whole number of words' })
    .int('must be a whole number of words')
    .min(2, 'must be at least 2 words')
    .max(40, 'must be at most 40 words')
    .optional(),
  ignore: z.array(patternText, { error: 'must be a list of phrases' }).optional(),
  exceptLongAgo: z.boolean({ error: 'must be true or false' }).optional(),
});

/** knowledge/safety.yaml, as written. `loadSafetyRules` parses the patterns and checks what zod cannot. */
export const safetyFileSchema = z.strictObject({
  messages: z.strictObject({ emergency: nonEmptyText, redFlag: nonEmptyText }),
  rules: z.array(ruleSchema).min(1, 'needs at least one rule'),
});

type SafetyFile = z.infer<typeof safetyFileSchema>;
type RuleEntry = SafetyFile['rules'][number];

/** Collects problems while parsing, each pointing at its entry, field and line. */
class ProblemList {
  readonly problems: KnowledgeBaseProblem[] = [];
  constructor(private readonly file: YamlFile) {}

  add(path: readonly PropertyKey[], message: string): void {
    this.problems.push(this.file.problemAt(path, message));
  }

  phrase(source: string, path: readonly PropertyKey[]): Phrase | undefined {
    const parsed = parsePhrase(source);
    if (parsed.ok) return parsed.phrase;
    this.add(path, parsed.problem);
    return undefined;
  }
}

function checkMessages(messages: SafetyFile['messages'], problems: ProblemList): void {
  const known: readonly string[] = SAFETY_MESSAGE_PLACEHOLDERS;
  for (const [key, text] of Object.entries(messages)) {
    const path = ['messages', key];
    for (const name of unknownPlaceholders(text, known)) {
      problems.add(path, `{{${name}}} is not a placeholder safety messages can use (use ${known.map((n) => `{{${n}}}`).join(', ')})`);
    }
    if (hasUnbalancedBraces(text)) problems.add(path, 'has a placeholder with unbalanced {{ }} braces');
  }
  if (!EMERGENCY_NUMBER.test(messages.emergency)) {
    problems.add(['messages', 'emergency'], 'must tell the patient to call {{clinic.emergencyNumber}}');
  }
}

function parseTrigger(
  entry: RuleEntry['match'][number],
  window: number,
  path: readonly PropertyKey[],
  problems: ProblemList,
): SafetyTrigger | undefined {
  if (typeof entry === 'string') {
    const phrase = problems.phrase(entry, path);
    return phrase && { parts: [phrase], window };
  }
  if (entry.length === 0) {
    problems.add(path, 'the [list] is empty; write at least one phrase inside the brackets');
    return undefined;
  }
  const parts = entry.map((source, index) => problems.phrase(source, [...path, index]));
  if (!parts.every((part): part is Phrase => part !== undefined)) return undefined;
  const wordsNeeded = parts.reduce((total, part) => total + shortestLength(part), 0);
  if (wordsNeeded > window) {
    problems.add(path, `[${entry.join(', ')}] needs ${wordsNeeded} words, more than the rule's window of ${window}; raise "window"`);
    return undefined;
  }
  return { parts, window };
}

function parseRule(entry: RuleEntry, index: number, problems: ProblemList): SafetyRule {
  const window = entry.window ?? DEFAULT_TRIGGER_WINDOW;
  const triggers = entry.match
    .map((item, position) => parseTrigger(item, window, ['rules', index, 'match', position], problems))
    .filter((parsed): parsed is SafetyTrigger => parsed !== undefined);
  const ignore = (entry.ignore ?? [])
    .map((source, position) => problems.phrase(source, ['rules', index, 'ignore', position]))
    .filter((phrase): phrase is Phrase => phrase !== undefined);
  return { id: entry.id, level: entry.level, label: entry.label, triggers, ignore, exceptLongAgo: entry.exceptLongAgo ?? false };
}

/**
 * Validates safety.yaml and parses every pattern. Any problem (schema, duplicate id, malformed
 * pattern, unknown placeholder) is reported as a KnowledgeBaseError naming the file, rule,
 * field and line, so the bot never runs with a safety rule silently disabled.
 */
export function loadSafetyRules(file: YamlFile): SafetyRules {
  const data = file.validate(safetyFileSchema);
  const problems = new ProblemList(file);
  checkMessages(data.messages, problems);

  const firstIndexOfId = new Map<string, number>();
  data.rules.forEach((rule, index) => {
    const first = firstIndexOfId.get(rule.id);
    if (first === undefined) {
      firstIndexOfId.set(rule.id, index);
      return;
    }
    const firstLine = file.lineOf(['rules', first, 'id']);
    problems.add(['rules', index, 'id'], `the id "${rule.id}" is already used by another rule${firstLine === undefined ? '' : ` (line ${firstLine})`}`);
  });

  const rules = data.rules.map((rule, index) => parseRule(rule, index, problems));
  if (problems.problems.length > 0) throw new KnowledgeBaseError(problems.problems);
  return { messages: data.messages, rules };
}
