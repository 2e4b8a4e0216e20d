import type { Phrase } from './safetyPattern';

/** emergency: call the emergency number now. red-flag: see a doctor before manual therapy. */
export const SAFETY_LEVELS = ['emergency', 'red-flag'] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];

/** How close the parts of a [list] trigger must be when a rule does not say: any 8 consecutive words. */
export const DEFAULT_TRIGGER_WINDOW = 8;

/**
 * One way a rule can fire. A phrase trigger has one part; a [list] trigger has several parts
 * that must all appear, in any order, within `window` consecutive words.
 */
export interface SafetyTrigger {
  readonly parts: readonly Phrase[];
  readonly window: number;
}

export interface SafetyRule {
  readonly id: string;
  readonly level: SafetyLevel;
  /** Short description for traces and logs; never patient text. */
  readonly label: string;
  /** The rule fires when any trigger matches (and is not negated). */
  readonly triggers: readonly SafetyTrigger[];
  /** Phrases whose words this rule never uses, such as "fell asleep" for the fall rule. */
  readonly ignore: readonly Phrase[];
  /** Skip injuries the patient clearly places long ago ("broke my ankle ten years ago"); see longAgo.ts. */
  readonly exceptLongAgo: boolean;
}

/** Replies shown when a rule fires, still holding {{clinic.*}} placeholders. */
export interface SafetyMessages {
  readonly emergency: string;
  readonly redFlag: string;
}

/** safety.yaml, validated and with every pattern parsed. */
export interface SafetyRules {
  readonly messages: SafetyMessages;
  readonly rules: readonly SafetyRule[];
}
