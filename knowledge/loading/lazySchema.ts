import type * as Zod from 'zod';

/**
 * A zod schema built, and zod loaded, the first time it is needed. zod is a sixteenth of a second
 * to load; a start whose knowledge base is read back from the cache needs no schema until the first
 * request (activities, tokens, the gaps log), so it should not wait for one.
 */
export function lazySchema<T>(build: (z: typeof Zod.z) => T): () => T {
  let made: { readonly schema: T } | undefined;
  return () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    made ??= { schema: build((require('zod') as typeof Zod).z) };
    return made.schema;
  };
}
