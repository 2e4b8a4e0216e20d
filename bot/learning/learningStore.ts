import type { z } from 'zod';
import { lazySchema } from '../../knowledge/loading/lazySchema';
import type { FeedbackCount } from '../../knowledge/gaps/feedbackCounts';
import { dayOf, gapRecordSchema, isDay, isExpired, type GapRecord } from '../../knowledge/gaps/gapRecord';
import { systemClock, type Clock } from '../web/clock';
import type { DailyFiles } from './dailyFiles';

/** What answer feedback needs: one count per 👍 or 👎, per entry and day. */
export interface FeedbackRecorder {
  recordFeedback(entryId: string, helpful: boolean): Promise<void>;
}

export interface LearningStoreOptions {
  /** Each day's files are deleted once they are this many days old (today counts as day 1). */
  readonly retentionDays: number;
  readonly clock?: Clock;
}

const FILE_NAME = /^(gaps|feedback)-(\d{4}-\d{2}-\d{2})\.(jsonl|json)$/;
const ENTRY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const feedbackDaySchema = lazySchema((z) => z.record(z.string().regex(ENTRY_ID), z.strictObject({ helpful: z.number().int().min(0), notHelpful: z.number().int().min(0) })));
type FeedbackDay = z.infer<ReturnType<typeof feedbackDaySchema>>;

/** A day's counts; an unreadable file counts as none (it is rewritten whole at the next 👍 or 👎). */
function parseFeedbackDay(text: string | undefined): FeedbackDay {
  if (text === undefined || text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  const parsed = feedbackDaySchema().safeParse(json);
  return parsed.success ? parsed.data : {};
}

/**
 * The gaps log and answer-feedback counts, one file per kind and day (see DailyFiles): unanswered
 * questions as JSON lines (gaps-YYYY-MM-DD.jsonl), and 👍/👎 counts per FAQ entry
 * (feedback-YYYY-MM-DD.json; entry ids and numbers only, nothing about who gave them). Files older
 * than the retention are deleted: at start-up, on the first write of each day, and by `npm run kb:gaps`.
 */
export class LearningStore implements FeedbackRecorder {
  private readonly clock: Clock;
  private purgedOn: string | undefined;

  constructor(
    private readonly files: DailyFiles,
    private readonly options: LearningStoreOptions,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  get retentionDays(): number {
    return this.options.retentionDays;
  }

  async addGap(record: GapRecord): Promise<void> {
    const valid = gapRecordSchema().parse(record);
    await this.files.append(`gaps-${valid.day}.jsonl`, JSON.stringify(valid));
    await this.purgeOncePerDay();
  }

  /** Adds one 👍 (helpful) or 👎 to today's count for an FAQ entry id. */
  async recordFeedback(entryId: string, helpful: boolean): Promise<void> {
    if (!ENTRY_ID.test(entryId) || entryId.length > 100) throw new Error(`Feedback needs an FAQ entry id, such as "session-length"; "${entryId.slice(0, 100)}" is not one.`);
    await this.files.update(`feedback-${this.today()}.json`, (current) => {
      const counts = parseFeedbackDay(current);
      const count = counts[entryId] ?? { helpful: 0, notHelpful: 0 };
      counts[entryId] = helpful ? { ...count, helpful: count.helpful + 1 } : { ...count, notHelpful: count.notHelpful + 1 };
      return JSON.stringify(counts);
    });
    await this.purgeOncePerDay();
  }

  /** Every kept record, oldest day first; lines that are not records (a hand edit, a cut-off write) are counted, not read. */
  async readGaps(): Promise<{ readonly records: GapRecord[]; readonly unreadable: number }> {
    const records: GapRecord[] = [];
    let unreadable = 0;
    for (const name of await this.kept('gaps')) {
      for (const line of ((await this.files.read(name)) ?? '').split('\n')) {
        if (line.trim() === '') continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          parsed = undefined;
        }
        const record = gapRecordSchema().safeParse(parsed);
        if (record.success) records.push(record.data);
        else unreadable += 1;
      }
    }
    return { records, unreadable };
  }

  async readFeedback(): Promise<FeedbackCount[]> {
    const counts: FeedbackCount[] = [];
    for (const name of await this.kept('feedback')) {
      const day = FILE_NAME.exec(name)?.[2] ?? '';
      for (const [entryId, count] of Object.entries(parseFeedbackDay(await this.files.read(name)))) counts.push({ day, entryId, ...count });
    }
    return counts;
  }

  /** Deletes every file older than the retention; returns their names. */
  async deleteExpired(): Promise<string[]> {
    const today = this.today();
    const expired = (await this.files.list()).filter((name) => {
      const day = FILE_NAME.exec(name)?.[2];
      return day !== undefined && isExpired(day, today, this.options.retentionDays);
    });
    for (const name of expired) await this.files.remove(name);
    this.purgedOn = today;
    return expired;
  }

  private today(): string {
    return dayOf(this.clock());
  }

  private async purgeOncePerDay(): Promise<void> {
    if (this.purgedOn !== this.today()) await this.deleteExpired();
  }

  /** The files of one kind still within the retention, oldest first (an expired one not yet deleted is not read). */
  private async kept(kind: 'gaps' | 'feedback'): Promise<string[]> {
    const today = this.today();
    return (await this.files.list())
      .filter((name) => {
        const match = FILE_NAME.exec(name);
        return match?.[1] === kind && match[2] !== undefined && isDay(match[2]) && !isExpired(match[2], today, this.options.retentionDays);
      })
      .sort();
  }
}
