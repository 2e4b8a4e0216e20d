import { parse, stringify } from 'yaml';
import { KnowledgeBaseError, type KnowledgeBaseProblem } from '../../knowledge/loading/knowledgeBaseError';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { MAX_SCREENING_QUESTIONS } from '../../knowledge/schemas/screeningSchema';
import { KnowledgeCopy } from './support/knowledgeCopy';

interface ScreeningYaml {
  questions: { id: string; level: string; onYes?: string; tellProvider?: string }[];
  answers: { yes: string[]; no: string[] };
}
interface ProvidersYaml {
  providers: { id: string; areas: string[]; phone?: string; bookingUrl?: string }[];
}

interface BreakCase {
  readonly kind: string;
  readonly file: 'screening.yaml' | 'providers.yaml';
  readonly breakIt: (data: ScreeningYaml & ProvidersYaml) => void;
  readonly expected: { readonly entryId?: string; readonly field: string; readonly message: RegExp };
}

/** The sample's pregnancy question, a caution. */
function cautionIn(data: ScreeningYaml): ScreeningYaml['questions'][number] {
  const question = data.questions.find((candidate) => candidate.id === 'pregnancy');
  if (question?.level !== 'caution') throw new Error('screening.yaml has no caution question "pregnancy"');
  return question;
}

const CASES: readonly BreakCase[] = [
  {
    kind: 'an unknown level',
    file: 'screening.yaml',
    breakIt: (data) => {
      data.questions[2]!.level = 'urgent';
    },
    expected: { entryId: 'recent-injury', field: 'level', message: /must be one of: emergency, see-doctor, caution/ },
  },
  {
    kind: 'a duplicate question id',
    file: 'screening.yaml',
    breakIt: (data) => {
      data.questions[3]!.id = data.questions[2]!.id;
    },
    expected: { entryId: 'recent-injury', field: 'id', message: /used by more than one question/ },
  },
  {
    kind: `more than ${MAX_SCREENING_QUESTIONS} questions`,
    file: 'screening.yaml',
    breakIt: (data) => {
      while (data.questions.length <= MAX_SCREENING_QUESTIONS) data.questions.push({ ...data.questions[2]!, id: `one-too-many-${data.questions.length}` });
    },
    expected: { field: 'questions', message: new RegExp(`at most ${MAX_SCREENING_QUESTIONS} questions`) },
  },
  {
    kind: 'a caution question without tellProvider',
    file: 'screening.yaml',
    breakIt: (data) => {
      delete cautionIn(data).tellProvider;
    },
    expected: { entryId: 'pregnancy', field: 'tellProvider', message: /a caution question needs "tellProvider"/ },
  },
  {
    kind: 'a tellProvider that is not a short phrase',
    file: 'screening.yaml',
    breakIt: (data) => {
      cautionIn(data).tellProvider = 'your pregnancy, your blood thinners, your bleeding disorder and anything else that might matter';
    },
    expected: { entryId: 'pregnancy', field: 'tellProvider', message: /at most 60 characters/ },
  },
  {
    kind: 'tellProvider on a see-doctor question',
    file: 'screening.yaml',
    breakIt: (data) => {
      data.questions[2]!.tellProvider = 'your recent injury';
    },
    expected: { entryId: 'recent-injury', field: 'tellProvider', message: /only caution questions use "tellProvider"/ },
  },
  {
    kind: 'onYes on a caution question, which is never shown',
    file: 'screening.yaml',
    breakIt: (data) => {
      cautionIn(data).onYes = 'Thanks, noted.';
    },
    expected: { entryId: 'pregnancy', field: 'onYes', message: /caution yes does not end the screen/ },
  },
  {
    kind: 'see-doctor advice that offers booking',
    file: 'screening.yaml',
    breakIt: (data) => {
      data.questions[2]!.onYes = 'Please see a doctor, or book at {{clinic.bookingUrl}}.';
    },
    expected: { entryId: 'recent-injury', field: 'onYes', message: /must not offer booking/ },
  },
  {
    kind: 'an emergency message without the emergency number',
    file: 'screening.yaml',
    breakIt: (data) => {
      data.questions[0]!.onYes = 'Please get help.';
    },
    expected: { entryId: 'emergency-symptoms', field: 'onYes', message: /emergencyNumber/ },
  },
  {
    kind: 'an answer listed as both yes and no',
    file: 'screening.yaml',
    breakIt: (data) => {
      data.answers.no.push('maybe');
    },
    expected: { field: 'answers.no.' , message: /both a yes and a no/ },
  },
  {
    kind: 'an emergency question after a see-doctor question',
    file: 'screening.yaml',
    breakIt: (data) => {
      const [emergency] = data.questions.splice(0, 1);
      data.questions.splice(3, 0, emergency!);
    },
    expected: { entryId: 'emergency-symptoms', field: 'level', message: /emergency questions must come first/ },
  },
  {
    kind: 'an unknown placeholder in the area question',
    file: 'screening.yaml',
    breakIt: (data) => {
      (data as unknown as { areaQuestion: string }).areaQuestion = 'Which area bothers you? Call {{clinic.phon}} if unsure.';
    },
    expected: { field: 'areaQuestion', message: /\{\{clinic\.phon\}\} is not a placeholder/ },
  },
  {
    kind: 'a provider booking link in the see-doctor follow-up',
    file: 'screening.yaml',
    breakIt: (data) => {
      (data as unknown as { afterSeeDoctor: string }).afterSeeDoctor = 'Meanwhile, book at https://example.com/book/maya-chen';
    },
    expected: { field: 'afterSeeDoctor', message: /must not offer booking/ },
  },
  {
    kind: 'a provider with no booking URL and no phone',
    file: 'providers.yaml',
    breakIt: (data) => {
      delete data.providers[1]!.phone;
      delete data.providers[1]!.bookingUrl;
    },
    expected: { entryId: 'daniel-okafor', field: 'bookingUrl', message: /needs a bookingUrl or a phone/ },
  },
  {
    kind: 'a duplicate provider id',
    file: 'providers.yaml',
    breakIt: (data) => {
      data.providers[4]!.id = data.providers[0]!.id;
    },
    expected: { entryId: 'maya-chen', field: 'id', message: /used by more than one provider/ },
  },
  {
    kind: 'a provider area that the screening never asks about',
    file: 'providers.yaml',
    breakIt: (data) => {
      data.providers[0]!.areas.push('left-ear');
    },
    expected: { entryId: 'maya-chen', field: 'areas.2', message: /"left-ear" is not an area the screening asks about/ },
  },
];

function problemsOf(directory: string): readonly KnowledgeBaseProblem[] {
  try {
    loadKnowledgeBase(directory);
  } catch (error) {
    if (error instanceof KnowledgeBaseError) return error.problems;
    throw error;
  }
  throw new Error('expected the knowledge base to fail to load');
}

describe('screening.yaml and providers.yaml validation', () => {
  let copy: KnowledgeCopy;
  beforeEach(() => {
    copy = KnowledgeCopy.create();
  });
  afterEach(() => copy.dispose());

  it.each(CASES.map((testCase) => [testCase.kind, testCase] as const))('reports %s with file, entry, field and line', (_kind, testCase) => {
    const data = parse(copy.read(testCase.file)) as ScreeningYaml & ProvidersYaml;
    testCase.breakIt(data);
    copy.write(testCase.file, stringify(data));

    const problems = problemsOf(copy.directory);
    const problem = problems.find((candidate) => testCase.expected.message.test(candidate.message));
    expect(problem).toBeDefined();
    expect(problem?.file).toBe(testCase.file);
    if (testCase.expected.entryId !== undefined) expect(problem?.entryId).toBe(testCase.expected.entryId);
    expect(problem?.field ?? '').toContain(testCase.expected.field);
    expect(problem?.line).toBeGreaterThan(0);
  });

  it('loads the real files cleanly, with clinic placeholders filled', () => {
    const knowledgeBase = loadKnowledgeBase(copy.directory);
    expect(knowledgeBase.screening.questions.length).toBeLessThanOrEqual(MAX_SCREENING_QUESTIONS);
    expect(JSON.stringify(knowledgeBase.screening)).not.toContain('{{clinic.');
    expect(knowledgeBase.providers.length).toBeGreaterThanOrEqual(3);
  });

  it('accepts the emergency-number placeholder written with spaces', () => {
    const data = parse(copy.read('screening.yaml')) as ScreeningYaml;
    data.questions[0]!.onYes = 'Please call **{{ clinic.emergencyNumber }}** now.';
    copy.write('screening.yaml', stringify(data));
    expect(loadKnowledgeBase(copy.directory).screening.questions[0]?.onYes).toContain('911');
  });

  it('refuses a booking link in an FAQ answer, as a placeholder or written out', () => {
    const data = parse(copy.read('faq.yaml')) as { entries: { id: string; answer: string }[] };
    const entry = data.entries.find((candidate) => candidate.id === 'cost-and-insurance')!;
    entry.answer = `${entry.answer}\nBook at {{clinic.bookingUrl}}.`;
    const other = data.entries.find((candidate) => candidate.id === 'what-to-wear')!;
    other.answer = `${other.answer}\nOr book at https://example.com/book.`;
    copy.write('faq.yaml', stringify(data));
    const problems = problemsOf(copy.directory).filter((problem) => /must not offer booking/.test(problem.message));
    expect(problems.map((problem) => [problem.file, problem.entryId, problem.field]).sort()).toEqual([
      ['faq.yaml', 'cost-and-insurance', 'answer'],
      ['faq.yaml', 'what-to-wear', 'answer'],
    ]);
  });

  it.each([
    ['a booking link', 'redFlag', ' Book at https://example.com/book/maya-chen', /^must not offer booking/],
    ['a broken placeholder', 'emergency', ' Call {{clinic.phone}.', /unbalanced/],
  ] as const)('reports %s in a safety message exactly once', (_kind, field, addition, message) => {
    const data = parse(copy.read('safety.yaml')) as { messages: { en: Record<string, string> } };
    data.messages.en[field] = `${data.messages.en[field]}${addition}`;
    copy.write('safety.yaml', stringify(data));
    const problems = problemsOf(copy.directory).filter((problem) => problem.file === 'safety.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe(`messages.en.${field}`);
    expect(problems[0]?.message).toMatch(message);
  });
});
