import type { NormalizedText } from '../text/normalizeText';
import type { TokenSpan } from './safetyPattern';

/**
 * Negation scope for safety matches, so "no fever" or "i have not been in an accident" does not
 * block a healthy person, while a real symptom is never cancelled by a stray "no".
 *
 * The rules are deliberately narrow, because a wrongly negated symptom is a false "all clear":
 * - only a negation word shortly BEFORE the symptom counts, in the same clause (split at
 *   punctuation and "but", "however"...), with at most a few words in between;
 * - scope ends at words that start something new: "and", "since", "after", "i", "my"...;
 * - uncertainty is not negation: "not sure", "don't know", "don't think", "probably not";
 * - "no matter", "not getting better", "nothing helps" are not negations of what follows;
 * - a pattern that contains a negation word itself ("can not breathe", "no feeling") describes
 *   a symptom, and no outside negation cancels it.
 * When in doubt the match stands.
 */

const NEGATION_WORDS: ReadonlySet<string> = new Set([
  'no',
  'not',
  'never',
  'without',
  'nor',
  'neither',
  'none',
  'nothing',
  'deny',
  'denies',
  'denied',
  // Spanish: "sin fiebre", "nunca", "ni", "tampoco", "ningún".
  'sin',
  'nunca',
  'ni',
  'tampoco',
  'nada',
  'ningun',
  'ninguna',
  'jamas',
  // Tagalog: "hindi" (not), "wala nang lagnat" (no more fever), "walang pamamaga" (no swelling).
  'hindi',
  'wala',
  'walang',
]);

/** Negation words that can be the object of a negative symptom: "no siento nada", "can not feel nothing". */
const OBJECT_NEGATIONS: ReadonlySet<string> = new Set(['nada', 'nothing']);

/** Spanish forms of "haber" that sit between such a pronoun and the verb: "no me he caído". */
const SPANISH_AUXILIARIES: ReadonlySet<string> = new Set(['he', 'ha', 'has', 'han', 'hemos', 'habia', 'habian']);

/** Spanish pronouns that sit between "no" and its verb: "no me duele" denies the pain. */
const CLITICS: ReadonlySet<string> = new Set(['me', 'te', 'se', 'le', 'les', 'lo', 'la', 'nos']);

/** A negation word followed by one of these is an idiom or speculation, not a denial: "no matter", "not getting better", "nothing helps". */
const IDIOM_FOLLOWERS: ReadonlySet<string> = new Set([
  'matter', 'longer', 'only', 'just', 'one', 'doubt', 'wonder', 'reason', 'warning', 'end', 'change', 'relief',
  'better', 'worse', 'stop', 'stops', 'stopped', 'stopping', 'help', 'helps', 'helped', 'helping',
  'work', 'works', 'worked', 'working', 'improve', 'improves', 'improved', 'improving',
  'ease', 'eases', 'eased', 'easing', 'settle', 'settles', 'settled', 'settling',
  'go', 'goes', 'going', 'get', 'gets', 'getting', 'until', 'till',
  // "it can't be broken, can it?", "it shouldn't be infected": speculation, not a denial.
  'be',
]);

/** Uncertainty right after the negation word ("not sure", "don't know if", "can't tell whether"). */
const UNCERTAINTY_AFTER: ReadonlySet<string> = new Set([
  'sure', 'certain', 'positive', 'confident', 'convinced', 'know', 'knowing', 'knew', 'think', 'thinking', 'thought',
  'believe', 'remember', 'recall', 'tell', 'say', 'idea', 'clue', 'seem', 'seems', 'seemed', 'look', 'looks',
  'looked', 'appear', 'appears', 'appeared', 'sound', 'sounds', 'if', 'whether',
]);
const UNCERTAINTY_AFTER_REACH = 3;

/**
 * Uncertainty right before it ("probably not broken", "i hope it is not infected",
 * "not sure it is not fractured"). Even "i am sure it is not broken" counts: a patient's own
 * verdict on a possible fracture is not an all clear.
 */
const UNCERTAINTY_BEFORE: ReadonlySet<string> = new Set([
  'hope', 'hoping', 'hopefully', 'probably', 'maybe', 'might', 'may', 'perhaps', 'possibly', 'likely', 'guess',
  'think', 'thought', 'suppose', 'assume', 'doubt', 'unsure', 'wonder', 'sure', 'certain',
]);
const UNCERTAINTY_BEFORE_REACH = 3;

/** Words that start a new statement, ending a negation's reach: "no fever and i can't breathe". */
const SCOPE_ENDS: ReadonlySet<string> = new Set([
  'and', 'plus', 'also', 'so', 'because', 'cause', 'cos', 'since', 'after', 'before', 'following', 'from',
  'when', 'whenever', 'while', 'whilst', 'which', 'who', 'if', 'whether', 'though', 'although', 'but', 'however',
  'yet', 'except', 'besides', 'apart', 'aside', 'other', 'only', 'still', 'now', 'then', 'today', 'yesterday',
  'tonight', 'lately', 'recently', 'suddenly', 'i', 'me', 'he', 'she', 'we', 'they', 'you', 'it', 'him', 'them',
  'us', 'my', 'his', 'her', 'their', 'our', 'your',
  'y', 'pero', 'porque', 'desde', 'cuando', 'despues', 'ahora', 'yo', 'mi', 'mis',
]);

/** "chest is fine", "breathing's normal", "xray was clear", "pt has none of these": a denial AFTER the words. */
const VERDICT_VERBS: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'feels', 'feel', 'seems', 'looks', 'been', 'came', 'esta', 'estan']);
const ALL_CLEAR: ReadonlySet<string> = new Set(['fine', 'ok', 'okay', 'normal', 'clear', 'alright', 'negative', 'unremarkable', 'bien']);
/** Of those, the ones that deny on their own right after the words ("chest fine"); "respirar bien" is "breathe well". */
const ALL_CLEAR_ALONE: ReadonlySet<string> = new Set(['fine', 'ok', 'okay', 'normal', 'clear', 'alright', 'negative', 'unremarkable']);
/** After "chest fine", these carry on a list of what is fine or turn to what is wrong: the "fine" still denies. */
const LIST_GOES_ON: ReadonlySet<string> = new Set(['just', 'only', 'but', 'apart', 'except', 'its', 'it', 'mostly', 'thanks', 'though', 'tho']);
/** "dolor en el pecho no tengo": these right after "no", right after the words, deny them. */
const DENIED_AFTER_VERBS: ReadonlySet<string> = new Set(['tengo', 'tiene', 'tenemos', 'tienen', 'siento', 'siente', 'hay', 'he', 'ha']);
/** Hindi and Urdu "not", and the words that may end a denial after it ("dard nahi hai", "bukhar nahi tha"). */
const HINDI_NOT: ReadonlySet<string> = new Set(['nahi', 'nahin', 'nai']);
const HINDI_DENIAL_ENDS: ReadonlySet<string> = new Set(['hai', 'hain', 'tha', 'thi', 'hua', 'hui', 'hota', 'hoti', 'he', 'h', 'lagta', 'lagti', 'ji']);
const NONE_AFTER = [
  'none of these', 'none of those', 'none of the above', 'none of them', 'not any of them', 'not have any of them', 'not have any of these',
  'ninguno de estos', 'ninguno de esos', 'nada de eso',
].map((phrase) => phrase.split(' '));

/** At most this many words between the negation word and the symptom ("no history of cancer" has 2). */
const MAX_WORDS_BETWEEN = 5;

/** A message's tokens with the clause each one belongs to. */
export interface ClausedTokens {
  readonly tokens: readonly string[];
  readonly clauseOf: readonly number[];
  /** The clauses the writer marked as questions ("?" after, "¿" before). */
  readonly askedClauses?: ReadonlySet<number>;
}

const clausedTokensOf = new WeakMap<NormalizedText, ClausedTokens>();

/** The tokens with their clauses, worked out once per text (the safety rules and the cues all read them). */
export function toClausedTokens(text: NormalizedText): ClausedTokens {
  let claused = clausedTokensOf.get(text);
  if (claused === undefined) {
    claused = clausedTokensFrom(text);
    clausedTokensOf.set(text, claused);
  }
  return claused;
}

function clausedTokensFrom(text: NormalizedText): ClausedTokens {
  const fromClauses = text.clauses.flat();
  const clausesAgree = fromClauses.length === text.tokens.length && fromClauses.every((token, index) => token === text.tokens[index]);
  if (!clausesAgree) {
    // Hand-built text whose clauses do not line up with its tokens: treat it as one clause.
    return { tokens: text.tokens, clauseOf: text.tokens.map(() => 0) };
  }
  const clauseOf = text.clauses.flatMap((clause, index) => clause.map(() => index));
  if (text.asked === undefined) return { tokens: fromClauses, clauseOf };
  return { tokens: fromClauses, clauseOf, askedClauses: new Set(text.asked.flatMap((isAsked, index) => (isAsked ? [index] : []))) };
}

export function isNegationWord(token: string): boolean {
  return NEGATION_WORDS.has(token);
}

/** Whether a word from `words` occurs at positions from..to (inclusive) within the clause of `position`. */
function anyInClause(message: ClausedTokens, position: number, from: number, to: number, words: ReadonlySet<string>): boolean {
  const clause = message.clauseOf[position];
  for (let index = Math.max(0, from); index <= Math.min(message.tokens.length - 1, to); index += 1) {
    if (message.clauseOf[index] === clause && words.has(message.tokens[index] ?? '')) return true;
  }
  return false;
}

/** "not get better", "not getting any better" are idioms; "did not get tackled" is a denial. */
const GET_WORDS: ReadonlySet<string> = new Set(['get', 'gets', 'getting', 'go', 'goes', 'going']);
const GET_IDIOM_ENDINGS: ReadonlySet<string> = new Set(['better', 'worse', 'any', 'easier', 'rid', 'away', 'anywhere', 'down', 'off']);

/** Tagalog "wala" denies only with a particle after it ("wala nang lagnat", "wala ring pamamaga"); Hindi "wala" is "the one". */
const AFTER_TAGALOG_WALA: ReadonlySet<string> = new Set(['nang', 'na', 'ring', 'rin', 'naman', 'po', 'pa', 'akong', 'kaming', 'siyang', 'ako']);

/** Whether the negation word at `position` really denies something, rather than hedging or being an idiom. */
function deniesWhatFollows(message: ClausedTokens, position: number): boolean {
  if (message.tokens[position] === 'wala' && !AFTER_TAGALOG_WALA.has(message.tokens[position + 1] ?? '')) return false;
  // "came from nothing to unbearable", "de la nada me explotó la cabeza": out of nowhere, not a denial.
  const before = message.tokens[position - 1] ?? '';
  if (before === 'from' || (before === 'la' && message.tokens[position - 2] === 'de' && message.tokens[position] === 'nada')) return false;
  const follower = message.tokens[position + 1] ?? '';
  if (GET_WORDS.has(follower) && message.clauseOf[position + 1] === message.clauseOf[position]) {
    if (!GET_IDIOM_ENDINGS.has(message.tokens[position + 2] ?? '')) return !anyInClause(message, position, position + 1, position + UNCERTAINTY_AFTER_REACH, UNCERTAINTY_AFTER);
    return false;
  }
  if (anyInClause(message, position, position + 1, position + 1, IDIOM_FOLLOWERS)) return false;
  if (anyInClause(message, position, position + 1, position + UNCERTAINTY_AFTER_REACH, UNCERTAINTY_AFTER)) return false;
  if (anyInClause(message, position, position - UNCERTAINTY_BEFORE_REACH, position - 1, UNCERTAINTY_BEFORE)) return false;
  return true;
}

/**
 * Whether the matched words at `span` are negated. `matchedPositions` are all words the
 * trigger matched: they are part of the symptom, so a negation word among them does not count.
 */
/** Whether the words right after a match deny it ("my chest is fine"), or the clause ends "…none of these". */
function deniedAfter(message: ClausedTokens, span: TokenSpan): boolean {
  const { tokens, clauseOf } = message;
  const clause = clauseOf[span.start];
  const after = (offset: number): string | undefined => (clauseOf[span.end + offset] === clause ? tokens[span.end + offset] : undefined);
  const first = after(0);
  if (first !== undefined && VERDICT_VERBS.has(first) && ALL_CLEAR.has(after(1) ?? '')) return true;
  // ... or in a list of them: "chest's fine heid's fine just my forearms are tight".
  if (first !== undefined && ALL_CLEAR_ALONE.has(first) && (after(1) === undefined || LIST_GOES_ON.has(after(1) ?? '') || ALL_CLEAR_ALONE.has(after(2) ?? ''))) return true;
  // Spanish puts the denial after what it denies: "dolor en el pecho no tengo", "fiebre no tiene".
  if (first === 'no' && DENIED_AFTER_VERBS.has(after(1) ?? '')) return true;
  // So do Hindi and Urdu: "koi dard nahi", "bukhar nahi hai"; not "dard nahi ja raha" (the pain is not going).
  if (first !== undefined && HINDI_NOT.has(first) && (after(1) === undefined || HINDI_DENIAL_ENDS.has(after(1) ?? ''))) return true;
  // "bukhar bhi nahi": no fever either.
  if (first === 'bhi' && HINDI_NOT.has(after(1) ?? '') && (after(2) === undefined || HINDI_DENIAL_ENDS.has(after(2) ?? ''))) return true;
  for (let index = span.end; index < tokens.length && clauseOf[index] === clause; index += 1) {
    if (NONE_AFTER.some((words) => words.every((word, offset) => tokens[index + offset] === word && clauseOf[index + offset] === clause))) return true;
  }
  return false;
}

export function isNegated(message: ClausedTokens, span: TokenSpan, matchedPositions: ReadonlySet<number>): boolean {
  const { tokens, clauseOf } = message;
  const spanHasNegation = tokens.slice(span.start, span.end).some(isNegationWord);
  // "can not breathe, fine" is not a denial: a symptom phrased as a negative is never cancelled.
  if (!spanHasNegation && deniedAfter(message, span)) return true;
  for (let index = span.start; index < span.end; index += 1) {
    if (isNegationWord(tokens[index] ?? '')) return false;
  }
  const clause = clauseOf[span.start];
  const earliest = span.start - 1 - MAX_WORDS_BETWEEN;
  for (let index = span.start - 1; index >= 0 && index >= earliest; index -= 1) {
    if (clauseOf[index] !== clause) return false;
    if (matchedPositions.has(index)) continue;
    const token = tokens[index] ?? '';
    // "no puede mover el brazo ni la pierna": "ni" continues the matched "no", it does not deny the leg;
    // "no siento nada entre las piernas", "can not feel nothing down there": the object of a matched
    // negative symptom ("no siento", "can not feel") continues it too.
    const matchedNegativeInClause = [...matchedPositions].some((position) => clauseOf[position] === clause && isNegationWord(tokens[position] ?? ''));
    const continuesMatchedNegative = matchedNegativeInClause && (token === 'ni' || (matchedPositions.has(index - 1) && OBJECT_NEGATIONS.has(token)));
    if (isNegationWord(token) && !continuesMatchedNegative && deniesWhatFollows(message, index)) return true;
    if (CLITICS.has(token) && isNegationWord(tokens[index - 1] ?? '') && clauseOf[index - 1] === clause) return deniesWhatFollows(message, index - 1);
    // Spanish "he", "ha" after a pronoun are "have", "has", not English "he": "no me he caído", "no se ha roto".
    if (SPANISH_AUXILIARIES.has(token) && CLITICS.has(tokens[index - 1] ?? '')) continue;
    if (SCOPE_ENDS.has(token)) return false;
  }
  return false;
}
