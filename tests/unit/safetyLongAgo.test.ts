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
    'i dislocated my shoulder when i was teenager',
    'fractured my wrist from years of boxing',
    // A time phrase that opens the very next clause dates it too.
    'broke my wrist, like ten years ago',
    'i fractured my ankle, 30 years ago now',
    'fractured my ankle, that was 30 years ago',
    // A short fragment after the dated clause tells more of the same injury.
    'i broke my back in 1979, roof fall, fused since',
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
    // ... but not past a word of its own, or a recent one.
    'broke my wrist yesterday, years ago i broke the other one',
    'broke my wrist, my brother broke his years ago',
    'broke my wrist in 1979, fell again yesterday',
    'broke my wrist in 1979, fell now',
  ])('still a red flag: %s', (text) => {
    expect(router.route(text).route).toBe('red-flag');
  });
});

describe('a red flag in doubt is asked about, never cleared', () => {
  const { router } = fixtureKnowledge();
  const outcome = (text: string): string => {
    const decision = router.route(text);
    if (decision.route === 'safety-check') return `asks ${decision.check.concept}`;
    return decision.route === 'red-flag' || decision.route === 'emergency' ? `${decision.route} ${decision.id}` : decision.route;
  };

  test.each([
    // A past placed in the red flag's own statement, nothing recent in it: a timing rule (exceptLongAgo) asks its check.
    ['had a concussion in highschool does that matter', 'asks injury'],
    ['i was in a car accident last year, it still aches', 'asks injury'],
    ['my training partner tore his pec last year, im fine, just want my upper back done', 'asks injury'],
    ['i fell off my bike last year and hurt my knee', 'asks injury'],
    // The writer likening how they feel to being hurt: asked, never blocked on a figure of speech alone.
    ['this week i feel like i got knocked over by a bus', 'asks injury'],
    ['this week i got knocked over by a bus', 'red-flag recent-trauma'],
    // A belief about an injury is no likening, nor is a body part that feels like something.
    ['this week i feel like i fell off my bike', 'red-flag recent-trauma'],
    ['this week my knee feels like i got knocked over by a bus', 'red-flag recent-trauma'],
    // A time or occasion said to be an accident is a figure of speech; someone's own crash is not.
    ['this week has been a crash, so tired', 'asks injury'],
    ['last week was a crash on my bike', 'red-flag recent-trauma'],
    // Anything recent in the message, a rule that is about history, or no doubt at all: it fires.
    ['broke my wrist last year and i fell off my bike yesterday', 'red-flag recent-trauma'],
    // Another sentence, or another statement, never softens one.
    ['no infection, the scar healed years ago. i bumped my head on a cupboard door', 'red-flag recent-trauma'],
    ['my mate broke his leg last year. i fell off my bike', 'red-flag recent-trauma'],
    ['i hurt my knee as a boy but i fell off my bike', 'red-flag recent-trauma'],
    ['had breast cancer 5 years ago, all clear, but for the past month a deep ache in my spine', 'red-flag cancer-history'],
    ['my ankle is hot, red and swollen', 'red-flag hot-red-swollen'],
    ['i fell off my bike and hurt my knee', 'red-flag recent-trauma'],
  ])('"%s": %s', (text, expected) => {
    expect(outcome(text)).toBe(expected);
  });

  it('never softens an emergency, whatever the past around it', () => {
    expect(outcome('had a stroke in the nineties, fully recovered, but now my face is drooping and my speech is slurred')).toBe('emergency face-droop-or-slurred-speech');
  });
});
