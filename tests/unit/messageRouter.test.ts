import { phrasingKey } from '../../knowledge/text/normalizeText';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { FIND_PROVIDER_ID, MAX_ANALYSED_CHARACTERS, MessageRouter } from '../../knowledge/routing/messageRouter';
import { toTraceValue, type Route, type RoutingDecision } from '../../knowledge/routing/routingDecision';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

const knowledgeBase = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);
const router = new MessageRouter(knowledgeBase);
const faqIds = new Set(knowledgeBase.faq.map((entry) => entry.id));
const safetyRuleIds = new Set(knowledgeBase.safety.rules.map((rule) => rule.id));
const SAFETY_ROUTES: readonly Route[] = ['emergency', 'red-flag'];
const FAQ_ROUTES: readonly Route[] = ['answer', 'suggest', 'fallback'];

/** How the fixture knowledge base routes a message. */
function routeOf(text: string): RoutingDecision {
  return router.route(text);
}

function topCandidate(decision: RoutingDecision): string | undefined {
  return decision.candidates[0]?.id;
}

describe('MessageRouter: safety comes first', () => {
  it.each([
    // [message, the FAQ question it contains, the expected safety route]
    ['i have chest pain, does active release hurt', 'does active release hurt', 'emergency'],
    ['how long is a session, i have crushing chest pain', 'how long is a session', 'emergency'],
    ['does active release hurt? i fell down the stairs yesterday', 'does active release hurt', 'red-flag'],
    ['how long is a session? i have had a fever for three days', 'how long is a session', 'red-flag'],
  ])('"%s" goes to safety although it also asks "%s"', (message, question, expected) => {
    // On its own, the question is an FAQ question...
    expect(routeOf(question).route).toBe('answer');
    // ...but with a symptom in the same message, safety wins.
    const decision = routeOf(message);
    expect(decision.route).toBe(expected);
    if (decision.route !== 'emergency' && decision.route !== 'red-flag') return;
    expect(decision.findings.length).toBeGreaterThan(0);
    expect(safetyRuleIds.has(decision.id)).toBe(true);
    expect(decision.findings.map((finding) => finding.ruleId)).toContain(decision.id);
  });

  it.each([
    'i fell off my bike yesterday and now i have chest pain',
    'i have a fever and my chest feels tight',
  ])('an emergency beats a red flag in the same message: "%s"', (message) => {
    const decision = routeOf(message);
    expect(decision.route).toBe('emergency');
    if (decision.route !== 'emergency') return;
    const levels = decision.findings.map((finding) => finding.level);
    expect(levels).toEqual(expect.arrayContaining(['emergency', 'red-flag']));
    // The decision names the most urgent rule, and lists emergencies first.
    expect(decision.findings[0]?.level).toBe('emergency');
    expect(decision.findings.find((finding) => finding.ruleId === decision.id)?.level).toBe('emergency');
    expect(levels.indexOf('red-flag')).toBeGreaterThan(levels.lastIndexOf('emergency'));
  });

  it.each([
    // [healthy message, FAQ id it asks about, the same symptom said positively]
    ['no fever or anything, how long is a session', 'session-length', 'fever, how long is a session'],
    ['i have not had a fever, does active release hurt', 'is-art-painful', 'i have had a fever, does active release hurt'],
    ['never had cancer, how many sessions will i need', 'number-of-sessions', 'i had cancer, how many sessions will i need'],
  ])('negation keeps a healthy person on the FAQ path: "%s"', (healthy, faqId, unwell) => {
    expect(SAFETY_ROUTES).toContain(routeOf(unwell).route);
    const decision = routeOf(healthy);
    expect(FAQ_ROUTES).toContain(decision.route);
    expect(decision).not.toHaveProperty('findings');
    expect(topCandidate(decision)).toBe(faqId);
  });
});

describe('MessageRouter: small talk and commands', () => {
  it.each([
    ['hi', 'greeting'],
    ['Hello there!', 'greeting'],
    ['good morning', 'greeting'],
    ['thanks so much', 'thanks'],
    ['Thank you!', 'thanks'],
    ['bye', 'goodbye'],
    ['help', 'help'],
    ['what can you do?', 'help'],
  ])('"%s" is small talk: %s', (message, intent) => {
    expect(routeOf(message)).toMatchObject({ route: 'smalltalk', id: intent, score: 1 });
  });

  it.each([
    ['hi does art hurt', 'is-art-painful'],
    ['thanks, how much does it cost', 'cost-and-insurance'],
    ['good morning, how long is a session', 'session-length'],
  ])('a greeting or thank-you followed by a question is answered, not small talk: "%s"', (message, faqId) => {
    expect(routeOf(message)).toMatchObject({ route: 'answer', id: faqId });
  });

  it.each(['restart', 'start over', 'Start again.', 'cancel', 'never mind', 'forget it'])('"%s" restarts', (message) => {
    expect(routeOf(message)).toMatchObject({ route: 'smalltalk', id: 'restart' });
  });

  it('the "None of these" button label is the none-of-these choice, however it is typed', () => {
    const label = knowledgeBase.conversation.noneOfThese.label;
    expect(routeOf(label)).toMatchObject({ route: 'smalltalk', id: 'none-of-these' });
    expect(routeOf(`${label.toLowerCase()}.`)).toMatchObject({ route: 'smalltalk', id: 'none-of-these' });
  });

  const allTopicsLabel = knowledgeBase.conversation.allTopics.label;
  it.each([
    ['the button label as sent', allTopicsLabel],
    ['lower case with a full stop', `${allTopicsLabel.toLowerCase()}.`],
    ['upper case', allTopicsLabel.toUpperCase()],
    ['with "please"', `${allTopicsLabel} please`],
    ['with a greeting-style opener', `ok ${allTopicsLabel.toLowerCase()}`],
  ])('the "See all topics" button label is the all-topics command: %s', (_name, message) => {
    expect(routeOf(message)).toMatchObject({ route: 'smalltalk', id: 'all-topics', score: 1 });
  });

  it('reads the "See all topics" label from conversation.yaml, so a reworded label works too', () => {
    const reworded: KnowledgeBase = { ...knowledgeBase, conversation: { ...knowledgeBase.conversation, allTopics: { ...knowledgeBase.conversation.allTopics, label: 'Everything you know' } } };
    const rewordedRouter = new MessageRouter(reworded);
    expect(rewordedRouter.route('Everything you know')).toMatchObject({ route: 'smalltalk', id: 'all-topics' });
    expect(rewordedRouter.route(allTopicsLabel).id).not.toBe('all-topics');
  });

  it('"See all topics" with a real question after it is the question, not the command', () => {
    expect(routeOf(`${allTopicsLabel}, how long does a session last?`)).toMatchObject({ route: 'answer', id: 'session-length' });
  });
});

describe('MessageRouter: FAQ questions', () => {
  it.each(knowledgeBase.faq.map((entry) => [entry.id, entry] as const))('the question of %s (its button text) answers it', (id, entry) => {
    for (const phrasing of [entry.question, `  ${entry.question.toUpperCase()}!!`]) {
      const decision = routeOf(phrasing);
      expect({ phrasing, route: decision.route, id: decision.id }).toEqual({ phrasing, route: 'answer', id });
    }
  });

  it('the "Find a provider" button label answers the find-provider entry', () => {
    expect(faqIds.has(FIND_PROVIDER_ID)).toBe(true);
    expect(routeOf(knowledgeBase.conversation.findProviderLabel)).toMatchObject({ route: 'answer', id: FIND_PROVIDER_ID });
  });

  it.each([
    ['does active release hurt', 'is-art-painful'],
    ['is actve relase painfull', 'is-art-painful'],
    ['does actve relase hurt', 'is-art-painful'],
    ['how long is an actve relase sesion', 'session-length'],
  ])('answers "%s" (typos and synonyms included) with %s', (message, faqId) => {
    expect(routeOf(message)).toMatchObject({ route: 'answer', id: faqId });
  });

  it.each(['asdkjh qwpoeiru zxmcnv', 'blorp fizzwick quandle', 'zzzz', '???', '', '   '])('falls back on out-of-scope gibberish "%s"', (message) => {
    expect(routeOf(message)).toMatchObject({ route: 'fallback', id: null });
  });
});

describe('MessageRouter: decisions are well formed', () => {
  it.each([
    'does active release hurt',
    'i wonder whether the active release treatment is going to hurt me much',
    'how long is a session, i have crushing chest pain',
    'what is the difference between art and massage',
    'thanks so much',
    'blorp fizzwick quandle',
    'can you recommend a good pizza place',
    'foam roller before or after the gym',
  ])('"%s": scores in 0..1, candidates sorted best first, known ids', (message) => {
    const decision = routeOf(message);
    expect(decision.score).toBeGreaterThanOrEqual(0);
    expect(decision.score).toBeLessThanOrEqual(1);
    const scores = decision.candidates.map((candidate) => candidate.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const { id, score } of decision.candidates) {
      expect(faqIds.has(id)).toBe(true);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(new Set(decision.candidates.map((candidate) => candidate.id)).size).toBe(decision.candidates.length);
    if (decision.route === 'answer' || decision.route === 'suggest') {
      // What the bot answers (or offers first) is the best candidate, with its score.
      expect(decision.candidates[0]).toEqual({ id: decision.id, score: decision.score });
    }
  });

  it.each([
    ['my neighbour Bartholomew says active release hurts, does it?', FAQ_ROUTES],
    ['Bartholomew', ['fallback']],
    ['Bartholomew has crushing chest pain', ['emergency']],
    ['Bartholomew fell down the stairs, can he get active release', ['red-flag']],
  ] as const)('the decision for "%s" holds no message text', (message, routes) => {
    const decision = routeOf(message);
    expect(routes).toContain(decision.route);
    for (const value of [decision, toTraceValue(decision)]) {
      const json = JSON.stringify(value).toLowerCase();
      expect(json).not.toContain('bartholomew');
      expect(json).not.toContain('neighbour');
      expect(json).not.toContain('stairs');
    }
  });
});

describe('MessageRouter: the answer decision comes from matching.yaml', () => {
  // Not a curated phrasing (those answer directly, whatever the decision), and clearly about pain.
  const message = 'i wonder whether the active release treatment is going to hurt me much';
  const baseline = routeOf(message);
  const best = baseline.candidates[0];
  const { confidence } = router.confidence(message);

  it('the probe message is a plain FAQ match, scored and trusted well inside 0..1', () => {
    const curated = new Set(knowledgeBase.faq.flatMap((entry) => [entry.question, ...entry.alternates]).map(phrasingKey));
    expect(curated.has(phrasingKey(message))).toBe(false);
    expect(best?.id).toBe('is-art-painful');
    expect(best?.score).toBeGreaterThan(0.05);
    expect(best?.score).toBeLessThan(0.95);
    expect(confidence).toBeGreaterThan(0.05);
    expect(confidence).toBeLessThan(0.99);
  });

  const withLevels = (answerAt: number, suggestAt: number): KnowledgeBase => ({
    ...knowledgeBase,
    matching: { ...knowledgeBase.matching, decision: { ...knowledgeBase.matching.decision, answerAt, suggestAt } },
  });

  it.each([
    ['answer', 'the confidence reaches answerAt', (c: number) => [c - 0.01, c - 0.02]],
    ['suggest', 'the confidence is between suggestAt and answerAt', (c: number) => [c + 0.01, c - 0.01]],
    ['fallback', 'the confidence is below suggestAt', (c: number) => [c + 0.02, c + 0.01]],
  ] as const)('routes to %s when %s', (route, _why, levels) => {
    const [answerAt = 0, suggestAt = 0] = levels(confidence);
    const decision = new MessageRouter(withLevels(answerAt, suggestAt)).route(message);
    expect(decision.route).toBe(route);
    expect(decision.id).toBe(route === 'fallback' ? null : 'is-art-painful');
    // The decision picks the route, not the ranking.
    expect(decision.candidates).toEqual(baseline.candidates);
  });
});

describe('MessageRouter: two questions in one message', () => {
  it.each([
    ['how long is a session and how much does it cost?', 'session-length', 'cost-and-insurance'],
    ['do I need a referral? what should I wear', 'need-a-referral', 'what-to-wear'],
    ['is ART painful and how many sessions will I need', 'is-art-painful', 'number-of-sessions'],
  ])('"%s" answers %s and %s', (text, first, second) => {
    const decision = routeOf(text);
    expect(decision).toMatchObject({ route: 'answer', id: first, also: { route: 'answer', id: second } });
  });

  it('offers a second question it is less sure of as a button', () => {
    expect(routeOf('what is ART and how does it work')).toMatchObject({ route: 'answer', id: 'what-is-art', also: { route: 'suggest', id: 'how-art-works' } });
  });

  it('never makes booking the second answer: every answer offers "Find a provider"', () => {
    const decision = routeOf('how much is a session and can I book one');
    expect(decision).toMatchObject({ route: 'answer', id: 'cost-and-insurance' });
    expect(decision.route === 'answer' ? decision.also : undefined).toBeUndefined();
  });

  it.each([
    ['do you sell gift cards? and does it hurt', 'fallback', null],
    ['do you sell gift cards? and what is ART', 'answer', 'what-is-art'],
    // A question it cannot place that names nothing outside its topics leaves "it" meaning the treatment.
    ['this one? does it hurt', 'answer', 'is-art-painful'],
  ])('after a question about something else, reads "it" as that thing, not the treatment: "%s" is %s', (text, route, id) => {
    expect(routeOf('does it hurt')).toMatchObject({ route: 'answer', id: 'is-art-painful' });
    expect(routeOf(text)).toMatchObject({ route, id });
  });

  it.each([
    // A long statement beside the one question would drown it; the question alone is answered.
    ['does it hurt? honestly terrified, the dentist last tuesday was brutal and the pharmacist laughed at my wobbly knees', 'answer', 'is-art-painful'],
    // "should not" asks what to avoid: the words after it still count for the question.
    ['what should i not do after a session? got a wedding, karaoke and a barbecue saturday', 'answer', 'after-treatment'],
    // The statement can say the question is about something else: then it stays unanswered.
    ['does it hurt? the fascia boards on my garage need replacing too', 'fallback', null],
  ])('decides the one question beside a statement on its own: "%s" is %s', (text, route, id) => {
    expect(routeOf(text)).toMatchObject({ route, id });
  });

  it.each([
    // A complaint, then only more of it, is the complaint; a real question after it is answered.
    ['that is not what i asked. please read my question again', 'smalltalk', 'not-helpful'],
    ['that is not what i asked. how long is a session?', 'answer', 'session-length'],
  ])('reads a complaint before the rest of the message: "%s" is %s %s', (text, route, id) => {
    expect(routeOf(text)).toMatchObject({ route, id });
  });

  it('keeps one question whole', () => {
    const decision = routeOf('does active release hurt');
    expect(decision.route === 'answer' ? decision.also : 'not an answer').toBeUndefined();
  });
});

describe('MessageRouter: the clinic\'s words in another sense (matching.yaml otherSenses)', () => {
  it.each([
    'my sister is starting ART for HIV, any tips on the side effects',
    'roughly how much does IVF with ART cost',
    'do u do art classes for kids',
    'the fascia boards on my roof are rotting, who do I call',
    'when is the new film release',
  ])('"%s" is not answered from the FAQ', (text) => {
    expect(routeOf(text).route).toBe('fallback');
  });

  it.each([
    ['what are trigger points', 'trigger-points'],
    ['what is fascia', 'fascia'],
    ['is ART safe in pregnancy', 'risks-and-contraindications'],
  ])('"%s" still reaches %s', (text, id) => {
    expect(routeOf(text)).toMatchObject({ route: 'answer', id });
  });
});

describe('MessageRouter: services the clinic does not offer (matching.yaml otherServices)', () => {
  it.each(['do you offer acupuncture', 'how much does acupuncture cost', 'my massage gun stopped charging, can you fix it'])('"%s" is not answered from the FAQ', (text) => {
    expect(routeOf(text).route).toBe('fallback');
  });

  it.each([
    ['how long is a session', 'session-length'],
    ['how much does a session cost', 'cost-and-insurance'],
    ['what is your email address', 'contact'],
    ['is there an email address i can write to', 'contact'],
  ])('"%s" still reaches %s', (text, id) => {
    expect(routeOf(text)).toMatchObject({ id });
  });

  // A cue picks its entry over closer-worded ones, but not over another service: "email" and "you" are
  // contact's cue, and writing the patient's email is not the clinic's.
  it('outranks a cue', () => {
    expect(routeOf('can you write an email to my boss for me')).toMatchObject({ route: 'fallback' });
  });
});

describe('MessageRouter: small talk with a word of address', () => {
  it.each([
    ['thank you, dear', 'thanks'],
    ['cheers mate', 'thanks'],
    ['thanks po', 'thanks'],
    ['you are useless honestly', 'not-helpful'],
    ['thanks lah', 'thanks'],
    ['thats not what i asked la', 'not-helpful'],
    ["That's not what I asked at all.", 'not-helpful'],
    ['cheers bud', 'thanks'],
  ])('"%s" is %s', (text, id) => {
    expect(routeOf(text)).toMatchObject({ route: 'smalltalk', id });
  });
});

describe('MessageRouter: asking what the bot is', () => {
  it.each(['are you a real person?', 'Are you human?', 'who made you', 'am i talking to a bot lol', 'are you a bot or a real person'])('"%s" is the about-bot small talk', (text) => {
    expect(routeOf(text)).toMatchObject({ route: 'smalltalk', id: 'about-bot' });
  });
});

describe('MessageRouter: "that is not what I asked"', () => {
  it.each(['thats not what i asked', "you're useless", 'that answer made no sense'])('"%s" is the not-helpful small talk', (text) => {
    expect(routeOf(text)).toMatchObject({ route: 'smalltalk', id: 'not-helpful' });
  });
});

describe('very long messages', () => {
  const { router: longRouter } = fixtureKnowledge();

  it('still reads every word for safety when the message is longer than the analysed part', () => {
    const story = 'my hamstring has been tight since the marathon and i stretch it every evening. '.repeat(80);
    expect(story.length).toBeGreaterThan(MAX_ANALYSED_CHARACTERS);
    expect(longRouter.route(`${story} now i suddenly cant breathe properly`).route).toBe('emergency');
    expect(longRouter.route(`${story} also i fell down the stairs yesterday`).route).toBe('red-flag');
  });

  it('answers from the start of a long message', () => {
    const decision = longRouter.route(`how long does an art session take? ${'blah '.repeat(2000)}`);
    expect(decision.route === 'answer' || decision.route === 'suggest').toBe(true);
    expect(decision.id).toBe('session-length');
  });
});

describe('invisible characters', () => {
  const { router: invisibleRouter } = fixtureKnowledge();

  it.each(['ches\u200bt pain', 'chest\u00ad pain', 'i ca\u200dnt breathe', '\ufeffchest pain'])('do not hide a symptom: %j', (text) => {
    expect(invisibleRouter.route(text).route).toBe('emergency');
  });
});

describe('MessageRouter: what faq.yaml holds never changes how a warning sign is read', () => {
  // Patients' own spellings, added as FAQ phrasings, become words the spelling corrector knows. Safety
  // must read these messages as it did before: "chst" is still chest, "tryin" still trying, "n" still "and".
  const patientSpellings = ['is a chst massage included', 'tryin to book n stuff', 'fractred old injuries and talkin about them', 'is droopin posture treated'];
  const withPatientSpellings: KnowledgeBase = {
    ...knowledgeBase,
    faq: knowledgeBase.faq.map((entry, index) => (index === 0 ? { ...entry, alternates: [...entry.alternates, ...patientSpellings] } : entry)),
  };
  const widened = new MessageRouter(withPatientSpellings, { cacheFolder: null });

  it.each([
    ['i have crushing chst pain', 'emergency', 'chest-pain'],
    ['i think i fractred my wrist yesterday', 'red-flag', 'suspected-fracture'],
    ['i have lost weight without tryin n my back hurts', 'red-flag', 'unexplained-weight-loss'],
    ['my dads talkin gibberish and his face is droopin', 'emergency', 'face-droop-or-slurred-speech'],
  ])('"%s" stays %s (%s)', (message, route, id) => {
    for (const decision of [router.route(message), widened.route(message)]) expect([decision.route, decision.id]).toEqual([route, id]);
  });

  it('while the FAQ ranking does learn the new words', () => {
    const entry = knowledgeBase.faq[0];
    expect(widened.route('tryin to book n stuff').id).toBe(entry?.id);
  });
});

describe('MessageRouter: Spanish function words are not typos of warning signs', () => {
  // "cada" (each) is one letter from "caida" (a fall), "cuanto" from "cuando": the corrector knows them as words.
  it.each([
    ['cuanto dura cada sesion mas o menos', false],
    ['cada cuanto tiempo hay que ir', false],
    ['tuve una caida ayer y me duele la muneca', true],
    // The price: a patient who types "cada" for "caida" is read as writing "cada".
    ['tuve una cada ayer y me duele la muneca', false],
  ])('"%s" touches safety: %s', (message, touches) => {
    const decision = router.route(message);
    expect(['red-flag', 'emergency', 'safety-check'].includes(decision.route)).toBe(touches);
  });
});

describe('MessageRouter: words of politeness and address are not what a question is about', () => {
  // Filipino "po", Indian "ji", "sir", "ma'am": without them counted as fillers, the question read as partly off-topic.
  it.each([
    ['how long is a session po', 'session-length'],
    ['how much does a session cost sir', 'cost-and-insurance'],
    ['ji what is ART', 'what-is-art'],
    ['how long is a session lah', 'session-length'],
  ])('"%s" answers %s, as it does without the word', (text, id) => {
    const without = text.replace(/\b(po|sir|ji|lah)\b/, '').trim();
    expect(routeOf(without)).toMatchObject({ route: 'answer', id });
    expect(routeOf(text)).toMatchObject({ route: 'answer', id });
  });
});

describe('MessageRouter: typing slips', () => {
  // The FAQ matcher reads a letter typed twice, and two words run together, as meant.
  it.each([
    ['how long does itt take', ['how', 'long', 'does', 'it', 'take']],
    ['whatyou do in a session', ['what', 'you', 'do', 'in', 'a', 'session']],
  ])('reads "%s" as %j', (text, words) => {
    expect(router.analyze(text).corrected.tokens).toEqual(words);
  });

  it('undoes them for the FAQ only: the safety check reads the words as typed', () => {
    expect(router.analyze('near bugis').corrected.tokens).toEqual(['near', 'bug', 'is']);
    expect(routeOf('where to buy a back brace near bug is').route).toBe('red-flag');
    expect(routeOf('where to buy a back brace near bugis').route).not.toBe('red-flag');
  });
});

describe('MessageRouter: Hindi and Urdu in Latin letters', () => {
  // "nahi" (not) is a word, not a typo: the safety speller once read it as Tagalog "naihi" (wet oneself).
  it('leaves their everyday words as typed', () => {
    expect(router.analyze('dard nahi hai').corrected.tokens).toEqual(['dard', 'nahi', 'hai']);
    expect(routeOf('back mein dard nahi hai, bas stiff').route).not.toBe('emergency');
  });
});

describe('MessageRouter: the learned checks (safety-model.yaml) only ever ask', () => {
  // The fixture models: "stay asleep", "goodbye", "everyone" and "tonight" count toward self-harm, "lol" against;
  // "an elephant sitting" toward chest (emergency); "toss and turn" toward night-rest (red flag).
  const rulesOnly = new MessageRouter({ ...knowledgeBase, safetyModel: { checks: [] } });

  it.each([
    // [message, what the rules alone do, what the pending answer is after a "no"]
    ['I just want to go to sleep and stay asleep', 'fallback', 'fallback'],
    ['saying goodbye to everyone tonight', 'fallback', 'fallback'],
    ['how long is a session? I just want to stay asleep', 'answer', 'answer'],
  ])('"%s": the rules alone give %s; the model asks the self-harm check first', (message, rulesRoute, pendingRoute) => {
    expect(rulesOnly.route(message).route).toBe(rulesRoute);
    const decision = routeOf(message);
    expect(decision).toMatchObject({ route: 'safety-check', id: 'self-harm', check: { concept: 'self-harm', level: 'emergency', reply: 'crisis' } });
    if (decision.route === 'safety-check') expect(decision.pending.route).toBe(pendingRoute);
  });

  it.each(['goodbye everyone, see you tonight lol', 'I said goodbye tonight', 'how long is a session?'])('"%s" scores below askAt: not asked', (message) => {
    expect(routeOf(message).route).not.toBe('safety-check');
  });

  it('never asks again once the conversation has asked the self-harm check', () => {
    expect(router.route('saying goodbye to everyone tonight', { askedChecks: ['self-harm'] }).route).toBe('fallback');
  });

  it('never outranks a rule: an emergency stays the emergency reply', () => {
    expect(routeOf('I have crushing chest pain and want to stay asleep')).toMatchObject({ route: 'emergency', id: 'chest-pain' });
  });

  it('beside a red flag with no emergency check of its own, is asked first; the red flag still stands', () => {
    const message = 'I have had a fever for three days and I want to stay asleep';
    expect(rulesOnly.route(message)).toMatchObject({ route: 'red-flag' });
    expect(rulesOnly.route(message)).not.toHaveProperty('escalation');
    expect(routeOf(message)).toMatchObject({ route: 'red-flag', escalation: { concept: 'self-harm', level: 'emergency' } });
  });

  it("beside a red flag whose rule names an emergency check, comes after it: a rule's question outranks the model's guess", () => {
    const message = 'I fell down the stairs yesterday and I want to stay asleep';
    expect(rulesOnly.route(message)).toMatchObject({ route: 'red-flag', escalation: { concept: 'serious-injury' } });
    expect(routeOf(message)).toMatchObject({ route: 'red-flag', escalation: { concept: 'serious-injury' } });
  });

  it.each([
    // [message, the check asked]
    ['it feels like an elephant sitting on me', 'chest'],
    ['I toss and turn all night', 'night-rest'],
    // One learned question per message, an emergency one first.
    ['like an elephant sitting on me and I toss and turn', 'chest'],
  ])('"%s": no rule fires; the learned %s check asks', (message, concept) => {
    expect(rulesOnly.route(message).route).not.toBe('safety-check');
    expect(routeOf(message)).toMatchObject({ route: 'safety-check', id: concept });
  });

  it('a concept the conversation has asked is not asked again; another learned check that asks may be', () => {
    expect(router.route('like an elephant sitting on me and I toss and turn', { askedChecks: ['chest'] })).toMatchObject({ route: 'safety-check', id: 'night-rest' });
    expect(router.route('it feels like an elephant sitting on me', { askedChecks: ['chest'] }).route).not.toBe('safety-check');
  });

  it('beside a red flag, asks a learned emergency check and never a red-flag one (the red-flag reply is given already)', () => {
    const emergencyGuess = 'I have had a fever for three days and it is like an elephant sitting on me';
    expect(rulesOnly.route(emergencyGuess)).not.toHaveProperty('escalation');
    expect(routeOf(emergencyGuess)).toMatchObject({ route: 'red-flag', escalation: { concept: 'chest', level: 'emergency' } });
    const redFlagGuess = 'I have had a fever for three days and I toss and turn';
    expect(routeOf(redFlagGuess)).toMatchObject({ route: 'red-flag' });
    expect(routeOf(redFlagGuess)).not.toHaveProperty('escalation');
  });

  it('reads the spell-corrected text the rules read, numbers left out', () => {
    expect(router.learnedFeatures('stay asleeep 20')).toEqual(expect.arrayContaining(['stay', 'stay asleep', 'asleep']));
    expect(router.learnedFeatures('stay asleeep 20')).not.toContain('20');
  });
});
