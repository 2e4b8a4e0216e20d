/** A day in the calendar, without a time or a time zone: what a curator writes as 2026-12-01. */
export interface CalendarDate {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  /** 1 to 31. */
  readonly day: number;
}

/** How a review date is written, shown in the error for a date written any other way. */
export const DATE_FORMAT = 'YYYY-MM-DD (year-month-day, such as 2026-12-01)';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2026-12-01" as a date; undefined for another format or a day that does not exist ("2026-02-30"). */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** The day a clock reads, in the local time zone of the machine (the clinic's, or the server's). */
export function calendarDateOf(now: Date): CalendarDate {
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

export function formatCalendarDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Negative when a is before b, 0 on the same day, positive after. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The same day `months` later; the 31st becomes the last day of a shorter month (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000);
}

/** Whole months from `from` to `to` (not before `from`), then the days left over. */
export function ageBetween(from: CalendarDate, to: CalendarDate): { readonly months: number; readonly days: number } {
  let months = (to.year - from.year) * 12 + (to.month - from.month);
  while (months > 0 && compareDates(addMonths(from, months), to) > 0) months -= 1;
  months = Math.max(0, months);
  return { months, days: daysBetween(addMonths(from, months), to) };
}

/** "12 months and 1 day", "3 days", "1 month". */
export function describeAge({ months, days }: { readonly months: number; readonly days: number }): string {
  const parts = [
    ...(months > 0 ? [`${months} month${months === 1 ? '' : 's'}`] : []),
    ...(days > 0 || months === 0 ? [`${days} day${days === 1 ? '' : 's'}`] : []),
  ];
  return parts.join(' and ');
}
