import type { ClausedTokens } from './negation';
import type { TokenSpan } from './safetyPattern';

/**
 * An injury the patient places clearly in the past ("I broke my ankle ten years ago", "a fall as a
 * child", "an old fracture") is history, not a red flag. Rules marked `exceptLongAgo` skip such
 * mentions, under narrow conditions, because a wrongly skipped injury is a false "all clear":
 * - the time phrase must be attached to the injury: in the same clause, at most a few words away,
 *   with no word that starts a new statement ("and", "then", "now"…) in between;
 * - any sign of recency in the same clause ("yesterday", "again", "just"…) keeps the match.
 * The time phrases are safety.yaml's long-ago concept; years ("in 2009") and ages ("when I was 9")
 * are read here. The healed concept ("all healed now") ends such rules too, see readLongAgo.
 */

/** A calendar year at least this many years back ("in 2009") places an injury long ago; "last year" does not. */
const MIN_YEARS_BACK = 3;
/** "when i was 9": an age at most this is childhood or youth. */
const MAX_YOUTH_AGE = 25;

/** Any of these in the same clause means something may also have happened recently. */
const RECENT_WORDS: ReadonlySet<string> = new Set([
  'yesterday', 'today', 'tonight', 'morning', 'just', 'again', 'recently', 'lately', 'week', 'weekend', 'hours', 'days', 'fresh',
  'ayer', 'hoy', 'anoche', 'manana', 'semana', 'horas', 'dias', 'reciente', 'recientemente', 'otra',
]);

/** Words that start a new statement: a time phrase across one of these belongs to something else. */
export const STATEMENT_BREAKS: ReadonlySet<string> = new Set(['and', 'but', 'then', 'now', 'also', 'plus', 'again', 'so', 'because', 'since', 'after', 'before']);

/** How far from the injury the time phrase may sit ("broke my ankle about ten years ago" has 2 words between). */
const MAX_WORDS_BETWEEN = 6;

/** Recency that outweighs "it's all healed now" anywhere in a message ("just" is too common to count here). */
const CLEARLY_RECENT: ReadonlySet<string> = new Set([...RECENT_WORDS].filter((word) => word !== 'just'));

/** What a message says about the past, for rules marked exceptLongAgo: where it places things long ago, and whether it says an old problem is over. */
export interface LongAgo {
  readonly spans: readonly TokenSpan[];
  readonly over: boolean;
}

/** Passed for rules that do not skip injuries placed long ago. */
export const NOT_LONG_AGO: LongAgo = { spans: [], over: false };

/**
 * What the message says about the past, from where safety.yaml's long-ago and healed concepts matched.
 * The message says an old problem is over when a healed phrase ("all healed now", "been fine since")
 * occurs and nothing recent does: unlike a date, such words often sit in the next clause ("I had a
 * concussion at 15 but I've been fine since"), so they count anywhere in the message.
 */
export function readLongAgo(message: ClausedTokens, longAgoPhrases: readonly TokenSpan[], healedPhrases: readonly TokenSpan[], currentYear = new Date().getFullYear()): LongAgo {
  return {
    spans: [...longAgoPhrases, ...yearSpans(message.tokens, currentYear), ...youthAgeSpans(message.tokens)],
    over: healedPhrases.length > 0 && !message.tokens.some((token) => CLEARLY_RECENT.has(token)),
  };
}

/** Spanish counts of years, as "hace dos años" and "hace como veinte años" spell them. */
const SPANISH_COUNTS: ReadonlySet<string> = new Set([
  'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciseis',
  'diecisiete', 'dieciocho', 'diecinueve', 'veinte', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'varios', 'muchos',
]);

/** "in 2009", "back in 2011", "ACL repair 2018": a year that is clearly not recent; "hace (como) 6 años", "hace unos dos años". */
function yearSpans(tokens: readonly string[], currentYear: number): TokenSpan[] {
  const spans: TokenSpan[] = [];
  tokens.forEach((token, index) => {
    if (/^(19|20)\d\d$/.test(token) && Number(token) <= currentYear - MIN_YEARS_BACK) spans.push({ start: index, end: index + 1 });
    // "hace 6 años", "hace como 6 años", "hace unos 6 años".
    if (token !== 'hace') return;
    const number = ['como', 'unos', 'unas'].includes(tokens[index + 1] ?? '') ? index + 2 : index + 1;
    const count = tokens[number] ?? '';
    if ((/^\d+$/.test(count) || SPANISH_COUNTS.has(count)) && ['anos', 'ano'].includes(tokens[number + 1] ?? '')) spans.push({ start: index, end: number + 2 });
  });
  return spans;
}

/** "when i was 9", "when he was 12"; Spanish "a los 12", "con 12 años", "cuando tenía 12". */
function youthAgeSpans(tokens: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  const isYouth = (age: string | undefined): boolean => /^\d{1,2}$/.test(age ?? '') && Number(age) <= MAX_YOUTH_AGE;
  tokens.forEach((token, index) => {
    if (token === 'when' && ['was', 'were'].includes(tokens[index + 2] ?? '') && isYouth(tokens[index + 3])) spans.push({ start: index, end: index + 4 });
    if (token === 'a' && tokens[index + 1] === 'los' && isYouth(tokens[index + 2])) spans.push({ start: index, end: index + 3 });
    if (token === 'con' && isYouth(tokens[index + 1]) && ['anos', 'ano'].includes(tokens[index + 2] ?? '')) spans.push({ start: index, end: index + 3 });
    if (token === 'cuando' && ['tenia', 'tenias'].includes(tokens[index + 1] ?? '') && isYouth(tokens[index + 2])) spans.push({ start: index, end: index + 3 });
  });
  return spans;
}

function gapIsAttached(message: ClausedTokens, from: number, to: number): boolean {
  if (to - from > MAX_WORDS_BETWEEN) return false;
  for (let index = from; index < to; index += 1) {
    if (STATEMENT_BREAKS.has(message.tokens[index] ?? '')) return false;
  }
  return true;
}

/** Words that may come before a time phrase that opens its clause: "…, like 30 years ago". */
const TIME_LEAD_INS: ReadonlySet<string> = new Set([
  'like', 'about', 'around', 'maybe', 'oh', 'um', 'roughly', 'nearly', 'over', 'more', 'than', 'some', 'a', 'few', 'couple', 'of', 'several', 'many',
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'como', 'hace', 'unos', 'unas', 'muchos',
  // Pointing back at what the clause before told: "…, that was 30 years ago", "tuve dos cesáreas, la última hace 9 años".
  'that', 'was', 'it', 'the', 'last', 'one', 'first', 'eso', 'fue', 'la', 'el', 'ultima', 'ultimo', 'primera', 'primero',
  // Guessing the date: "…, must be 30 years ago", "…, probably 20 years back".
  'must', 'be', 'probably', 'reckon', 'would', 'have', 'been', 'easily', 'at', 'least', 'debe', 'ser', 'seran',
]);

/** "had my back operated when I was 40, thirty years ago": a time phrase opening the very next clause dates it too. */
function opensNextClause(message: ClausedTokens, clause: number | undefined, span: TokenSpan, end: number): boolean {
  if (clause === undefined || message.clauseOf[span.start] !== clause + 1 || span.start - end > MAX_WORDS_BETWEEN) return false;
  for (let index = span.start - 1; index >= 0 && message.clauseOf[index] === clause + 1; index -= 1) {
    const token = message.tokens[index] ?? '';
    if (!TIME_LEAD_INS.has(token) && !/^\d{1,3}$/.test(token)) return false;
  }
  return true;
}

/** A clause this short after the dated one is a fragment telling more of it: "broke my back in 1979, roof fall". */
const MAX_FRAGMENT_WORDS = 3;

/** Words of today in a fragment: "had a stroke in 2015, face drooping now" is today's news. */
const NOW_WORDS: ReadonlySet<string> = new Set(['now', 'still', 'currently', 'ahora', 'todavia', 'aun']);

/** Whether the clause is a short fragment, with nothing of today in it, right after a clause holding a time phrase. */
function followsDatedClause(message: ClausedTokens, clause: number | undefined, longAgo: readonly TokenSpan[]): boolean {
  if (clause === undefined || clause === 0) return false;
  const words = message.tokens.filter((_token, index) => message.clauseOf[index] === clause);
  if (words.length > MAX_FRAGMENT_WORDS || words.some((word) => NOW_WORDS.has(word))) return false;
  return longAgo.some((span) => message.clauseOf[span.start] === clause - 1);
}

/** Whether a matched injury (its spans) is placed long ago, with nothing in its clause suggesting it is recent. */
export function isPlacedLongAgo(message: ClausedTokens, matched: readonly TokenSpan[], longAgo: readonly TokenSpan[]): boolean {
  if (matched.length === 0 || longAgo.length === 0) return false;
  const start = Math.min(...matched.map((span) => span.start));
  const end = Math.max(...matched.map((span) => span.end));
  const clause = message.clauseOf[start];
  const inClause = (index: number): boolean => message.clauseOf[index] === clause;
  for (let index = 0; index < message.tokens.length; index += 1) {
    if (inClause(index) && RECENT_WORDS.has(message.tokens[index] ?? '')) return false;
  }
  if (followsDatedClause(message, clause, longAgo)) return true;
  return longAgo.some((span) => {
    if (!inClause(span.start)) return opensNextClause(message, clause, span, end);
    if (span.start < end && start < span.end) return true;
    return span.start >= end ? gapIsAttached(message, end, span.start) : gapIsAttached(message, span.end, start);
  });
}
