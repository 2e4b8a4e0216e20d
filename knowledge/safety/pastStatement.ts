import type { ClausedTokens } from './negation';
import { STATEMENT_BREAKS } from './longAgo';
import { PhraseIndex } from './phraseIndex';
import { builtInPhrase, type TokenSpan } from './safetyPattern';

/**
 * A red flag whose rule turns on timing (exceptLongAgo) may be placed in the past in its own statement
 * without being "long ago": "my mate tore his pec last year", "had a concussion in high school",
 * "came off my bike as a boy". Such a red flag is asked about (its check question) instead of given
 * outright: a yes still gives the red-flag reply, so a doubt never becomes an "all clear". Only the
 * statement the red flag stands in counts (its clause, between words such as "and" or "but"), so
 * another sentence can never soften it ("the scar healed years ago. I bumped my head"), and anything
 * recent in that statement keeps it. Emergencies are never softened this way.
 */
const PAST_PHRASES: readonly string[] = [
  'last year|a year ago|year before last|last season|previous season|couple of years ago|few years ago|in the nineties|in the 90s|in the eighties|in the 80s|el ano pasado|hace un ano',
  'as a boy|as a girl|as a lad|as a lass|when i was a teenager|when i was teenager|when i was child|when i was a boy|when i was a girl|when i was little|in highschool|in secondary school|in primary school|in year|at uni|growing up',
  'in remission|long since|years back',
];

/** Words that place something now or lately: one in the statement keeps the red flag. */
const RECENT_TOKENS: ReadonlySet<string> = new Set(['yesterday', 'today', 'tonight', 'now', 'currently', 'recently', 'lately', 'again', 'fresh', 'week', 'weekend', 'days', 'hours', 'morning', 'ayer', 'hoy', 'ahora', 'otra', 'semana', 'dias', 'horas', 'reciente', 'recientemente']);

const PAST = PAST_PHRASES.map((source) => builtInPhrase(source, { allowCommonWords: true }));
const INDEX = new PhraseIndex(PAST);

/** Where the message places anything in the past: these phrases, or the long-ago ones (`longAgo`, found by readLongAgo). */
export function findPastSpans(message: ClausedTokens, longAgo: readonly TokenSpan[]): TokenSpan[] {
  const found = INDEX.scan(message.tokens);
  return [...PAST.flatMap((phrase) => [...(found.get(phrase) ?? [])]), ...longAgo];
}

/**
 * The positions of the statement a red flag (matched at `matched`) stands in, when that statement
 * places it in the past (`past`, from findPastSpans) and says nothing recent; otherwise undefined.
 * `recent` are the positions of the safety file's own recent words ("this morning", "on Monday").
 */
export function pastStatementAround(message: ClausedTokens, matched: readonly TokenSpan[], recent: readonly TokenSpan[], past: () => readonly TokenSpan[]): ReadonlySet<number> | undefined {
  if (matched.length === 0) return undefined;
  const { tokens, clauseOf } = message;
  const start = Math.min(...matched.map((span) => span.start));
  const end = Math.max(...matched.map((span) => span.end));
  const clause = clauseOf[start];
  let from = start;
  while (from > 0 && clauseOf[from - 1] === clause && !STATEMENT_BREAKS.has(tokens[from - 1] ?? '')) from -= 1;
  let to = end;
  while (to < tokens.length && clauseOf[to] === clause && !STATEMENT_BREAKS.has(tokens[to] ?? '')) to += 1;
  const inside = (span: TokenSpan): boolean => span.start >= from && span.end <= to;
  for (let index = from; index < to; index += 1) if (RECENT_TOKENS.has(tokens[index] ?? '')) return undefined;
  if (recent.some((span) => span.start < to && span.end > from)) return undefined;
  if (!past().some(inside)) return undefined;
  const positions = new Set<number>();
  for (let index = from; index < to; index += 1) positions.add(index);
  return positions;
}
