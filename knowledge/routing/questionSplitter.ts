import { foldText } from '../text/normalizeText';

/** Words that open a question: "…and how much does it cost", "…? do you take insurance". */
const QUESTION_OPENERS: ReadonlySet<string> = new Set([
  'how', 'what', 'whats', 'wat', 'when', 'where', 'which', 'who', 'why', 'can', 'could', 'do', 'does', 'did', 'is', 'are',
  'will', 'would', 'should', 'shall', 'may', 'r', 'u', 'any', 'wht', 'hw',
]);

/** Words that join two questions in one sentence. */
const JOINERS: ReadonlySet<string> = new Set(['and', 'also', 'plus', '&', 'n', 'or']);

/** A part shorter than this is not a question of its own ("and how?"). */
const MIN_PART_WORDS = 3;
/** Unless it opens with a wh-word: "whats fascia", "how much". */
const MIN_QUESTION_WORDS = 2;
const WH_WORDS: ReadonlySet<string> = new Set(['how', 'what', 'whats', 'wat', 'wht', 'hw', 'when', 'where', 'which', 'who', 'why']);

/** A word without its punctuation or apostrophes: "what's" is "whats". */
function bareWord(word: string): string {
  return word.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Splits a message that clearly asks two things ("how long is a session and how much does it cost?",
 * "do I need a referral? what should I wear") into its questions, in order. A message that asks one
 * thing comes back whole. Splits happen only at a question mark, a full stop or a joining word that
 * is followed by a question word, so "pain and stiffness" stays one question.
 */
export function splitQuestions(text: string): string[] {
  const pieces = foldText(text)
    .split(/(?<=[?.!;])\s+|\n+/)
    .flatMap(splitAtJoiners)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  const questions: string[] = [];
  for (const piece of pieces) {
    const last = questions[questions.length - 1];
    // Short pieces and statements without a question word belong to the question before them.
    if (last !== undefined && (wordCount(piece) < MIN_PART_WORDS || !opensQuestion(piece))) questions[questions.length - 1] = `${last} ${piece}`;
    else questions.push(piece);
  }
  // A statement before the first question is its context: "I have a stiff neck. How long is a session?"
  if (questions.length > 1 && !opensQuestion(questions[0] ?? '') && !(questions[0] ?? '').includes('?')) {
    const [context = '', first = '', ...rest] = questions;
    return [`${context} ${first}`, ...rest];
  }
  return questions;
}

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}&']+/u).filter((word) => word !== '');
}

function wordCount(text: string): number {
  return words(text).length;
}

/** How far after a joining word its question word may come: "…, and next day will I be sore?". */
const JOINER_REACH = 3;

/** Whether a piece opens with a question word, after any joining word ("Also, how many…", "and in total how many…"). */
function opensQuestion(piece: string): boolean {
  const [first = '', ...rest] = words(piece).map(bareWord);
  return QUESTION_OPENERS.has(first) || (JOINERS.has(first) && rest.slice(0, JOINER_REACH).some((word) => QUESTION_OPENERS.has(word)));
}

/** "…session and how much…" → ["…session", "how much…"]; a joiner not followed by a question word stays. */
function splitAtJoiners(sentence: string): string[] {
  const tokens = sentence.split(/\s+/);
  const parts: string[][] = [[]];
  tokens.forEach((token, index) => {
    const bare = token.replace(/[,]+$/, '');
    // After a comma the question word may come a few words on ("…painful, and next day will I be sore?");
    // otherwise only right after the joiner ("this and massage" is no second question).
    const reach = (tokens[index - 1] ?? '').endsWith(',') ? JOINER_REACH : 1;
    const following = tokens.slice(index + 1, index + 1 + reach).map(bareWord);
    const next = following.find((word) => QUESTION_OPENERS.has(word)) ?? following[0] ?? '';
    const current = parts[parts.length - 1] ?? [];
    // A short wh-question of its own may come first: "whats fascia and how do i foam roll it" ("do you also do
    // acupuncture" is no question before "also").
    const longEnough = current.length >= MIN_PART_WORDS || (current.length >= MIN_QUESTION_WORDS && WH_WORDS.has(bareWord(current[0] ?? '')));
    if (JOINERS.has(bare) && QUESTION_OPENERS.has(next) && longEnough) {
      if (token.endsWith(',')) current.push(',');
      // A question word further on keeps its joiner, so the part still reads as a question of its own.
      parts.push(QUESTION_OPENERS.has(following[0] ?? '') ? [] : [token]);
      return;
    }
    current.push(token);
  });
  return parts.map((part) => part.join(' '));
}
