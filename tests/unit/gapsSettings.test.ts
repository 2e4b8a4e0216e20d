import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config';
import { KnowledgeBaseError, type KnowledgeBaseProblem } from '../../knowledge/loading/knowledgeBaseError';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { KnowledgeCopy, PROJECT_ROOT } from './support/knowledgeCopy';

/** The gaps log's settings: GAPS_* in the environment, and knowledge/gaps.yaml's sensitive terms. */
describe('gaps log configuration', () => {
  it('is off by default, with files under .gaps/ in the project and 30 days of retention', () => {
    expect(loadConfig({}).gaps).toEqual({ enabled: false, retentionDays: 30, store: { kind: 'file', directory: join(PROJECT_ROOT, '.gaps') } });
  });

  it.each([
    ['on', { GAPS_LOG: 'on' }, true],
    ['true', { GAPS_LOG: 'true' }, true],
    ['off', { GAPS_LOG: 'off' }, false],
    ['empty', { GAPS_LOG: '' }, false],
  ] as const)('GAPS_LOG=%s', (_name, env, enabled) => {
    expect(loadConfig(env).gaps.enabled).toBe(enabled);
  });

  it('takes GAPS_DIR relative to the project, or as given when absolute, and GAPS_RETENTION_DAYS', () => {
    expect(loadConfig({ GAPS_DIR: 'data/gaps', GAPS_RETENTION_DAYS: '14' }).gaps).toMatchObject({ retentionDays: 14, store: { kind: 'file', directory: join(PROJECT_ROOT, 'data/gaps') } });
    const absolute = loadConfig({ GAPS_DIR: '/var/lib/art-bot/gaps' }).gaps.store;
    expect(absolute).toEqual({ kind: 'file', directory: '/var/lib/art-bot/gaps' });
  });

  it('uses its own container in the state storage account with STATE_STORAGE=blob', () => {
    const blob = { STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true', BLOB_CONTAINER: 'bot-state' };
    expect(loadConfig(blob).gaps.store).toEqual({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'bot-state-gaps' });
    expect(loadConfig({ ...blob, GAPS_BLOB_CONTAINER: 'clinic-gaps' }).gaps.store).toMatchObject({ container: 'clinic-gaps' });
  });

  it.each([
    ['a retention that is not a number', { GAPS_RETENTION_DAYS: 'a month' }, /GAPS_RETENTION_DAYS must be a whole number/],
    ['a retention of more than a year', { GAPS_RETENTION_DAYS: '400' }, /GAPS_RETENTION_DAYS must be at most 366/],
    ['a GAPS_LOG that is neither on nor off', { GAPS_LOG: 'maybe' }, /GAPS_LOG must be true or false/],
    ['the conversation state container for the gaps log', { STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: 'x', BLOB_CONTAINER: 'bot-state', GAPS_BLOB_CONTAINER: 'bot-state' }, /other than BLOB_CONTAINER/],
    ['a container name Azure refuses', { STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: 'x', BLOB_CONTAINER: 'bot-state', GAPS_BLOB_CONTAINER: 'Gaps_Log' }, /GAPS_BLOB_CONTAINER must be/],
  ] as const)('refuses %s with a clear message', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('knowledge/gaps.yaml', () => {
  let copy: KnowledgeCopy;
  beforeEach(() => {
    copy = KnowledgeCopy.create();
  });
  afterEach(() => copy.dispose());

  function problems(): readonly KnowledgeBaseProblem[] {
    try {
      loadKnowledgeBase(copy.directory);
    } catch (error) {
      if (error instanceof KnowledgeBaseError) return error.problems;
      throw error;
    }
    throw new Error('expected the copy to fail to load');
  }

  it('loads with every term parsed, capitals and apostrophes folded', () => {
    copy.replaceLine('gaps.yaml', (line) => line === 'sensitiveTerms:', ['sensitiveTerms:', "  - Parkinson's|HIV"]);
    const { gaps } = loadKnowledgeBase(copy.directory);
    expect(gaps.sensitiveTerms[0]?.alternatives).toEqual([[{ text: 'parkinson', anyEnding: false }], [{ text: 'hiv', anyEnding: false }]]);
  });

  it.each([
    ['a stem too short to be safe', '  - ab*', /write at least 3 letters before "\*"/],
    ['a choice of very common words only', '  - the', /would match almost any message/],
    ['a "*" inside a word', '  - dia*betes', /"\*" may only come at the end of a word/],
  ] as const)('names the line of %s', (_name, term, message) => {
    const line = copy.replaceLine('gaps.yaml', (text) => text === 'sensitiveTerms:', ['sensitiveTerms:', term]) + 1;
    expect(problems()).toEqual([expect.objectContaining({ file: 'gaps.yaml', field: 'sensitiveTerms.0', line, message: expect.stringMatching(message) as string })]);
  });

  it('needs the file, and at least one term', () => {
    copy.write('gaps.yaml', 'sensitiveTerms: []\n');
    expect(problems()).toEqual([expect.objectContaining({ file: 'gaps.yaml', message: expect.stringContaining('needs at least one term') as string })]);
    copy.remove('gaps.yaml');
    expect(problems()).toEqual([expect.objectContaining({ file: 'gaps.yaml', message: "the file is missing; copy the sample gaps.yaml from this project's knowledge/ folder and edit it" })]);
  });
});
