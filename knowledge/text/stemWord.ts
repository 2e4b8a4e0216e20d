import stem from 'wink-porter2-stemmer';

/** Reduces a word to its stem so "hurts", "hurting" and "hurt" compare equal. */
export function stemWord(word: string): string {
  return /^[a-z]+$/.test(word) ? stem(word) : word;
}
