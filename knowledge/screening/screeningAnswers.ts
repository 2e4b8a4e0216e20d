import type { Screening, ScreeningArea } from '../schemas/screeningSchema';
import { normalizeText, phrasingKey } from '../text/normalizeText';

export type YesNo = 'yes' | 'no';

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
    const contradicted = tokens.slice(1).some((word) => this.leadingWord.has(word) && this.leadingWord.get(word) !== first);
    return contradicted ? undefined : first;
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
