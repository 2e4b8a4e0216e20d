/**
 * Slips of a shaky hand or a small screen that the spelling corrector, which changes one word into
 * one other, cannot undo: a letter typed twice ("itt", "doess", "severall") and two words typed
 * without the space between them ("standfor", "whatyou", "rollerthing").
 *
 * Only the FAQ matcher reads them. The safety check does not: "bugis" (a place) split into "bug is"
 * would read as being ill, and a warning sign must never rest on a guess this loose.
 */

/** Shorter words are not split in two: "inch" is no "in" and "ch". */
const MIN_SPLIT_LENGTH = 5;

/** The short words that a missing space most often joins to their neighbour ("itgentle", "likethe"). */
const SHORT_JOINED_WORDS: ReadonlySet<string> = new Set([
  'a', 'i', 'it', 'is', 'in', 'on', 'to', 'do', 'me', 'my', 'so', 'up', 'go', 'no', 'of', 'or', 'an', 'at', 'be', 'by', 'he',
  'if', 'we', 'us', 'am', 'as',
]);

export class TypingSlips {
  /** `isWord`: the knowledge base's words and the dictionary's. */
  constructor(private readonly isWord: (word: string) => boolean) {}

  /** The word or words meant by a word that is none ("itt" → "it", "standfor" → "stand", "for"), if a slip explains it. */
  undo(word: string): readonly string[] | undefined {
    if (/[^a-z]/.test(word) || this.isWord(word)) return undefined;
    const single = this.withoutDoubledLetter(word);
    return single === undefined ? this.split(word) : [single];
  }

  private withoutDoubledLetter(word: string): string | undefined {
    for (let index = 0; index + 1 < word.length; index += 1) {
      if (word[index] !== word[index + 1]) continue;
      const single = word.slice(0, index) + word.slice(index + 1);
      if (single.length >= 2 && this.isWord(single)) return single;
    }
    return undefined;
  }

  /** Of several ways to split, the most even ("rollerthing" is "roller thing", not "roll erthing"). */
  private split(word: string): readonly [string, string] | undefined {
    if (word.length < MIN_SPLIT_LENGTH) return undefined;
    let best: readonly [string, string] | undefined;
    for (let at = 1; at < word.length; at += 1) {
      const parts = [word.slice(0, at), word.slice(at)] as const;
      if (!parts.every((part) => (part.length >= 3 || SHORT_JOINED_WORDS.has(part)) && this.isWord(part))) continue;
      if (best === undefined || Math.min(parts[0].length, parts[1].length) > Math.min(best[0].length, best[1].length)) best = parts;
    }
    return best;
  }
}
