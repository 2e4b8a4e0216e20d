/**
 * Turns what a patient typed into comparable lower-case word tokens.
 *
 * Patients type fast and loosely, so this folds case and accents, expands
 * contractions (with or without the apostrophe: "cant", "didnt"), and keeps
 * clause boundaries, because negation ("no fever, but my back aches at night")
 * must not leak across them.
 */

import { DIALECT_FORMS, withDroppedDInIdoRestored, withDroppedDRestored, withDroppedGRestored } from './dialectForms';
import { isLowerCaseEnglishWord } from './englishDictionary';

/** Contractions whose apostrophe is often left out. Expanded so "didnt" and "did not" look alike. */
const CONTRACTIONS: Readonly<Record<string, readonly string[]>> = {
  cant: ['can', 'not'],
  cannot: ['can', 'not'],
  wont: ['will', 'not'],
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  isnt: ['is', 'not'],
  arent: ['are', 'not'],
  wasnt: ['was', 'not'],
  werent: ['were', 'not'],
  havent: ['have', 'not'],
  hasnt: ['has', 'not'],
  hadnt: ['had', 'not'],
  couldnt: ['could', 'not'],
  shouldnt: ['should', 'not'],
  wouldnt: ['would', 'not'],
  aint: ['is', 'not'],
  im: ['i', 'am'],
  ive: ['i', 'have'],
  youre: ['you', 'are'],
  theyre: ['they', 'are'],
  whats: ['what', 'is'],
  wats: ['what', 'is'],
  wots: ['what', 'is'],
  wuts: ['what', 'is'],
  hows: ['how', 'is'],
  thats: ['that', 'is'],
  its: ['it', 'is'],
  theres: ['there', 'is'],
  whos: ['who', 'is'],
  wheres: ['where', 'is'],
  whens: ['when', 'is'],
  whys: ['why', 'is'],
  heres: ['here', 'is'],
  youve: ['you', 'have'],
  weve: ['we', 'have'],
  theyve: ['they', 'have'],
  youll: ['you', 'will'],
  // Texting forms, so "dont wanna be here" reads like "do not want to be here".
  wanna: ['want', 'to'],
  gonna: ['going', 'to'],
  gotta: ['got', 'to'],
  hafta: ['have', 'to'],
  dunno: ['do', 'not', 'know'],
  outta: ['out', 'of'],
  kinda: ['kind', 'of'],
  sorta: ['sort', 'of'],
  lotta: ['lot', 'of'],
  lotsa: ['lots', 'of'],
  coulda: ['could', 'have'],
  shoulda: ['should', 'have'],
  woulda: ['would', 'have'],
  gimme: ['give', 'me'],
  lemme: ['let', 'me'],
};

/**
 * Texting shorthand, spelled out so every later step (safety, small talk, the FAQ) reads "hw long
 * will i b there" as "how long will i be there". Only forms that mean one thing: "y" is also
 * Spanish "and", "n" and "w" are too vague, and digits ("2", "4") are usually numbers.
 */
const TEXTING_FORMS: Readonly<Record<string, readonly string[]>> = {
  u: ['you'],
  ur: ['your'],
  r: ['are'],
  b: ['be'],
  b4: ['before'],
  wat: ['what'],
  wot: ['what'],
  wht: ['what'],
  hw: ['how'],
  whr: ['where'],
  wen: ['when'],
  shud: ['should'],
  shld: ['should'],
  wud: ['would'],
  cud: ['could'],
  cn: ['can'],
  ppl: ['people'],
  rly: ['really'],
  rlly: ['really'],
  tho: ['though'],
  // "KO'd", "ko'ed": knocked out.
  kod: ['knocked', 'out'],
  koed: ['knocked', 'out'],
  thru: ['through'],
  abt: ['about'],
  bc: ['because'],
  cuz: ['because'],
  coz: ['because'],
  cos: ['because'],
  smth: ['something'],
  sth: ['something'],
  sum1: ['someone'],
  ne1: ['anyone'],
  tmrw: ['tomorrow'],
  tmr: ['tomorrow'],
  tmoro: ['tomorrow'],
  '2moro': ['tomorrow'],
  '2day': ['today'],
  '2nite': ['tonight'],
  hrs: ['hours'],
  wks: ['weeks'],
  wk: ['week'],
  yrs: ['years'],
  yr: ['year'],
  diff: ['different'],
  prob: ['probably'],
  def: ['definitely'],
  tryna: ['trying', 'to'],
  finna: ['going', 'to'],
  imma: ['i', 'am', 'going', 'to'],
  ima: ['i', 'am', 'going', 'to'],
  bouta: ['about', 'to'],
  prolly: ['probably'],
  obvs: ['obviously'],
  ofc: ['of', 'course'],
  nvm: ['never', 'mind'],
  srsly: ['seriously'],
  arvo: ['afternoon'],
  abeg: ['please'],
  // Spanish texting: "q" is "que", "xq" and "pq" "porque".
  q: ['que'],
  xq: ['porque'],
  pq: ['porque'],
};

/** After "ill", these make it "I'll": "ill be on the road", "ill probably book". "feel ill", "ill all week" stay ill. */
const AFTER_ILL_MEANING_I_WILL: readonly string[] = [
  'be', 'call', 'come', 'need', 'have', 'try', 'probably', 'just', 'book', 'see', 'wait', 'go', 'let', 'get', 'do', 'bring', 'take', 'check',
  'pay', 'send', 'text', 'ring', 'pop', 'drop', 'definitely', 'def', 'prob', 'keep', 'ask', 'give', 'look', 'make', 'tell', 'stop', 'cancel', 'reschedule',
];

/** A word that, right after another, makes the two read as `words`. */
interface PairForm {
  readonly after: string;
  readonly words: readonly string[];
}

/**
 * Two words read as others: Nigerian Pidgin "i no fit breathe" (can't), "i no wan live" (don't want);
 * Tagalog "di" (not) before a particle or pronoun ("di naman po ako nadulas"), while Spanish "me di un golpe"
 * keeps its "di"; "ill" before a verb is "I'll" typed without its apostrophe; "with out" is "without"; Spanish
 * "he podido" is "puedo". Keyed by the second word, so the other words of a message cost one look-up and no
 * string building.
 */
const PAIR_FORMS: ReadonlyMap<string, readonly PairForm[]> = (() => {
  const pairs: [string, PairForm][] = [
    ['fit', { after: 'no', words: ['can', 'not'] }],
    ['wan', { after: 'no', words: ['do', 'not', 'want'] }],
    ['naman', { after: 'di', words: ['hindi', 'naman'] }],
    ['ako', { after: 'di', words: ['hindi', 'ako'] }],
    ['po', { after: 'di', words: ['hindi', 'po'] }],
    // "wi out even knowin": Northern and Scots "wi" is "with", and "with out" is "without".
    ['out', { after: 'with', words: ['without'] }],
    // Spanish "no he podido orinar" (I have not been able to) reads as "no puedo orinar", as safety.yaml writes it.
    ['podido', { after: 'he', words: ['puedo'] }],
    ['podido', { after: 'ha', words: ['puede'] }],
    ['podido', { after: 'han', words: ['pueden'] }],
    ['podido', { after: 'hemos', words: ['podemos'] }],
    ...AFTER_ILL_MEANING_I_WILL.map((verb): [string, PairForm] => [verb, { after: 'ill', words: ['i', 'will', verb] }]),
  ];
  const byWord = new Map<string, PairForm[]>();
  for (const [word, pair] of pairs) byWord.set(word, [...(byWord.get(word) ?? []), pair]);
  return byWord;
})();

/** Words that close a clause for negation scope even without punctuation. */
const CLAUSE_BREAK_WORDS: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though', 'except', 'yet', 'pero', 'aunque', 'sino']);

export interface NormalizedText {
  /** Every token, in order. */
  readonly tokens: readonly string[];
  /** The same tokens grouped by clause (split at . , ; : ! ? and words such as "but"). */
  readonly clauses: readonly (readonly string[])[];
  /** Per clause, whether the writer marked it as a question: it ended with "?" or began after "¿". */
  readonly asked?: readonly boolean[];
}

/** Lower-case, fold accents and curly quotes, and drop characters that carry no meaning. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    // Zero-width and other invisible format characters arrive by copy-paste and from some
    // keyboards; left in, "ches\u200bt pain" would slip past the safety rules.
    .replace(/\p{Cf}+/gu, '')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
}

function expandWord(rawWord: string): string[] {
  // "10kg", "38c", "5wks": a number with its unit is two words, so "kg" and "c" can be matched.
  const first = rawWord.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    const numberWithUnit = /^(\d+)(\p{L}+)$/u.exec(rawWord);
    if (numberWithUnit?.[1] !== undefined && numberWithUnit[2] !== undefined) return [numberWithUnit[1], numberWithUnit[2]];
  }
  const apostrophe = rawWord.includes("'");
  // "can't" -> "cant" -> ["can", "not"]; "doctor's" -> "doctor".
  const word = apostrophe ? rawWord.replace(/'s$/, '').replace(/n't$/, 'nt').replace(/'/g, '') : rawWord;
  if (word === '') return [];
  // Own properties only: "constructor" is a word, not a key of Object.prototype.
  const expansion = Object.hasOwn(CONTRACTIONS, word)
    ? CONTRACTIONS[word]
    : Object.hasOwn(TEXTING_FORMS, word)
      ? TEXTING_FORMS[word]
      : Object.hasOwn(DIALECT_FORMS, word)
        ? DIALECT_FORMS[word]
        : undefined;
  if (expansion !== undefined) return [...expansion];
  const restored = withDroppedDRestored(word) ?? withDroppedGRestored(word, isLowerCaseEnglishWord);
  if (restored !== undefined) return [restored];
  if (!apostrophe) return [word];
  if (rawWord.endsWith("'re")) return [word.slice(0, -2), 'are'];
  if (rawWord.endsWith("'ve")) return [word.slice(0, -2), 'have'];
  if (rawWord.endsWith("'ll")) return [word.slice(0, -2), 'will'];
  if (rawWord.endsWith("'m")) return [word.slice(0, -1), 'am'];
  if (rawWord.endsWith("'d")) return [word.slice(0, -1), 'would'];
  return [word];
}

/** Words (letters, digits, inner apostrophes), clause punctuation or a laughing emoji; everything else is a separator. */
const PIECES = /[\p{L}\p{N}]+(?:'[\p{L}]+)*|[.,;:!?¿\n]|[\u{1F602}\u{1F923}\u{1F606}\u{1F605}\u{1F639}\u{1F601}]/gu;
/** 😂 🤣 😆 😅 😹 😁 are read as "lol": "my boss gives me a heart attack 😂" is a joke, as it is with "lol". */
const LAUGHING = /^[\u{1F602}\u{1F923}\u{1F606}\u{1F605}\u{1F639}\u{1F601}]$/u;
const CLAUSE_PUNCTUATION: ReadonlySet<string> = new Set(['.', ',', ';', ':', '!', '?', '¿', '\n']);
/** Printable ASCII, tabs and line breaks (anything else takes the long way, which is always right). */
const PLAIN_ASCII = /^[\t\n\r -~]*$/;

/** Collects words into clauses: clause punctuation and words such as "but" close a clause. */
class ClauseBuilder {
  readonly clauses: string[][] = [];
  private readonly asked: boolean[] = [];
  private current: string[] = [];
  private currentAsked = false;

  /** Ends the clause; `asked` when a "?" ends it. */
  close(asked = false): void {
    if (this.current.length > 0) {
      this.clauses.push(this.current);
      this.asked.push(asked || this.currentAsked);
    }
    this.current = [];
    this.currentAsked = false;
  }

  /** A clause-ending mark: "?" asks the clause it ends, "¿" the one it opens. */
  punctuate(mark: string): void {
    this.close(mark === '?');
    if (mark === '¿') this.currentAsked = true;
  }

  addPiece(piece: string): void {
    for (const word of expandWord(piece)) {
      if (CLAUSE_BREAK_WORDS.has(word)) this.close();
      const previous = this.current.at(-1);
      const pair = previous === undefined ? undefined : PAIR_FORMS.get(word)?.find((candidate) => candidate.after === previous);
      if (pair === undefined) this.current.push(word);
      else this.current.splice(this.current.length - 1, 1, ...pair.words);
    }
  }

  done(): NormalizedText {
    this.close();
    return { tokens: this.clauses.flat(), clauses: this.clauses, ...(this.asked.includes(true) ? { asked: this.asked } : {}) };
  }
}

// Brackets do not end a clause: "dislocated it at uni (like 15 years ago)" belongs together.
function normalizeFolded(folded: string): NormalizedText {
  const builder = new ClauseBuilder();
  for (const match of folded.matchAll(PIECES)) {
    const piece = match[0];
    if (piece.length === 1 && CLAUSE_PUNCTUATION.has(piece)) builder.punctuate(piece);
    else builder.addPiece(LAUGHING.test(piece) ? 'lol' : piece);
  }
  return builder.done();
}

const isLowerLetter = (code: number): boolean => code >= 97 && code <= 122;
const isLowerLetterOrDigit = (code: number): boolean => isLowerLetter(code) || (code >= 48 && code <= 57);
const APOSTROPHE = 39;

/** The same pieces as PIECES finds, read directly from lower-case plain ASCII (letters a-z, digits 0-9). */
function normalizeFoldedAscii(folded: string): NormalizedText {
  const builder = new ClauseBuilder();
  let index = 0;
  while (index < folded.length) {
    const code = folded.charCodeAt(index);
    if (isLowerLetterOrDigit(code)) {
      const start = index;
      while (index < folded.length && isLowerLetterOrDigit(folded.charCodeAt(index))) index += 1;
      // Inner apostrophes, each followed by letters: "don't", "o'neill's".
      while (folded.charCodeAt(index) === APOSTROPHE && isLowerLetter(folded.charCodeAt(index + 1))) {
        index += 1;
        while (index < folded.length && isLowerLetter(folded.charCodeAt(index))) index += 1;
      }
      builder.addPiece(folded.slice(start, index));
      continue;
    }
    if (CLAUSE_PUNCTUATION.has(folded.charAt(index))) builder.punctuate(folded.charAt(index));
    index += 1;
  }
  return builder.done();
}

/** normalizeText the long way, for any text: what the plain-ASCII shortcut must always equal. */
export function normalizeAnyText(text: string): NormalizedText {
  return normalizeFolded(foldText(withDroppedDInIdoRestored(text)));
}

export function normalizeText(text: string): NormalizedText {
  // Most messages and every phrasing are plain ASCII: no accents, format characters or curly quotes
  // to fold, so lower case (and ` for ') is all foldText would do.
  if (PLAIN_ASCII.test(text)) return normalizeFoldedAscii(text.toLowerCase().replace(/`/g, "'"));
  return normalizeAnyText(text);
}

/** Two phrasings compare equal when they differ only in case, accents, punctuation or spacing. */
export function phrasingKey(text: string): string {
  return normalizeText(text).tokens.join(' ');
}
