import { shorthandMeaning } from '../text/spellingCorrector';

/** Shorthand for joining words, which the rules' scope and negation read: "arm n leg" must be "arm and leg". */
const JOINING_WORDS: ReadonlySet<string> = new Set(['and', 'you', 'are', 'your', 'because', 'through', 'though', 'about', 'before']);

export interface ShorthandUse {
  readonly word: string;
  /** What the bot otherwise reads it as. */
  readonly meaning: string;
}

/**
 * Texting shorthand for a joining word ("n", "u", "r") among the words safety.yaml's phrases use.
 * A word a phrase uses is a word the spelling corrector knows, so it stops spelling that shorthand
 * out for the safety rules: one "pins n needles" in an ignore list made "left arm n leg" stop
 * reading as "left arm and leg" everywhere. kb:check warns; the fix is to write the word in full.
 */
export function shorthandInRules(vocabulary: ReadonlySet<string>): ShorthandUse[] {
  return [...vocabulary].flatMap((word) => {
    const meaning = shorthandMeaning(word);
    return meaning !== undefined && JOINING_WORDS.has(meaning) ? [{ word, meaning }] : [];
  });
}
