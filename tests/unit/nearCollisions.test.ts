import { findNearCollisions } from '../../knowledge/eval/nearCollisions';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

describe('near-collisions (npm run kb:check)', () => {
  const { knowledgeBase, router } = fixtureKnowledge();

  it('finds none in the fixture knowledge base', () => {
    expect(findNearCollisions(knowledgeBase, router)).toEqual([]);
  });

  it('reports a phrasing that reads like another entry', () => {
    // Give the session-length entry a phrasing that belongs to number-of-sessions.
    const confusing = 'how many sessions will i need before it works';
    const faq = knowledgeBase.faq.map((entry) =>
      entry.id === 'session-length' ? { ...entry, alternates: [...entry.alternates, confusing] } : entry,
    );
    const changed: KnowledgeBase = { ...knowledgeBase, faq };
    const collisions = findNearCollisions(changed, new MessageRouter(changed));
    expect(collisions).toContainEqual(expect.objectContaining({ entryId: 'session-length', phrasing: confusing, confusedWith: 'number-of-sessions' }));
  });
});
