import { z } from 'zod';
import { httpUrl, nonEmptyText } from './commonFields';

/** knowledge/clinic.yaml: facts about the clinic that answers and safety messages use. */
export const clinicSchema = z.strictObject({
  name: nonEmptyText,
  phone: nonEmptyText.regex(/^\+?[0-9 ()-]{5,}$/, 'must be a phone number such as "+1 555 010 2030"'),
  bookingUrl: httpUrl,
  website: httpUrl.optional(),
  address: nonEmptyText.optional(),
  hours: nonEmptyText.optional(),
  emergencyNumber: nonEmptyText.regex(/^[0-9]{2,4}$/, 'must be the local emergency number, such as "911" or "112"').default('911'),
  disclaimer: nonEmptyText,
});

export type Clinic = z.infer<typeof clinicSchema>;
