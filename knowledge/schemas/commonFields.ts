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
