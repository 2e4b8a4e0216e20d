import { distance } from 'fastest-levenshtein';
import { spanishSoundKey } from './spanishSoundKey';

/** True when b is a with one pair of neighbouring letters swapped ("paniful" / "painful"). */
function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differences: number[] = [];
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) differences.push(index);
    if (differences.length > 2) return false;
  }
  const [first, second] = differences;
  return first !== undefined && second === first + 1 && a[first] === b[second] && a[second] === b[first];
}

/** A Spanish diminutive ending: stem, then -ec- ("quietecita"), -c- ("dolorcito"), -qu- ("poquito") or nothing, then -it-/-ic- with its vowel and plural. */
const DIMINUTIVE = /^([a-z]{2,}?)(ec|c|qu)?(it|ic)[oa](s?)$/;

/** Words shorter than this are too easily another word that sounds alike. */
const MIN_SOUND_LENGTH = 5;

/** A change of number keeps at least this many letters ("mes" and "meses" are too short to guess at). */
const MIN_NUMBER_STEM = 4;

/** Safety stems shorter than this ("hurt", "numb") are too easy to reach by accident. */
const MIN_FUZZY_STEM = 5;

/** How many edits a word of this length may need; short words are left alone because they collide. */
function allowedEdits(length: number): number {
  if (length < 5) return 0;
  if (length < 8) return 1;
  return 2;
}

/**
 * Texting shorthand that patients use everywhere ("thru", "ppl", "shud"). It is ordinary chat
 * English, not clinic vocabulary, so it lives here rather than in the clinic-editable synonyms;
 * these words are too short for the automatic correction to reach.
 */
const SHORTHAND: ReadonlyMap<string, string> = new Map(
  Object.entries({
    u: 'you', ur: 'your', r: 'are', ya: 'you', yr: 'your', urself: 'yourself', thru: 'through', tho: 'though',
    evry: 'every', rly: 'really', ppl: 'people', shud: 'should', shld: 'should', wud: 'would', cud: 'could',
    coz: 'because', cuz: 'because', bc: 'because', abt: 'about', b4: 'before', nxt: 'next', wk: 'week', wks: 'weeks',
    hr: 'hour', hrs: 'hours', yrs: 'years', tmrw: 'tomorrow', tmr: 'tomorrow', tonite: 'tonight', nite: 'night',
    wat: 'what', wot: 'what', wht: 'what', hw: 'how', n: 'and', gd: 'good', prob: 'probably',
    probs: 'probably', smth: 'something', sth: 'something', sumthing: 'something', ne1: 'anyone', some1: 'someone',
    sum1: 'someone', pic: 'picture', info: 'information', wanna: 'want', gonna: 'going', hubby: 'husband',
    bf: 'boyfriend', gf: 'girlfriend', mins: 'minutes', sec: 'second',
  }),
);

/** What a texting shorthand word is spelled out as ("n" → "and"), if it is one. */
export function shorthandMeaning(word: string): string | undefined {
  return SHORTHAND.get(word);
}

/**
 * Corrects a patient's typos toward the words the knowledge base actually uses
 * ("painfull" → "painful", "chiropracter" → "chiropractor"). Words the knowledge base uses,
 * and ordinary dictionary words, are never changed.
 */
export class SpellingCorrector {
  private readonly vocabulary: ReadonlySet<string>;
  private readonly byLength = new Map<number, string[]>();
  private readonly cache = new Map<string, string>();
  /** Each Spanish vocabulary word by how it sounds (see spanishSoundKey); a sound two words share names neither. Built at first need. */
  private bySound: Map<string, string | null> | undefined;

  private readonly safetyShortWords: readonly string[];
  private readonly safetyStems: readonly string[];

  /**
   * `safety` names the words and word stems of the safety rules. Typos of them are worth reaching
   * further for than other words: a four-letter "chst" is corrected to "chest", and "fractre" or
   * "vommited" to the stems "fractur" and "vomit". It can only add safety findings: the router reads
   * the message as typed too.
   * `isWordWithEndings` names real words of a language that varies its endings (Spanish): such a word is
   * only ever changed in number, toward a known word ("infartos" → "infarto"), never into another
   * word ("factura", an invoice, is not "fractura"; "sienta", sits, is not "siento", I feel).
   */
  constructor(
    vocabulary: Iterable<string>,
    private readonly knownMisspellings: Readonly<Record<string, string>> = {},
    private readonly isDictionaryWord: (word: string) => boolean = () => false,
    safety: { readonly words: Iterable<string>; readonly stems: Iterable<string> } = { words: [], stems: [] },
    private readonly isWordWithEndings: (word: string) => boolean = () => false,
  ) {
    this.vocabulary = new Set(vocabulary);
    this.safetyShortWords = [...new Set(safety.words)].filter((word) => word.length >= 4 && word.length <= 5);
    this.safetyStems = [...new Set(safety.stems)].filter((stem) => stem.length >= MIN_FUZZY_STEM);
    for (const word of this.vocabulary) {
      const bucket = this.byLength.get(word.length) ?? [];
      bucket.push(word);
      this.byLength.set(word.length, bucket);
    }
  }

  isKnown(word: string): boolean {
    return this.vocabulary.has(word);
  }

  correct(word: string): string {
    // Own properties only: a patient typing "constructor" must not reach Object.prototype.
    const listed = Object.hasOwn(this.knownMisspellings, word) ? this.knownMisspellings[word] : undefined;
    if (listed !== undefined) return listed;
    // Known words first, so a synonym spelled out letter by letter ("a r t") survives.
    if (this.vocabulary.has(word)) return word;
    const shorthand = SHORTHAND.get(word);
    if (shorthand !== undefined) return shorthand;
    if (/\d/.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const corrected = this.isDictionaryWord(word)
      ? word
      : this.isWordWithEndings(word)
        ? (this.knownOtherNumber(word) ?? this.knownWithoutDiminutive(word) ?? word)
        : (this.droppedG(word) ?? this.knownWithoutDiminutive(word) ?? this.sameSound(word) ?? this.closestKnownWord(word) ?? this.closestSafetyWord(word) ?? word);
    if (this.cache.size < 10_000) this.cache.set(word, corrected);
    return corrected;
  }

  /** "tryin", "playin", "nothin": the dropped g of spoken English, put back when that makes a known word. */
  private droppedG(word: string): string | undefined {
    if (word.length < 4 || !word.endsWith('in')) return undefined;
    const withG = `${word}g`;
    return this.vocabulary.has(withG) || this.isDictionaryWord(withG) ? withG : undefined;
  }

  /** A four-letter typo of a short safety word ("chst"), or a word that starts like a safety stem give or take a letter ("fracure"). */
  private closestSafetyWord(word: string): string | undefined {
    if (word.length === 4) {
      // Only a dropped letter ("chst") or two swapped ones ("pian"): a changed letter ("meds" → "mets") is too often another word.
      return this.safetyShortWords.find(
        (candidate) => candidate[0] === word[0] && (isAdjacentSwap(word, candidate) || (candidate.length === 5 && distance(word, candidate) === 1)),
      );
    }
    if (word.length < MIN_FUZZY_STEM) return undefined;
    return this.safetyStems.find((stem) => {
      if (stem[0] !== word[0] || word.length < stem.length - 1) return false;
      return [stem.length - 1, stem.length, stem.length + 1].some((length) => distance(word.slice(0, length), stem) <= 1);
    });
  }

  /** A known word that is this one in the singular or plural ("fracturas" → "fractura", "muslo" → "muslos"). */
  private knownOtherNumber(word: string): string | undefined {
    if (word.length <= MIN_NUMBER_STEM) return undefined;
    const forms = [`${word}s`, `${word}es`];
    if (word.endsWith('s')) forms.push(word.slice(0, -1));
    if (word.endsWith('es')) forms.push(word.slice(0, -2));
    return forms.find((form) => form.length >= MIN_NUMBER_STEM && this.vocabulary.has(form));
  }

  /** The Spanish vocabulary word this one is a spelling of as it sounds ("tobiyo" → "tobillo"), if just one. */
  private sameSound(word: string): string | undefined {
    if (word.length < MIN_SOUND_LENGTH) return undefined;
    if (this.bySound === undefined) {
      this.bySound = new Map();
      for (const known of this.vocabulary) {
        if (known.length < MIN_SOUND_LENGTH || !this.isWordWithEndings(known)) continue;
        const sound = spanishSoundKey(known);
        const other = this.bySound.get(sound);
        this.bySound.set(sound, other === undefined || other === known ? known : null);
      }
    }
    return this.bySound.get(spanishSoundKey(word)) ?? undefined;
  }

  /**
   * A known word under a Spanish diminutive: "calientita" → "caliente", "hinchadito" → "hinchado",
   * "dolorcito" → "dolor", "poquito" → "poco", Caribbean "calientico" → "caliente".
   */
  private knownWithoutDiminutive(word: string): string | undefined {
    const found = DIMINUTIVE.exec(word);
    if (found === null) return undefined;
    const [, stem = '', consonant = '', , plural = ''] = found;
    // "dolorcito" is "dolor" (or "-ce"); "poquito" is "poco"; "calientita" and "quietecita" take back a vowel.
    const singulars = consonant === 'c' ? [stem, `${stem}e`] : ['o', 'a', 'e'].map((vowel) => `${consonant === 'qu' ? `${stem}c` : stem}${vowel}`);
    return singulars
      .flatMap((base) => (plural === '' ? [base] : [`${base}${plural}`, base]))
      // The base must be Spanish too: "bonito" (pretty) is not a diminutive of "bone".
      .find((candidate) => candidate.length >= MIN_NUMBER_STEM && this.vocabulary.has(candidate) && this.isWordWithEndings(candidate));
  }

  private closestKnownWord(word: string): string | undefined {
    const maxEdits = allowedEdits(word.length);
    if (maxEdits === 0) return undefined;
    let best: string | undefined;
    let bestDistance = maxEdits + 1;
    for (let length = word.length - maxEdits; length <= word.length + maxEdits; length += 1) {
      for (const candidate of this.byLength.get(length) ?? []) {
        // Patients rarely get the first letter wrong; requiring it avoids far-fetched corrections.
        if (candidate[0] !== word[0]) continue;
        const edits = isAdjacentSwap(word, candidate) ? 1 : distance(word, candidate);
        if (edits < bestDistance) {
          best = candidate;
          bestDistance = edits;
        }
      }
    }
    return best;
  }
}
