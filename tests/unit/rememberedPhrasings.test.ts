import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

const { knowledgeBase } = fixtureKnowledge();
/** Messages that exercise typos, synonyms and curated phrasings. */
const MESSAGES = ['how much does it cost', 'wat is myofacial release', 'does insurence cover it', 'how long is a session', 'can i book with someone', 'is it painful'];

const decisions = (router: MessageRouter): string[] => MESSAGES.map((text) => {
  const decision = router.route(text);
  return `${decision.route}:${decision.id}:${decision.candidates.map((candidate) => `${candidate.id}=${candidate.score.toFixed(6)}`).join(',')}`;
});
const phrasingFiles = (folder: string): string[] => readdirSync(folder).filter((name) => name.startsWith('phrasings-'));

describe("the router's remembered phrasings", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'phrasings-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const uncached = decisions(new MessageRouter(knowledgeBase, { cacheFolder: null }));

  it('are written at the first build and read back at the next, which routes exactly as one built from nothing', () => {
    expect(decisions(new MessageRouter(knowledgeBase, { cacheFolder: folder }))).toEqual(uncached);
    expect(phrasingFiles(folder)).toHaveLength(1);
    expect(decisions(new MessageRouter(knowledgeBase, { cacheFolder: folder }))).toEqual(uncached);
    expect(phrasingFiles(folder)).toHaveLength(1);
  });

  it('are kept apart for a knowledge base whose synonyms changed, so nothing stale is read back', () => {
    new MessageRouter(knowledgeBase, { cacheFolder: folder });
    const [first, ...others] = knowledgeBase.synonyms.synonyms;
    if (first === undefined) throw new Error('the fixture has no synonyms');
    const edited: KnowledgeBase = { ...knowledgeBase, synonyms: { ...knowledgeBase.synonyms, synonyms: others } };
    expect(decisions(new MessageRouter(edited, { cacheFolder: folder }))).toEqual(decisions(new MessageRouter(edited, { cacheFolder: null })));
    expect(phrasingFiles(folder)).toHaveLength(2);
  });

  it.each([['not JSON', '{"format": 1, "texts": '], ['another format', '{"format": 99, "texts": {}}'], ['wrong shapes', '{"format": 1, "texts": {"how much does it cost": {"tokens": "x", "words": [1]}}}']])(
    'ignore a damaged file (%s) and work everything out again',
    (_kind, damaged) => {
      new MessageRouter(knowledgeBase, { cacheFolder: folder });
      const [file] = phrasingFiles(folder);
      writeFileSync(join(folder, file ?? 'missing'), damaged);
      expect(decisions(new MessageRouter(knowledgeBase, { cacheFolder: folder }))).toEqual(uncached);
    },
  );

  it('are not needed where the folder cannot be written', () => {
    const notAFolder = join(folder, 'file');
    writeFileSync(notAFolder, 'in the way');
    expect(decisions(new MessageRouter(knowledgeBase, { cacheFolder: join(notAFolder, 'cache') }))).toEqual(uncached);
  });
});
