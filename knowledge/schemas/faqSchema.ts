import { z } from 'zod';
import { DATE_FORMAT, parseCalendarDate } from '../reviews/calendarDate';
import { kebabId, nonEmptyText } from './commonFields';

export const ANSWER_MIN_WORDS = 40;
export const ANSWER_MAX_WORDS = 130;
export const MIN_ALTERNATES = 6;

export function countWords(markdown: string): number {
  return markdown
    .replace(/\{\{[^}]*\}\}/g, 'placeholder')
    .replace(/[#*_>`[\]()-]/g, ' ')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

const answerText = z
  .string({ error: 'must be text (the answer shown to the patient, in markdown)' })
  .trim()
  .min(1, 'must not be empty: write the answer the patient will see')
  .refine((answer) => countWords(answer) >= ANSWER_MIN_WORDS, {
    error: (issue) => `is too short (${countWords(String(issue.input))} words); write ${ANSWER_MIN_WORDS} to ${ANSWER_MAX_WORDS} words`,
  })
  .refine((answer) => countWords(answer) <= ANSWER_MAX_WORDS, {
    error: (issue) => `is too long (${countWords(String(issue.input))} words); keep it to ${ANSWER_MAX_WORDS} words or fewer`,
  });

const reviewDate = z
  .string({ error: `must be a date written as ${DATE_FORMAT}` })
  .trim()
  .refine((text) => parseCalendarDate(text) !== undefined, {
    error: (issue) => `"${String(issue.input)}" is not a date written as ${DATE_FORMAT}`,
  });

/** Who last checked an answer, and on which day: `reviewed: { by: Clinic lead physiotherapist, on: 2026-12-01 }`. */
export const reviewedSchema = z.strictObject(
  {
    by: z.string({ error: 'must say who reviewed the answer: a name or a role, such as "Clinic lead physiotherapist"' }).trim().min(1, 'must say who reviewed the answer: a name or a role, such as "Clinic lead physiotherapist"'),
    on: reviewDate,
  },
  { error: 'must be written as  reviewed: { by: <name or role>, on: <YYYY-MM-DD> }' },
);

export const faqEntrySchema = z.strictObject({
  id: kebabId,
  question: nonEmptyText,
  alternates: z
    .array(nonEmptyText, { error: 'must be a list of patient phrasings' })
    .min(MIN_ALTERNATES, `needs at least ${MIN_ALTERNATES} patient phrasings`),
  answer: answerText,
  sources: z.array(kebabId, { error: 'must be a list of source ids from sources.yaml' }).min(1, 'must name at least one source from sources.yaml'),
  related: z.array(kebabId, { error: 'must be a list of FAQ ids' }).default([]),
  /** Word groups that, all in one message, pick this entry over a closer-worded one (see faq.yaml). */
  cues: z
    .array(z.array(nonEmptyText, { error: 'must be a [list] of word groups' }).min(1, 'must name at least one word group'), {
      error: 'must be a list of cues, each a [list] of word groups',
    })
    .default([]),
  /** Who last checked the answer and when; kb:check warns once it is older than reviewMaxAgeMonths (clinic.yaml). */
  reviewed: reviewedSchema.optional(),
  /** A medical answer: with an out-of-date review it is logged at start-up, and replaced when requireReview is on. */
  clinical: z.boolean({ error: 'must be true or false' }).default(false),
});

export const faqFileSchema = z.strictObject({
  entries: z.array(faqEntrySchema, { error: 'must be a list of FAQ entries' }).min(1, 'must hold at least one FAQ entry'),
});

export type FaqEntry = z.infer<typeof faqEntrySchema>;

export const sourceSchema = z.strictObject({
  id: kebabId,
  title: nonEmptyText,
  publisher: nonEmptyText,
  url: z.url({ error: 'must be a web address' }).optional(),
});

export const sourcesFileSchema = z.strictObject({
  sources: z.array(sourceSchema).min(1, 'must list at least one source'),
});

export type Source = z.infer<typeof sourceSchema>;
