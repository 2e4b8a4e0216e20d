import type { Clinic } from '../schemas/clinicSchema';
import { dialableDigits } from './dialableDigits';
import type { PhoneNumber, ReplyPart } from './plannedReply';

export function phoneNumber(number: string): PhoneNumber {
  return { number, dial: dialableDigits(number) };
}

/** The numbers the bot gives patients: the emergency number, the crisis line and the clinic's phone (each once). */
export function clinicPhoneNumbers(clinic: Pick<Clinic, 'phone' | 'emergencyNumber' | 'crisisLine'>): PhoneNumber[] {
  const numbers = [clinic.emergencyNumber, clinic.crisisLine, clinic.phone].map((number) => number.trim()).filter((number) => number !== '');
  return [...new Set(numbers)].map(phoneNumber);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Markdown links and web addresses, whose text is left as it is (a number inside them is not the clinic's to link). */
const LEFT_ALONE = /\[[^\]\n]*\]\([^)\n]*\)|<?https?:\/\/[^\s>)]+>?/g;

/**
 * Finds the clinic's phone numbers in a reply's text, so a channel can make them tappable. A
 * number counts only on its own: not inside a longer number ("911" in "555 911 0000"), a word, a
 * web address or a markdown link. Where two overlap, the longer wins ("+1 555 988 2030" is the
 * clinic's phone, not the crisis line 988).
 */
export class PhoneLinker {
  private readonly pattern: RegExp | undefined;
  private readonly byNumber: ReadonlyMap<string, PhoneNumber>;

  constructor(numbers: readonly PhoneNumber[]) {
    this.byNumber = new Map(numbers.map((phone) => [phone.number, phone]));
    const longestFirst = [...this.byNumber.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    // Not after a letter, a digit (with an optional separator: a longer number) or URL punctuation; not before more digits.
    this.pattern = longestFirst.length === 0 ? undefined : new RegExp(`(?<![\\p{L}\\d+/=:@.#_-]|\\d[ ().-])(?:${longestFirst.join('|')})(?![ ().-]?\\d|\\p{L})`, 'gu');
  }

  parts(text: string): ReplyPart[] {
    const parts: ReplyPart[] = [];
    const pushText = (piece: string): void => {
      if (piece === '') return;
      const last = parts.at(-1);
      if (last?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: last.text + piece };
      else parts.push({ kind: 'text', text: piece });
    };
    let position = 0;
    for (const leftAlone of [...text.matchAll(LEFT_ALONE), undefined]) {
      const end = leftAlone?.index ?? text.length;
      this.linkNumbers(text.slice(position, end), pushText, parts);
      if (leftAlone !== undefined) pushText(leftAlone[0]);
      position = end + (leftAlone?.[0].length ?? 0);
    }
    return parts;
  }

  private linkNumbers(segment: string, pushText: (piece: string) => void, parts: ReplyPart[]): void {
    if (this.pattern === undefined) {
      pushText(segment);
      return;
    }
    let position = 0;
    for (const match of segment.matchAll(this.pattern)) {
      const phone = this.byNumber.get(match[0]);
      if (phone === undefined) continue;
      pushText(segment.slice(position, match.index));
      parts.push({ kind: 'phone', phone });
      position = match.index + match[0].length;
    }
    pushText(segment.slice(position));
  }
}

/** The phone numbers of a reply, each once, in the order the text gives them. */
export function phonesIn(parts: readonly ReplyPart[]): PhoneNumber[] {
  const seen = new Map<string, PhoneNumber>();
  for (const part of parts) if (part.kind === 'phone' && !seen.has(part.phone.dial)) seen.set(part.phone.dial, part.phone);
  return [...seen.values()];
}
