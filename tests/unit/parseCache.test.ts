import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { KnowledgeBaseError, type KnowledgeBaseProblem } from '../../knowledge/loading/knowledgeBaseError';
import { KNOWLEDGE_FILES } from '../../knowledge/loading/knowledgeBase';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { ParseCache } from '../../knowledge/loading/parseCache';
import { YamlFile } from '../../knowledge/loading/yamlFile';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

describe('the parse cache', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'parse-cache-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps each knowledge file the loader parsed', () => {
    const cache = new ParseCache(join(folder, 'cache'));
    const files = Object.values(KNOWLEDGE_FILES).map((name) => readFileSync(join(FIXTURE_KNOWLEDGE_DIR, name), 'utf8'));
    const first = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR, { cacheFolder: join(folder, 'cache') });
    expect(readdirSync(join(folder, 'cache')).filter((name) => name.startsWith('yaml-'))).toHaveLength(files.length);
    for (const text of files) expect(cache.get(text)).toBeDefined();
    expect(first.faq.length).toBeGreaterThan(0);
  });

  it('still validates what it read back, and names the line of each problem', () => {
    const path = join(folder, 'items.yaml');
    writeFileSync(path, '# a comment\nitems:\n  - name: fine\n  - name: 42\n');
    const schema = z.strictObject({ items: z.array(z.strictObject({ name: z.string({ error: 'must be text' }) })) });
    const problems = (file: YamlFile): readonly KnowledgeBaseProblem[] => {
      try {
        file.validate(schema);
      } catch (error) {
        if (error instanceof KnowledgeBaseError) return error.problems;
        throw error;
      }
      return [];
    };
    const cache = new ParseCache(join(folder, 'cache'));
    const parsed = problems(YamlFile.read(path, 'items.yaml', cache));
    expect(cache.get('# a comment\nitems:\n  - name: fine\n  - name: 42\n')).toEqual({ items: [{ name: 'fine' }, { name: 42 }] });
    const fromCache = problems(YamlFile.read(path, 'items.yaml', cache));
    expect(fromCache).toEqual(parsed);
    expect(fromCache).toEqual([expect.objectContaining({ line: 4, message: 'must be text' })]);
  });

  it('keeps nothing JSON cannot hold exactly, and nothing where it cannot write', () => {
    const cache = new ParseCache(join(folder, 'cache'));
    cache.set('value: .inf\n', { value: Infinity });
    expect(cache.get('value: .inf\n')).toBeUndefined();
    writeFileSync(join(folder, 'a-file'), '');
    const unwritable = new ParseCache(join(folder, 'a-file', 'cache'));
    unwritable.set('value: 1\n', { value: 1 });
    expect(unwritable.get('value: 1\n')).toBeUndefined();
  });
});
