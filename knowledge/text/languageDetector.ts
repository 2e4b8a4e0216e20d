import type { detectAll as DetectAll } from 'tinyld';

let detector: typeof DetectAll | undefined;

/**
 * tinyld's detector, loaded the first time a message needs it: its language models take a third of a
 * second to load at start-up, and most messages are plainly English by their words alone.
 */
function detectAll(text: string): ReturnType<typeof DetectAll> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  detector ??= (require('tinyld') as { detectAll: typeof DetectAll }).detectAll;
  return detector(text);
}

/** The languages the bot tells apart: English, Spanish, or anything else. */
export type MessageLanguage = 'en' | 'es' | 'other';

/** At least this share of a message's words in the English dictionary and it is English, whatever the detector says. */
const ENGLISH_SHARE = 0.6;
/** Below this share of English words, a message the detector places in another language is not English. */
const OTHER_LANGUAGE_SHARE = 0.35;
/** The detector's confidence needed to call a message Spanish, or another language (gibberish scores below both). */
const MIN_SPANISH_ACCURACY = 0.05;
const MIN_OTHER_ACCURACY = 0.1;
/** Shorter messages ("ok", "si", "no") carry too little to tell; they count as English. */
const MIN_WORDS = 2;
/** "lol ok" is not a foreign language: at least this many words before calling a message "other". */
const MIN_WORDS_FOR_OTHER = 3;
/**
 * Languages close enough to Spanish that short messages are often misread as them ("me placaron en
 * el partido" comes back Portuguese): with Spanish among the detector's top guesses, the message is Spanish.
 */
const NEAR_SPANISH: ReadonlySet<string> = new Set(['es', 'pt', 'gl', 'ca', 'it', 'ro']);
const TOP_GUESSES = 4;
/** The detector reads this much of a message: its language is plain from the start, and the rest only costs time. */
const MAX_DETECTED_CHARACTERS = 600;

/**
 * Tells which language a message is in, for replies in the patient's language. Two signals, because
 * each alone misleads on short chat messages: the share of words an English dictionary knows
 * (robust to typos and texting, blind to Spanish), and tinyld's character n-gram detector (good on
 * Spanish, easily fooled by "r u guys open sat"). English wins whenever most words are English.
 */
export class LanguageDetector {
  /** `isEnglishWord` should know the knowledge base's own words too ("myofascial", "fibro"). */
  constructor(private readonly isEnglishWord: (word: string) => boolean) {}

  detect(text: string, tokens: readonly string[]): MessageLanguage {
    const words = tokens.filter((token) => /^\p{L}{2,}$/u.test(token));
    if (words.length < MIN_WORDS) return 'en';
    const englishShare = words.filter((word) => this.isEnglishWord(word)).length / words.length;
    if (englishShare >= ENGLISH_SHARE) return 'en';
    const guesses = detectAll(text.slice(0, MAX_DETECTED_CHARACTERS));
    const [best] = guesses;
    if (best === undefined || best.lang === 'en') return 'en';
    const spanish = guesses.slice(0, TOP_GUESSES).find((guess) => guess.lang === 'es');
    if (NEAR_SPANISH.has(best.lang) && spanish !== undefined && spanish.accuracy >= MIN_SPANISH_ACCURACY) return 'es';
    const enoughWords = words.length >= MIN_WORDS_FOR_OTHER;
    return enoughWords && englishShare < OTHER_LANGUAGE_SHARE && best.accuracy >= MIN_OTHER_ACCURACY ? 'other' : 'en';
  }
}
