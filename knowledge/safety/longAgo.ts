import type { ClausedTokens } from './negation';
import { PhraseIndex } from './phraseIndex';
import { builtInPhrase, type Phrase, type TokenSpan } from './safetyPattern';

/**
 * An injury the patient places clearly in the past ("I broke my ankle ten years ago", "a fall as a
 * child", "an old fracture") is history, not a red flag. Rules marked `exceptLongAgo` skip such
 * mentions, under narrow conditions, because a wrongly skipped injury is a false "all clear":
 * - the time phrase must be attached to the injury: in the same clause, at most a few words away,
 *   with no word that starts a new statement ("and", "then", "now"…) in between;
 * - any sign of recency in the same clause ("yesterday", "again", "just"…) keeps the match.
 */
const LONG_AGO_PHRASES: readonly string[] = [
  'years ago|year ago|yrs ago|yr ago|years back|yrs back|decades ago|a long time ago|long time ago|long ago|ages ago|years before|many years|seasons ago|seasons back',
  'in the sixties|in the seventies|in the eighties|in the nineties|in the 60s|in the 70s|in the 80s|in the 90s|back in the 60s|back in the 70s|back in the 80s|back in the 90s',
  'as a kid|as a child|as a teenager|as a teen|as a boy|as a girl|as a lad|when i was a kid|when i was a child|when i was young|when i was younger|when i was little|when i was small|when i was a teenager|when i was teenager|when i was a teen|in childhood|from childhood|in my teens|in my twenties|in high school|at school',
  // A lasting habit rather than an event: "knuckles deformed from years of boxing".
  'years of|from years of|decades of',
  'fully healed|all healed|long healed|healed up|has healed|have healed|had healed|old injury|old injuries|old fracture|old fractures|old break|old accident|old whiplash',
  'in his day|in her day|in my day|back in the day|back then|in his youth|in her youth|in my youth|at uni|at university|at college|in college|years back',
  // Spanish ("hace años", "de niño"; accents are folded away before matching).
  'hace anos|hace muchos anos|hace mas de|hace tres anos|hace cuatro anos|hace cinco anos|hace seis anos|hace siete anos|hace ocho anos|hace nueve anos|hace diez anos|hace once anos|hace doce anos|hace quince anos|hace veinte anos|hace treinta anos|hace cuarenta anos|hace cincuenta anos|de joven|cuando joven|anos atras|de nino|de nina|de pequeno|de pequena|de chiquito|de chiquita|de chamaco|de chamaca|de cipote|de cipota|de chavalo|de chavala|de chamo|de chama|de guagua|de carajito|de chico|de chica|cuando era nino|cuando era nina|cuando era joven|cuando era chico|cuando era chica|cuando era chiquito|cuando era chiquita',
];

/**
 * Words saying an old problem is over ("all healed now", "been cleared", "no problems since"). Unlike a
 * date they often sit in the next clause ("I had a concussion at 15 but I've been fine since"), so they
 * count anywhere in the message, provided nothing in the message suggests anything recent.
 */
const RESOLVED_PHRASES: readonly string[] = [
  'fine now|totally fine|all fine|been fine|fine since|fine ever since|all good now|all good since|fully recovered|recovered fully|fully healed|all healed|healed fine|healed up|healed well|long healed|been cleared|got cleared|was cleared|cleared to play|cleared by|no problems since|no probs since|no issues since|no trouble since|never bothered me since|back to normal|back to full|no residual|resolved|totally recovered|completely recovered|all recovered|recovered well|made a full recovery|full recovery|sorted it out|got it sorted|all sorted|all cleared up|cleared up now|cleared up fine|right as rain|all clear now|given the all clear|got the all clear',
  'ya sano|ya sane|sane bien|sano bien|me recupere|se recupero|ya estoy bien|ya esta bien|recuperad*|sin problemas desde',
];

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

const PHRASES: readonly Phrase[] = LONG_AGO_PHRASES.map((source) => builtInPhrase(source));
const RESOLVED: readonly Phrase[] = RESOLVED_PHRASES.map((source) => builtInPhrase(source));
/** One index over both lists, so a message is scanned once, in time proportional to its length. */
const INDEX = new PhraseIndex([...PHRASES, ...RESOLVED]);

function spansIn(message: ClausedTokens, phrases: readonly Phrase[]): TokenSpan[] {
  const found = INDEX.scan(message.tokens);
  return phrases.flatMap((phrase) => [...(found.get(phrase) ?? [])]);
}

/** Recency that outweighs "it's all healed now" anywhere in a message ("just" is too common to count here). */
const CLEARLY_RECENT: ReadonlySet<string> = new Set([...RECENT_WORDS].filter((word) => word !== 'just'));

const overByMessage = new WeakMap<ClausedTokens, boolean>();

/** True when the message says an old problem is over and mentions nothing recent (worked out once per message). */
export function saysItIsOver(message: ClausedTokens): boolean {
  const known = overByMessage.get(message);
  if (known !== undefined) return known;
  const over = !message.tokens.some((token) => CLEARLY_RECENT.has(token)) && spansIn(message, RESOLVED).length > 0;
  overByMessage.set(message, over);
  return over;
}

/** "in 2009", "back in 2011", "ACL repair 2018": a year that is clearly not recent; "hace (como) 6 años". */
function yearSpans(tokens: readonly string[], currentYear: number): TokenSpan[] {
  const spans: TokenSpan[] = [];
  tokens.forEach((token, index) => {
    if (/^(19|20)\d\d$/.test(token) && Number(token) <= currentYear - MIN_YEARS_BACK) spans.push({ start: index, end: index + 1 });
    // "hace 6 años", "hace como 6 años", "hace unos 6 años".
    if (token !== 'hace') return;
    const number = ['como', 'unos', 'unas'].includes(tokens[index + 1] ?? '') ? index + 2 : index + 1;
    if (/^\d+$/.test(tokens[number] ?? '') && ['anos', 'ano'].includes(tokens[number + 1] ?? '')) spans.push({ start: index, end: number + 2 });
  });
  return spans;
}

/** "when i was 9", "when he was 12". */
function youthAgeSpans(tokens: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  tokens.forEach((token, index) => {
    if (token !== 'when' || !['was', 'were'].includes(tokens[index + 2] ?? '')) return;
    const age = tokens[index + 3] ?? '';
    if (/^\d{1,2}$/.test(age) && Number(age) <= MAX_YOUTH_AGE) spans.push({ start: index, end: index + 4 });
  });
  return spans;
}

/** Where the message places things long ago, found once per message. */
export function findLongAgoSpans(message: ClausedTokens, currentYear = new Date().getFullYear()): TokenSpan[] {
  return [...spansIn(message, PHRASES), ...yearSpans(message.tokens, currentYear), ...youthAgeSpans(message.tokens)];
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
