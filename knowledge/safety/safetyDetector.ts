import type { NormalizedText } from '../text/normalizeText';
import { toClausedTokens, type ClausedTokens } from './negation';
import { findLongAgoSpans } from './longAgo';
import { findPhrase, phraseWords, type TokenSpan } from './safetyPattern';
import type { SafetyLevel, SafetyRule, SafetyRules } from './safetyRules';
import { triggerFires } from './triggerMatcher';

export type { SafetyLevel } from './safetyRules';

/** One rule that fired. Holds no patient text, so it is safe to log. */
export interface SafetyFinding {
  readonly ruleId: string;
  readonly level: SafetyLevel;
  readonly label: string;
}

export interface SafetyAssessment {
  /** The most urgent level found: emergency beats red-flag. */
  readonly level: SafetyLevel | 'none';
  /** Every rule that fired, emergencies first, then in the order of safety.yaml. */
  readonly findings: readonly SafetyFinding[];
}

/**
 * The safety screen every patient message passes before anything else. It answers one
 * question: does this message describe an emergency or a red flag for manual therapy?
 */
export class SafetyDetector {
  private readonly rules: readonly SafetyRule[];

  constructor(rules: SafetyRules) {
    this.rules = rules.rules;
  }

  assess(text: NormalizedText): SafetyAssessment {
    const message = toClausedTokens(text);
    const longAgo = findLongAgoSpans(message);
    const fired = this.rules.filter((rule) => this.ruleFires(rule, message, rule.exceptLongAgo ? longAgo : []));
    const findings = [...fired.filter((rule) => rule.level === 'emergency'), ...fired.filter((rule) => rule.level === 'red-flag')].map(
      (rule): SafetyFinding => ({ ruleId: rule.id, level: rule.level, label: rule.label }),
    );
    const level = findings[0]?.level ?? 'none';
    return { level, findings };
  }

  /** Every literal word the rules mention (wildcard stems without "*"), so a spelling corrector can correct toward them. */
  vocabulary(): ReadonlySet<string> {
    const words = new Set<string>();
    for (const rule of this.rules) {
      for (const phrase of [...rule.triggers.flatMap((trigger) => trigger.parts), ...rule.ignore]) {
        phraseWords(phrase).forEach((word) => words.add(word));
      }
    }
    return words;
  }

  private ruleFires(rule: SafetyRule, message: ClausedTokens, longAgo: readonly TokenSpan[]): boolean {
    const blocked = new Set<number>();
    for (const phrase of rule.ignore) {
      for (const span of findPhrase(phrase, message.tokens)) {
        // "i fell. asleep now" is not "fell asleep": an ignored phrase must sit within one clause.
        if (message.clauseOf[span.start] !== message.clauseOf[span.end - 1]) continue;
        for (let index = span.start; index < span.end; index += 1) blocked.add(index);
      }
    }
    return rule.triggers.some((trigger) => triggerFires(trigger, message, blocked, longAgo));
  }
}
