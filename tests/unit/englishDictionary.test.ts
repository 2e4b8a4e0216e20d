import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Typo from 'typo-js';
import { parse } from 'yaml';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';
import { checkWord, isEnglishWord, isLowerCaseEnglishWord, loadEnglishDictionary, readExpandedDictionary, SortedWords } from '../../knowledge/text/englishDictionary';
import { normalizeText } from '../../knowledge/text/normalizeText';

/** The cached, expanded word list must answer exactly as typo-js does, for every word it could be asked. */
describe('the English dictionary read from its cached word list', () => {
  const typo = new Typo('en_US');
  const cached = loadEnglishDictionary();
  const table = (typo as unknown as { dictionaryTable: Map<string, unknown> }).dictionaryTable;

  it('agrees with typo-js on every dictionary word, capitalized and in capitals', () => {
    const disagreements: string[] = [];
    for (const word of table.keys()) {
      for (const form of [word, word.toLowerCase(), word.charAt(0).toUpperCase() + word.slice(1), word.toUpperCase()]) {
        if (checkWord(cached, form) !== typo.check(form)) disagreements.push(form);
      }
    }
    expect(table.size).toBeGreaterThan(100_000);
    expect(disagreements).toEqual([]);
  });

  it('agrees with typo-js on every word of the evaluation sets and on ordinals, numbers and non-words', () => {
    const evalDir = join(findProjectRoot(), 'tests/eval');
    const files = readdirSync(evalDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.yaml'));
    const tokens = new Set<string>(['1st', '21st', '11th', '1th', '112th', '3rd', '0th', '101st', '2nd', '22nd', 'a1', '4', 'zzxq', 'teh', 'chst', 'ß', 'élan']);
    for (const file of files) {
      for (const { text } of parse(readFileSync(join(evalDir, file), 'utf8')) as { text: string }[]) normalizeText(text).tokens.forEach((token) => tokens.add(token));
    }
    const disagreements = [...tokens].filter(
      (token) => isEnglishWord(token) !== (typo.check(token) || typo.check(token.charAt(0).toUpperCase() + token.slice(1))) || isLowerCaseEnglishWord(token) !== typo.check(token),
    );
    expect(tokens.size).toBeGreaterThan(3000);
    expect(disagreements).toEqual([]);
  });

  it('writes the list once to its cache folder and reads it back; without a writable folder it expands the list each time', () => {
    const folder = mkdtempSync(join(tmpdir(), 'dictionary-cache-'));
    try {
      const written = readExpandedDictionary(folder);
      const files = readdirSync(folder);
      expect(files).toEqual([expect.stringMatching(/^en_US-[0-9a-f]{16}\.json$/)]);
      const read = readExpandedDictionary(folder);
      // A folder inside a file can never be created.
      const unwritable = readExpandedDictionary(join(folder, files[0] ?? '', 'no-folder'));
      for (const dictionary of [written, read, unwritable]) {
        expect(dictionary.words.size).toBe(cached.words.size);
        expect(['21st', '1th', 'colour', 'color', 'Paris', 'paris'].map((word) => checkWord(dictionary, word))).toEqual(['21st', '1th', 'colour', 'color', 'Paris', 'paris'].map((word) => typo.check(word)));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('finds every word of its list, and no other, by bisection', () => {
    const words = new SortedWords(['Zürich', 'apple', 'apples', 'b', 'ban', 'banana', 'ß'].sort().join('\n'));
    expect(words.size).toBe(7);
    for (const word of ['Zürich', 'apple', 'apples', 'b', 'ban', 'banana', 'ß']) expect(words.has(word)).toBe(true);
    for (const word of ['', 'Zurich', 'appl', 'applesauce', 'a', 'bananas', 'c', 'ss']) expect(words.has(word)).toBe(false);
    expect(new SortedWords('').has('a')).toBe(false);
  });
});
