import type { KnowledgeBase } from '../loading/knowledgeBase';

/** 👍/👎 counts of one FAQ entry on one day, as the store keeps them: no text, nothing about who. */
export interface FeedbackCount {
  readonly day: string;
  readonly entryId: string;
  readonly helpful: number;
  readonly notHelpful: number;
}

export interface EntryFeedback {
  readonly entryId: string;
  /** The entry's question, or undefined for an id faq.yaml no longer has. */
  readonly question: string | undefined;
  readonly helpful: number;
  readonly notHelpful: number;
}

/**
 * The answers patients found least helpful over the kept days: entries with at least one 👎,
 * most 👎 first, then the lowest share of 👍.
 */
export function leastHelpful(counts: readonly FeedbackCount[], knowledgeBase: KnowledgeBase, limit = 10): EntryFeedback[] {
  const totals = new Map<string, { helpful: number; notHelpful: number }>();
  for (const count of counts) {
    const total = totals.get(count.entryId) ?? { helpful: 0, notHelpful: 0 };
    totals.set(count.entryId, { helpful: total.helpful + count.helpful, notHelpful: total.notHelpful + count.notHelpful });
  }
  const questions = new Map(knowledgeBase.faq.map((entry) => [entry.id, entry.question]));
  return [...totals]
    .filter(([, total]) => total.notHelpful > 0)
    .map(([entryId, total]) => ({ entryId, question: questions.get(entryId), ...total }))
    .sort((a, b) => b.notHelpful - a.notHelpful || a.helpful / (a.helpful + a.notHelpful) - b.helpful / (b.helpful + b.notHelpful) || a.entryId.localeCompare(b.entryId))
    .slice(0, limit);
}
