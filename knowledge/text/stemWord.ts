import stem from 'wink-porter2-stemmer';

/** No English word is longer; a key held down ("hahaha…") is left whole, because stemming it is slow. */
const MAX_STEMMABLE_LENGTH = 40;

/**
 * Stems already worked out: the same few thousand words recur in every phrasing and message, and
 * the stemmer's regular expressions cost microseconds a word. Bounded, so odd words cannot fill memory.
 */
const stems = new Map<string, string>();
const MAX_REMEMBERED_STEMS = 50_000;

/** Reduces a word to its stem so "hurts", "hurting" and "hurt" compare equal. */
export function stemWord(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  const stemmed = word.length <= MAX_STEMMABLE_LENGTH && /^[a-z]+$/.test(word) ? stem(word) : word;
  if (stems.size < MAX_REMEMBERED_STEMS) stems.set(word, stemmed);
  return stemmed;
}
