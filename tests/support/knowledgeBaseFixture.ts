import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { ReplyComposer } from '../../knowledge/replies/replyComposer';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { FIXTURE_KNOWLEDGE_DIR } from './testConfig';

export interface KnowledgeFixture {
  readonly knowledgeBase: KnowledgeBase;
  readonly router: MessageRouter;
  readonly composer: ReplyComposer;
}

let shared: KnowledgeFixture | undefined;

/** The fixture knowledge base (tests/fixtures/knowledge), its router and composer, built once per test file. */
export function fixtureKnowledge(): KnowledgeFixture {
  if (shared === undefined) {
    const knowledgeBase = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);
    shared = { knowledgeBase, router: new MessageRouter(knowledgeBase), composer: new ReplyComposer(knowledgeBase) };
  }
  return shared;
}
