import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Typo from 'typo-js';
import { parse } from 'yaml';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';
import { checkWord, ENGLISH_DICTIONARIES, isEnglishWord, isLowerCaseEnglishWord, loadEnglishDictionaries, readExpandedDictionary } from '../../knowledge/text/englishDictionary';
import { normalizeText } from '../../knowledge/text/normalizeText';
import { SortedWords } from '../../knowledge/text/sortedWords';

/** The cached, expanded word lists must answer exactly as typo-js does, for every word they could be asked. */
describe('the English dictionaries read from their cached word lists', () => {
  const files = ENGLISH_DICTIONARIES.map((dictionaryFiles) => dictionaryFiles());
  const typos = files.map(({ name, aff, dic }) => new Typo(name, readFileSync(aff, 'utf8'), readFileSync(dic, 'utf8')));
  const cached = loadEnglishDictionaries();
  const [american, british] = typos;
  const typoCheck = (word: string): boolean => typos.some((typo) => typo.check(word));

  it.each(files.map(({ name }, index) => [name, index] as const))('%s agrees with typo-js on every dictionary word, capitalized and in capitals', (_name, index) => {
    const typo = typos[index] as Typo;
    const dictionary = cached[index];
    if (dictionary === undefined) throw new Error('dictionary not loaded');
    const table = (typo as unknown as { dictionaryTable: Map<string, unknown> }).dictionaryTable;
    const disagreements: string[] = [];
    for (const word of table.keys()) {
      for (const form of [word, word.toLowerCase(), word.charAt(0).toUpperCase() + word.slice(1), word.toUpperCase()]) {
        if (checkWord(dictionary, form) !== typo.check(form)) disagreements.push(form);
      }
    }
    expect(table.size).toBeGreaterThan(100_000);
    expect(disagreements).toEqual([]);
  });

  it('takes a word either dictionary lists as English: British spellings are not typos', () => {
    const cases = [
      { word: 'cheque', american: false, british: true },
      { word: 'colour', american: false, british: true },
      { word: 'favourite', american: false, british: true },
      { word: 'check', american: true, british: true },
      { word: 'color', american: true, british: false },
    ];
    for (const { word, american: inAmerican, british: inBritish } of cases) {
      expect([american?.check(word), british?.check(word)]).toEqual([inAmerican, inBritish]);
      expect(isEnglishWord(word)).toBe(true);
      expect(isLowerCaseEnglishWord(word)).toBe(true);
    }
    expect(isEnglishWord('choque')).toBe(false);
  });

  it('agrees with typo-js on every word of the evaluation sets and on ordinals, numbers and non-words', () => {
    const evalDir = join(findProjectRoot(), 'tests/eval');
    const files = readdirSync(evalDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.yaml'));
    const tokens = new Set<string>(['1st', '21st', '11th', '1th', '112th', '3rd', '0th', '101st', '2nd', '22nd', 'a1', '4', 'zzxq', 'teh', 'chst', 'ß', 'élan']);
    for (const file of files) {
      for (const { text } of parse(readFileSync(join(evalDir, file), 'utf8')) as { text: string }[]) normalizeText(text).tokens.forEach((token) => tokens.add(token));
    }
    const disagreements = [...tokens].filter(
      (token) => isEnglishWord(token) !== (typoCheck(token) || typoCheck(token.charAt(0).toUpperCase() + token.slice(1))) || isLowerCaseEnglishWord(token) !== typoCheck(token),
    );
    expect(tokens.size).toBeGreaterThan(3000);
    expect(disagreements).toEqual([]);
  });

  it.each(files.map(({ name }, index) => [name, index] as const))('writes the %s list once to its cache folder and reads it back; without a writable folder it expands the list each time', (name, index) => {
    const folder = mkdtempSync(join(tmpdir(), 'dictionary-cache-'));
    const dictionaryFiles = files[index];
    const typo = typos[index];
    if (dictionaryFiles === undefined || typo === undefined) throw new Error('no such dictionary');
    try {
      const written = readExpandedDictionary(dictionaryFiles, folder);
      const cacheFiles = readdirSync(folder);
      expect(cacheFiles).toEqual([expect.stringMatching(new RegExp(`^${name}-[0-9a-f]{16}\\.json$`))]);
      const read = readExpandedDictionary(dictionaryFiles, folder);
      // A folder inside a file can never be created.
      const unwritable = readExpandedDictionary(dictionaryFiles, join(folder, cacheFiles[0] ?? '', 'no-folder'));
      for (const dictionary of [written, read, unwritable]) {
        expect(dictionary.words.size).toBe(cached[index]?.words.size);
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
