import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding package.json, found the same way from source (tsx, ts-jest) and from dist/. */
export function findProjectRoot(start: string = __dirname): string {
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No package.json found above ${start}`);
    folder = parent;
  }
  return folder;
}
