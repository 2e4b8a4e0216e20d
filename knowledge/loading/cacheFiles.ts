import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes one file of the cache folder (see cacheFolder.ts) whole, then renames it into place, so a
 * reader never sees half a file; then removes all but the `kept` newest files named like it (same
 * prefix before the first "-", same extension). Throws where the folder cannot be written: callers
 * then simply work everything out again next time.
 */
export function writeCacheFile(file: string, text: string, kept: number): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, file);
  const name = basename(file);
  const prefix = `${name.split('-')[0] ?? name}-`;
  const extension = name.slice(name.lastIndexOf('.'));
  const siblings = readdirSync(folder)
    .filter((other) => other.startsWith(prefix) && other.endsWith(extension))
    .map((other) => ({ path: join(folder, other), time: statSync(join(folder, other)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { path } of siblings.slice(kept)) unlinkSync(path);
}
