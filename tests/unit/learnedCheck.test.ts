import { chooseAskLevel, crossValidatedScores, fitLearnedCheck, scoreWith, type LearnedExample, type ScoredExample } from '../../knowledge/eval/fitLearnedCheck';
import { LearnedCheck, LearnedChecks, learnedCheckGaps } from '../../knowledge/safety/learnedCheck';
import type { SafetyCheck } from '../../knowledge/safety/safetyRules';
import { learnedFeatures } from '../../knowledge/text/learnedFeatures';

describe('learnedFeatures: what the learned check reads of a message', () => {
  it.each([
    ['stems and pairs of neighbouring stems', [['saying', 'goodbye']], ['say', 'say goodby', 'goodby']],
    ['no pair across clauses', [['goodbye'], ['tonight']], ['goodby', 'tonight']],
    ['numbers left out, and the pair joins the words either side', [['took', '20', 'pills']], ['took', 'took pill', 'pill']],
    ['a word repeated counts once', [['bye', 'bye']], ['bye', 'bye bye']],
    ['nothing in, nothing out', [], []],
  ])('%s', (_case, clauses: string[][], features: string[]) => {
    expect(learnedFeatures(clauses).sort()).toEqual([...features].sort());
  });
});

describe('LearnedCheck: the score and the level it asks at', () => {
  const check = new LearnedCheck({ concept: 'self-harm', askAt: 0.5, bias: -3, weights: { goodby: 2, 'stay asleep': 4, lol: -5 } });

  it.each([
    // [clauses, asks]: bias -3 plus the weights present; the logistic of 0 is 0.5, the level
    [[['stay', 'asleep']], true],
    [[['goodbye']], false],
    [[['goodbye', 'lol'], ['stay', 'asleep']], false],
    [[['goodbye'], ['stay', 'asleep']], true],
    [[['nothing', 'known']], false],
  ])('%j asks: %s', (clauses: string[][], asks: boolean) => {
    expect(check.asks(clauses)).toBe(asks);
  });

  it('scores from 0 to 1, higher with more of the concept\'s words', () => {
    const none = check.score([['hello']]);
    const one = check.score([['goodbye']]);
    const two = check.score([['goodbye'], ['stay', 'asleep']]);
    expect(none).toBeGreaterThan(0);
    expect(none).toBeLessThan(one);
    expect(one).toBeLessThan(two);
    expect(two).toBeLessThan(1);
  });
});

/** A check as safety.yaml gives it; the learned checks only read its concept, level and learnFrom. */
function checkOf(concept: string, level: SafetyCheck['level'], learnFrom: string[] = [concept]): SafetyCheck {
  return { concept, level, reply: level, triggers: [], ignore: [], exceptLongAgo: false, learnFrom, question: { en: `${concept}?` } };
}

describe('LearnedChecks: at most one learned question per message', () => {
  const checks = [checkOf('chest', 'emergency'), checkOf('night-rest', 'red-flag', ['night-pain']), checkOf('swelling', 'red-flag')];
  // Each model asks at 0.5 (weights are on stems: "elephant" is "eleph"); "elephant" reaches it for chest, "toss" for night-rest, "puffy" (further) for swelling.
  const learned = new LearnedChecks(
    {
      checks: [
        { concept: 'chest', askAt: 0.5, bias: -2, weights: { eleph: 2.5 } },
        { concept: 'night-rest', askAt: 0.5, bias: -2, weights: { toss: 2.5 } },
        { concept: 'swelling', askAt: 0.5, bias: -2, weights: { puffi: 6 } },
        { concept: 'no-such-check', askAt: 0.5, bias: 5, weights: {} },
      ],
    },
    checks,
  );
  const none = (): boolean => false;

  it.each([
    // [clauses, the check asked]
    [[['elephant']], 'chest'],
    [[['toss']], 'night-rest'],
    [[['hello']], undefined],
    // An emergency question before a red-flag one, even when the red-flag model is surer.
    [[['elephant'], ['puffy']], 'chest'],
    // Of two red-flag questions, the model furthest past its level.
    [[['toss'], ['puffy']], 'swelling'],
  ])('%j asks %s', (clauses: string[][], concept: string | undefined) => {
    expect(learned.bestFor(clauses, none)?.concept).toBe(concept);
  });

  it('skips what the caller excludes, and offers the next one that asks', () => {
    expect(learned.bestFor([['elephant'], ['toss']], (check) => check.concept === 'chest')?.concept).toBe('night-rest');
    expect(learned.bestFor([['elephant']], (check) => check.level === 'emergency')).toBeUndefined();
  });

  it('ignores a model whose concept has no check question', () => {
    expect(learned.bestFor([['anything']], none)).toBeUndefined();
  });

  it('learnedCheckGaps names checks that learn but have no model, and models for checks that no longer learn', () => {
    const gaps = learnedCheckGaps([checkOf('chest', 'emergency'), checkOf('wound', 'red-flag'), checkOf('clot', 'red-flag', [])], {
      checks: [
        { concept: 'chest', askAt: 0.5, bias: 0, weights: {} },
        { concept: 'clot', askAt: 0.5, bias: 0, weights: {} },
      ],
    });
    expect(gaps).toEqual({ unfitted: ['wound'], notLearning: ['clot'] });
  });
});

/** Toy messages: positives say "farewell", negatives talk about knees; each file is one writer. */
function toyExamples(): LearnedExample[] {
  const examples: LearnedExample[] = [];
  for (let file = 0; file < 10; file += 1) {
    for (let n = 0; n < 3; n += 1) examples.push({ features: ['farewel', 'tonight', `writer${file}`], positive: true, group: `file${file}` });
    for (let n = 0; n < 30; n += 1) examples.push({ features: ['knee', n % 2 === 0 ? 'tonight' : 'sore', `writer${file}`], positive: false, group: `file${file}` });
  }
  return examples;
}

describe('fitLearnedCheck', () => {
  it('learns the words that tell positives from the rest', () => {
    const model = fitLearnedCheck(toyExamples(), { minWeight: 0 });
    expect(scoreWith(model, ['farewel', 'tonight'])).toBeGreaterThan(0.5);
    expect(scoreWith(model, ['knee', 'tonight'])).toBeLessThan(0.1);
    expect(model.weights.get('farewel') ?? 0).toBeGreaterThan(0);
    expect(model.weights.get('knee') ?? 0).toBeLessThan(0);
  });

  it('is deterministic: the same messages give the same model', () => {
    const first = fitLearnedCheck(toyExamples());
    const second = fitLearnedCheck(toyExamples());
    expect(second.bias).toBe(first.bias);
    expect([...second.weights]).toEqual([...first.weights]);
  });

  it('leaves out words seen in fewer messages than minCount, and weights under minWeight', () => {
    const rare: LearnedExample = { features: ['onceonly'], positive: true, group: 'file0' };
    expect(fitLearnedCheck([...toyExamples(), rare], { minCount: 2, minWeight: 0 }).weights.has('onceonly')).toBe(false);
    expect(fitLearnedCheck([...toyExamples(), rare], { minCount: 1, minWeight: 0 }).weights.has('onceonly')).toBe(true);
    const pruned = fitLearnedCheck(toyExamples(), { minWeight: 0.5 });
    expect([...pruned.weights.values()].every((weight) => Math.abs(weight) >= 0.5)).toBe(true);
  });
});

describe('crossValidatedScores: each message scored by a model that never saw its file', () => {
  it('a word only one file uses cannot vouch for that file\'s messages', () => {
    // Only file0's positives say "adieu"; everywhere else positives say "farewell".
    const examples = toyExamples().map((example) => (example.group === 'file0' && example.positive ? { ...example, features: ['adieu', 'tonight'] } : example));
    const scores = crossValidatedScores(examples, 5, { minCount: 1, minWeight: 0 });
    const fileZeroPositive = examples.findIndex((example) => example.group === 'file0' && example.positive);
    const otherPositive = examples.findIndex((example) => example.group === 'file1' && example.positive);
    expect(scores[fileZeroPositive]).toBeLessThan(0.5);
    expect(scores[otherPositive]).toBeGreaterThan(0.5);
    // Fitted on everything, "adieu" is learned.
    expect(scoreWith(fitLearnedCheck(examples, { minCount: 1, minWeight: 0 }), ['adieu', 'tonight'])).toBeGreaterThan(scores[fileZeroPositive] ?? 1);
  });
});

describe('chooseAskLevel: the lowest level whose needless questions stay within the targets', () => {
  const row = (score: number, kind: ScoredExample['kind'], positive = false, rulesAct = false): ScoredExample => ({ score, kind, positive, rulesAct });
  const lookAlikes = [row(0.9, 'look-alike'), row(0.4, 'look-alike'), ...Array.from({ length: 98 }, () => row(0.01, 'look-alike'))];
  const faq = Array.from({ length: 100 }, () => row(0.02, 'faq'));
  const positives = [row(0.95, 'other', true), row(0.6, 'other', true), row(0.3, 'other', true), row(0.1, 'other', true)];

  it.each([
    // [look-alikes allowed, level chosen, positives caught]
    [0.02, 0.05, 1],
    [0.01, 0.41, 0.5],
    [0, 0.91, 0.25],
  ])('with %s of look-alikes allowed it asks from %s, catching %s', (maxLookAlikesAsked, askAt, caught) => {
    const level = chooseAskLevel([...lookAlikes, ...faq, ...positives], { maxLookAlikesAsked, maxFaqAsked: 0 });
    expect(level.askAt).toBe(askAt);
    expect(level.caught).toBe(caught);
    expect(level.lookAlikesAsked).toBeLessThanOrEqual(maxLookAlikesAsked);
  });

  it('a look-alike the rules already ask about costs nothing more', () => {
    const level = chooseAskLevel([row(0.9, 'look-alike', false, true), ...Array.from({ length: 9 }, () => row(0.01, 'look-alike')), row(0.8, 'other', true)], { maxLookAlikesAsked: 0, maxFaqAsked: 0 });
    expect(level.askAt).toBe(0.05);
    expect(level.caught).toBe(1);
  });
});
