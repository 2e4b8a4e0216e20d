import { storeContentDecision, type ContentDecision, type StoredContentDecision } from '../knowledge/routing/routingDecision';
import type { SafetyCheckFinding } from '../knowledge/safety/safetyDetector';
import type { SafetyLanguage } from '../knowledge/safety/safetyRules';

/** What the check dialog is started with, and keeps in state: ids only, never what the patient typed. */
export interface SafetyCheckOptions {
  readonly check: SafetyCheckFinding;
  readonly language: SafetyLanguage;
  /** What to answer if the check is answered no. */
  readonly pending: StoredContentDecision;
}

export function safetyCheckOptions(check: SafetyCheckFinding, language: SafetyLanguage, pending: ContentDecision): SafetyCheckOptions {
  return { check, language, pending: storeContentDecision(pending) };
}

/** The result the check dialog ends with after a "no": the answer the parent should now give. */
export interface SafetyCheckCleared {
  readonly cleared: StoredContentDecision;
}

export function isSafetyCheckCleared(value: unknown): value is SafetyCheckCleared {
  return typeof value === 'object' && value !== null && 'cleared' in value;
}
