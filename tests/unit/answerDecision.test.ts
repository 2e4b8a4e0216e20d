import { answerConfidence, decisionFeatures } from '../../knowledge/matching/answerConfidence';
import type { Ranking } from '../../knowledge/matching/faqMatcher';
import { fitLogistic, type LabelledFeatures } from '../../knowledge/eval/logisticModel';
import { chooseOperatingPoint, decisionRates, type CalibrationRow } from '../../knowledge/eval/operatingPoint';
import type { DecisionModel } from '../../knowledge/schemas/matchingSchema';

const ranking = (best: number, runnerUp: number, scope = 1): Ranking => ({
  candidates: [
    { id: 'a', score: best },
    { id: 'b', score: runnerUp },
  ],
  evidence: { scope, bestPhrase: best, coverage: best, words: 6 },
});

const model: DecisionModel = {
  answerAt: 0.7,
  suggestAt: 0.2,
  bias: -3,
  weights: { bestScore: 4, runnerUpScore: -2, margin: 3, scope: 1, bestPhrase: 0, coverage: 0, length: 0 },
};

describe('answerConfidence', () => {
  it('is a probability that rises with the best score and its lead, and falls as the message leaves the topics', () => {
    const low = answerConfidence(ranking(0.3, 0.25), model);
    const clearer = answerConfidence(ranking(0.6, 0.2), model);
    const offTopic = answerConfidence(ranking(0.6, 0.2, 0.2), model);
    for (const value of [low, clearer, offTopic]) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(1);
    }
    expect(clearer).toBeGreaterThan(low);
    expect(offTopic).toBeLessThan(clearer);
  });

  it('is 0 when nothing ranked', () => {
    expect(answerConfidence({ candidates: [], evidence: { scope: 0, bestPhrase: 0, coverage: 0, words: 0 } }, model)).toBe(0);
  });

  it('reads the features it is given', () => {
    const features = decisionFeatures(ranking(0.6, 0.2));
    expect(features).toMatchObject({ bestScore: 0.6, runnerUpScore: 0.2, length: Math.log(7) });
    expect(features.margin).toBeCloseTo(0.4);
  });
});

describe('fitLogistic', () => {
  // Right answers have a clear lead; wrong ones do not. Interleaved so no ordering helps.
  const examples: LabelledFeatures[] = Array.from({ length: 200 }, (_, index) => {
    const right = index % 2 === 0;
    const best = 0.3 + ((index * 37) % 50) / 100;
    const lead = right ? 0.2 + ((index * 13) % 20) / 100 : ((index * 13) % 10) / 100;
    return { features: decisionFeatures(ranking(best, Math.max(0, best - lead))), label: right ? 1 : 0 };
  });
  const fitted = fitLogistic(examples);

  it('learns that a lead means a right answer', () => {
    expect(fitted.weights.margin).toBeGreaterThan(0);
    const mean = (label: 0 | 1): number => {
      const scored = examples.filter((example) => example.label === label).map((example) => answerConfidence(ranking(example.features.bestScore, example.features.runnerUpScore), { ...model, ...fitted }));
      return scored.reduce((sum, value) => sum + value, 0) / scored.length;
    };
    expect(mean(1)).toBeGreaterThan(0.7);
    expect(mean(0)).toBeLessThan(0.3);
  });

  it('gives the same model for the same examples', () => {
    expect(fitLogistic(examples)).toEqual(fitted);
  });
});

describe('chooseOperatingPoint', () => {
  const row = (confidence: number, inScope: boolean, topIsRight: boolean, rightIsOffered = topIsRight): CalibrationRow => ({ confidence, inScope, topIsRight, rightIsOffered });
  const rows: CalibrationRow[] = [
    ...Array.from({ length: 90 }, (_, index) => row(0.5 + index / 200, true, true)),
    ...Array.from({ length: 10 }, (_, index) => row(0.3 + index / 50, true, false, index % 2 === 0)),
    ...Array.from({ length: 20 }, (_, index) => row(0.1 + index / 40, false, false, false)),
  ];

  it('answers as much as the wrong-answer targets allow, and says so', () => {
    const targets = { maxWrongAnswer: 0.03, maxOutOfScopeAnswered: 0.05, minOfferedShare: 0.9 };
    const point = chooseOperatingPoint(rows, targets);
    expect(point.targetsMet).toBe(true);
    expect(point.rates.wrongAnswer).toBeLessThanOrEqual(targets.maxWrongAnswer);
    expect(point.rates.outOfScopeAnswered).toBeLessThanOrEqual(targets.maxOutOfScopeAnswered);
    // One step lower would break a target: the level is the lowest that meets them.
    const lower = decisionRates(rows, point.answerAt - 0.01, point.suggestAt);
    expect(lower.wrongAnswer > targets.maxWrongAnswer || lower.outOfScopeAnswered > targets.maxOutOfScopeAnswered).toBe(true);
    expect(point.suggestAt).toBeLessThanOrEqual(point.answerAt);
  });

  it('reports when no level meets the targets', () => {
    const hopeless = [row(0.99, false, false), row(0.99, true, false)];
    expect(chooseOperatingPoint(hopeless, { maxWrongAnswer: 0, maxOutOfScopeAnswered: 0, minOfferedShare: 0.9 }).targetsMet).toBe(false);
  });
});
