import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { decodeGraph, encodeGraph } from '../../knowledge/loading/graphJson';
import { KnowledgeBaseError } from '../../knowledge/loading/knowledgeBaseError';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { KnowledgeCopy, PROJECT_ROOT } from './support/knowledgeCopy';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

describe('graph JSON', () => {
  it('rebuilds shared objects as shared, and keeps undefined, null prototypes and a field named __proto__', () => {
    const shared = { words: ['chest'] };
    const bare = Object.create(null) as Record<string, unknown>;
    bare.x = 1;
    const value = { a: shared, b: [shared, shared.words], c: undefined, d: bare, e: JSON.parse('{"__proto__": {"polluted": true}}') as unknown };
    const decoded = decodeGraph(encodeGraph(value) ?? '') as typeof value;
    expect(decoded).toStrictEqual(value);
    expect(decoded.b[0]).toBe(decoded.a);
    expect(decoded.b[1]).toBe(decoded.a.words);
    expect('c' in decoded).toBe(true);
    expect(Object.getPrototypeOf(decoded.d)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([[new Map()], [Number.NaN], [-0], [new Date(0)], [{ f: () => 1 }]])('will not encode %p', (value) => {
    expect(encodeGraph({ value })).toBeUndefined();
  });
});

describe('validated knowledge bases, read back', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'validated-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const kept = (): string[] => readdirSync(folder).filter((name) => name.startsWith('knowledge-'));

  it('are the knowledge base as validated, shared objects and all, and route every evaluation message alike', () => {
    const fresh = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR, { cacheFolder: null });
    loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR, { cacheFolder: folder });
    expect(kept()).toHaveLength(1);
    const readBack = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR, { cacheFolder: folder });
    expect(readBack).toStrictEqual(fresh);
    // The encoding names every object reached twice: equal encodings mean the same sharing.
    expect(encodeGraph(readBack)).toBe(encodeGraph(fresh));
    const routers = [new MessageRouter(fresh), new MessageRouter(readBack)] as const;
    const evalDir = join(PROJECT_ROOT, 'tests/eval');
    const files = readdirSync(evalDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.yaml') && !name.startsWith('faq-sealed'));
    const texts = files.flatMap((name) => (parse(readFileSync(join(evalDir, name), 'utf8')) as { text: string }[]).map((item) => item.text));
    expect(texts.length).toBeGreaterThan(3500);
    for (const text of texts) expect(routers[1].route(text)).toStrictEqual(routers[0].route(text));
  });

  it('are validated again after any edit, and a knowledge base with a problem is never kept', () => {
    const copy = KnowledgeCopy.create();
    try {
      loadKnowledgeBase(copy.directory, { cacheFolder: folder });
      copy.editEntryField('faq.yaml', 'session-length', 'answer', () => ['    answer: Too short.']);
      expect(() => loadKnowledgeBase(copy.directory, { cacheFolder: folder })).toThrow(KnowledgeBaseError);
      expect(kept()).toHaveLength(1);
    } finally {
      rmSync(copy.directory, { recursive: true, force: true });
    }
  });
});
