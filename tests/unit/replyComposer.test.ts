import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import type { MatchCandidate } from '../../knowledge/matching/faqMatcher';
import type { PlannedReply, ReplyButton } from '../../knowledge/replies/plannedReply';
import { ReplyComposer } from '../../knowledge/replies/replyComposer';
import { MAX_FALLBACK_TOPICS } from '../../knowledge/schemas/conversationSchema';
import { FIND_PROVIDER_ID, MessageRouter } from '../../knowledge/routing/messageRouter';
import type { RoutingDecision } from '../../knowledge/routing/routingDecision';
import { KNOWLEDGE_DIR } from './support/knowledgeCopy';

const knowledgeBase = loadKnowledgeBase(KNOWLEDGE_DIR);
const composer = new ReplyComposer(knowledgeBase);
const router = new MessageRouter(knowledgeBase);
const { conversation, clinic } = knowledgeBase;

const entryById = new Map(knowledgeBase.faq.map((entry) => [entry.id, entry]));
const findProvider: ReplyButton = { title: conversation.findProviderLabel, value: conversation.findProviderLabel };
const noneOfThese: ReplyButton = { title: conversation.noneOfThese.label, value: conversation.noneOfThese.label };

function questionButton(id: string): ReplyButton {
  const entry = entryById.get(id);
  if (entry === undefined) throw new Error(`no FAQ entry ${id}`);
  return { title: entry.question, value: entry.question };
}

/** The button a topic id gets: its question, or "Find a provider" for the booking entry. */
const topicButton = (id: string): ReplyButton => (id === FIND_PROVIDER_ID ? findProvider : questionButton(id));

/** The buttons that list what the bot can help with, in conversation.yaml's order. */
const topicButtons: readonly ReplyButton[] = conversation.topics.map((id) => topicButton(id));

const candidates = (...ids: string[]): MatchCandidate[] => ids.map((id, index) => ({ id, score: 0.45 - index * 0.01 }));
/** Candidates as a fallback has them: every one below suggestThreshold, the first above fallbackTopicThreshold. */
const belowSuggestion = (...ids: string[]): MatchCandidate[] => ids.map((id, index) => ({ id, score: knowledgeBase.matching.suggestThreshold - 0.01 - index * 0.03 }));

function safetyDecision(route: 'emergency' | 'red-flag'): RoutingDecision {
  const rule = knowledgeBase.safety.rules.find((candidate) => candidate.level === route);
  if (rule === undefined) throw new Error(`no ${route} rule`);
  return { route, id: rule.id, score: 1, candidates: candidates('is-art-painful'), findings: [{ ruleId: rule.id, level: route, reply: rule.reply, label: rule.label }], reply: rule.reply, language: 'en' };
}

describe('ReplyComposer: answers', () => {
  it.each(knowledgeBase.faq.map((entry) => [entry.id, entry] as const))('%s: answer, sources line, related questions and booking', (id, entry) => {
    const reply = composer.compose({ route: 'answer', id, score: 0.9, candidates: candidates(id) });

    expect(reply.text.startsWith(entry.answer.trim())).toBe(true);
    const publishers = entry.sources.map((sourceId) => knowledgeBase.sources.find((source) => source.id === sourceId)?.publisher);
    expect(publishers).not.toContain(undefined);
    const sourcesLine = reply.text.split('\n').at(-1) ?? '';
    expect(sourcesLine).toContain(`${conversation.sourcesLabel}:`);
    for (const publisher of publishers) expect(sourcesLine).toContain(publisher);

    const related = entry.related.map(questionButton);
    expect(entry.related.length).toBeGreaterThan(0);
    expect(reply.buttons).toEqual(id === FIND_PROVIDER_ID ? related : [...related, findProvider]);
  });

  it("find-provider's own answer does not offer itself", () => {
    const reply = composer.answer(FIND_PROVIDER_ID);
    expect(reply.buttons).not.toContainEqual(findProvider);
    expect(reply.buttons.map((button) => button.value)).not.toContain(questionButton(FIND_PROVIDER_ID).value);
  });

  it('every button of an answer leads back to the entry it names when pressed', () => {
    for (const entry of knowledgeBase.faq) {
      for (const button of composer.answer(entry.id).buttons) {
        const named = button.value === conversation.findProviderLabel ? FIND_PROVIDER_ID : knowledgeBase.faq.find((other) => other.question === button.value)?.id;
        const decision = router.route(button.value);
        expect({ from: entry.id, button: button.value, route: decision.route, to: decision.id }).toEqual({ from: entry.id, button: button.value, route: 'answer', to: named });
      }
    }
  });
});

describe('ReplyComposer: did you mean', () => {
  it.each([1, 2, 3, 5])('offers at most maxSuggestions (%i) questions, best first, then "None of these"', (maxSuggestions) => {
    const limited = new ReplyComposer({ ...knowledgeBase, matching: { ...knowledgeBase.matching, maxSuggestions } });
    const ids = ['is-art-painful', 'what-is-art', 'session-length', 'evidence', 'benefits'];
    const reply = limited.compose({ route: 'suggest', id: 'is-art-painful', score: 0.45, candidates: candidates(...ids) });

    expect(reply.text).toBe(conversation.didYouMean);
    expect(reply.buttons).toEqual([...ids.slice(0, maxSuggestions).map(questionButton), noneOfThese]);
  });

  it('offers fewer when there are fewer candidates, and "None of these" routes to none-of-these', () => {
    const reply = composer.compose({ route: 'suggest', id: 'fascia', score: 0.4, candidates: candidates('fascia') });
    expect(reply.buttons).toEqual([questionButton('fascia'), noneOfThese]);
    expect(router.route(noneOfThese.value)).toMatchObject({ route: 'smalltalk', id: 'none-of-these' });
  });
});

describe('ReplyComposer: safety replies', () => {
  const noBooking = (reply: PlannedReply): void => {
    expect(reply.buttons).toEqual([]);
    expect(reply.text).not.toContain(clinic.bookingUrl);
    expect(reply.text).not.toContain(conversation.findProviderLabel);
    expect(reply.text).not.toContain('{{');
  };

  it('the emergency reply gives the emergency number, no buttons and no booking', () => {
    const reply = composer.compose(safetyDecision('emergency'));
    noBooking(reply);
    expect(reply.text).toContain(clinic.emergencyNumber);
  });

  it('the red-flag reply has no buttons and no booking', () => {
    const reply = composer.compose(safetyDecision('red-flag'));
    noBooking(reply);
    expect(reply.text).not.toBe(composer.compose(safetyDecision('emergency')).text);
  });

  it("uses the clinic's own emergency number, not a built-in one", () => {
    const elsewhere: KnowledgeBase = { ...knowledgeBase, clinic: { ...clinic, emergencyNumber: '112' } };
    const reply = new ReplyComposer(elsewhere).compose(safetyDecision('emergency'));
    expect(reply.text).toContain('112');
    if (clinic.emergencyNumber !== '112') expect(reply.text).not.toContain(clinic.emergencyNumber);
  });

  it.each([
    ['i have crushing chest pain, can i book active release', 'emergency'],
    ['i fell down the stairs yesterday, how do i book', 'red-flag'],
  ])('a routed safety message "%s" gets the %s reply without booking', (message, route) => {
    const decision = router.route(message);
    expect(decision.route).toBe(route);
    noBooking(composer.compose(decision));
  });
});

describe('ReplyComposer: the fallback', () => {
  const allTopics: ReplyButton = { title: conversation.allTopics.label, value: conversation.allTopics.label };
  /** A composer whose fallback lists are fixed here, so the cases do not depend on the clinic's choices. */
  const fixed = new ReplyComposer({
    ...knowledgeBase,
    conversation: { ...conversation, fallbackTopics: ['what-is-art', 'is-art-painful', 'cost-and-insurance', FIND_PROVIDER_ID], topics: ['what-is-art', 'evidence', 'fascia', FIND_PROVIDER_ID] },
    matching: { ...knowledgeBase.matching, fallbackTopicThreshold: 0.1 },
  });
  const scored = (...pairs: [string, number][]): MatchCandidate[] => pairs.map(([id, score]) => ({ id, score }));
  const fallback = (candidates: MatchCandidate[]): RoutingDecision => ({ route: 'fallback', id: null, score: candidates[0]?.score ?? 0, candidates });

  it.each([
    ['no candidates: the curated fallbackTopics', [], true, ['what-is-art', 'is-art-painful', 'cost-and-insurance', FIND_PROVIDER_ID]],
    ['candidates below fallbackTopicThreshold are left out', scored(['fascia', 0.09], ['evidence', 0.05]), true, ['what-is-art', 'is-art-painful', 'cost-and-insurance', FIND_PROVIDER_ID]],
    ['close candidates first, best first, then the curated ones', scored(['session-length', 0.13], ['self-treatment', 0.1], ['fascia', 0.06]), true, ['session-length', 'self-treatment', 'what-is-art', 'is-art-painful']],
    ['a candidate that is also curated is shown once', scored(['is-art-painful', 0.15]), true, ['is-art-painful', 'what-is-art', 'cost-and-insurance', FIND_PROVIDER_ID]],
    ['never more than four, however many come close', scored(['fascia', 0.19], ['evidence', 0.18], ['adhesions', 0.17], ['benefits', 0.16], ['what-to-wear', 0.15]), true, ['fascia', 'evidence', 'adhesions', 'benefits']],
    ['on hold: no "Find a provider", and topics fill its place', [], false, ['what-is-art', 'is-art-painful', 'cost-and-insurance', 'evidence']],
    ['on hold: a close booking candidate is left out too', scored([FIND_PROVIDER_ID, 0.15]), false, ['what-is-art', 'is-art-painful', 'cost-and-insurance', 'evidence']],
  ] as const)('%s', (_name, candidates, offerBooking, expectedIds) => {
    const reply = fixed.compose(fallback([...candidates]), { offerBooking });
    expect(reply.text).toBe(conversation.fallback.trim());
    expect(reply.buttons).toEqual([...expectedIds.map(topicButton), allTopics]);
  });

  it("with the clinic's own lists: at most four topics, then \"See all topics\"", () => {
    for (const candidates of [[], belowSuggestion('session-length', 'fascia', 'evidence', 'benefits', 'adhesions', 'what-to-wear')]) {
      const reply = composer.compose(fallback(candidates));
      expect(reply.buttons.length).toBeLessThanOrEqual(MAX_FALLBACK_TOPICS + 1);
      expect(reply.buttons.length).toBeGreaterThan(1);
      expect(reply.buttons.at(-1)).toEqual(allTopics);
    }
    expect(composer.compose(fallback([])).buttons.slice(0, -1)).toEqual(conversation.fallbackTopics.map(topicButton));
  });

  it('every fallback button leads where it says when pressed, "See all topics" included', () => {
    const reply = composer.compose(fallback(scored(['fascia', 0.15])));
    const pressed = reply.buttons.map((button) => {
      const decision = router.route(button.value);
      return [button.value, decision.route, decision.id];
    });
    expect(pressed).toEqual(
      reply.buttons.map((button) => {
        if (button.value === allTopics.value) return [button.value, 'smalltalk', 'all-topics'];
        if (button.value === findProvider.value) return [button.value, 'answer', FIND_PROVIDER_ID];
        return [button.value, 'answer', knowledgeBase.faq.find((entry) => entry.question === button.value)?.id];
      }),
    );
  });
});

describe('ReplyComposer: small talk and welcome', () => {
  it('"See all topics" lists every topic as a line of text, with the fallbackTopics as buttons', () => {
    const reply = composer.compose({ route: 'smalltalk', id: 'all-topics', score: 1, candidates: [] });
    const lines = reply.text.split('\n');
    expect(lines[0]).toBe(conversation.allTopics.reply.trim());
    expect(lines.filter((line) => line.startsWith('- '))).toEqual(conversation.topics.map((id) => `- ${entryById.get(id)?.question}`));
    expect(reply.buttons).toEqual(conversation.fallbackTopics.map(topicButton));
    expect(reply.buttons.length).toBeLessThanOrEqual(MAX_FALLBACK_TOPICS);
  });

  it('"See all topics" while booking is on hold leaves out booking, in the list and the buttons', () => {
    const reply = composer.compose({ route: 'smalltalk', id: 'all-topics', score: 1, candidates: [] }, { offerBooking: false });
    const bookingQuestion = entryById.get(FIND_PROVIDER_ID)?.question ?? '';
    expect(conversation.topics).toContain(FIND_PROVIDER_ID);
    expect(reply.text).not.toContain(bookingQuestion);
    expect(reply.buttons).not.toContainEqual(findProvider);
    expect(reply.text.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(conversation.topics.length - 1);
  });

  it.each([
    ['greeting', true],
    ['help', true],
    ['restart', true],
    ['thanks', false],
    ['goodbye', false],
  ] as const)('small talk %s replies with its text (topics listed: %s)', (id, listsTopics) => {
    const reply = composer.compose({ route: 'smalltalk', id, score: 1, candidates: [] });
    expect(reply.text).toBe(conversation.smallTalk.find((intent) => intent.id === id)?.reply.trim());
    expect(reply.buttons).toEqual(listsTopics ? topicButtons : []);
  });

  it('"None of these" gets its reply and the topics', () => {
    const reply = composer.compose({ route: 'smalltalk', id: 'none-of-these', score: 1, candidates: [] });
    expect(reply.text).toBe(conversation.noneOfThese.reply.trim());
    expect(reply.buttons).toEqual(topicButtons);
  });

  it('the welcome lists the topics', () => {
    expect(composer.welcome()).toEqual({ text: conversation.welcome.trim(), buttons: topicButtons });
  });
});
