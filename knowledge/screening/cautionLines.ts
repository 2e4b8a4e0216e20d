import type { Screening } from '../schemas/screeningSchema';

/**
 * The lines added to a provider suggestion for the cautions the patient answered yes: one per
 * caution question answered yes, in the screen's order, each naming only its own caution
 * (cautionLine with that question's tellProvider). Questions of other levels never add a line.
 */
export function cautionLines(screening: Pick<Screening, 'questions' | 'cautionLine'>, answeredYes: readonly string[]): string[] {
  return screening.questions
    .filter((question) => question.level === 'caution' && question.tellProvider !== undefined && answeredYes.includes(question.id))
    .map((question) => screening.cautionLine.replace('{{caution}}', question.tellProvider ?? ''));
}
