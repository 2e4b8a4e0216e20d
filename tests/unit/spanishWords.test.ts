import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpanishWords } from '../../knowledge/text/spanishWords';

describe('the Spanish word list', () => {
  it('is written once, folded and sorted, to its cache folder and read back; without a writable folder it is worked out each time', () => {
    const folder = mkdtempSync(join(tmpdir(), 'spanish-cache-'));
    try {
      const written = readSpanishWords(folder);
      const cacheFiles = readdirSync(folder);
      expect(cacheFiles).toEqual([expect.stringMatching(/^spanish-[0-9a-f]{16}\.txt$/)]);
      const read = readSpanishWords(folder);
      // A folder inside a file can never be created.
      const unwritable = readSpanishWords(join(folder, cacheFiles[0] ?? '', 'no-folder'));
      for (const words of [written, read, unwritable]) {
        expect(words.size).toBeGreaterThan(600_000);
        // Accents and the tilde are folded away, as in messages: "pequeño" is read as "pequeno".
        expect(['factura', 'pequeno', 'corazon', 'quebre', 'cada'].map((word) => words.has(word))).toEqual([true, true, true, true, true]);
        expect(['pequeño', 'corazón', 'chst', 'fratcura'].map((word) => words.has(word))).toEqual([false, false, false, false]);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
