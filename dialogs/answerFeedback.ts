import { randomUUID } from 'node:crypto';
import type { Activity, BotState, StatePropertyAccessor, TurnContext } from 'botbuilder';

/**
 * Where "Did this help?" answers go: the FAQ entry id and yes or no, nothing else (the store counts
 * them per entry and day). Injected through createMainDialog; by default nothing is stored.
 */
export type AnswerFeedbackSink = (entryId: string, helpful: boolean) => Promise<void>;

export const discardAnswerFeedback: AnswerFeedbackSink = () => Promise.resolve();

/** What the dialogs log about feedback; bot/logger's pino Logger fits. */
export interface AnswerFeedbackLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

const SILENT: AnswerFeedbackLogger = { info: () => undefined, warn: () => undefined };

export interface AnswerFeedbackOptions {
  readonly sink?: AnswerFeedbackSink;
  readonly logger?: AnswerFeedbackLogger;
}

/** A press of a "Did this help?" button: which offer it belonged to, and which button. */
export interface AnswerFeedbackClick {
  readonly offer: string;
  readonly helpful: boolean;
}

/** The key of a feedback button's value; a message without it (anything typed) is never feedback. */
const VALUE_KEY = 'answerFeedback';

/** An offer's name: randomUUID's form. Anything else in a value is not one of the bot's buttons. */
const OFFER = /^[0-9a-f-]{36}$/;

/** What a "Did this help?" button sends as the message's value, beside its label as text. */
export function answerFeedbackValue(offer: string, helpful: boolean): { readonly [VALUE_KEY]: AnswerFeedbackClick } {
  return { [VALUE_KEY]: { offer, helpful } };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    // Teams' messageBack examples send value as a JSON string.
    try {
      return asRecord(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The "Did this help?" press a message carries in its value, or undefined (a typed message, any other button). */
export function answerFeedbackClick(activity: Partial<Activity>): AnswerFeedbackClick | undefined {
  const click = asRecord(asRecord(activity.value)?.[VALUE_KEY]);
  if (click === undefined || typeof click.offer !== 'string' || !OFFER.test(click.offer) || typeof click.helpful !== 'boolean') return undefined;
  return { offer: click.offer, helpful: click.helpful };
}

/** The last answer's "Did this help?", kept in conversation state: an FAQ id and a random name, never text. */
export interface FeedbackOffer {
  readonly entryId: string;
  readonly offer: string;
  /** Set once a press was counted: pressing again gets the same reply and counts nothing. */
  readonly answered?: true;
}

/** What a press came to: the entry it was about, when it belonged to the last answer's offer, and whether it was counted now. */
export interface FeedbackOutcome {
  readonly entryId?: string;
  readonly counted: boolean;
}

/** How many counted offers a process remembers, for presses of one offer handled at the same moment. */
const RECENT_OFFERS = 10_000;

/**
 * "Did this help?" under FAQ answers, counted at most once per answer. The offer of the latest
 * answer is kept in conversation state (its FAQ id and a random name the buttons carry); the next
 * message ends it, whatever it is, so only a press straight after the answer counts, and a press
 * on an older answer's buttons (its name no longer matches) counts nothing. The id comes from
 * state, never from the press, so a forged value cannot count feedback for another entry.
 */
export class AnswerFeedback {
  private readonly property: StatePropertyAccessor<FeedbackOffer | undefined>;
  private readonly sink: AnswerFeedbackSink;
  private readonly logger: AnswerFeedbackLogger;
  /**
   * Offers this process counted lately (random names only). Conversation state alone cannot stop
   * a double-click whose two turns both read it before either saved; this set is checked and
   * filled with no await between, so one process counts such a pair once.
   */
  private readonly counted = new Set<string>();

  constructor(
    private readonly conversationState: BotState,
    { sink = discardAnswerFeedback, logger = SILENT }: AnswerFeedbackOptions = {},
  ) {
    this.property = conversationState.createProperty<FeedbackOffer | undefined>('answerFeedbackOffer');
    this.sink = sink;
    this.logger = logger;
  }

  /** Ends the last answer's offer and returns it: called once for every message the main dialog routes. */
  async withdraw(context: TurnContext): Promise<FeedbackOffer | undefined> {
    const offered = await this.property.get(context);
    if (offered !== undefined) await this.property.delete(context);
    return offered;
  }

  /** Offers "Did this help?" for this answer; returns the offer's name, for its buttons. */
  async offer(context: TurnContext, entryId: string): Promise<string> {
    const offer = randomUUID();
    await this.property.set(context, { entryId, offer });
    return offer;
  }

  /**
   * A press, given the offer withdrawn earlier in the turn: counted when it belongs to that offer and
   * none was counted yet. A sink that fails is logged and the turn goes on: the patient still gets a reply.
   */
  async answer(context: TurnContext, click: AnswerFeedbackClick, offered: FeedbackOffer | undefined): Promise<FeedbackOutcome> {
    if (offered === undefined || offered.offer !== click.offer) return { counted: false };
    const { entryId, offer } = offered;
    const first = offered.answered !== true && !this.counted.has(offer);
    if (first) this.remember(offer);
    await this.property.set(context, { entryId, offer, answered: true });
    if (!first) return { entryId, counted: false };
    // Saved now, not at the end of the turn, so a second press reaching another instance meanwhile finds it answered.
    await this.conversationState.saveChanges(context);
    this.logger.info({ entryId, helpful: click.helpful }, 'answer feedback');
    try {
      await this.sink(entryId, click.helpful);
    } catch (error) {
      this.logger.warn({ entryId, helpful: click.helpful, error: error instanceof Error ? error.message : String(error) }, 'answer feedback could not be recorded');
    }
    return { entryId, counted: true };
  }

  private remember(offer: string): void {
    this.counted.add(offer);
    // A Set iterates in insertion order: the first is the oldest.
    for (const oldest of this.counted) {
      if (this.counted.size <= RECENT_OFFERS) break;
      this.counted.delete(oldest);
    }
  }
}
