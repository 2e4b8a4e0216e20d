import type { ButtonIntentId, SmallTalkId, SmallTalkIntent } from '../schemas/conversationSchema';
import { phrasingKey } from '../text/normalizeText';
import { TERMS_OF_ADDRESS } from '../matching/matchingTerms';

/** Words that may surround a greeting or a thank-you without changing it ("thanks so much", "hi there"). */
const PADDING_WORDS: ReadonlySet<string> = new Set([
  'so', 'much', 'very', 'a', 'lot', 'again', 'there', 'bot', 'you', 'guys', 'everyone', 'all', 'folks', 'please', 'pls',
  'ok', 'okay', 'oh', 'well', 'then', 'for', 'that', 'the', 'info', 'i', 'am', 'just', 'really', 'lol', 'and', 'now', 'at',
  // Ways of addressing someone: "thank you, dear", "cheers mate", "thanks po", "not what i asked la".
  ...TERMS_OF_ADDRESS, 'love', 'friend', 'doc', 'team',
  'honestly', 'tbh', 'seriously', 'literally', 'ya',
]);

const MAX_SMALL_TALK_WORDS = 8;

/** The labels of buttons whose text is read back as a command: "None of these", "See all topics". */
export type ButtonLabels = Readonly<Partial<Record<ButtonIntentId, string>>>;

/**
 * Recognises messages that are only a greeting, a thank-you, a goodbye, a request for help,
 * a restart or a request to be forgotten, or the label of a button that sends it ("None of these", "See all topics"), on
 * every channel alike. A greeting followed by a real question ("hi, does ART hurt?") is not small talk.
 */
export class SmallTalkDetector {
  private readonly intentByPhrase = new Map<string, SmallTalkId>();

  constructor(intents: readonly SmallTalkIntent[], buttonLabels: ButtonLabels = {}) {
    for (const intent of intents) {
      for (const phrase of intent.phrases) this.intentByPhrase.set(phrasingKey(phrase), intent.id);
    }
    for (const [id, label] of Object.entries(buttonLabels) as [ButtonIntentId, string | undefined][]) {
      if (label !== undefined) this.intentByPhrase.set(phrasingKey(label), id);
    }
  }

  /** Every word the phrases use, so typos such as "thnaks" can be corrected toward them. */
  vocabulary(): Set<string> {
    return new Set([...this.intentByPhrase.keys()].flatMap((phrase) => phrase.split(' ')));
  }

  detect(tokens: readonly string[]): SmallTalkId | undefined {
    // Small talk is short; anything longer carries a real question.
    if (tokens.length === 0 || tokens.length > MAX_SMALL_TALK_WORDS) return undefined;
    // Some span must be a known phrase, with only padding words around it ("oh thank you so much").
    for (let start = 0; start < tokens.length; start += 1) {
      if (start > 0 && !PADDING_WORDS.has(tokens[start - 1] as string)) break;
      for (let end = tokens.length; end > start; end -= 1) {
        if (end < tokens.length && !PADDING_WORDS.has(tokens[end] as string)) break;
        const intent = this.intentByPhrase.get(tokens.slice(start, end).join(' '));
        if (intent !== undefined) return intent;
      }
    }
    return undefined;
  }
}
