import Typo from 'typo-js';

let dictionary: Typo | undefined;

/**
 * True for ordinary English words ("whole", "openings"). The spelling corrector leaves these
 * alone: a real word outside the FAQ's vocabulary is not a typo of one inside it.
 */
export function isEnglishWord(word: string): boolean {
  // Loading the Hunspell dictionary takes a moment, so it happens once, on first use.
  dictionary ??= new Typo('en_US');
  return dictionary.check(word) || dictionary.check(word.charAt(0).toUpperCase() + word.slice(1));
}

/** Like isEnglishWord, but lower case only: "Del", "Hora" and "Como" are names, not English words, in a message. */
export function isLowerCaseEnglishWord(word: string): boolean {
  dictionary ??= new Typo('en_US');
  return dictionary.check(word);
}
