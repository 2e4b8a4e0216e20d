import type { KnowledgeBase } from '../loading/knowledgeBase';
import type { MessageRouter } from '../routing/messageRouter';

export interface NearCollision {
  readonly entryId: string;
  readonly phrasing: string;
  /** The other entry the rest of the knowledge base matches this phrasing to, or nearly so. */
  readonly confusedWith: string;
  readonly ownScore: number;
  readonly otherScore: number;
}

/**
 * Phrasings that the matcher confuses with another entry: with the phrasing itself left out,
 * another entry wins, or comes within the ambiguity margin of its own entry.
 */
export function findNearCollisions(knowledgeBase: KnowledgeBase, router: MessageRouter): NearCollision[] {
  const margin = knowledgeBase.matching.ambiguityMargin;
  const collisions: NearCollision[] = [];
  for (const entry of knowledgeBase.faq) {
    for (const phrasing of [entry.question, ...entry.alternates]) {
      const ranked = router.rank(phrasing, 5, phrasing);
      const ownScore = ranked.find((candidate) => candidate.id === entry.id)?.score ?? 0;
      const rival = ranked.find((candidate) => candidate.id !== entry.id);
      if (rival !== undefined && rival.score >= knowledgeBase.matching.suggestThreshold && rival.score + margin > ownScore) {
        collisions.push({ entryId: entry.id, phrasing, confusedWith: rival.id, ownScore, otherScore: rival.score });
      }
    }
  }
  return collisions.sort((a, b) => b.otherScore - b.ownScore - (a.otherScore - a.ownScore));
}
