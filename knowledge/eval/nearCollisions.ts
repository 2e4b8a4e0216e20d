import type { KnowledgeBase } from '../loading/knowledgeBase';
import type { MessageRouter } from '../routing/messageRouter';

export interface NearCollision {
  readonly entryId: string;
  readonly phrasing: string;
  /** The other entry the matcher ranks above this phrasing's own entry, or nearly level with it. */
  readonly confusedWith: string;
  readonly ownScore: number;
  readonly otherScore: number;
}

export interface NearCollisionOptions {
  /**
   * Match each phrasing with itself left out, as if a patient had typed it fresh: a stricter,
   * noisier check of whether the rest of an entry's phrasings carry its meaning.
   */
  readonly leaveOneOut?: boolean;
}

/**
 * Phrasings of different entries that the matcher confuses: matching a phrasing, another entry
 * comes within collisionMargin (matching.yaml) of its own entry, or above it (with leaveOneOut: above it).
 */
export function findNearCollisions(knowledgeBase: KnowledgeBase, router: MessageRouter, options: NearCollisionOptions = {}): NearCollision[] {
  const { collisionMargin, collisionFloor } = knowledgeBase.matching;
  const collisions: NearCollision[] = [];
  for (const entry of knowledgeBase.faq) {
    for (const phrasing of [entry.question, ...entry.alternates]) {
      const ranked = router.rank(phrasing, knowledgeBase.faq.length, options.leaveOneOut === true ? phrasing : undefined);
      const ownScore = ranked.find((candidate) => candidate.id === entry.id)?.score ?? 0;
      const rival = ranked.find((candidate) => candidate.id !== entry.id);
      if (rival === undefined || rival.score < collisionFloor) continue;
      const confused = options.leaveOneOut === true ? rival.score > ownScore : rival.score + collisionMargin > ownScore;
      if (confused) collisions.push({ entryId: entry.id, phrasing, confusedWith: rival.id, ownScore, otherScore: rival.score });
    }
  }
  return collisions.sort((a, b) => b.otherScore - b.ownScore - (a.otherScore - a.ownScore));
}
