import { z } from 'zod';
import { kebabId, nonEmptyText } from './commonFields';

export const SCREENING_LEVELS = ['emergency', 'see-doctor', 'caution'] as const;
export type ScreeningLevel = (typeof SCREENING_LEVELS)[number];
export const MAX_SCREENING_QUESTIONS = 7;
/** A caution's tellProvider goes into cautionLine, so it stays a short phrase. */
export const MAX_TELL_PROVIDER_CHARACTERS = 60;

const questionSchema = z
  .strictObject({
    id: kebabId,
    level: z.enum(SCREENING_LEVELS, { error: `must be one of: ${SCREENING_LEVELS.join(', ')}` }),
    text: nonEmptyText,
    onYes: nonEmptyText.optional(),
    tellProvider: nonEmptyText
      .max(MAX_TELL_PROVIDER_CHARACTERS, `must be at most ${MAX_TELL_PROVIDER_CHARACTERS} characters: a short phrase naming this one caution, such as "your pregnancy"`)
      .optional(),
  })
  .superRefine((question, context) => {
    if (question.level !== 'caution' && question.onYes === undefined) {
      context.addIssue({ code: 'custom', path: ['onYes'], message: `a ${question.level} question needs "onYes": what the bot says when the answer is yes` });
    }
    if (question.level === 'caution' && question.tellProvider === undefined) {
      context.addIssue({ code: 'custom', path: ['tellProvider'], message: 'a caution question needs "tellProvider": what the patient should mention to their provider' });
    }
    if (question.level !== 'caution' && question.tellProvider !== undefined) {
      context.addIssue({ code: 'custom', path: ['tellProvider'], message: `only caution questions use "tellProvider"; a ${question.level} yes ends the screen with "onYes"` });
    }
    if (question.level === 'caution' && question.onYes !== undefined) {
      context.addIssue({ code: 'custom', path: ['onYes'], message: 'a caution yes does not end the screen, so "onYes" would never be shown; use "tellProvider"' });
    }
  });

const areaSchema = z.strictObject({
  id: kebabId,
  label: nonEmptyText,
  words: z.array(nonEmptyText).default([]),
});

/** knowledge/screening.yaml: the red-flag screen that runs before any provider is suggested. */
export const screeningSchema = z.strictObject({
  intro: nonEmptyText,
  questions: z
    .array(questionSchema)
    .min(1, 'needs at least one question')
    .max(MAX_SCREENING_QUESTIONS, `must have at most ${MAX_SCREENING_QUESTIONS} questions: keep the screen short`),
  areaQuestion: nonEmptyText,
  areas: z.array(areaSchema).min(1, 'needs at least one area'),
  answers: z.strictObject({
    yesLabel: nonEmptyText,
    noLabel: nonEmptyText,
    yes: z.array(nonEmptyText).min(1),
    no: z.array(nonEmptyText).min(1),
  }),
  reprompt: nonEmptyText,
  areaReprompt: nonEmptyText,
  help: nonEmptyText,
  tooManyUnusable: nonEmptyText,
  cancelled: nonEmptyText,
  afterSeeDoctor: nonEmptyText,
  suggestionIntro: nonEmptyText,
  noAreaMatch: nonEmptyText,
  cautionLine: nonEmptyText.refine((text) => text.includes('{{caution}}'), 'must contain {{caution}}, where the caution text goes'),
  providerCard: z.strictObject({ bookLabel: nonEmptyText, callLabel: nonEmptyText, artCertifiedLabel: nonEmptyText }),
});

export type Screening = z.infer<typeof screeningSchema>;
export type ScreeningQuestion = Screening['questions'][number];
export type ScreeningArea = Screening['areas'][number];
export type ProviderCardLabels = Screening['providerCard'];
