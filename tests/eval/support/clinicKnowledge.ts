import { evaluationDirectory, knowledgeDirectory } from '../../../knowledge/cli/cliSupport';
import type { KnowledgeBase } from '../../../knowledge/loading/knowledgeBase';
import { loadKnowledgeBase } from '../../../knowledge/loading/loadKnowledgeBase';
import { MessageRouter } from '../../../knowledge/routing/messageRouter';

/**
 * The content checks (`npm run kb:test`) read the clinic's own knowledge base, knowledge/ or
 * KNOWLEDGE_DIR, and its evaluation sets, tests/eval or EVAL_DIR: what patients actually get.
 * The engine tests never do; they run on tests/fixtures.
 */
export const CLINIC_KNOWLEDGE_DIR = knowledgeDirectory();
export const EVALUATION_DIR = evaluationDirectory();

let shared: { knowledgeBase: KnowledgeBase; router: MessageRouter } | undefined;

/** The clinic's knowledge base and its router, built once per test file. */
export function clinicKnowledge(): { readonly knowledgeBase: KnowledgeBase; readonly router: MessageRouter } {
  if (shared === undefined) {
    const knowledgeBase = loadKnowledgeBase(CLINIC_KNOWLEDGE_DIR);
    shared = { knowledgeBase, router: new MessageRouter(knowledgeBase) };
  }
  return shared;
}
