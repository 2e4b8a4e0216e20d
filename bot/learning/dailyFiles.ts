/**
 * Where the gaps log keeps its files: a folder on this machine, or a Blob container. Names are flat
 * and carry their day (gaps-2025-03-01.jsonl, feedback-2025-03-01.json), so expiry deletes whole
 * files and nothing outlives its retention.
 */
export interface DailyFiles {
  /** Adds one line to the end of a file, creating it; concurrent appends never lose a line. */
  append(name: string, line: string): Promise<void>;
  /** Replaces a file's text with `change(current)`, so that concurrent updates never lose one. */
  update(name: string, change: (current: string | undefined) => string): Promise<void>;
  /** A file's text, or undefined when there is none. */
  read(name: string): Promise<string | undefined>;
  list(): Promise<string[]>;
  remove(name: string): Promise<void>;
}
