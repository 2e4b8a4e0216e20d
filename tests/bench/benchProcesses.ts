/**
 * Child processes for the benchmark: compiling its entry points, starting servers, and reading what
 * Linux reports about a process (CPU time, resident memory) from /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import ts from 'typescript';

/** The benchmark files that run as their own processes, with what they import from the bench folder. */
const ENTRY_POINTS = ['echoBot.ts', 'projectLoadServer.ts', 'routingWorker.ts', 'peers.ts'];

/**
 * Builds dist/ when it is stale (as `npm start` does), then compiles the benchmark's entry points
 * next to it (dist/tests/bench), so every system runs as plain compiled JavaScript, none through tsx.
 */
export function compileForBenchmark(root: string): void {
  const build = spawnSync(process.execPath, [join(root, 'scripts/buildIfStale.js')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error('The build failed; fix it before benchmarking');
  const outDir = join(root, 'dist/tests/bench');
  mkdirSync(outDir, { recursive: true });
  for (const file of ENTRY_POINTS) {
    const source = readFileSync(join(root, 'tests/bench', file), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    writeFileSync(join(outDir, file.replace(/\.ts$/, '.js')), outputText);
  }
}

/** A free loopback port (the tiny race until the child binds it does not matter on loopback). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No port');
  return address.port;
}

export interface RunningServer {
  readonly child: ChildProcess;
  readonly port: number;
  /** Milliseconds from spawning the process to the first 200 from /healthz. */
  readonly startupMs: number;
  stop(): Promise<void>;
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
  });
}

/** Starts `node <script>` with the environment given and waits until /healthz answers. */
export async function startServer(root: string, script: string, env: Readonly<Record<string, string>>, timeoutMs = 120_000): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', join(root, script)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let startupMs: number | undefined;
  while (startupMs === undefined) {
    if (child.exitCode !== null) throw new Error(`${script} exited before answering /healthz: ${stderr}`);
    if (performance.now() - started > timeoutMs) throw new Error(`${script} did not answer /healthz within ${timeoutMs} ms`);
    if (await healthy(port)) startupMs = performance.now() - started;
    else await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return {
    child,
    port,
    startupMs,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Resident memory of a process, in megabytes. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

/** CPU time (user + system) a process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond();
}

let ticksPerSecond: number | undefined;

function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    ticksPerSecond = Number(result.stdout.trim()) || 100;
  }
  return ticksPerSecond;
}

/** Runs a compiled worker script and parses the one JSON line it prints. */
export function runWorker<T>(root: string, script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${script} exited with ${code}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as T);
    });
  });
}
