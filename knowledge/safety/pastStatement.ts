import type { ClausedTokens } from './negation';
import { findLongAgoSpans, saysItIsOver } from './longAgo';
import { PhraseIndex } from './phraseIndex';
import { parsePhrase, type Phrase, type TokenSpan } from './safetyPattern';

/**
 * Signs that a red flag the rules found may not be a current problem of the person writing: saying
 * outright that it is not meant ("my back is broken, not literally"), or, for rules where timing
 * decides (exceptLongAgo), a past placed anywhere in the message ("my mate tore his pec last year",
 * "all mended long ago") with nothing recent in it. Such a red flag is asked about (its check
 * question) instead of given outright: a yes still gives the red-flag reply, so a doubt never
 * becomes an "all clear". Emergencies are never softened this way; nor is a red flag that asks an
 * emergency check first (escalate) by a denial alone, nor one the message's emergency words touch.
 */
/** Saying outright that it is not meant literally: counts anywhere in the message. */
const NOT_LITERAL_PHRASES: readonly string[] = ['not literally|not actually|just kidding|only joking|jk|j k|figure of speech|so to speak|kidding'];
// Laughter ("lol", "jaja") is not a sign: on the team's own sets it sat beside real red flags as often
// as beside jokes ("swollen out of nowhere lol cant even put a sock on").

/** A past that is not "long ago" for an injury, but is for a red flag that means "recent": last year, last season. */
const PAST_PHRASES: readonly string[] = [
  'last year|a year ago|year before last|last season|previous season|couple of years ago|few years ago|in the nineties|in the 90s|in the eighties|in the 80s|el ano pasado|hace un ano',
  'as a boy|as a girl|as a lad|as a lass|when i was a teenager|when i was teenager|when i was child|when i was a boy|when i was a girl|when i was little|in highschool|in secondary school|in primary school|in year|at uni|growing up',
  'late husband|late wife|late mother|late father|late mum|late dad|late brother|late sister|late son|late daughter|passed away|who died|before she died|before he died|in remission|survivor|all clear|been clear|long since|fully back|back playing|back training|grand now|grand noo',
];

/** Words that place something now or lately: with one in the message, a past elsewhere in it is no doubt. */
const RECENT_TOKENS: ReadonlySet<string> = new Set(['yesterday', 'today', 'tonight', 'now', 'currently', 'recently', 'lately', 'again', 'fresh', 'week', 'weekend', 'days', 'hours', 'morning', 'ayer', 'hoy', 'ahora', 'otra', 'semana', 'dias', 'horas', 'reciente', 'recientemente']);

function parseBuiltIn(source: string): Phrase {
  const parsed = parsePhrase(source, undefined, { allowCommonWords: true });
  if (!parsed.ok) throw new Error(`Bad built-in phrase "${source}": ${parsed.problem}`);
  return parsed.phrase;
}

const NOT_LITERAL = NOT_LITERAL_PHRASES.map(parseBuiltIn);
const PAST = PAST_PHRASES.map(parseBuiltIn);
const INDEX = new PhraseIndex([...NOT_LITERAL, ...PAST]);

export type CurrencyDoubt = 'joking' | 'past';

/**
 * Why the message gives reason to doubt that a red flag in it is the writer's current problem, if it
 * does. `recent` are the positions of the safety file's own recent words
 * ("this morning", "on Monday").
 */
export function currencyDoubt(message: ClausedTokens, recent: readonly TokenSpan[]): CurrencyDoubt | undefined {
  const found = INDEX.scan(message.tokens);
  if (NOT_LITERAL.some((phrase) => found.has(phrase))) return 'joking';
  const anythingRecent = recent.length > 0 || message.tokens.some((token) => RECENT_TOKENS.has(token));
  if (anythingRecent) return undefined;
  return PAST.some((phrase) => found.has(phrase)) || findLongAgoSpans(message).length > 0 || saysItIsOver(message) ? 'past' : undefined;
}
