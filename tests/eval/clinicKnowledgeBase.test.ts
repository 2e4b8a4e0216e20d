import { findNearCollisions } from '../../knowledge/eval/nearCollisions';
import { CONTACT_ID } from '../../knowledge/replies/replyComposer';
import { FIND_PROVIDER_ID } from '../../knowledge/routing/findProvider';
import { clinicKnowledge } from './support/clinicKnowledge';

/**
 * The clinic's knowledge base as a whole: it loads (the bot validates it the same way at start-up),
 * it keeps the entries the bot's own buttons and booking lead to, and no phrasing reads like another entry's.
 */
describe("the clinic's knowledge base", () => {
  const { knowledgeBase, router } = clinicKnowledge();

  it.each([FIND_PROVIDER_ID, CONTACT_ID])('has the %s entry the bot relies on', (id) => {
    expect(knowledgeBase.faq.map((entry) => entry.id)).toContain(id);
  });

  it('has no near-collisions (npm run kb:check lists them)', () => {
    expect(findNearCollisions(knowledgeBase, router)).toEqual([]);
  });
});
