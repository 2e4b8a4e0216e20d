import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';
import { FaqMatcher } from '../../knowledge/matching/faqMatcher';
import { matchingTerms } from '../../knowledge/matching/matchingTerms';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { writeSyntheticKnowledgeBase } from '../bench/syntheticKnowledgeBase';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';
import { ReferenceFaqMatcher } from '../support/referenceFaqMatcher';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

/**
 * The indexed FAQ matcher must rank exactly as scoring every entry does (the reference is the matcher
 * as it was before the index): same entries, same order, same scores and evidence to the last bit,
 * on every evaluation message. Sealed FAQ sets are left out: they are measured, never looked at.
 */
const EVALUATION_FILES = ((): string[] => {
  const evalDir = join(findProjectRoot(), 'tests/eval');
  const inFolder = (folder: string): string[] =>
    readdirSync(join(evalDir, folder))
      .filter((name) => name.endsWith('.yaml'))
      .sort()
      .map((name) => join(evalDir, folder, name));
  return [join(evalDir, 'dev-set.yaml'), ...['check-sets', 'faq-sets', 'safety-sets', 'safety-sealed'].flatMap(inFolder)];
})();

/**
 * Messages made of words that only answers use: no phrasing holds them, so every entry is equally
 * likely, and the entries whose answers lack them tie (kept in knowledge base order).
 */
function answerOnlyMessages(knowledgeBase: KnowledgeBase, router: MessageRouter): string[] {
  const phrasingTerms = new Set(knowledgeBase.faq.flatMap((entry) => [entry.question, ...entry.alternates].flatMap((text) => matchingTerms(router.analyze(text).words))));
  const answerOnly = [...new Set(knowledgeBase.faq.flatMap((entry) => router.analyze(entry.answer).words))].filter((word) => {
    const [term] = matchingTerms([word]);
    return term !== undefined && !phrasingTerms.has(term);
  });
  expect(answerOnly.length).toBeGreaterThan(20);
  return ['hmm', 'the the the', ...answerOnly.slice(0, 40), ...answerOnly.slice(0, 40).map((word, index) => `${word} ${answerOnly[index + 40] ?? ''}`)];
}

function expectSameRankings(indexed: FaqMatcher, reference: ReferenceFaqMatcher, router: MessageRouter, texts: readonly string[], limits: readonly number[] = [5]): void {
  for (const text of texts) {
    const analyzed = router.analyze(text);
    for (const limit of limits) expect({ text, ranking: indexed.rankWithEvidence(analyzed, limit) }).toStrictEqual({ text, ranking: reference.rankWithEvidence(analyzed, limit) });
  }
}

const messages: readonly string[] = EVALUATION_FILES.flatMap((path) => (parse(readFileSync(path, 'utf8')) as { text: string }[]).map((item) => item.text));

describe('the indexed FAQ matcher ranks as scoring every entry does', () => {
  const { knowledgeBase, router } = fixtureKnowledge();
  const indexed = new FaqMatcher(knowledgeBase.faq, router);
  const reference = new ReferenceFaqMatcher(knowledgeBase.faq, router);

  it(`on all ${messages.length} evaluation messages (${EVALUATION_FILES.length} files)`, () => {
    expect(messages.length).toBeGreaterThan(3000);
    expectSameRankings(indexed, reference, router, messages);
  });

  it('with a longer list, and with each curated phrasing left out of the knowledge base (kb:check, kb:calibrate)', () => {
    const phrasings = knowledgeBase.faq.flatMap((entry) => [entry.question, ...entry.alternates]);
    for (const phrasing of phrasings) {
      const analyzed = router.analyze(phrasing);
      expect({ phrasing, ranking: indexed.rankWithEvidence(analyzed, 12, analyzed) }).toStrictEqual({ phrasing, ranking: reference.rankWithEvidence(analyzed, 12, analyzed) });
    }
  });

  it('on messages whose only known words are in answers, where most entries tie', () => {
    expectSameRankings(indexed, reference, router, answerOnlyMessages(knowledgeBase, router), [1, 5, 12, 60]);
  });
});

/** Its templated entries share words and term totals with many others: many candidates, many ties. */
describe.each([
  [60, 'where entries that share nothing with a message still score (1/60 of the likelihood) and tie'],
  [600, 'where hundreds of entries share a message\'s words'],
])('the indexed FAQ matcher on a synthetic knowledge base of %i entries, %s', (size) => {
  const directory = mkdtempSync(join(tmpdir(), 'faq-index-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const synthetic = writeSyntheticKnowledgeBase(FIXTURE_KNOWLEDGE_DIR, size, { directory, messageCount: 150 });
  const knowledgeBase = loadKnowledgeBase(synthetic.directory);
  const router = new MessageRouter(knowledgeBase);
  const indexed = new FaqMatcher(knowledgeBase.faq, router);
  const reference = new ReferenceFaqMatcher(knowledgeBase.faq, router);

  it('ranks questions about its topics and every tenth evaluation message as scoring every entry does', () => {
    expectSameRankings(indexed, reference, router, [...synthetic.messages, ...messages.filter((_message, index) => index % 10 === 0)]);
  });

  it('ranks messages whose only known words are in answers as scoring every entry does', () => {
    expectSameRankings(indexed, reference, router, answerOnlyMessages(knowledgeBase, router), [1, 5, 12, 60]);
  });
});
