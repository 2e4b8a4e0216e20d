import type { ClausedTokens } from './negation';
import { findPhrase, parsePhrase, type Phrase, type TokenSpan } from './safetyPattern';

/**
 * An injury the patient places clearly in the past ("I broke my ankle ten years ago", "a fall as a
 * child", "an old fracture") is history, not a red flag. Rules marked `exceptLongAgo` skip such
 * mentions, under narrow conditions, because a wrongly skipped injury is a false "all clear":
 * - the time phrase must be attached to the injury: in the same clause, at most a few words away,
 *   with no word that starts a new statement ("and", "then", "now"…) in between;
 * - any sign of recency in the same clause ("yesterday", "again", "just"…) keeps the match.
 */
const LONG_AGO_PHRASES: readonly string[] = [
  'years ago|year ago|decades ago|a long time ago|long time ago|long ago|ages ago',
  'as a kid|as a child|as a teenager|as a teen|when i was a kid|when i was a child|when i was young|when i was younger|in childhood|from childhood|in my teens|in my twenties|in high school|at school',
  'fully healed|all healed|long healed|healed up|has healed|have healed|had healed|old injury|old injuries|old fracture|old fractures|old break|old accident|old whiplash',
];

/** Any of these in the same clause means something may also have happened recently. */
const RECENT_WORDS: ReadonlySet<string> = new Set([
  'yesterday', 'today', 'tonight', 'morning', 'just', 'again', 'recently', 'lately', 'week', 'weekend', 'hours', 'days', 'fresh',
]);

/** Words that start a new statement: a time phrase across one of these belongs to something else. */
const STATEMENT_BREAKS: ReadonlySet<string> = new Set(['and', 'but', 'then', 'now', 'also', 'plus', 'again', 'so', 'because', 'since', 'after', 'before']);

/** How far from the injury the time phrase may sit ("broke my ankle about ten years ago" has 2 words between). */
const MAX_WORDS_BETWEEN = 4;

const PHRASES: readonly Phrase[] = LONG_AGO_PHRASES.map((source) => {
  const parsed = parsePhrase(source);
  if (!parsed.ok) throw new Error(`Bad built-in long-ago phrase "${source}": ${parsed.problem}`);
  return parsed.phrase;
});

/** Where the message places things long ago, found once per message. */
export function findLongAgoSpans(message: ClausedTokens): TokenSpan[] {
  return PHRASES.flatMap((phrase) => findPhrase(phrase, message.tokens));
}

function gapIsAttached(message: ClausedTokens, from: number, to: number): boolean {
  if (to - from > MAX_WORDS_BETWEEN) return false;
  for (let index = from; index < to; index += 1) {
    if (STATEMENT_BREAKS.has(message.tokens[index] ?? '')) return false;
  }
  return true;
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
  return longAgo.some((span) => {
    if (!inClause(span.start)) return false;
    if (span.start < end && start < span.end) return true;
    return span.start >= end ? gapIsAttached(message, end, span.start) : gapIsAttached(message, span.end, start);
  });
}
