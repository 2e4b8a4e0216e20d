/** Types for buildIfStale.js (plain Node, so it runs before anything is compiled). */
export interface BuildTimes {
  readonly newestSource?: { readonly path: string; readonly mtimeMs: number };
  /** When the last successful build started (the stamp file's time), if there was one. */
  readonly stampMs?: number;
  readonly entryExists: boolean;
}
export interface BuildDecision {
  readonly build: boolean;
  readonly reason: string;
}
export function buildDecision(times: BuildTimes): BuildDecision;
export function readTimes(root: string): BuildTimes;
export function sourceFiles(root: string): string[];
export const STAMP: string;
export const ENTRY: string;
