import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import type { MatchCandidate } from '../../knowledge/matching/faqMatcher';
import type { PlannedReply, ReplyButton } from '../../knowledge/replies/plannedReply';
import { ReplyComposer } from '../../knowledge/replies/replyComposer';
import { MAX_FALLBACK_TOPICS } from '../../knowledge/schemas/conversationSchema';
import { FIND_PROVIDER_ID, MessageRouter } from '../../knowledge/routing/messageRouter';
import type { RoutingDecision } from '../../knowledge/routing/routingDecision';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

const knowledgeBase = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);
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
/** Candidates as a fallback has them: low scores, only the first at or above fallbackTopicThreshold. */
const belowSuggestion = (...ids: string[]): MatchCandidate[] => ids.map((id, index) => ({ id, score: knowledgeBase.matching.fallbackTopicThreshold + 0.02 - index * 0.03 }));

function safetyDecision(route: 'emergency' | 'red-flag'): RoutingDecision {
  const rule = knowledgeBase.safety.rules.find((candidate) => candidate.level === route);
  if (rule === undefined) throw new Error(`no ${route} rule`);
  return { route, id: rule.id, score: 1, candidates: candidates('is-art-painful'), findings: [{ ruleId: rule.id, level: route, reply: rule.reply, label: rule.label }], reply: rule.reply, language: 'en' };
}

function crisisDecision(language: 'en' | 'es'): RoutingDecision {
  const rule = knowledgeBase.safety.rules.find((candidate) => candidate.reply === 'crisis');
  if (rule === undefined) throw new Error('no crisis rule');
  return { route: 'emergency', id: rule.id, score: 1, candidates: [], findings: [{ ruleId: rule.id, level: 'emergency', reply: 'crisis', label: rule.label }], reply: 'crisis', language };
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

  it('the emergency reply gives the emergency number, no buttons but its call button, and no booking', () => {
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

describe('ReplyComposer: phone numbers', () => {
  const dial = (number: string): string => number.replace(/[^\d+]/g, '');
  /** A clinic whose phone is written with brackets and dashes, and other emergency and crisis numbers. */
  const elsewhere = new ReplyComposer({ ...knowledgeBase, clinic: { ...clinic, phone: '+44 (0)20 7946-0958', emergencyNumber: '112', crisisLine: '116 123' } });
  const phonesOf = (reply: PlannedReply): string[] => reply.parts.flatMap((part) => (part.kind === 'phone' ? [part.phone.dial] : []));
  const callsOf = (reply: PlannedReply): [string, string][] => reply.calls.map((call) => [call.title, call.phone.dial]);
  const { en, es } = knowledgeBase.safety.messages;
  const esLabel = es?.callLabel ?? '';

  it.each([
    ['emergency', composer, safetyDecision('emergency'), [[`${en.callLabel} ${clinic.emergencyNumber}`, clinic.emergencyNumber]]],
    ['crisis', composer, crisisDecision('en'), [[`${en.callLabel} ${clinic.emergencyNumber}`, clinic.emergencyNumber], [`${en.callLabel} ${clinic.crisisLine}`, clinic.crisisLine]]],
    ['crisis, in Spanish', composer, crisisDecision('es'), [[`${esLabel} ${clinic.emergencyNumber}`, clinic.emergencyNumber], [`${esLabel} ${clinic.crisisLine}`, clinic.crisisLine]]],
    ['red flag: the clinic, then the emergency number, as the message gives them', composer, safetyDecision('red-flag'), [[`${en.callLabel} ${clinic.phone}`, dial(clinic.phone)], [`${en.callLabel} ${clinic.emergencyNumber}`, clinic.emergencyNumber]]],
    ['another language', composer, { route: 'other-language', id: 'other', score: 1, candidates: [] }, [[`${en.callLabel} ${clinic.phone}`, dial(clinic.phone)], [`${en.callLabel} ${clinic.emergencyNumber}`, clinic.emergencyNumber]]],
    ['Spanish, not about safety', composer, { route: 'other-language', id: 'es', score: 1, candidates: [] }, [[`${esLabel} ${clinic.phone}`, dial(clinic.phone)], [`${esLabel} ${clinic.emergencyNumber}`, clinic.emergencyNumber]]],
    ["another clinic's numbers, dialled as digits and + only", elsewhere, crisisDecision('en'), [[`${en.callLabel} 112`, '112'], [`${en.callLabel} 116 123`, '116123']]],
    ["another clinic's phone on a red flag", elsewhere, safetyDecision('red-flag'), [[`${en.callLabel} +44 (0)20 7946-0958`, '+4402079460958'], [`${en.callLabel} 112`, '112']]],
  ] as const)('%s: a call button for each number it gives, and the numbers marked in its text', (_name, writer, decision, expected) => {
    const reply = writer.compose(decision);
    expect(callsOf(reply)).toEqual(expected);
    expect(reply.buttons).toEqual([]);
    expect(phonesOf(reply)).toEqual(expect.arrayContaining(expected.map(([, dialled]) => dialled)));
    for (const call of reply.calls) expect(call.phone.dial).toMatch(/^\+?\d+$/);
  });

  it.each([
    ['emergency', 'emergency' as const, [clinic.emergencyNumber]],
    ['see-doctor', 'see-doctor' as const, [dial(clinic.phone), clinic.emergencyNumber]],
  ])('asking to book on hold (%s) repeats the advice with its call buttons', (_name, level, dialled) => {
    expect(composer.bookingOnHold(level).calls.map((call) => call.phone.dial)).toEqual(dialled);
  });

  it.each([
    ['the fallback', composer.compose({ route: 'fallback', id: null, score: 0, candidates: [] })],
    ['"None of these"', composer.compose({ route: 'smalltalk', id: 'none-of-these', score: 1, candidates: [] })],
    ['the error message', composer.error()],
  ])('%s links the clinic phone in its text but offers no call button', (_name, reply) => {
    expect(phonesOf(reply)).toEqual([dial(clinic.phone)]);
    expect(reply.calls).toEqual([]);
  });

  it('every reply it writes has parts that join back to its text', () => {
    const decisions: RoutingDecision[] = [
      safetyDecision('emergency'),
      safetyDecision('red-flag'),
      crisisDecision('es'),
      { route: 'other-language', id: 'es', score: 1, candidates: [] },
      { route: 'fallback', id: null, score: 0, candidates: [] },
      { route: 'smalltalk', id: 'all-topics', score: 1, candidates: [] },
      ...knowledgeBase.faq.map((entry): RoutingDecision => ({ route: 'answer', id: entry.id, score: 1, candidates: [] })),
    ];
    const replies = [...decisions.map((decision) => composer.compose(decision)), composer.welcome(), composer.error(), composer.bookingOnHold('see-doctor')];
    for (const reply of replies) {
      expect(reply.parts.map((part) => (part.kind === 'text' ? part.text : part.phone.number)).join('')).toBe(reply.text);
    }
    // FAQ answers that give the clinic's phone have it marked too.
    const withPhone = knowledgeBase.faq.filter((entry) => entry.answer.includes(clinic.phone));
    expect(withPhone.length).toBeGreaterThan(0);
    for (const entry of withPhone) expect(phonesOf(composer.answer(entry.id))).toContain(dial(clinic.phone));
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

  it.each(['about-bot', 'not-helpful'] as const)('small talk %s gives the clinic phone as a Call button', (id) => {
    const reply = composer.compose({ route: 'smalltalk', id, score: 1, candidates: [] });
    expect(reply.text).toContain(knowledgeBase.clinic.phone);
    expect(reply.calls).toHaveLength(1);
    expect(reply.calls[0]?.title).toContain(knowledgeBase.clinic.phone);
  });

  it('"None of these" gets its reply and the topics', () => {
    const reply = composer.compose({ route: 'smalltalk', id: 'none-of-these', score: 1, candidates: [] });
    expect(reply.text).toBe(conversation.noneOfThese.reply.trim());
    expect(reply.buttons).toEqual(topicButtons);
  });

  it('the welcome lists the topics', () => {
    expect(composer.welcome()).toMatchObject({ text: conversation.welcome.trim(), buttons: topicButtons, calls: [] });
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
