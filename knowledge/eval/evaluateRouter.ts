import type { MatchCandidate } from '../matching/faqMatcher';
import type { MessageRouter } from '../routing/messageRouter';
import type { Route, SecondQuestion } from '../routing/routingDecision';
import type { SafetyLevel } from '../safety/safetyRules';
import type { LabelledItem } from './labelledSet';

export interface EvaluationResult {
  readonly text: string;
  readonly expect: string;
  readonly category?: string;
  readonly route: Route;
  /** The answered id, the top candidate when the bot asked "did you mean", or the concept of a check question. */
  readonly id: string | null;
  readonly score: number;
  readonly candidates: readonly MatchCandidate[];
  /** For a two-question item: the expected second question, and what the bot did with it. */
  readonly expectAlso?: string;
  readonly also?: SecondQuestion;
  /** For a red flag asked first whether it is an emergency: what a "yes" leads to. */
  readonly escalation?: SafetyLevel;
  /** For a check question: what a "yes" leads to, and what the bot answers after a "no". */
  readonly check?: { readonly level: SafetyLevel; readonly afterNo: { readonly route: Route; readonly id: string | null } };
}

/** Direct catches and check questions for one category of items. */
export interface CategoryTally {
  readonly total: number;
  /** Emergency items: the emergency reply. Red-flag items: a safety reply. Others: a safety reply (a false alarm). */
  readonly direct: number;
  /** A check question (for emergency items, one whose "yes" gives the emergency reply). */
  readonly asked: number;
}

export interface EvaluationSummary {
  readonly items: number;
  readonly faqItems: number;
  /** FAQ items whose answered id or top suggestion is the expected one (after a "no" to any check question). */
  readonly top1Accuracy: number;
  /** FAQ items answered outright with the expected id. */
  readonly answeredAccuracy: number;
  /** FAQ items answered with the expected id, or offered it among the "did you mean" choices. */
  readonly answeredOrOfferedRate: number;
  /** FAQ items answered outright with another entry. */
  readonly wrongAnswerRate: number;
  /** Two-question items whose second question was answered too (or offered as a button). */
  readonly secondQuestionAnswered: number;
  readonly secondQuestionOffered: number;
  readonly twoQuestionItems: number;
  /** Out-of-scope items that got an FAQ answer. */
  readonly noneAnsweredRate: number;
  /** Emergency items given the emergency reply directly. */
  readonly emergencyRecall: number;
  /** Emergency items given the emergency reply, or a check question that leads to it. */
  readonly emergencyCaughtOrAsked: number;
  /** Red-flag and emergency items routed to either safety route directly. */
  readonly safetyRecall: number;
  /** Red-flag and emergency items routed to safety or asked a check question. */
  readonly safetyCaughtOrAsked: number;
  /** FAQ, out-of-scope and look-alike items wrongly routed to a safety reply. */
  readonly falseSafetyRate: number;
  /** FAQ and out-of-scope items asked a check question. */
  readonly faqCheckRate: number;
  /** Look-alike items blocked (a safety reply) and asked (a check question). */
  readonly lookAlikeBlockedRate: number;
  readonly lookAlikeAskedRate: number;
  readonly perLabel: Readonly<Record<string, { readonly total: number; readonly correct: number }>>;
  /** Per category (or label, when an item has no category), for safety items and look-alikes. */
  readonly perCategory: Readonly<Record<string, CategoryTally>>;
  readonly confusions: readonly { readonly expect: string; readonly got: string; readonly count: number }[];
}

/** The targets the dev set and the check sets must meet; `npm test` fails below them. */
export const DEV_SET_TARGETS = {
  top1Accuracy: 0.9,
  maxNoneAnsweredRate: 0.1,
  emergencyRecall: 1,
  safetyRecall: 1,
  maxFalseSafetyRate: 0.03,
  maxFaqCheckRate: 0.05,
} as const;

const SAFETY_ROUTES: readonly Route[] = ['red-flag', 'emergency'];
const SAFETY_LABELS: readonly string[] = ['red-flag', 'emergency'];
const NOT_FAQ_LABELS: readonly string[] = ['none', 'red-flag', 'emergency', 'look-alike'];

function isSafetyReply(result: EvaluationResult): boolean {
  return SAFETY_ROUTES.includes(result.route);
}

/** The answer the patient ends up with: after a check answered "no", the original answer. */
function finalAnswer(result: EvaluationResult): { readonly route: Route; readonly id: string | null } {
  return result.check?.afterNo ?? { route: result.route, id: result.id };
}

/** What the bot effectively did with an item, in the same vocabulary as the labels. */
export function outcomeLabel(result: EvaluationResult): string {
  if (isSafetyReply(result)) return result.route;
  if (result.route === 'safety-check') return `check:${result.id ?? ''}`;
  if ((result.route === 'answer' || result.route === 'suggest') && result.id !== null) return result.id;
  return result.route === 'smalltalk' ? 'smalltalk' : 'none';
}

/** A safety item caught directly; for others, whether the item got a safety reply (a false alarm). */
function isDirect(result: EvaluationResult): boolean {
  return result.expect === 'emergency' ? result.route === 'emergency' : isSafetyReply(result);
}

/** A check question that, answered yes, gives the reply the item needs. */
function isAsked(result: EvaluationResult): boolean {
  if (result.expect === 'emergency' && result.route === 'red-flag' && result.escalation === 'emergency') return true;
  if (result.route !== 'safety-check') return false;
  return result.expect !== 'emergency' || result.check?.level === 'emergency';
}

export function isCorrect(result: EvaluationResult): boolean {
  if (SAFETY_LABELS.includes(result.expect)) return isDirect(result);
  if (result.expect === 'look-alike') return !isSafetyReply(result);
  const answer = finalAnswer(result);
  if (result.expect === 'none') return answer.route !== 'answer' && !isSafetyReply(result);
  return !isSafetyReply(result) && (answer.route === 'answer' || answer.route === 'suggest') && answer.id === result.expect;
}

export function evaluateRouter(router: MessageRouter, items: readonly LabelledItem[], maxSuggestions = 3): EvaluationResult[] {
  return items.map(({ text, expect, category, also: expectAlso }) => {
    const decision = router.route(text);
    const content = decision.route === 'safety-check' ? decision.pending : decision;
    const also = content.route === 'answer' ? content.also : undefined;
    const base = {
      text,
      expect,
      ...(category === undefined ? {} : { category }),
      ...(expectAlso === undefined ? {} : { expectAlso }),
      ...(also === undefined ? {} : { also }),
      route: decision.route,
      id: decision.id,
      score: decision.score,
      candidates: decision.candidates.slice(0, maxSuggestions),
    };
    if ((decision.route === 'red-flag' || decision.route === 'emergency') && decision.escalation !== undefined) return { ...base, escalation: decision.escalation.level };
    if (decision.route !== 'safety-check') return base;
    return { ...base, check: { level: decision.check.level, afterNo: { route: decision.pending.route, id: decision.pending.id } } };
  });
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : Math.round((part / whole) * 10_000) / 10_000;
}

function rateOf(results: readonly EvaluationResult[], test: (result: EvaluationResult) => boolean): number {
  return results.length === 0 ? 0 : ratio(results.filter(test).length, results.length);
}

export function summarize(results: readonly EvaluationResult[]): EvaluationSummary {
  const faq = results.filter((result) => !NOT_FAQ_LABELS.includes(result.expect));
  const none = results.filter((result) => result.expect === 'none');
  const lookAlikes = results.filter((result) => result.expect === 'look-alike');
  const emergency = results.filter((result) => result.expect === 'emergency');
  const safety = results.filter((result) => SAFETY_LABELS.includes(result.expect));
  const notSafety = [...faq, ...none, ...lookAlikes];
  const twoQuestions = faq.filter((result) => result.expectAlso !== undefined);

  const perLabel: Record<string, { total: number; correct: number }> = {};
  const perCategory: Record<string, { total: number; direct: number; asked: number }> = {};
  const confusionCounts = new Map<string, number>();
  for (const result of results) {
    const tally = (perLabel[result.expect] ??= { total: 0, correct: 0 });
    tally.total += 1;
    if (isCorrect(result)) tally.correct += 1;
    else {
      const key = `${result.expect}\u0000${outcomeLabel(result)}`;
      confusionCounts.set(key, (confusionCounts.get(key) ?? 0) + 1);
    }
    if (SAFETY_LABELS.includes(result.expect) || result.expect === 'look-alike') {
      const category = `${result.expect}: ${result.category ?? result.expect}`;
      const byCategory = (perCategory[category] ??= { total: 0, direct: 0, asked: 0 });
      byCategory.total += 1;
      if (isDirect(result)) byCategory.direct += 1;
      else if (isAsked(result)) byCategory.asked += 1;
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
    answeredAccuracy: ratio(faq.filter((result) => finalAnswer(result).route === 'answer' && finalAnswer(result).id === result.expect).length, faq.length),
    answeredOrOfferedRate: ratio(
      faq.filter((result) => {
        const answer = finalAnswer(result);
        if (isSafetyReply(result)) return false;
        if (answer.route === 'answer') return answer.id === result.expect;
        return answer.route === 'suggest' && result.candidates.some((candidate) => candidate.id === result.expect);
      }).length,
      faq.length,
    ),
    wrongAnswerRate: rateOf(faq, (result) => finalAnswer(result).route === 'answer' && finalAnswer(result).id !== result.expect),
    secondQuestionAnswered: rateOf(twoQuestions, (result) => result.also?.route === 'answer' && result.also.id === result.expectAlso),
    secondQuestionOffered: rateOf(twoQuestions, (result) => result.also?.route === 'suggest' && result.also.id === result.expectAlso),
    twoQuestionItems: twoQuestions.length,
    noneAnsweredRate: rateOf(none, (result) => finalAnswer(result).route === 'answer'),
    emergencyRecall: ratio(emergency.filter(isDirect).length, emergency.length),
    emergencyCaughtOrAsked: ratio(emergency.filter((result) => isDirect(result) || isAsked(result)).length, emergency.length),
    safetyRecall: ratio(safety.filter(isSafetyReply).length, safety.length),
    safetyCaughtOrAsked: ratio(safety.filter((result) => isSafetyReply(result) || isAsked(result)).length, safety.length),
    falseSafetyRate: rateOf(notSafety, isSafetyReply),
    faqCheckRate: rateOf([...faq, ...none], (result) => result.route === 'safety-check'),
    lookAlikeBlockedRate: rateOf(lookAlikes, isSafetyReply),
    lookAlikeAskedRate: rateOf(lookAlikes, (result) => result.route === 'safety-check'),
    perLabel,
    perCategory,
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
  if (summary.faqCheckRate > DEV_SET_TARGETS.maxFaqCheckRate) missed.push(`FAQ and out-of-scope items asked a check question: ${percent(summary.faqCheckRate)}, target ≤ ${percent(DEV_SET_TARGETS.maxFaqCheckRate)}`);
  return missed;
}
