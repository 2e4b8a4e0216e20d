/**
 * JSON for an object graph: plain objects, arrays, strings, finite numbers, booleans, null and
 * undefined, where the same object may be reached twice (a concept's phrases are shared by the rules
 * that name it). decodeGraph(encodeGraph(x)) rebuilds x with the same sharing, not copies.
 * encodeGraph returns undefined for anything else (a Map, a Date, NaN…): such a value is not cached.
 */
type Encoded =
  | string
  | number
  | boolean
  | null
  | { readonly u: 1 }
  | { readonly r: number }
  | { readonly a: Encoded[] }
  /** An object; `n` when it has no prototype. */
  | { readonly o: Record<string, Encoded>; readonly n?: 1 };

export function encodeGraph(value: unknown): string | undefined {
  const ids = new Map<object, number>();
  let plain = true;
  const encode = (item: unknown): Encoded => {
    if (item === undefined) return { u: 1 };
    if (item === null || typeof item === 'string' || typeof item === 'boolean') return item;
    if (typeof item === 'number') {
      if (!Number.isFinite(item) || Object.is(item, -0)) plain = false;
      return item;
    }
    if (typeof item !== 'object') {
      plain = false;
      return null;
    }
    const id = ids.get(item);
    if (id !== undefined) return { r: id };
    ids.set(item, ids.size);
    if (Array.isArray(item)) return { a: item.map(encode) };
    const prototype = Object.getPrototypeOf(item) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      plain = false;
      return null;
    }
    const fields: Record<string, Encoded> = {};
    for (const [key, field] of Object.entries(item)) Object.defineProperty(fields, key, { value: encode(field), enumerable: true, writable: true, configurable: true });
    return prototype === null ? { o: fields, n: 1 } : { o: fields };
  };
  const encoded = encode(value);
  return plain ? JSON.stringify(encoded) : undefined;
}

export function decodeGraph(json: string): unknown {
  const objects: unknown[] = [];
  const decode = (item: Encoded): unknown => {
    if (item === null || typeof item !== 'object') return item;
    if ('u' in item) return undefined;
    if ('r' in item) return objects[item.r];
    if ('a' in item) {
      const array: unknown[] = [];
      objects.push(array);
      for (const element of item.a) array.push(decode(element));
      return array;
    }
    const object = ('n' in item ? Object.create(null) : {}) as Record<string, unknown>;
    objects.push(object);
    // Defined, not assigned, so a field named __proto__ stays a field.
    for (const [key, field] of Object.entries(item.o)) Object.defineProperty(object, key, { value: decode(field), enumerable: true, writable: true, configurable: true });
    return object;
  };
  return decode(JSON.parse(json) as Encoded);
}
