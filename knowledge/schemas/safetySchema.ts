import { z } from 'zod';
import { CRISIS_LINE, EMERGENCY_NUMBER, hasUnbalancedBraces, unknownPlaceholders } from '../loading/clinicPlaceholders';
import { KnowledgeBaseError, type KnowledgeBaseProblem } from '../loading/knowledgeBaseError';
import type { YamlFile } from '../loading/yamlFile';
import { isCommonWordsOnly, parsePhrase, shortestLength, type ConceptVocabulary, type Phrase } from '../safety/safetyPattern';
import {
  DEFAULT_TRIGGER_WINDOW,
  SAFETY_LANGUAGES,
  SAFETY_LEVELS,
  SAFETY_REPLIES,
  REQUIRED_SPECIAL_CONCEPTS,
  SPECIAL_CONCEPTS,
  type SafetyCheck,
  type SafetyConcept,
  type SafetyMessages,
  type SafetyRule,
  type SafetyRules,
  type SafetyTrigger,
} from '../safety/safetyRules';
import { kebabId, nonEmptyText } from './commonFields';

export type { SafetyRules } from '../safety/safetyRules';

/**
 * The placeholders safety replies may use. Deliberately fewer than FAQ answers get: a safety
 * reply must never offer booking, so {{clinic.bookingUrl}} is not among them.
 */
export const SAFETY_MESSAGE_PLACEHOLDERS = ['clinic.emergencyNumber', 'clinic.crisisLine', 'clinic.phone', 'clinic.name', 'clinic.hours'] as const;

const patternText = z.string({ error: 'must be a phrase pattern (text)' });

const trigger = z.union([patternText, z.array(patternText)], {
  error: 'each trigger must be a phrase such as "chest pain" or a list such as [@chest, @pain]',
});

const windowField = z
  .number({ error: 'must be a whole number of words' })
  .int('must be a whole number of words')
  .min(2, 'must be at least 2 words')
  .max(40, 'must be at most 40 words')
  .optional();

const levelField = z.enum(SAFETY_LEVELS, { error: 'must be "emergency" or "red-flag"' });
const replyField = z.enum(SAFETY_REPLIES, { error: 'must be "emergency", "crisis" or "red-flag"' }).optional();
const patternList = z.array(patternText, { error: 'must be a list of phrases' });

const answersSchema = z.strictObject({
  yesLabel: nonEmptyText,
  noLabel: nonEmptyText,
  yes: z.array(nonEmptyText).min(1, 'needs at least one answer'),
  no: z.array(nonEmptyText).min(1, 'needs at least one answer'),
});

const messagesSchema = z.strictObject({
  emergency: nonEmptyText,
  crisis: nonEmptyText,
  redFlag: nonEmptyText,
  otherLanguage: nonEmptyText,
  checkReprompt: nonEmptyText,
  callLabel: nonEmptyText,
  answers: answersSchema.optional(),
});

const conceptSchema = z.strictObject({
  id: kebabId,
  label: nonEmptyText,
  terms: patternList.min(1, 'needs at least one term'),
  ignore: patternList.optional(),
});

const ruleSchema = z.strictObject({
  id: kebabId,
  level: levelField,
  reply: replyField,
  label: nonEmptyText,
  match: z.array(trigger, { error: 'must be a list of triggers' }).min(1, 'needs at least one trigger'),
  window: windowField,
  ignore: patternList.optional(),
  exceptLongAgo: z.boolean({ error: 'must be true or false' }).optional(),
  check: kebabId.optional(),
  askIfSomeoneElse: z.boolean({ error: 'must be true or false' }).optional(),
  askIfAlso: patternList.optional(),
  askIfMessageSays: patternList.optional(),
  escalate: kebabId.optional(),
});

const checkSchema = z.strictObject({
  concept: kebabId,
  level: levelField,
  reply: replyField,
  askWhen: z.array(trigger, { error: 'must be a list of triggers' }).min(1, 'needs at least one trigger'),
  window: windowField,
  ignore: patternList.optional(),
  exceptLongAgo: z.boolean({ error: 'must be true or false' }).optional(),
  learnFrom: z.array(kebabId, { error: 'must be a list of evaluation categories, like [trauma, fracture]' }).min(1, 'needs at least one category').optional(),
  question: z.strictObject({ en: nonEmptyText, es: nonEmptyText.optional() }, { error: 'must give the question in English (en:) and optionally Spanish (es:)' }),
});

/** knowledge/safety.yaml, as written. `loadSafetyRules` parses the patterns and checks what zod cannot. */
export const safetyFileSchema = z.strictObject({
  messages: z.strictObject({ en: messagesSchema, es: messagesSchema.optional() }),
  concepts: z.array(conceptSchema).min(1, 'needs at least one concept'),
  rules: z.array(ruleSchema).min(1, 'needs at least one rule'),
  checks: z.array(checkSchema).optional(),
});

type SafetyFile = z.infer<typeof safetyFileSchema>;

/** Collects problems while parsing, each pointing at its entry, field and line. */
class ProblemList {
  readonly problems: KnowledgeBaseProblem[] = [];
  /** One parsed phrase per pattern text, so the index scans each phrase once however many rules use it. */
  private readonly parsed = new Map<string, Phrase>();

  constructor(
    private readonly file: YamlFile,
    private readonly concepts: Map<string, ConceptVocabulary>,
  ) {}

  add(path: readonly PropertyKey[], message: string): void {
    this.problems.push(this.file.problemAt(path, message));
  }

  /** `allowCommonWords`: the special concepts (personal, someone-else…) are made of exactly such words. */
  phrase(source: string, path: readonly PropertyKey[], allowCommonWords = false): Phrase | undefined {
    const known = allowCommonWords ? undefined : this.parsed.get(source);
    if (known !== undefined) return known;
    const parsed = parsePhrase(source, (id) => this.concepts.get(id), { allowCommonWords });
    if (!parsed.ok) {
      this.add(path, parsed.problem);
      return undefined;
    }
    if (!allowCommonWords) this.parsed.set(source, parsed.phrase);
    return parsed.phrase;
  }
}

function checkMessages(messages: SafetyFile['messages'], problems: ProblemList): void {
  const known: readonly string[] = SAFETY_MESSAGE_PLACEHOLDERS;
  for (const [language, texts] of Object.entries(messages)) {
    if (texts === undefined) continue;
    for (const [key, text] of Object.entries(texts)) {
      if (typeof text !== 'string') continue;
      const path = ['messages', language, key];
      for (const name of unknownPlaceholders(text, known)) {
        problems.add(path, `{{${name}}} is not a placeholder safety messages can use (use ${known.map((n) => `{{${n}}}`).join(', ')})`);
      }
      if (hasUnbalancedBraces(text)) problems.add(path, 'has a placeholder with unbalanced {{ }} braces');
    }
    for (const key of ['emergency', 'crisis', 'otherLanguage'] as const) {
      if (!EMERGENCY_NUMBER.test(texts[key])) problems.add(['messages', language, key], 'must tell the patient to call {{clinic.emergencyNumber}}');
    }
    if (!CRISIS_LINE.test(texts.crisis)) problems.add(['messages', language, 'crisis'], 'must give the crisis line, {{clinic.crisisLine}}');
    if (language !== 'en' && texts.answers === undefined) {
      problems.add(['messages', language], 'needs "answers:" (the Yes/No button labels and the free-text yes and no answers in this language)');
    }
  }
}

function parseTrigger(entry: string | readonly string[], window: number, path: readonly PropertyKey[], problems: ProblemList): SafetyTrigger | undefined {
  if (typeof entry === 'string') {
    const phrase = problems.phrase(entry, path);
    return phrase && { parts: [phrase], window };
  }
  if (entry.length === 0) {
    problems.add(path, 'the [list] is empty; write at least one phrase inside the brackets');
    return undefined;
  }
  // In a [list], a part of very common words ("had") is fine beside a specific one ([had, SURGERY]).
  const parts = entry.map((source, index) => problems.phrase(source, [...path, index], entry.length > 1));
  if (!parts.every((part): part is Phrase => part !== undefined)) return undefined;
  if (parts.every(isCommonWordsOnly)) {
    problems.add(path, `[${entry.join(', ')}] is made only of very common words and would match almost any message; add a more specific word`);
    return undefined;
  }
  const wordsNeeded = parts.reduce((total, part) => total + shortestLength(part), 0);
  if (wordsNeeded > window) {
    problems.add(path, `[${entry.join(', ')}] needs ${wordsNeeded} words, more than the window of ${window}; raise "window"`);
    return undefined;
  }
  return { parts, window };
}

function parseTriggers(entries: readonly (string | readonly string[])[], window: number, path: readonly PropertyKey[], problems: ProblemList): SafetyTrigger[] {
  return entries
    .map((item, position) => parseTrigger(item, window, [...path, position], problems))
    .filter((parsed): parsed is SafetyTrigger => parsed !== undefined);
}

function parseIgnore(entries: readonly string[] | undefined, path: readonly PropertyKey[], problems: ProblemList): Phrase[] {
  return (entries ?? []).map((source, position) => problems.phrase(source, [...path, position])).filter((phrase): phrase is Phrase => phrase !== undefined);
}

/** Reports a second use of an id, naming the line of the first. */
function checkUniqueIds(file: YamlFile, list: 'concepts' | 'rules' | 'checks', ids: readonly string[], field: string, problems: ProblemList): void {
  const first = new Map<string, number>();
  ids.forEach((id, index) => {
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, index);
      return;
    }
    const line = file.lineOf([list, earlier, field]);
    problems.add([list, index, field], `"${id}" is already used in ${list}${line === undefined ? '' : ` (line ${line})`}`);
  });
}

/**
 * Concepts in file order: each may use the concepts above it (@id) in its terms, so a broad concept
 * ("pain-or-discomfort") can be built from narrower ones.
 */
function parseConcepts(data: SafetyFile, vocabularies: Map<string, ConceptVocabulary>, problems: ProblemList): SafetyConcept[] {
  return data.concepts.flatMap((entry, index): SafetyConcept[] => {
    const special = (SPECIAL_CONCEPTS as readonly string[]).includes(entry.id);
    const terms = entry.terms.map((source, position) => problems.phrase(source, ['concepts', index, 'terms', position], special));
    const ignore = parseIgnore(entry.ignore, ['concepts', index, 'ignore'], problems);
    if (!terms.every((term): term is Phrase => term !== undefined)) return [];
    const merged: Phrase = {
      source: `@${entry.id}`,
      alternatives: terms.flatMap((term) => term.alternatives),
      ignore: [...ignore, ...terms.flatMap((term) => term.ignore)],
    };
    if (!vocabularies.has(entry.id)) vocabularies.set(entry.id, merged);
    return [{ id: entry.id, label: entry.label, terms: merged, ignore: merged.ignore }];
  });
}

/**
 * Validates safety.yaml and parses every pattern. Any problem (schema, duplicate id, malformed
 * pattern, unknown concept or placeholder) is reported as a KnowledgeBaseError naming the file,
 * entry, field and line, so the bot never runs with a safety rule silently disabled.
 */
export function loadSafetyRules(file: YamlFile): SafetyRules {
  const data = file.validate(safetyFileSchema);
  const vocabularies = new Map<string, ConceptVocabulary>();
  const problems = new ProblemList(file, vocabularies);
  checkMessages(data.messages, problems);
  checkUniqueIds(file, 'concepts', data.concepts.map((concept) => concept.id), 'id', problems);
  checkUniqueIds(file, 'rules', data.rules.map((rule) => rule.id), 'id', problems);
  checkUniqueIds(file, 'checks', (data.checks ?? []).map((check) => check.concept), 'concept', problems);

  const concepts = parseConcepts(data, vocabularies, problems);
  for (const special of REQUIRED_SPECIAL_CONCEPTS) {
    if (!vocabularies.has(special)) problems.add(['concepts'], `needs a concept with id "${special}" (the bot uses it to tell general questions and other people's old injuries from a patient's own symptoms)`);
  }

  const checkConcepts = new Set((data.checks ?? []).map((check) => check.concept));
  const rules = data.rules.map((entry, index): SafetyRule => {
    const window = entry.window ?? DEFAULT_TRIGGER_WINDOW;
    // Every way of asking instead of firing asks the rule's check question.
    const asksInstead = { askIfSomeoneElse: entry.askIfSomeoneElse === true, askIfAlso: entry.askIfAlso !== undefined, askIfMessageSays: entry.askIfMessageSays !== undefined };
    for (const [field, given] of Object.entries(asksInstead)) {
      if (given && entry.check === undefined) problems.add(['rules', index, field], 'needs "check:" too: the question to ask instead');
    }
    if (entry.check !== undefined && !checkConcepts.has(entry.check)) {
      problems.add(['rules', index, 'check'], `there is no check question for "${entry.check}" (add one under "checks:" with concept: ${entry.check})`);
    }
    if (entry.escalate !== undefined) {
      const escalation = (data.checks ?? []).find((check) => check.concept === entry.escalate);
      if (entry.level !== 'red-flag') problems.add(['rules', index, 'escalate'], 'is only for red-flag rules: an emergency rule already gives the emergency reply');
      else if (escalation === undefined) problems.add(['rules', index, 'escalate'], `there is no check question for "${entry.escalate}" (add one under "checks:" with concept: ${entry.escalate})`);
      else if (escalation.level !== 'emergency') problems.add(['rules', index, 'escalate'], `must name an emergency check: the check "${entry.escalate}" has level: ${escalation.level}`);
    }
    return {
      id: entry.id,
      level: entry.level,
      reply: entry.reply ?? entry.level,
      label: entry.label,
      triggers: parseTriggers(entry.match, window, ['rules', index, 'match'], problems),
      ignore: parseIgnore(entry.ignore, ['rules', index, 'ignore'], problems),
      exceptLongAgo: entry.exceptLongAgo ?? false,
      check: entry.check,
      askIfSomeoneElse: entry.askIfSomeoneElse ?? false,
      askIfAlso: parseIgnore(entry.askIfAlso, ['rules', index, 'askIfAlso'], problems),
      askIfMessageSays: parseIgnore(entry.askIfMessageSays, ['rules', index, 'askIfMessageSays'], problems),
      escalate: entry.escalate,
    };
  });

  const checks = (data.checks ?? []).map((entry, index): SafetyCheck => {
    if (!vocabularies.has(entry.concept)) problems.add(['checks', index, 'concept'], `there is no concept "${entry.concept}" (concepts are listed under "concepts:")`);
    const window = entry.window ?? DEFAULT_TRIGGER_WINDOW;
    return {
      concept: entry.concept,
      level: entry.level,
      reply: entry.reply ?? entry.level,
      triggers: parseTriggers(entry.askWhen, window, ['checks', index, 'askWhen'], problems),
      ignore: parseIgnore(entry.ignore, ['checks', index, 'ignore'], problems),
      exceptLongAgo: entry.exceptLongAgo ?? false,
      learnFrom: entry.learnFrom ?? [],
      question: entry.question,
    };
  });

  if (problems.problems.length > 0) throw new KnowledgeBaseError(problems.problems);
  const messages: SafetyRules['messages'] = Object.fromEntries(
    SAFETY_LANGUAGES.flatMap((language) => (data.messages[language] === undefined ? [] : [[language, data.messages[language] as SafetyMessages]])),
  ) as SafetyRules['messages'];
  return { messages, concepts, rules, checks };
}
