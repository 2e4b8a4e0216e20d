import { z } from 'zod';
import { httpUrl, kebabId, nonEmptyText, phoneNumber } from './commonFields';

const providerSchema = z
  .strictObject({
    id: kebabId,
    name: nonEmptyText,
    discipline: nonEmptyText,
    artCertified: z.boolean({ error: 'must be true or false' }),
    certification: nonEmptyText.optional(),
    areas: z.array(kebabId).min(1, 'must list at least one area id from screening.yaml'),
    location: nonEmptyText,
    phone: phoneNumber.optional(),
    bookingUrl: httpUrl.optional(),
  })
  .refine((provider) => provider.phone !== undefined || provider.bookingUrl !== undefined, {
    error: 'needs a bookingUrl or a phone (or both), so patients can book',
    path: ['bookingUrl'],
  });

/** knowledge/providers.yaml: who the bot may suggest after a clear screen. */
export const providersFileSchema = z.strictObject({
  providers: z.array(providerSchema).min(1, 'must list at least one provider'),
});

export type Provider = z.infer<typeof providerSchema>;
