import stem from 'wink-porter2-stemmer';

/** No English word is longer; a key held down ("hahaha…") is left whole, because stemming it is slow. */
const MAX_STEMMABLE_LENGTH = 40;

/** Reduces a word to its stem so "hurts", "hurting" and "hurt" compare equal. */
export function stemWord(word: string): string {
  return word.length <= MAX_STEMMABLE_LENGTH && /^[a-z]+$/.test(word) ? stem(word) : word;
}
