import { z } from 'zod';

/** Stable identifiers: lower-case words joined by hyphens, e.g. "is-art-painful". */
export const kebabId = z
  .string({ error: 'must be a kebab-case id such as "is-art-painful"' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case id such as "is-art-painful" (lower-case letters, digits and hyphens)');

export const nonEmptyText = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty');

/** A phone number patients can dial: digits, spaces, + ( ) and -. */
export const phoneNumber = z
  .string({ error: 'must be a phone number such as "+1 555 010 2030"' })
  .trim()
  .regex(/^\+?[0-9 ()-]{5,}$/, 'must be a phone number such as "+1 555 010 2030"');

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be a web address starting with https:// or http://' });

/** A number from 0 to 1: a score, a probability or a level. */
export const unitScore = z.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1');

/** A learned model's weight (or bias), as kb:calibrate writes it. */
export const modelWeight = z.number({ error: 'must be a number (a weight; it may be negative)' }).finite();
