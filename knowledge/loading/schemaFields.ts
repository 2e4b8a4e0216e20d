import { distance } from 'fastest-levenshtein';
import { z } from 'zod';

/** The schemas a path can pass through on its way to an object: lists, optional values, defaults, choices. */
function inner(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) return [schema.unwrap() as z.ZodType];
  if (schema instanceof z.ZodPipe) return [schema.in as z.ZodType];
  if (schema instanceof z.ZodUnion) return (schema.options as readonly z.ZodType[]).flatMap((option) => resolve(option));
  return [schema];
}

function resolve(schema: z.ZodType): z.ZodType[] {
  const found = inner(schema);
  return found.length === 1 && found[0] === schema ? found : found.flatMap(resolve);
}

function step(schema: z.ZodType, key: PropertyKey): z.ZodType[] {
  return resolve(schema).flatMap((candidate): z.ZodType[] => {
    if (candidate instanceof z.ZodArray && typeof key === 'number') return [candidate.element as z.ZodType];
    if (candidate instanceof z.ZodObject && typeof key === 'string') {
      const field = (candidate.shape as Record<string, z.ZodType | undefined>)[key];
      return field === undefined ? [] : [field];
    }
    if (candidate instanceof z.ZodRecord) return [candidate.valueType as z.ZodType];
    return [];
  });
}

/** The fields the object at `path` may have, as the schema defines them (empty when it is not an object). */
export function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let schemas = [schema];
  for (const key of path) schemas = schemas.flatMap((candidate) => step(candidate, key));
  const objects = schemas.flatMap(resolve).filter((candidate): candidate is z.ZodObject => candidate instanceof z.ZodObject);
  return [...new Set(objects.flatMap((object) => Object.keys(object.shape)))];
}

/**
 * The allowed field a misspelled one most likely meant ("alternats" → "alternates"): the closest by
 * edit distance, ignoring case, if it is close enough to be a typo rather than a different word.
 */
export function closestField(unknown: string, allowed: readonly string[]): string | undefined {
  const typed = unknown.toLowerCase();
  let best: { field: string; distance: number } | undefined;
  for (const field of allowed) {
    const d = distance(typed, field.toLowerCase());
    if (best === undefined || d < best.distance) best = { field, distance: d };
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(Math.max(typed.length, best.field.length) / 3)));
  return best.distance <= limit ? best.field : undefined;
}
