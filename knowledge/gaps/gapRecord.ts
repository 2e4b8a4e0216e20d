import type { z } from 'zod';
import { lazySchema } from '../loading/lazySchema';
import { MAX_GAP_TEXT } from './redaction';

/**
 * How the question ended unanswered: the bot said it did not know (fallback); it offered "did you
 * mean" and the patient pressed "None of these"; or it offered "did you mean" and the patient asked
 * again in other words instead of pressing a choice (rephrased).
 */
export const GAP_ROUTES = ['fallback', 'none-of-these', 'rephrased'] as const;
export type GapRoute = (typeof GAP_ROUTES)[number];

/** The best-ranked entries a record keeps, with their scores. */
export const MAX_GAP_CANDIDATES = 3;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One question the bot could not answer, as the gaps log keeps it: the redacted text, how it ended,
 * the FAQ ranking's best entries, the day (never the time) and the channel. No user, conversation or
 * channel-specific id.
 */
export const gapRecordSchema = lazySchema((z) =>
  z.strictObject({
  day: z.string().regex(DAY),
  channel: z.string().max(20),
  route: z.enum(GAP_ROUTES),
  text: z.string().max(MAX_GAP_TEXT),
  candidates: z.array(z.strictObject({ id: z.string().max(100), score: z.number().min(0).max(1) })).max(MAX_GAP_CANDIDATES),
  }),
);

export type GapRecord = z.infer<ReturnType<typeof gapRecordSchema>>;

/** A record before the next message says how it ended (after a "did you mean"). */
export type GapDraft = Omit<GapRecord, 'route'>;

/** The day of a moment, as records keep it: UTC, YYYY-MM-DD. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function isDay(text: string): boolean {
  return DAY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}

/** Whole days from `day` to `today` (both YYYY-MM-DD). */
export function daysBetween(day: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
}

/** A day's records are kept for `retentionDays` days, today included, then deleted. */
export function isExpired(day: string, today: string, retentionDays: number): boolean {
  return daysBetween(day, today) >= retentionDays;
}

/**
 * The Bot Framework channels, by id. Without an app id anyone may post an activity with any
 * channelId, so anything else is stored as "other", never as written.
 */
const KNOWN_CHANNELS: ReadonlySet<string> = new Set([
  'emulator', 'webchat', 'directline', 'directlinespeech', 'msteams', 'slack', 'facebook', 'telegram', 'sms', 'email', 'line',
  'kik', 'skype', 'groupme', 'twilio-sms', 'alexa', 'omnichannel', 'outlook', 'm365extensions', 'test',
]);

export function channelOf(channelId: string | undefined): string {
  const id = (channelId ?? '').toLowerCase();
  return KNOWN_CHANNELS.has(id) ? id : 'other';
}
