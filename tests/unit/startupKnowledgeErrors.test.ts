import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { KnowledgeCopy, PROJECT_ROOT } from './support/knowledgeCopy';

/** `npm run dev` is a real child process (a few seconds). */
jest.setTimeout(60_000);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function startService(knowledgeDir: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, KNOWLEDGE_DIR: knowledgeDir, PORT: '0', NODE_ENV: 'development' };
  delete env.INIT_CWD;
  return new Promise((resolve) => {
    execFile(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['bot/index.ts'], { cwd: PROJECT_ROOT, env, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

describe('starting the service with a broken knowledge base', () => {
  let copy: KnowledgeCopy;
  let run: Run;
  let line: number;
  beforeAll(async () => {
    copy = KnowledgeCopy.create();
    line = copy.editEntryField('faq.yaml', 'session-length', 'question', ([key = '']) => [`\t${key.trimStart()}`]);
    run = await startService(copy.directory);
  });
  afterAll(() => copy.dispose());

  it('exits non-zero', () => {
    expect(run.code).toBe(1);
  });

  it('prints the plain list kb:check prints, with no JSON log line before it', () => {
    expect(run.stderr).toContain(`The knowledge base has a problem. faq.yaml line ${line} (entry "session-length"): this line starts with a tab. Use spaces to indent.`);
    expect(run.stderr).toContain('npm run kb:check shows the same list');
    for (const output of [run.stdout, run.stderr]) expect(output.split('\n').filter((text) => text.trimStart().startsWith('{'))).toEqual([]);
    expect(run.stdout).toBe('');
  });
});
