import { chooseTopicLevels, crossValidatedGuesses, fitTopicModel, topicModelOf, TOPICS_OFF, type TopicExample, type TopicRow } from '../../knowledge/eval/fitTopicModel';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import type { MatchCandidate } from '../../knowledge/matching/faqMatcher';
import { TopicModel, topicModelGaps } from '../../knowledge/matching/topicModel';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { withTopicGuess, type RankingDecision } from '../../knowledge/routing/topicDecision';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

const candidates = (...ids: string[]): MatchCandidate[] => ids.map((id, index) => ({ id, score: 0.5 - index * 0.1 }));
const LEVELS = { answerAt: 0.6, switchAt: 0.9, noneAt: 0.8 };

describe('withTopicGuess: the ranking decision with the topic model\'s opinion', () => {
  const suggest: RankingDecision = { route: 'suggest', id: 'a', score: 0.5, candidates: candidates('a', 'b', 'c', 'd'), confidence: 0.5 };
  const answer: RankingDecision = { route: 'answer', id: 'a', score: 0.5, candidates: candidates('a', 'b', 'c', 'd'), confidence: 0.9 };
  const fallback: RankingDecision = { route: 'fallback', id: null, score: 0.5, candidates: candidates('a', 'b', 'c', 'd'), confidence: 0.1 };

  it.each([
    // [case, ranking decision, guess, route, id]
    ['sure of the ranking\'s best entry: answered', suggest, { id: 'a', probability: 0.7 }, 'answer', 'a'],
    ['not sure enough of it: the ranking decides', suggest, { id: 'a', probability: 0.5 }, 'suggest', 'a'],
    ['after a fallback, sure of an offered entry: "did you mean" it, never an answer', fallback, { id: 'b', probability: 0.99 }, 'suggest', 'b'],
    ['after a fallback, not sure enough: the fallback stands', fallback, { id: 'a', probability: 0.5 }, 'fallback', null],
    ['sure enough of another offered entry to switch', answer, { id: 'b', probability: 0.95 }, 'answer', 'b'],
    ['sure of another offered entry, not enough to switch', answer, { id: 'b', probability: 0.8 }, 'answer', 'a'],
    ['sure of an entry the ranking does not offer (4th): never answered', suggest, { id: 'd', probability: 0.99 }, 'suggest', 'a'],
    ['sure the question is out of scope: the answer becomes "did you mean"', answer, { id: 'none', probability: 0.85 }, 'suggest', 'a'],
    ['fairly sure it is out of scope: the answer stands', answer, { id: 'none', probability: 0.7 }, 'answer', 'a'],
    ['out of scope never turns a fallback into anything', fallback, { id: 'none', probability: 0.99 }, 'fallback', null],
    ['no guess: the ranking decides', suggest, undefined, 'suggest', 'a'],
  ])('%s', (_case, decision, guess, route, id) => {
    const decided = withTopicGuess(decision, guess, LEVELS, 3);
    expect(decided).toMatchObject({ route, id, confidence: decision.confidence });
    // The same candidates; an entry offered after a fallback comes first.
    expect(decided.candidates.map((candidate) => candidate.id).sort()).toEqual(decision.candidates.map((candidate) => candidate.id).sort());
    if (decided.route === 'suggest') expect(decided.candidates[0]?.id).toBe(id);
    if (guess !== undefined) expect(decided).toMatchObject({ topic: guess });
  });

  it('with every level at 1 it changes nothing', () => {
    for (const decision of [suggest, answer, fallback]) expect(withTopicGuess(decision, { id: 'b', probability: 0.999 }, TOPICS_OFF, 3)).toMatchObject({ route: decision.route, id: decision.id });
  });
});

describe('TopicModel', () => {
  const model = new TopicModel({ ...LEVELS, topics: { none: { bias: 0, weights: { tattoo: 5 } }, a: { bias: 0, weights: { durat: 3 } }, gone: { bias: 0, weights: { durat: 9 } } } }, new Set(['a', 'b']));

  it('gives the most likely topic among the FAQ\'s entries and none, by softmax', () => {
    expect(model.best(['durat'])?.id).toBe('a');
    expect(model.best(['durat'])?.probability).toBeCloseTo(Math.exp(3) / (Math.exp(3) + 1), 12);
    expect(model.best(['tattoo'])?.id).toBe('none');
  });

  it('leaves out a topic whose entry faq.yaml no longer has', () => {
    expect(model.best(['durat'])?.id).toBe('a');
  });

  it('topicModelGaps names entries it never learned and topics whose entry is gone', () => {
    expect(topicModelGaps(['a', 'b'], { ...LEVELS, topics: { none: { bias: 0, weights: {} }, a: { bias: 0, weights: {} }, gone: { bias: 0, weights: {} } } })).toEqual({ unseen: ['b'], gone: ['gone'] });
  });
});

/** Toy questions: "durat" is session-length, "price" cost, "tattoo" out of scope; each file is one writer. */
function toyQuestions(): TopicExample[] {
  const examples: TopicExample[] = [];
  for (let file = 0; file < 10; file += 1) {
    for (let n = 0; n < 5; n += 1) {
      examples.push({ features: ['how', 'durat', `writer${file}`], topic: 'session-length', group: `file${file}` });
      examples.push({ features: ['how', 'price', `writer${file}`], topic: 'cost', group: `file${file}` });
      examples.push({ features: ['how', 'tattoo', `writer${file}`], topic: 'none', group: `file${file}` });
    }
  }
  return examples;
}

describe('fitTopicModel', () => {
  it('learns which words point to which topic', () => {
    const topics = topicModelOf(fitTopicModel(toyQuestions(), { minWeight: 0 }));
    expect(topics.best(['how', 'durat'])?.id).toBe('session-length');
    expect(topics.best(['price'])?.id).toBe('cost');
    expect(topics.best(['tattoo'])).toMatchObject({ id: 'none', probability: expect.any(Number) as number });
    expect(topics.best(['tattoo'])?.probability).toBeGreaterThan(0.8);
  });

  it('is deterministic', () => {
    expect(fitTopicModel(toyQuestions())).toEqual(fitTopicModel(toyQuestions()));
  });

  it('cross-validation holds out whole files: a word only one file uses tells nothing about it', () => {
    const examples = toyQuestions().map((example) => (example.group === 'file0' && example.topic === 'cost' ? { ...example, features: ['quanto'] } : example));
    const guesses = crossValidatedGuesses(examples, 5, { minCount: 1, minWeight: 0 });
    const index = examples.findIndex((example) => example.group === 'file0' && example.topic === 'cost');
    expect(guesses[index]?.probability ?? 1).toBeLessThan(0.5);
    expect(topicModelOf(fitTopicModel(examples, { minCount: 1, minWeight: 0 })).best(['quanto'])?.id).toBe('cost');
  });
});

describe('chooseTopicLevels: the most right answers within the targets', () => {
  const row = (route: RankingDecision['route'], ids: string[], guess: [string, number], expect: string): TopicRow => ({
    decision: route === 'fallback' ? { route, id: null, score: 0.3, candidates: candidates(...ids) } : { route, id: ids[0] ?? '', score: 0.3, candidates: candidates(...ids) },
    guess: { id: guess[0], probability: guess[1] },
    expect,
  });
  const rows = [
    row('suggest', ['a', 'b'], ['a', 0.92], 'a'),
    row('suggest', ['a', 'b'], ['a', 0.72], 'a'),
    row('suggest', ['b', 'a'], ['b', 0.62], 'a'),
    row('answer', ['a', 'b'], ['none', 0.97], 'none'),
    row('answer', ['a', 'b'], ['a', 0.99], 'a'),
  ];

  it('answers where the model is right, and stops short of its wrong guesses', () => {
    const chosen = chooseTopicLevels(rows, { maxWrongAnswer: 0, maxOutOfScopeAnswered: 0 }, 3);
    expect(chosen.answerAt).toBeGreaterThan(0.62);
    expect(chosen.answerAt).toBeLessThanOrEqual(0.7);
    expect(chosen.noneAt).toBeLessThanOrEqual(0.95);
    // The third question stays "did you mean" (its guess is wrong): three of four in scope answered right.
    expect(chosen.rates).toMatchObject({ answeredRight: 0.75, wrongAnswer: 0, outOfScopeAnswered: 0 });
  });

  it('when no levels meet the targets, switches the model off', () => {
    const wrongOnly = [row('suggest', ['b', 'a'], ['b', 0.99], 'a'), row('answer', ['a'], ['a', 0.99], 'none')];
    expect(chooseTopicLevels(wrongOnly, { maxWrongAnswer: 0, maxOutOfScopeAnswered: 0 }, 3)).toMatchObject(TOPICS_OFF);
  });
});

describe('MessageRouter with the fixture topic model (faq-model.yaml)', () => {
  const knowledgeBase = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);
  const router = new MessageRouter(knowledgeBase);
  const rankingAlone = new MessageRouter({ ...knowledgeBase, faqModel: { ...TOPICS_OFF, topics: {} } });

  it.each([
    // [question, the ranking alone, with the model]
    ['what is the typical duration of a visit', ['suggest', 'session-length'], ['answer', 'session-length']],
    ['duration of one appointment?', ['fallback', null], ['suggest', 'session-length']],
    ['what to expect in terms of duration', ['answer', 'what-to-expect'], ['answer', 'session-length']],
    ['will I get a receipt for my insurer', ['suggest', 'cost-and-insurance'], ['answer', 'cost-and-insurance']],
    ['how much does a tattoo session cost', ['answer', 'cost-and-insurance'], ['suggest', 'cost-and-insurance']],
    ['how long is a session', ['answer', 'session-length'], ['answer', 'session-length']],
  ])('"%s": %j alone, %j with the model', (question, alone, withModel) => {
    expect(rankingAlone.route(question)).toMatchObject({ route: alone[0], id: alone[1] });
    expect(router.route(question)).toMatchObject({ route: withModel[0], id: withModel[1] });
  });

  it('never answers an entry the ranking did not find', () => {
    // "receipt" alone: the model is sure of cost-and-insurance, the ranking finds nothing.
    expect(router.route('can I get a receipt')).toMatchObject({ route: 'fallback', id: null });
  });

  it('never decides before safety', () => {
    expect(router.route('what is the duration, I have crushing chest pain').route).toBe('emergency');
  });
});
