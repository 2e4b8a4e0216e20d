import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import type { Screening } from '../../knowledge/schemas/screeningSchema';
import { cautionLines } from '../../knowledge/screening/cautionLines';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

/** A screen with one question of each level and two cautions, independent of the clinic's wording. */
const screening: Pick<Screening, 'questions' | 'cautionLine'> = {
  cautionLine: 'Tell them about {{caution}}.',
  questions: [
    { id: 'now', level: 'emergency', text: 'Right now?', onYes: 'Call {{clinic.emergencyNumber}}.' },
    { id: 'injury', level: 'see-doctor', text: 'Injured?', onYes: 'See a doctor.' },
    { id: 'thinners', level: 'caution', text: 'Blood thinners?', tellProvider: 'your blood thinners' },
    { id: 'pregnant', level: 'caution', text: 'Pregnant?', tellProvider: 'your pregnancy' },
  ],
};

describe('caution lines on the provider suggestion', () => {
  it.each([
    ['nothing answered yes', [], []],
    ['only the first caution', ['thinners'], ['Tell them about your blood thinners.']],
    ['only the second caution', ['pregnant'], ['Tell them about your pregnancy.']],
    ['both, in the order the screen asks them', ['pregnant', 'thinners'], ['Tell them about your blood thinners.', 'Tell them about your pregnancy.']],
    ['a see-doctor or emergency id (never a caution line)', ['injury', 'now'], []],
    ['an id no question has (an old conversation)', ['caution-conditions'], []],
    ['a see-doctor id with a caution', ['injury', 'pregnant'], ['Tell them about your pregnancy.']],
  ] as const)('%s', (_name, answeredYes, expected) => {
    expect(cautionLines(screening, answeredYes)).toEqual(expected);
  });

  describe("with the clinic's screening.yaml", () => {
    const real = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR).screening;
    const cautions = real.questions.filter((question) => question.level === 'caution');

    it('asks each caution in a question of its own, so a yes names only that one', () => {
      expect(cautions.length).toBeGreaterThanOrEqual(2);
      expect(new Set(cautions.map((question) => question.tellProvider)).size).toBe(cautions.length);
    });

    it.each(cautions.map((question) => [question.id, question] as const))('a yes to "%s" names its caution and no other', (id, question) => {
      const lines = cautionLines(real, [id]);
      expect(lines).toEqual([real.cautionLine.replace('{{caution}}', question.tellProvider ?? '')]);
      for (const other of cautions.filter((candidate) => candidate.id !== id)) expect(lines.join('\n')).not.toContain(other.tellProvider);
    });
  });
});
