import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import type { MatchCandidate } from '../../knowledge/matching/faqMatcher';
import type { PlannedReply, ReplyButton } from '../../knowledge/replies/plannedReply';
import { ReplyComposer } from '../../knowledge/replies/replyComposer';
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

/** The buttons that list what the bot can help with, in conversation.yaml's order. */
const topicButtons: readonly ReplyButton[] = conversation.topics.map((id) => (id === FIND_PROVIDER_ID ? findProvider : questionButton(id)));

const candidates = (...ids: string[]): MatchCandidate[] => ids.map((id, index) => ({ id, score: 0.45 - index * 0.01 }));

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

describe('ReplyComposer: fallback, small talk and welcome', () => {
  it('the fallback says so and lists the topics', () => {
    const reply = composer.compose({ route: 'fallback', id: null, score: 0.1, candidates: [] });
    expect(reply.text).toBe(conversation.fallback.trim());
    expect(reply.buttons).toEqual(topicButtons);
    expect(reply.buttons.length).toBeGreaterThan(0);
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

describe('ReplyComposer: two questions in one message', () => {
  it('answers both, each with its own sources, the second under its question', () => {
    const reply = composer.compose({ route: 'answer', id: 'session-length', score: 0.6, candidates: candidates('session-length'), also: { route: 'answer', id: 'cost-and-insurance' } });
    const first = composer.answer('session-length');
    const second = composer.answer('cost-and-insurance');
    expect(reply.text.startsWith(first.text)).toBe(true);
    expect(reply.text).toContain(`**${entryById.get('cost-and-insurance')?.question}**`);
    expect(reply.text.endsWith(second.text)).toBe(true);
    expect(reply.text.split(`${conversation.sourcesLabel}:`)).toHaveLength(3);
    // Neither answer is offered again as a button; booking is offered once.
    const values = reply.buttons.map((button) => button.value);
    expect(values).not.toContain(questionButton('session-length').value);
    expect(values).not.toContain(questionButton('cost-and-insurance').value);
    expect(values.filter((value) => value === findProvider.value)).toHaveLength(1);
  });

  it('offers a second question it is unsure of as the first button', () => {
    const reply = composer.compose({ route: 'answer', id: 'session-length', score: 0.6, candidates: candidates('session-length'), also: { route: 'suggest', id: 'what-to-wear' } });
    expect(reply.text).toBe(composer.answer('session-length').text);
    expect(reply.buttons[0]).toEqual(questionButton('what-to-wear'));
  });
});
