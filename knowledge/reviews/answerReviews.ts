import type { ReviewSettings } from '../schemas/clinicSchema';
import type { FaqEntry } from '../schemas/faqSchema';
import { addMonths, ageBetween, calendarDateOf, compareDates, describeAge, formatCalendarDate, parseCalendarDate } from './calendarDate';

/** How an entry's `reviewed` stands on a given day, against clinic.yaml's reviewMaxAgeMonths. */
export type ReviewState =
  | { readonly status: 'missing' }
  | { readonly status: 'future'; readonly on: string }
  | { readonly status: 'fresh'; readonly on: string }
  | { readonly status: 'expired'; readonly on: string; readonly age: string; readonly dueOn: string };

type Reviewable = Pick<FaqEntry, 'reviewed'>;

/**
 * A review is fresh up to and including the day reviewMaxAgeMonths after it (reviewed 2025-12-01,
 * 12 months: fresh until 2026-12-01), expired from the day after. A date after `now` is a typo.
 */
export function reviewState(entry: Reviewable, maxAgeMonths: number, now: Date): ReviewState {
  const on = entry.reviewed === undefined ? undefined : parseCalendarDate(entry.reviewed.on);
  if (entry.reviewed === undefined || on === undefined) return { status: 'missing' };
  const today = calendarDateOf(now);
  const written = formatCalendarDate(on);
  if (compareDates(on, today) > 0) return { status: 'future', on: written };
  const due = addMonths(on, maxAgeMonths);
  if (compareDates(today, due) <= 0) return { status: 'fresh', on: written };
  return { status: 'expired', on: written, age: describeAge(ageBetween(on, today)), dueOn: formatCalendarDate(due) };
}

export interface ReviewWarning {
  readonly id: string;
  readonly clinical: boolean;
  readonly state: Exclude<ReviewState, { status: 'fresh' }>;
}

/** Every entry whose review is missing, out of date or dated in the future, in faq.yaml's order. */
export function reviewWarnings(faq: readonly FaqEntry[], settings: ReviewSettings, now: Date): ReviewWarning[] {
  return faq.flatMap((entry): ReviewWarning[] => {
    const state = reviewState(entry, settings.reviewMaxAgeMonths, now);
    return state.status === 'fresh' ? [] : [{ id: entry.id, clinical: entry.clinical, state }];
  });
}

/** The ids of clinical entries whose review is missing, out of date or dated in the future. */
export function clinicalReviewsDue(faq: readonly FaqEntry[], settings: ReviewSettings, now: Date): string[] {
  return reviewWarnings(faq, settings, now)
    .filter((warning) => warning.clinical)
    .map((warning) => warning.id);
}

/** One line of `npm run kb:check`: which entry, and how old its review is. */
export function describeReviewWarning({ id, clinical, state }: ReviewWarning, maxAgeMonths: number): string {
  const entry = `${id}${clinical ? ' (clinical)' : ''}`;
  switch (state.status) {
    case 'missing':
      return `${entry}: no review recorded. Add  reviewed: { by: <name or role>, on: <YYYY-MM-DD> }  once someone has checked it.`;
    case 'future':
      return `${entry}: reviewed on ${state.on}, which is in the future. Write the day the review happened.`;
    case 'expired':
      return `${entry}: last reviewed on ${state.on}, ${state.age} ago; reviews are due every ${maxAgeMonths} months (this one was due by ${state.dueOn}).`;
  }
}

/** What `npm run kb:check` prints about reviews on the day `now`: a tick, or a warning per entry. */
export function reviewReport(faq: readonly FaqEntry[], settings: ReviewSettings, now: Date): string[] {
  const warnings = reviewWarnings(faq, settings, now);
  if (warnings.length === 0) return [`✔ Every FAQ entry was reviewed in the last ${settings.reviewMaxAgeMonths} months.`];
  const clinical = warnings.filter((warning) => warning.clinical).length;
  return [
    '',
    `⚠ ${warnings.length} FAQ entr${warnings.length === 1 ? 'y needs' : 'ies need'} a review (${clinical} clinical); reviews last ${settings.reviewMaxAgeMonths} months (reviewMaxAgeMonths in clinic.yaml):`,
    ...warnings.map((warning) => `  ${describeReviewWarning(warning, settings.reviewMaxAgeMonths)}`),
    settings.requireReview
      ? 'requireReview is on: the clinical ones above answer with reviewPending ("please call us") until they are reviewed.'
      : 'These still answer. Have someone check each one, then update its "reviewed" line.',
  ];
}
