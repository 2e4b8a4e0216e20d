import { join } from 'node:path';
import { KnowledgeBaseError, type KnowledgeBaseProblem } from '../../knowledge/loading/knowledgeBaseError';
import { YamlFile } from '../../knowledge/loading/yamlFile';
import { DEFAULT_TRIGGER_WINDOW } from '../../knowledge/safety/safetyRules';
import { loadSafetyRules } from '../../knowledge/schemas/safetySchema';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

const FILE = 'test-safety.yaml';

/** A valid file; each test breaks one thing. Line numbers below refer to this layout. */
function safetyYaml({
  emergency = 'Call {{clinic.emergencyNumber}} now.',
  redFlag = 'Please see a doctor first, or call {{clinic.name}} on {{clinic.phone}}.',
  firstLevel = 'emergency',
  firstTrigger = 'chest pain',
  secondId = 'recent-fall',
  secondExtra = '',
} = {}): string {
  return [
    'messages:', // 1
    '  en:', // 2
    `    emergency: "${emergency}"`, // 3
    '    crisis: "Call {{clinic.emergencyNumber}} or the crisis line {{clinic.crisisLine}}."', // 4
    `    redFlag: "${redFlag}"`, // 5
    '    otherLanguage: "English only. In an emergency call {{clinic.emergencyNumber}}."', // 6
    '    checkReprompt: "Yes or no?"', // 7
    '    callLabel: Call', // 8
    'concepts:', // 9
    '  - { id: personal, label: me, terms: [i] }', // 10
    '  - { id: someone-else, label: others, terms: [he] }', // 11
    '  - { id: treatment, label: the treatment, terms: [art] }', // 12
    '  - { id: recent, label: recent, terms: [yesterday] }', // 13
    'rules:', // 14
    '  - id: chest-pain', // 15
    `    level: ${firstLevel}`, // 16
    '    label: chest pain', // 17
    '    match:', // 18
    `      - ${firstTrigger}`, // 19
    '      - [chest, tight*]', // 20
    `  - id: ${secondId}`, // 21
    '    level: red-flag', // 22
    '    label: a fall', // 23
    '    match:', // 24
    '      - fell', // 25
    secondExtra, // 26
  ].join('\n');
}

function problemsOf(text: string): readonly KnowledgeBaseProblem[] {
  try {
    loadSafetyRules(YamlFile.parse(text, FILE));
  } catch (error) {
    if (error instanceof KnowledgeBaseError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

function onlyProblem(text: string): KnowledgeBaseProblem {
  const problems = problemsOf(text);
  expect(problems).toHaveLength(1);
  return problems[0] as KnowledgeBaseProblem;
}

function messageOf(text: string): string {
  try {
    loadSafetyRules(YamlFile.parse(text, FILE));
  } catch (error) {
    if (error instanceof KnowledgeBaseError) return error.message;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('loadSafetyRules', () => {
  it('loads a valid file and parses its triggers', () => {
    const rules = loadSafetyRules(YamlFile.parse(safetyYaml(), FILE));
    expect(rules.messages.en.emergency).toBe('Call {{clinic.emergencyNumber}} now.');
    expect(rules.rules.map((rule) => [rule.id, rule.level, rule.triggers.length])).toEqual([
      ['chest-pain', 'emergency', 2],
      ['recent-fall', 'red-flag', 1],
    ]);
    expect(rules.rules[0]?.triggers[1]?.window).toBe(DEFAULT_TRIGGER_WINDOW);
  });

  it('loads the fixture safety.yaml with both levels and no empty rule', () => {
    const rules = loadSafetyRules(YamlFile.read(join(FIXTURE_KNOWLEDGE_DIR, 'safety.yaml')));
    expect(new Set(rules.rules.map((rule) => rule.level))).toEqual(new Set(['emergency', 'red-flag']));
    for (const rule of rules.rules) expect(rule.triggers.length).toBeGreaterThan(0);
    expect(rules.messages.en.emergency).toContain('{{clinic.emergencyNumber}}');
    expect(rules.messages.en.redFlag).not.toMatch(/book/i);
  });

  it('reports a malformed pattern with file, rule id, field and line', () => {
    const problem = onlyProblem(safetyYaml({ firstTrigger: '"chest || pain"' }));
    expect(problem).toMatchObject({ file: FILE, entryId: 'chest-pain', field: 'match.0', line: 19 });
    expect(problem.message).toContain('empty');
    expect(messageOf(safetyYaml({ firstTrigger: '"chest || pain"' }))).toMatch(/test-safety\.yaml line 19 \(entry "chest-pain", field "match\.0"\): /);
  });

  it('reports a lone "*" and a pattern with no words', () => {
    expect(onlyProblem(safetyYaml({ firstTrigger: '"*"' }))).toMatchObject({ file: FILE, entryId: 'chest-pain', field: 'match.0', line: 19 });
    expect(onlyProblem(safetyYaml({ firstTrigger: '"?!"' })).message).toContain('no letters or digits');
  });

  it('reports a bad part inside a [list] at that part', () => {
    expect(onlyProblem(safetyYaml({ firstTrigger: '[chest, "pain|"]' }))).toMatchObject({ entryId: 'chest-pain', field: 'match.0.1', line: 19 });
  });

  it('reports an empty pattern and an empty [list]', () => {
    expect(onlyProblem(safetyYaml({ firstTrigger: '""' }))).toMatchObject({ field: 'match.0', line: 19, message: 'the pattern is empty' });
    const emptyList = onlyProblem(safetyYaml({ firstTrigger: '[]' }));
    expect(emptyList).toMatchObject({ field: 'match.0', line: 19 });
    expect(emptyList.message).toContain('empty');
  });

  it('reports an unknown level', () => {
    expect(onlyProblem(safetyYaml({ firstLevel: 'urgent' }))).toMatchObject({
      file: FILE,
      entryId: 'chest-pain',
      field: 'level',
      line: 16,
      message: 'must be "emergency" or "red-flag"',
    });
  });

  it("reports a duplicate id at the second rule, naming the first one's line", () => {
    const problem = onlyProblem(safetyYaml({ secondId: 'chest-pain' }));
    expect(problem).toMatchObject({ file: FILE, entryId: 'chest-pain', field: 'id', line: 21 });
    expect(problem.message).toContain('line 15');
  });

  it('reports an unknown placeholder, and refuses the booking link, in messages', () => {
    const problem = onlyProblem(safetyYaml({ redFlag: 'Call {{clinic.phon}}.' }));
    expect(problem).toMatchObject({ file: FILE, field: 'messages.en.redFlag', line: 5 });
    expect(problem.message).toContain('{{clinic.phon}}');
    expect(onlyProblem(safetyYaml({ redFlag: 'Book at {{clinic.bookingUrl}}.' })).message).toContain('{{clinic.bookingUrl}}');
  });

  it('reports unbalanced placeholder braces', () => {
    const problem = onlyProblem(safetyYaml({ redFlag: 'Call {{clinic.phone}.' }));
    expect(problem).toMatchObject({ field: 'messages.en.redFlag', line: 5 });
    expect(problem.message).toContain('braces');
  });

  it('requires the emergency message to give the emergency number', () => {
    const problem = onlyProblem(safetyYaml({ emergency: 'Please get help.' }));
    expect(problem).toMatchObject({ field: 'messages.en.emergency', line: 3 });
    expect(problem.message).toContain('{{clinic.emergencyNumber}}');
  });

  it('requires the label of the call buttons under safety replies', () => {
    const problem = onlyProblem(safetyYaml().replace('    callLabel: Call\n', ''));
    expect(problem).toMatchObject({ file: FILE, field: 'messages.en.callLabel', message: 'is missing' });
  });

  it('reports a window too small for the words a [list] needs', () => {
    const problem = onlyProblem(safetyYaml({ secondExtra: '      - [lost control, bladder]\n    window: 2' }));
    expect(problem).toMatchObject({ entryId: 'recent-fall', field: 'match.1', line: 26 });
    expect(problem.message).toContain('needs 3 words');
  });

  it('reports unknown fields, so a typo such as "matches" is not silently ignored', () => {
    const problems = problemsOf(safetyYaml({ secondExtra: '    matches: [fall]' }));
    expect(problems[0]).toMatchObject({ file: FILE, entryId: 'recent-fall' });
    expect(problems[0]?.message).toMatch(/matches/);
  });

  it('reports every problem at once', () => {
    expect(problemsOf(safetyYaml({ firstTrigger: '"||"', secondId: 'chest-pain', redFlag: '{{nope}}' }))).toHaveLength(3);
  });
});
