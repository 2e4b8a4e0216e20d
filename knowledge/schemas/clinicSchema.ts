import { z } from 'zod';
import { httpUrl, nonEmptyText, phoneNumber } from './commonFields';

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
});

export type Clinic = z.infer<typeof clinicSchema>;
