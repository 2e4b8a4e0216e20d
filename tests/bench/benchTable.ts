/**
 * Turns the benchmark's measurements into its table: one row per figure, the project beside its
 * reference (the echo bot or a peer), the ratio, the target and whether it is met.
 */
import type { RoutingResult } from './routingWorker';
import type { Channel, LoadRound, StartupRound } from './serverBenchmarks';

export interface Row {
  readonly figure: string;
  /** The project's figure, as context. */
  readonly project: string;
  /** What it is read against: the echo bot, or the peers. */
  readonly reference: string;
  readonly ratio: string;
  readonly required: string;
  /** Undefined for rows that are context only. */
  readonly meets?: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const times = (value: number): string => `${value.toFixed(2)}×`;
const ms = (value: number): string =>
  Number.isInteger(value) || value >= 10 ? (value < 10_000 ? `${value.toFixed(0)} ms` : `${(value / 1000).toFixed(1)} s`) : `${value.toFixed(3)} ms`;

/** The median of per-round ratios (project ÷ echo), each round's pair measured back to back. */
function pairedRatio<T extends { readonly system: string }>(rounds: readonly T[], value: (round: T) => number): number {
  const echo = rounds.filter((round) => round.system === 'echo');
  const project = rounds.filter((round) => round.system === 'project');
  return median(project.map((round, index) => value(round) / value(echo[index] ?? round)));
}

function serverRow(
  figure: string,
  rounds: readonly LoadRound[] | readonly StartupRound[],
  value: (round: LoadRound & StartupRound) => number,
  unit: (value: number) => string,
  target: { readonly atLeast?: number; readonly atMost?: number } | undefined,
): Row {
  const typed = rounds as readonly (LoadRound & StartupRound)[];
  const ratio = pairedRatio(typed, value);
  const of = (system: string): number => median(typed.filter((round) => round.system === system).map(value));
  const meets = target === undefined ? undefined : target.atLeast !== undefined ? ratio >= target.atLeast : ratio <= (target.atMost ?? Infinity);
  return {
    figure,
    project: unit(of('project')),
    reference: `echo ${unit(of('echo'))}`,
    ratio: times(ratio),
    required: target === undefined ? '' : target.atLeast !== undefined ? `≥ ${target.atLeast}×` : `≤ ${target.atMost}×`,
    ...(meets === undefined ? {} : { meets }),
  };
}

export function serverRows(startup: readonly StartupRound[], load: readonly LoadRound[]): Row[] {
  const rows: Row[] = [];
  const of = (channel: Channel, kind: LoadRound['kind']): LoadRound[] => load.filter((round) => round.channel === channel && round.kind === kind);
  const perSecond = (value: number): string => `${value.toFixed(0)}/s`;
  for (const channel of ['webchat', 'msteams'] as const) {
    if (of(channel, 'throughput').length === 0) continue;
    rows.push(serverRow(`${channel} turns per second (10 connections)`, of(channel, 'throughput'), (round) => round.turnsPerSecond, perSecond, { atLeast: 0.5 }));
  }
  if (of('webchat', 'latency').length > 0) {
    rows.push(serverRow('p99 turn latency at 100 turns/s, webchat', of('webchat', 'latency'), (round) => round.p99Ms, ms, { atMost: 2 }));
  }
  for (const channel of ['webchat', 'msteams'] as const) {
    if (of(channel, 'throughput').length === 0) continue;
    rows.push(serverRow(`bot CPU per turn, ${channel}`, of(channel, 'throughput'), (round) => round.cpuMsPerTurn, ms, { atMost: 2 }));
  }
  if (startup.length > 0) {
    rows.push(serverRow('start-up to /healthz', startup, (round) => round.startupMs, ms, { atMost: 1.5 }));
    rows.push(serverRow('RSS after start-up', startup, (round) => round.rssMb, (value) => `${value.toFixed(0)} MB`, { atMost: 1.5 }));
  }
  for (const channel of ['webchat', 'msteams'] as const) {
    if (of(channel, 'throughput').length === 0) continue;
    rows.push(serverRow(`activities sent per turn, ${channel}`, of(channel, 'throughput'), (round) => round.activitiesPerTurn, (value) => value.toFixed(2), undefined));
  }
  return rows;
}

/** Warm p50 targets for one message, by knowledge base size (the shipped one has no size here). */
export const ROUTE_TARGET_MS: Readonly<Record<string, number>> = { shipped: 0.3, '300': 1, '3000': 2, '30000': 5 };
export const LOAD_BUILD_TARGET_MS: Readonly<Record<string, number>> = { '30000': 20_000 };

export function routingRows(results: ReadonlyMap<string, RoutingResult>): Row[] {
  const rows: Row[] = [];
  for (const [size, result] of results) {
    const system = (name: string) => result.systems.find((entry) => entry.name === name);
    const project = system('project');
    const mini = system('MiniSearch');
    const fuse = system('fuse.js');
    if (project === undefined || mini === undefined || fuse === undefined) continue;
    const target = ROUTE_TARGET_MS[size];
    const label = size === 'shipped' ? `shipped knowledge base (${result.entries} entries)` : `${Number(size).toLocaleString('en-US')} entries`;
    rows.push({
      figure: `route one message, warm p50, ${label}`,
      project: ms(project.p50Ms),
      reference: `MiniSearch ${ms(mini.p50Ms)}, fuse.js ${ms(fuse.p50Ms)}`,
      ratio: `${times(project.p50Ms / mini.p50Ms)} MiniSearch`,
      required: target === undefined ? '' : `≤ ${target} ms`,
      ...(target === undefined ? {} : { meets: project.p50Ms <= target }),
    });
  }
  for (const [size, result] of results) {
    const target = LOAD_BUILD_TARGET_MS[size];
    const mini = result.systems.find((entry) => entry.name === 'MiniSearch');
    const label = size === 'shipped' ? 'shipped knowledge base' : `${Number(size).toLocaleString('en-US')} entries`;
    const after = result.cold === undefined ? '' : `after an edit ${ms(result.cold.loadMs)} + ${ms(result.cold.buildMs)}`;
    rows.push({
      figure: `knowledge load + router build, ${label}`,
      project: `${ms(result.loadMs)} + ${ms(result.buildMs)}`,
      reference: [after, mini === undefined ? '' : `MiniSearch index ${ms(mini.buildMs)}`].filter((part) => part !== '').join('; '),
      ratio: '',
      required: target === undefined ? '' : `≤ ${target / 1000} s`,
      ...(target === undefined ? {} : { meets: result.loadMs + result.buildMs <= target }),
    });
  }
  const shipped = results.get('shipped');
  if (shipped !== undefined) {
    const top1 = (name: string): string => `${(((shipped.systems.find((entry) => entry.name === name)?.top1 ?? 0) * 100)).toFixed(0)}%`;
    rows.push({ figure: 'best-ranked entry right, dev set FAQ questions', project: top1('project'), reference: `MiniSearch ${top1('MiniSearch')}, fuse.js ${top1('fuse.js')}`, ratio: '', required: '' });
    for (const huge of shipped.huge) rows.push({ figure: `route a ${huge.kilobytes} KB message of ${huge.kind}`, project: ms(huge.ms), reference: '', ratio: '', required: '' });
  }
  return rows;
}

/** A plain-text table that fits a terminal. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['figure', 'project', 'reference', 'ratio', 'required', 'meets'];
  const cells = rows.map((row) => [row.figure, row.project, row.reference, row.ratio, row.required, row.meets === undefined ? '' : row.meets ? 'yes' : 'NO']);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)));
  const line = (values: readonly string[]): string => values.map((value, column) => value.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}
