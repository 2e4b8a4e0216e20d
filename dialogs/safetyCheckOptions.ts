import { storeContentDecision, type ContentDecision, type StoredContentDecision } from '../knowledge/routing/routingDecision';
import type { SafetyCheckFinding } from '../knowledge/safety/safetyDetector';
import type { SafetyLanguage } from '../knowledge/safety/safetyRules';

/** What the check dialog is started with, and keeps in state: ids only, never what the patient typed. */
export interface SafetyCheckOptions {
  readonly check: SafetyCheckFinding;
  readonly language: SafetyLanguage;
  /** What to answer if the check is answered no. */
  readonly pending: StoredContentDecision;
  /**
   * Set when the check asks whether a red flag is an emergency: booking is already on hold, and a
   * "no" gives the red-flag reply (for this rule) instead of the pending answer.
   */
  readonly redFlagRuleId?: string;
}

/** Nothing to answer after a "no": the check asked whether a red flag is an emergency. */
const NO_PENDING_ANSWER: ContentDecision = { route: 'fallback', id: null, score: 0, candidates: [] };

export function safetyCheckOptions(check: SafetyCheckFinding, language: SafetyLanguage, pending: ContentDecision): SafetyCheckOptions {
  return { check, language, pending: storeContentDecision(pending) };
}

/** A check asking whether a red flag is in fact an emergency; the hold must already be recorded. */
export function escalationCheckOptions(check: SafetyCheckFinding, language: SafetyLanguage, redFlagRuleId: string): SafetyCheckOptions {
  return { check, language, pending: storeContentDecision(NO_PENDING_ANSWER), redFlagRuleId };
}

/** The result the check dialog ends with after a "no": the answer the parent should now give. */
export interface SafetyCheckCleared {
  readonly cleared: StoredContentDecision;
}

export function isSafetyCheckCleared(value: unknown): value is SafetyCheckCleared {
  return typeof value === 'object' && value !== null && 'cleared' in value;
}
