/**
 * A problem in one of the clinic's YAML files, described so that a non-programmer
 * can find and fix it: which file, which entry, which field, and which line.
 */
export interface KnowledgeBaseProblem {
  readonly file: string;
  readonly entryId?: string;
  readonly field?: string;
  readonly line?: number;
  readonly message: string;
}

/**
 * One problem as a line a receptionist can act on, for example
 * `faq.yaml line 212 (entry "session-length", field "answer"): is too short (31 words); …`.
 */
export function describeProblem(problem: KnowledgeBaseProblem): string {
  const file = problem.line === undefined ? problem.file : `${problem.file} line ${problem.line}`;
  const within = [
    problem.entryId === undefined ? undefined : `entry "${problem.entryId}"`,
    problem.field === undefined ? undefined : `field "${problem.field}"`,
  ].filter((part): part is string => part !== undefined);
  return `${file}${within.length > 0 ? ` (${within.join(', ')})` : ''}: ${problem.message}`;
}

export class KnowledgeBaseError extends Error {
  constructor(readonly problems: readonly KnowledgeBaseProblem[]) {
    super(
      problems.length === 1
        ? `The knowledge base has a problem. ${describeProblem(problems[0] as KnowledgeBaseProblem)}`
        : `The knowledge base has ${problems.length} problems:\n${problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}`,
    );
    this.name = 'KnowledgeBaseError';
  }
}
