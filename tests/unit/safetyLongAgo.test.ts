import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

/**
 * Injury rules marked exceptLongAgo skip injuries the patient clearly places in the past, and only
 * those: a recent injury in the same message, or any sign of recency next to it, still counts.
 */
describe('old injuries versus recent ones', () => {
  const { router } = fixtureKnowledge();

  it.each([
    'i broke my ankle ten years ago, can art help the stiffness',
    'had a fall as a child, does that matter',
    'old fracture from childhood, still stiff',
    'I was in a car accident a long time ago and my neck gets tight',
    'fractured my wrist as a kid, does ART help old injuries',
  ])('history, not a red flag: %s', (text) => {
    expect(router.route(text).route).not.toMatch(/red-flag|emergency/);
  });

  it.each([
    'i broke my ankle years ago and broke it again yesterday',
    'broke my wrist years ago and yesterday i fell off my bike',
    'as a kid i broke my arm and now i think i broke it',
    'i fell as a child and i fell again today',
    'i broke my leg, it happened years ago but i just fell on it again',
    'my old knee injury flared up after i fell on it last night',
  ])('still a red flag: %s', (text) => {
    expect(router.route(text).route).toBe('red-flag');
  });
});
