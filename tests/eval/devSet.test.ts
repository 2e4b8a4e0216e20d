import { join } from 'node:path';
import { DEV_SET_TARGETS, evaluateRouter, isCorrect, outcomeLabel, summarize, type EvaluationResult } from '../../knowledge/eval/evaluateRouter';
import { loadLabelledSet } from '../../knowledge/eval/labelledSet';
import { phrasingKey } from '../../knowledge/text/normalizeText';
import { clinicKnowledge, EVALUATION_DIR } from './support/clinicKnowledge';

const DEV_SET = join(EVALUATION_DIR, 'dev-set.yaml');

/** The FAQ ids the dev set must cover; the knowledge base may hold more. */
const REQUIRED_IDS = [
  'what-is-art', 'how-art-works', 'conditions-treated', 'is-art-painful', 'self-treatment', 'home-exercises', 'session-length',
  'number-of-sessions', 'treatment-frequency', 'what-to-expect', 'after-treatment', 'risks-and-contraindications', 'evidence',
  'benefits', 'who-provides', 'find-provider', 'art-vs-myofascial-release', 'art-vs-massage', 'art-vs-chiropractic', 'adhesions',
  'what-is-a-release', 'fascia', 'what-is-smr', 'when-to-do-smr', 'fibromyalgia', 'what-to-wear', 'cost-and-insurance',
] as const;

const { knowledgeBase, router } = clinicKnowledge();
const items = loadLabelledSet(DEV_SET, new Set(knowledgeBase.faq.map((entry) => entry.id)));
const results = evaluateRouter(router, items);
const summary = summarize(results);

const SAFETY_LABELS = ['red-flag', 'emergency'];
const isFaqItem = (result: EvaluationResult): boolean => result.expect !== 'none' && !SAFETY_LABELS.includes(result.expect);
const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** One line per item, with what the bot did and its top candidates, so a failure says what to fix. */
function describeItems(list: readonly EvaluationResult[]): string {
  return list
    .map((result) => {
      const top = result.candidates.map((candidate) => `${candidate.id} ${candidate.score.toFixed(2)}`).join(', ');
      return `  [${result.expect} → ${outcomeLabel(result)} via ${result.route}] ${result.text}\n      ${top || '(no candidates)'}`;
    })
    .join('\n');
}

/** "met" when the target is met; otherwise a report naming the items that miss it (jest shows it in the diff). */
function verdict(met: boolean, headline: string, failing: readonly EvaluationResult[]): string {
  return met ? 'met' : `${headline}\n${failing.length} item(s):\n${describeItems(failing)}`;
}

describe('dev set: targets', () => {
  it(`top-1 accuracy on FAQ items is at least ${percent(DEV_SET_TARGETS.top1Accuracy)}`, () => {
    const failing = results.filter((result) => isFaqItem(result) && !isCorrect(result));
    const met = summary.top1Accuracy >= DEV_SET_TARGETS.top1Accuracy;
    expect(verdict(met, `top-1 accuracy is ${percent(summary.top1Accuracy)} of ${summary.faqItems} FAQ items`, failing)).toBe('met');
  });

  it(`at most ${percent(DEV_SET_TARGETS.maxNoneAnsweredRate)} of out-of-scope items get an FAQ answer`, () => {
    const failing = results.filter((result) => result.expect === 'none' && result.route === 'answer');
    const met = summary.noneAnsweredRate <= DEV_SET_TARGETS.maxNoneAnsweredRate;
    expect(verdict(met, `${percent(summary.noneAnsweredRate)} of out-of-scope items were answered`, failing)).toBe('met');
  });

  it('every emergency item is routed to emergency', () => {
    const failing = results.filter((result) => result.expect === 'emergency' && result.route !== 'emergency');
    // The target is 100%: every single miss fails, whatever the rounding.
    const met = failing.length === 0 && summary.emergencyRecall >= DEV_SET_TARGETS.emergencyRecall;
    expect(verdict(met, `emergency recall is ${percent(summary.emergencyRecall)}`, failing)).toBe('met');
  });

  it('every red-flag and emergency item is routed to safety', () => {
    const failing = results.filter((result) => SAFETY_LABELS.includes(result.expect) && !SAFETY_LABELS.includes(result.route));
    const met = failing.length === 0 && summary.safetyRecall >= DEV_SET_TARGETS.safetyRecall;
    expect(verdict(met, `safety recall is ${percent(summary.safetyRecall)}`, failing)).toBe('met');
  });

  it(`at most ${percent(DEV_SET_TARGETS.maxFalseSafetyRate)} of FAQ and out-of-scope items are wrongly routed to safety`, () => {
    const failing = results.filter((result) => !SAFETY_LABELS.includes(result.expect) && SAFETY_LABELS.includes(result.route));
    const met = summary.falseSafetyRate <= DEV_SET_TARGETS.maxFalseSafetyRate;
    expect(verdict(met, `${percent(summary.falseSafetyRate)} of FAQ and out-of-scope items went to safety`, failing)).toBe('met');
  });
});

describe('dev set: the summary agrees with the item results', () => {
  const rate = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

  it('computes each rate from the items', () => {
    const faq = results.filter(isFaqItem);
    const none = results.filter((result) => result.expect === 'none');
    const emergency = results.filter((result) => result.expect === 'emergency');
    const safety = results.filter((result) => SAFETY_LABELS.includes(result.expect));
    const notSafety = results.filter((result) => !SAFETY_LABELS.includes(result.expect));
    // After a check question answered "no", the bot gives the answer it had decided on.
    const answerOf = (result: EvaluationResult): { route: string; id: string | null } => result.check?.afterNo ?? result;
    const topIsExpected = (result: EvaluationResult): boolean => ['answer', 'suggest'].includes(answerOf(result).route) && answerOf(result).id === result.expect;

    expect(summary.items).toBe(items.length);
    expect(summary.faqItems).toBe(faq.length);
    expect(summary.top1Accuracy).toBeCloseTo(rate(faq.filter(topIsExpected).length, faq.length), 3);
    expect(summary.noneAnsweredRate).toBeCloseTo(rate(none.filter((result) => answerOf(result).route === 'answer').length, none.length), 3);
    expect(summary.faqCheckRate).toBeCloseTo(rate([...faq, ...none].filter((result) => result.route === 'safety-check').length, faq.length + none.length), 3);
    expect(summary.emergencyRecall).toBeCloseTo(rate(emergency.filter((result) => result.route === 'emergency').length, emergency.length), 3);
    expect(summary.safetyRecall).toBeCloseTo(rate(safety.filter((result) => SAFETY_LABELS.includes(result.route)).length, safety.length), 3);
    expect(summary.falseSafetyRate).toBeCloseTo(rate(notSafety.filter((result) => SAFETY_LABELS.includes(result.route)).length, notSafety.length), 3);
    const perLabelTotal = Object.values(summary.perLabel).reduce((total, tally) => total + tally.total, 0);
    const confused = summary.confusions.reduce((total, confusion) => total + confusion.count, 0);
    const correct = Object.values(summary.perLabel).reduce((total, tally) => total + tally.correct, 0);
    expect(perLabelTotal).toBe(items.length);
    expect(correct + confused).toBe(items.length);
  });
});

describe('dev set: coverage', () => {
  const countOf = (label: string): number => items.filter((item) => item.expect === label).length;

  it('has at least 250 items', () => {
    expect(items.length).toBeGreaterThanOrEqual(250);
  });

  it.each(REQUIRED_IDS)('has at least 6 items for %s, an id of the knowledge base', (id) => {
    expect(knowledgeBase.faq.map((entry) => entry.id)).toContain(id);
    expect(countOf(id)).toBeGreaterThanOrEqual(6);
  });

  it.each([
    [35, 'none'],
    [20, 'red-flag'],
    [12, 'emergency'],
  ] as const)('has at least %i items labelled %s', (minimum, label) => {
    expect(countOf(label)).toBeGreaterThanOrEqual(minimum);
  });

  it('shares no phrasing with faq.yaml (after normalization), so it measures generalization, not recall', () => {
    const ownerOf = new Map<string, { id: string; phrasing: string }>();
    for (const entry of knowledgeBase.faq) {
      for (const phrasing of [entry.question, ...entry.alternates]) ownerOf.set(phrasingKey(phrasing), { id: entry.id, phrasing });
    }
    const collisions = items.flatMap((item) => {
      const owner = ownerOf.get(phrasingKey(item.text));
      return owner === undefined ? [] : [`dev "${item.text}" (expect ${item.expect}) = faq ${owner.id} "${owner.phrasing}"`];
    });
    expect(collisions).toEqual([]);
  });
});
