import type { MatchCandidate } from '../matching/faqMatcher';
import type { MessageRouter } from '../routing/messageRouter';
import type { Route } from '../routing/routingDecision';
import type { LabelledItem } from './labelledSet';

export interface EvaluationResult {
  readonly text: string;
  readonly expect: string;
  readonly route: Route;
  /** The answered id, or the top candidate when the bot asked "did you mean". */
  readonly id: string | null;
  readonly score: number;
  readonly candidates: readonly MatchCandidate[];
}

export interface EvaluationSummary {
  readonly items: number;
  readonly faqItems: number;
  /** FAQ items whose answered id or top suggestion is the expected one. */
  readonly top1Accuracy: number;
  /** FAQ items answered outright with the expected id. */
  readonly answeredAccuracy: number;
  /** Out-of-scope items that got an FAQ answer. */
  readonly noneAnsweredRate: number;
  readonly emergencyRecall: number;
  /** Red-flag and emergency items routed to either safety route. */
  readonly safetyRecall: number;
  /** FAQ and out-of-scope items wrongly routed to a safety route. */
  readonly falseSafetyRate: number;
  readonly perLabel: Readonly<Record<string, { readonly total: number; readonly correct: number }>>;
  readonly confusions: readonly { readonly expect: string; readonly got: string; readonly count: number }[];
}

/** The targets the dev set must meet; `npm test` fails below them. */
export const DEV_SET_TARGETS = {
  top1Accuracy: 0.9,
  maxNoneAnsweredRate: 0.1,
  emergencyRecall: 1,
  safetyRecall: 1,
  maxFalseSafetyRate: 0.03,
} as const;

const SAFETY_ROUTES: readonly Route[] = ['red-flag', 'emergency'];

/** What the bot effectively did with an item, in the same vocabulary as the labels. */
export function outcomeLabel(result: EvaluationResult): string {
  if (result.route === 'red-flag' || result.route === 'emergency') return result.route;
  if ((result.route === 'answer' || result.route === 'suggest') && result.id !== null) return result.id;
  return result.route === 'smalltalk' ? 'smalltalk' : 'none';
}

export function isCorrect(result: EvaluationResult): boolean {
  const got = outcomeLabel(result);
  if (result.expect === 'none') return result.route !== 'answer' && !SAFETY_ROUTES.includes(result.route);
  return got === result.expect;
}

export function evaluateRouter(router: MessageRouter, items: readonly LabelledItem[]): EvaluationResult[] {
  return items.map(({ text, expect }) => {
    const decision = router.route(text);
    return { text, expect, route: decision.route, id: decision.id, score: decision.score, candidates: decision.candidates.slice(0, 3) };
  });
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : Math.round((part / whole) * 10_000) / 10_000;
}

export function summarize(results: readonly EvaluationResult[]): EvaluationSummary {
  const faq = results.filter((result) => !['none', 'red-flag', 'emergency'].includes(result.expect));
  const none = results.filter((result) => result.expect === 'none');
  const emergency = results.filter((result) => result.expect === 'emergency');
  const safety = results.filter((result) => result.expect === 'red-flag' || result.expect === 'emergency');
  const notSafety = [...faq, ...none];

  const perLabel: Record<string, { total: number; correct: number }> = {};
  const confusionCounts = new Map<string, number>();
  for (const result of results) {
    const tally = (perLabel[result.expect] ??= { total: 0, correct: 0 });
    tally.total += 1;
    if (isCorrect(result)) tally.correct += 1;
    else {
      const key = `${result.expect}\u0000${outcomeLabel(result)}`;
      confusionCounts.set(key, (confusionCounts.get(key) ?? 0) + 1);
    }
  }
  const confusions = [...confusionCounts.entries()]
    .map(([key, count]) => {
      const [expect = '', got = ''] = key.split('\u0000');
      return { expect, got, count };
    })
    .sort((a, b) => b.count - a.count || a.expect.localeCompare(b.expect));

  return {
    items: results.length,
    faqItems: faq.length,
    top1Accuracy: ratio(faq.filter(isCorrect).length, faq.length),
    answeredAccuracy: ratio(faq.filter((result) => result.route === 'answer' && result.id === result.expect).length, faq.length),
    noneAnsweredRate: none.length === 0 ? 0 : ratio(none.filter((result) => result.route === 'answer').length, none.length),
    emergencyRecall: ratio(emergency.filter((result) => result.route === 'emergency').length, emergency.length),
    safetyRecall: ratio(safety.filter((result) => SAFETY_ROUTES.includes(result.route)).length, safety.length),
    falseSafetyRate: notSafety.length === 0 ? 0 : ratio(notSafety.filter((result) => SAFETY_ROUTES.includes(result.route)).length, notSafety.length),
    perLabel,
    confusions,
  };
}

/** Which targets a summary misses, in words; empty when all are met. */
export function missedTargets(summary: EvaluationSummary): string[] {
  const missed: string[] = [];
  const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
  if (summary.top1Accuracy < DEV_SET_TARGETS.top1Accuracy) missed.push(`top-1 accuracy on FAQ items is ${percent(summary.top1Accuracy)}, target ≥ ${percent(DEV_SET_TARGETS.top1Accuracy)}`);
  if (summary.noneAnsweredRate > DEV_SET_TARGETS.maxNoneAnsweredRate) missed.push(`out-of-scope items answered as an FAQ: ${percent(summary.noneAnsweredRate)}, target ≤ ${percent(DEV_SET_TARGETS.maxNoneAnsweredRate)}`);
  if (summary.emergencyRecall < DEV_SET_TARGETS.emergencyRecall) missed.push(`emergency items routed to emergency: ${percent(summary.emergencyRecall)}, target 100%`);
  if (summary.safetyRecall < DEV_SET_TARGETS.safetyRecall) missed.push(`red-flag and emergency items routed to safety: ${percent(summary.safetyRecall)}, target 100%`);
  if (summary.falseSafetyRate > DEV_SET_TARGETS.maxFalseSafetyRate) missed.push(`FAQ and out-of-scope items wrongly routed to safety: ${percent(summary.falseSafetyRate)}, target ≤ ${percent(DEV_SET_TARGETS.maxFalseSafetyRate)}`);
  return missed;
}
