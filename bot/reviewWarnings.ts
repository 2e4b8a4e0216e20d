import type { KnowledgeBase } from '../knowledge/loading/knowledgeBase';
import { clinicalReviewsDue } from '../knowledge/reviews/answerReviews';
import type { Logger } from './logger';

/**
 * At start-up, one warning per clinical FAQ entry whose review is missing or out of date, by id only.
 * The entry still answers unless clinic.yaml has requireReview: true (then ReplyComposer says reviewPending).
 */
export function warnAboutClinicalReviews(logger: Logger, knowledgeBase: KnowledgeBase, now: Date): void {
  const { reviews } = knowledgeBase.clinic;
  for (const faqId of clinicalReviewsDue(knowledgeBase.faq, reviews, now)) {
    logger.warn(
      { faqId, requireReview: reviews.requireReview },
      reviews.requireReview ? 'clinical answer needs a review: patients are asked to call instead' : 'clinical answer needs a review: still answering',
    );
  }
}
