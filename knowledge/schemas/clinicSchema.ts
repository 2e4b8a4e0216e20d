import { z } from 'zod';
import { httpUrl, nonEmptyText, phoneNumber } from './commonFields';

/** clinic.yaml's `reviews:` block: how old a review of an FAQ answer may be, and what happens after. */
export const reviewSettingsSchema = z.strictObject(
  {
    reviewMaxAgeMonths: z
      .number({ error: 'must be a whole number of months, such as 12' })
      .int('must be a whole number of months, such as 12')
      .min(1, 'must be at least 1 month')
      .max(60, 'must be at most 60 months')
      .default(12),
    requireReview: z.boolean({ error: 'must be true or false' }).default(false),
    showReviewed: z.boolean({ error: 'must be true or false' }).default(false),
  },
  { error: 'must hold reviewMaxAgeMonths, requireReview and showReviewed (see the comments at the top of clinic.yaml)' },
);

export type ReviewSettings = z.infer<typeof reviewSettingsSchema>;

/** knowledge/clinic.yaml: facts about the clinic that answers and safety messages use. */
export const clinicSchema = z.strictObject({
  name: nonEmptyText,
  phone: phoneNumber,
  bookingUrl: httpUrl,
  website: httpUrl.optional(),
  email: z.email({ error: 'must be an email address, such as hello@example.com' }).optional(),
  address: nonEmptyText.optional(),
  hours: nonEmptyText.optional(),
  emergencyNumber: nonEmptyText.regex(/^[0-9]{2,4}$/, 'must be the local emergency number, such as "911" or "112"').default('911'),
  crisisLine: nonEmptyText.regex(/^[0-9 +()-]{2,20}$/, 'must be the crisis line number, such as "988"').default('988'),
  disclaimer: nonEmptyText,
  /** Optional; every setting has a default. */
  reviews: reviewSettingsSchema.prefault({}),
});

export type Clinic = z.infer<typeof clinicSchema>;
