/** The features of a ranking the answer decision weighs; see knowledge/matching/answerConfidence.ts. */
export const DECISION_FEATURES = ['bestScore', 'runnerUpScore', 'margin', 'scope', 'bestPhrase', 'coverage', 'length'] as const;
export type DecisionFeature = (typeof DECISION_FEATURES)[number];
