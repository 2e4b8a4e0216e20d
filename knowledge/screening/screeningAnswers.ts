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

/**
 * Understands answers to the screening questions: yes/no (buttons or free text such as
 * "yep", "nope", "not really", "I don't think so") and the area that bothers the person.
 * Anything else is "not understood", so the dialog asks again rather than guessing.
 */
export class ScreeningAnswers {
  private readonly exact = new Map<string, YesNo>();
  private readonly leadingWord = new Map<string, YesNo>();
  private readonly areaPhrases: { readonly words: readonly string[]; readonly areaId: string }[] = [];

  constructor(screening: Screening) {
    const record = (answer: YesNo, phrases: readonly string[]): void => {
      for (const phrase of phrases) {
        const key = phrasingKey(phrase);
        this.exact.set(key, answer);
        if (!key.includes(' ')) this.leadingWord.set(key, answer);
      }
    };
    record('yes', [screening.answers.yesLabel, ...screening.answers.yes]);
    record('no', [screening.answers.noLabel, ...screening.answers.no]);
    for (const area of screening.areas) {
      for (const phrase of [area.label, area.id.replace(/-/g, ' '), ...area.words]) {
        this.areaPhrases.push({ words: normalizeText(phrase).tokens, areaId: area.id });
      }
    }
    // Longer phrases first, so "upper back" wins over "back".
    this.areaPhrases.sort((a, b) => b.words.length - a.words.length);
  }

  yesNo(text: string): YesNo | undefined {
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
