import type { Screening, ScreeningArea } from '../schemas/screeningSchema';
import { normalizeText, phrasingKey } from '../text/normalizeText';

export type YesNo = 'yes' | 'no';

/** Words that make an answer unsure ("no idea", "no clue"): unsure counts as yes. */
const UNSURE_WORDS: ReadonlySet<string> = new Set(['idea', 'clue', 'sure', 'certain', 'know', 'think', 'maybe', 'possibly', 'probably', 'unsure', 'dunno', 'idk']);

/** Words that may follow a "no" without changing it ("no thanks", "nope, none of those", "no i do not"). */
const PLAIN_NO_FOLLOWERS: ReadonlySet<string> = new Set([
  'thanks', 'thank', 'you', 'thx', 'none', 'of', 'those', 'these', 'them', 'that', 'not', 'at', 'all', 'really', 'i', 'do', 'does',
  'did', 'have', 'has', 'had', 'am', 'is', 'are', 'was', 'any', 'nothing', 'like', 'sorry', 'fine', 'good', 'ok', 'okay', 'nah',
  'never', 'apply', 'applies', 'to', 'me', 'it', 'they', 'we', 'there', 'here', 'so', 'far',
]);

/** Button labels and free-text answers that mean yes or no, in one language. */
export interface YesNoAnswers {
  readonly yesLabel: string;
  readonly noLabel: string;
  readonly yes: readonly string[];
  readonly no: readonly string[];
}

/**
 * Understands yes/no answers (buttons or free text such as "yep", "nope", "not really",
 * "I don't think so"), in every language it is given. Anything else is "not understood", so the
 * dialog asks again rather than guessing; an unsure answer ("no idea") counts as yes.
 */
export class YesNoReader {
  private readonly exact = new Map<string, YesNo>();
  private readonly leadingWord = new Map<string, YesNo>();

  constructor(answerSets: readonly YesNoAnswers[]) {
    const record = (answer: YesNo, phrases: readonly string[]): void => {
      for (const phrase of phrases) {
        const key = phrasingKey(phrase);
        // The first language wins a word both use ("no" is no in English and Spanish alike).
        if (!this.exact.has(key)) this.exact.set(key, answer);
        if (!key.includes(' ') && !this.leadingWord.has(key)) this.leadingWord.set(key, answer);
      }
    };
    for (const answers of answerSets) {
      record('yes', [answers.yesLabel, ...answers.yes]);
      record('no', [answers.noLabel, ...answers.no]);
    }
  }

  read(text: string): YesNo | undefined {
    const tokens = normalizeText(text).tokens;
    const exact = this.exact.get(tokens.join(' '));
    if (exact !== undefined) return exact;
    // "yes please", "nope, none of those": a clear first word decides, unless the rest contradicts it.
    const first = tokens[0] === undefined ? undefined : this.leadingWord.get(tokens[0]);
    if (first === undefined) return undefined;
    const rest = tokens.slice(1);
    if (rest.some((word) => this.leadingWord.has(word) && this.leadingWord.get(word) !== first)) return undefined;
    if (first === 'yes') return 'yes';
    // A "no" is only taken as no when nothing after it qualifies it: "no idea" is unsure, which
    // counts as yes; "nope, only sometimes" or "none except my calf" must be asked again.
    if (rest.some((word) => UNSURE_WORDS.has(word))) return 'yes';
    return rest.every((word) => PLAIN_NO_FOLLOWERS.has(word) || this.leadingWord.get(word) === 'no') ? 'no' : undefined;
  }
}

/** Understands answers to the screening questions: yes/no, and the area that bothers the person. */
export class ScreeningAnswers {
  private readonly yesNoReader: YesNoReader;
  private readonly areaPhrases: { readonly words: readonly string[]; readonly areaId: string }[] = [];

  constructor(screening: Screening) {
    this.yesNoReader = new YesNoReader([screening.answers]);
    for (const area of screening.areas) {
      for (const phrase of [area.label, area.id.replace(/-/g, ' '), ...area.words]) {
        this.areaPhrases.push({ words: normalizeText(phrase).tokens, areaId: area.id });
      }
    }
    // Longer phrases first, so "upper back" wins over "back".
    this.areaPhrases.sort((a, b) => b.words.length - a.words.length);
  }

  yesNo(text: string): YesNo | undefined {
    return this.yesNoReader.read(text);
  }

  area(text: string, areas: readonly ScreeningArea[]): ScreeningArea | undefined {
    const tokens = normalizeText(text).tokens;
    for (const { words, areaId } of this.areaPhrases) {
      for (let start = 0; start + words.length <= tokens.length; start += 1) {
        if (words.every((word, offset) => tokens[start + offset] === word)) return areas.find((area) => area.id === areaId);
      }
    }
    return undefined;
  }
}
