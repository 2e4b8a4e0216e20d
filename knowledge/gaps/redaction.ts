import { anyPerson, PhraseIndex } from '../safety/phraseIndex';
import type { Phrase } from '../safety/safetyPattern';
import { isLowerCaseEnglishWord } from '../text/englishDictionary';
import { normalizeText } from '../text/normalizeText';

/** The most a gaps record keeps of a message, after redaction. */
export const MAX_GAP_TEXT = 200;

/** Only the start of a very long message is redacted and kept: the record keeps 200 characters anyway. */
const MAX_REDACTED_INPUT = 2000;

/** What a removed stretch of text becomes, in square brackets. */
export const REDACTION_LABELS = ['email', 'link', 'phone', 'date', 'number', 'name', 'redacted'] as const;
export type RedactionLabel = (typeof REDACTION_LABELS)[number];

/**
 * While redacting, a removed stretch is a private-use marker with no letters or digits, so later
 * steps can neither match inside it nor mistake it for the patient's words; it becomes "[label]" at the end.
 */
const marker = (label: RedactionLabel): string => `\uE000${String.fromCharCode(0xe010 + REDACTION_LABELS.indexOf(label))}\uE001`;
const MARKER = /\uE000([\uE010-\uE01F])\uE001/gu;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec';
/** Month names that are also everyday words ("may", "march"), and abbreviations, count only beside a number. */
const MONTHS_ALONE = 'january|february|april|june|july|august|september|october|november|december';
const ORDINAL = '(?:st|nd|rd|th)?';

/** Pattern, label: applied in this order, each to what the ones before left. */
const PATTERNS: readonly (readonly [RegExp, RedactionLabel])[] = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, 'email'],
  [/\b(?:https?:\/\/|www\.)\S+/giu, 'link'],
  [/\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|edu|gov|io|co|uk|ca|au|nz|ie|de|fr|es|info|biz|me|us|health|app|dev|clinic)\b(?:\/\S*)?/giu, 'link'],
  // Numeric dates before phone numbers, which would take "2024-03-12" for one.
  [/\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{1,2}\/\d{1,2}\b/gu, 'date'],
  [new RegExp(`\\b\\d{1,2}${ORDINAL}(?:\\s+of)?\\s+(?:${MONTHS})\\b\\.?(?:,?\\s+\\d{2,4}\\b)?`, 'giu'), 'date'],
  [new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,4}${ORDINAL}\\b(?:,?\\s+\\d{2,4}\\b)?`, 'giu'), 'date'],
  [new RegExp(`\\b(?:${MONTHS_ALONE})\\b`, 'giu'), 'date'],
  // Seven digits or more, with the separators phone numbers are written with.
  [/(?:\+|\b)\d(?:[\s().-]*\d){6,}\b/gu, 'phone'],
  [/\d+(?:[.,:]\d+)*(?:st|nd|rd|th)?/gu, 'number'],
  [/\b(?:(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]?(?:one|two|three|four|five|six|seven|eight|nine))?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|thousand|million)\b/giu, 'number'],
];

/** After these, the next word is a name whatever it looks like: "my name is jo". */
const NAME_IS = /\b(?:my\s+name\s+is|my\s+names|my\s+name['’]s|name['’]s|i\s+am\s+called|i['’]?m\s+called|me\s+llamo|mi\s+nombre\s+es)\s+/giu;
/** After these, a word that looks like a name is one: "I'm Sarah", "im priya", "call me Bea", but not "I'm worried" or "call me back". */
const I_AM = /\b(?:i['’]?m|i\s+am|this\s+is|call\s+me|soy)\s+/giu;
const WORD = /^[\p{L}][\p{L}'’-]*/u;
const TITLES: ReadonlySet<string> = new Set(['dr', 'doctor', 'mr', 'mrs', 'ms', 'miss', 'mx', 'sr', 'sra']);

/** Words a capital letter does not make a name after "I'm": "I'm Not sure", "I'm A runner". */
const NOT_NAMES: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'not', 'so', 'very', 'really', 'just', 'in', 'on', 'at', 'from', 'here', 'new', 'also', 'still', 'now',
  'looking', 'wondering', 'curious', 'interested', 'trying', 'going', 'having', 'getting', 'feeling', 'thinking', 'asking',
  'sure', 'ok', 'okay', 'fine', 'good', 'well', 'back', 'only', 'about', 'over', 'under', 'too', 'quite', 'pretty', 'never',
  'always', 'currently', 'hoping', 'planning', 'considering', 'calling', 'writing', 'reaching', 'your', 'my', 'no', 'yes',
  'and', 'or', 'but', 'with', 'for', 'to', 'of', 'i', 'it', 'is', 'this', 'that', 'what', 'how', 'can', 'do', 'does',
  'later', 'tomorrow', 'today', 'anytime', 'whenever', 'when', 'if', 'by', 'via', 'asap', 'please', 'pls',
]);

/** "Sarah" or "sarah" after "im" is a name; "worried" and "gonna" (which normalizeText spells out) are not. */
function looksLikeName(word: string): boolean {
  const lower = word.toLowerCase().replace(/['’]/g, '');
  if (NOT_NAMES.has(lower)) return false;
  if (/^\p{Lu}/u.test(word)) return true;
  const tokens = normalizeText(word).tokens;
  if (tokens.length !== 1 || tokens[0] !== lower) return false;
  return !isLowerCaseEnglishWord(lower);
}

/** Where the name starting at `start` ends (a first name, a capitalised surname, a title's name), or undefined for no name. */
function nameEnd(text: string, start: number, always: boolean): number | undefined {
  const first = WORD.exec(text.slice(start))?.[0];
  if (first === undefined || NOT_NAMES.has(first.toLowerCase()) || !(always || looksLikeName(first))) return undefined;
  let end = start + first.length;
  const title = TITLES.has(first.toLowerCase());
  const next = /^\.?\s+([\p{L}][\p{L}'’-]*)/u.exec(text.slice(end));
  const second = next?.[1];
  if (next !== null && second !== undefined && (title || (/^\p{Lu}/u.test(second) && looksLikeName(second)))) end += next[0].length;
  return end;
}

function redactNames(text: string): string {
  let current = text;
  for (const [cue, always] of [[NAME_IS, true], [I_AM, false]] as const) {
    let result = '';
    let from = 0;
    for (const match of current.matchAll(cue)) {
      const after = match.index + match[0].length;
      if (after <= from) continue;
      const end = nameEnd(current, after, always);
      if (end === undefined) continue;
      result += current.slice(from, after) + marker('name');
      from = end;
    }
    current = result + current.slice(from);
  }
  return current;
}

/** A word of the text and where it is, to map matched tokens back to characters. */
interface WordAt {
  readonly start: number;
  readonly end: number;
}

/** How words are spelled out and corrected before matching: the router's own analysis, or plain normalization. */
export type AnalyzeWord = (word: string) => { readonly normalized: readonly string[]; readonly corrected: readonly string[] };

const plainAnalysis: AnalyzeWord = (word) => {
  const { tokens } = normalizeText(word);
  return { normalized: tokens, corrected: tokens };
};

/**
 * Takes out of a patient's message what must never be stored: email and web addresses, phone
 * numbers, dates, numbers (digits and words), a name after "my name is" or "I'm", and every word of
 * the sensitive terms (gaps.yaml) and safety.yaml's concepts, as typed and as the router's spelling
 * correction reads it. Then cuts it to MAX_GAP_TEXT characters. Removed parts become [email], [link],
 * [phone], [date], [number], [name] or [redacted].
 */
export class Redactor {
  private readonly terms: PhraseIndex;

  constructor(
    phrases: Iterable<Phrase>,
    private readonly analyzeWord: AnalyzeWord = plainAnalysis,
  ) {
    this.terms = new PhraseIndex(phrases, anyPerson);
  }

  redact(message: string): string {
    let text = cleanUp(message);
    for (const [pattern, label] of PATTERNS) text = text.replace(pattern, marker(label));
    // Terms before names, so a misspelled term ("pregnnat") is not taken for a name after "I'm".
    text = this.redactTerms(text);
    text = redactNames(text);
    const labelled = text
      .replace(new RegExp(`(?:${marker('redacted')}[\\s,/&+-]*)+${marker('redacted')}`, 'gu'), marker('redacted'))
      .replace(MARKER, (_whole, code: string) => `[${REDACTION_LABELS[code.charCodeAt(0) - 0xe010] ?? 'redacted'}]`);
    return cut(labelled.replace(/\s+/g, ' ').trim(), MAX_GAP_TEXT);
  }

  /** Every stretch of words a term or concept matches, as typed or spell-corrected, becomes [redacted]. */
  private redactTerms(text: string): string {
    const words: WordAt[] = [];
    const typed: string[] = [];
    const corrected: string[] = [];
    /** Which word each token came from: "can't" is two tokens of one word. */
    const wordOf: number[] = [];
    for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
      const { normalized, corrected: fixed } = this.analyzeWord(match[0]);
      words.push({ start: match.index, end: match.index + match[0].length });
      normalized.forEach((token, index) => {
        typed.push(token);
        corrected.push(fixed[index] ?? token);
        wordOf.push(words.length - 1);
      });
    }
    const hit = new Set<number>();
    for (const tokens of [typed, corrected]) {
      for (const spans of this.terms.scan(tokens).values()) {
        for (const span of spans) for (let index = span.start; index < span.end; index += 1) hit.add(wordOf[index] ?? -1);
      }
    }
    let result = '';
    let from = 0;
    words.forEach((word, index) => {
      if (!hit.has(index)) return;
      result += text.slice(from, word.start) + marker('redacted');
      from = word.end;
    });
    return result + text.slice(from);
  }
}

/** Invisible characters out (they could split a word past the matcher), one line, and only the start of a long message. */
function cleanUp(message: string): string {
  const text = message.normalize('NFKC').replace(/\p{Cf}+/gu, '').replace(/[\uE000-\uF8FF]/gu, '').replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_REDACTED_INPUT) return text;
  // Cut at a space, so no half word (half a number, half a term) is left at the end.
  const head = text.slice(0, MAX_REDACTED_INPUT);
  const space = head.lastIndexOf(' ');
  return space > 0 ? head.slice(0, space) : '';
}

/** At most `max` characters, cut at a space where one is near, with an ellipsis. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max * 0.6 ? head.slice(0, space) : head).trimEnd()}…`;
}
