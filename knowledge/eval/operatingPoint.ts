/** One labelled message as the calibration sees it: the model's confidence and what was right. */
export interface CalibrationRow {
  readonly confidence: number;
  /** False for an out-of-scope message: answering it at all is a wrong answer. */
  readonly inScope: boolean;
  /** The best-ranked entry is the right one. */
  readonly topIsRight: boolean;
  /** The right entry is among the "did you mean" choices (the top maxSuggestions). */
  readonly rightIsOffered: boolean;
}

export interface DecisionRates {
  /** In-scope messages answered with the right entry. */
  readonly answeredRight: number;
  /** In-scope messages answered right, or with the right entry offered under "did you mean". */
  readonly answeredOrOffered: number;
  /** In-scope messages answered with a wrong entry. */
  readonly wrongAnswer: number;
  /** Out-of-scope messages answered as if in scope. */
  readonly outOfScopeAnswered: number;
}

export interface OperatingTargets {
  readonly maxWrongAnswer: number;
  readonly maxOutOfScopeAnswered: number;
  /** Of the in-scope messages whose right entry is in the top choices, at least this share must be answered or offered. */
  readonly minOfferedShare: number;
}

export interface OperatingPoint {
  readonly answerAt: number;
  readonly suggestAt: number;
  readonly rates: DecisionRates;
  /** False when no level met the wrong-answer targets; answerAt is then the strictest level tried. */
  readonly targetsMet: boolean;
}

export function decisionRates(rows: readonly CalibrationRow[], answerAt: number, suggestAt: number): DecisionRates {
  const inScope = rows.filter((row) => row.inScope);
  const outOfScope = rows.filter((row) => !row.inScope);
  const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
  const answered = (row: CalibrationRow): boolean => row.confidence >= answerAt;
  const offered = (row: CalibrationRow): boolean => !answered(row) && row.confidence >= suggestAt && row.rightIsOffered;
  return {
    answeredRight: share(inScope.filter((row) => answered(row) && row.topIsRight).length, inScope.length),
    answeredOrOffered: share(inScope.filter((row) => (answered(row) && row.topIsRight) || offered(row)).length, inScope.length),
    wrongAnswer: share(inScope.filter((row) => answered(row) && !row.topIsRight).length, inScope.length),
    outOfScopeAnswered: share(outOfScope.filter(answered).length, outOfScope.length),
  };
}

/** Levels are chosen on this grid: two decimals are as fine as the data can support. */
const GRID = Array.from({ length: 100 }, (_, index) => index / 100);

/**
 * The most answers the targets allow: answerAt is the lowest level whose wrong-answer and
 * out-of-scope rates meet the targets; suggestAt the highest level that still offers the right
 * entry to minOfferedShare of the messages whose right entry is among the choices.
 */
export function chooseOperatingPoint(rows: readonly CalibrationRow[], targets: OperatingTargets): OperatingPoint {
  const meets = (level: number): boolean => {
    const rates = decisionRates(rows, level, 0);
    return rates.wrongAnswer <= targets.maxWrongAnswer && rates.outOfScopeAnswered <= targets.maxOutOfScopeAnswered;
  };
  const found = GRID.find((level) => level > 0 && meets(level));
  const answerAt = found ?? GRID[GRID.length - 1] ?? 0.99;
  const offerable = rows.filter((row) => row.inScope && (row.topIsRight || row.rightIsOffered));
  const keeps = (level: number): boolean => offerable.length === 0 || offerable.filter((row) => row.confidence >= level).length / offerable.length >= targets.minOfferedShare;
  const suggestAt = [...GRID].reverse().find((level) => level <= answerAt && keeps(level)) ?? 0;
  return { answerAt, suggestAt, rates: decisionRates(rows, answerAt, suggestAt), targetsMet: found !== undefined };
}
