import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DailyFiles } from './dailyFiles';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * The gaps log's files in a folder (GAPS_DIR), readable by this user only. For one instance: updates
 * are serialised in this process, and each written whole to a temporary file first, then renamed.
 */
export class FolderFiles implements DailyFiles {
  private created: Promise<unknown> | undefined;
  private readonly updates = new Map<string, Promise<void>>();

  constructor(readonly directory: string) {}

  async append(name: string, line: string): Promise<void> {
    await this.ensureFolder();
    await appendFile(this.path(name), `${line}\n`, { encoding: 'utf8', mode: 0o600 });
  }

  update(name: string, change: (current: string | undefined) => string): Promise<void> {
    const previous = this.updates.get(name) ?? Promise.resolve();
    const next = previous.then(async () => {
      await this.ensureFolder();
      const text = change(await this.read(name));
      const temporary = this.path(`.${name}.${process.pid}.tmp`);
      await writeFile(temporary, text, { encoding: 'utf8', mode: 0o600 });
      await rename(temporary, this.path(name));
    });
    const settled = next.catch(() => undefined);
    this.updates.set(name, settled);
    void settled.then(() => {
      if (this.updates.get(name) === settled) this.updates.delete(name);
    });
    return next;
  }

  async read(name: string): Promise<string | undefined> {
    try {
      return await readFile(this.path(name), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async list(): Promise<string[]> {
    try {
      return (await readdir(this.directory)).filter((name) => !name.startsWith('.'));
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await rm(this.path(name), { force: true });
  }

  private ensureFolder(): Promise<unknown> {
    this.created ??= mkdir(this.directory, { recursive: true, mode: 0o700 });
    return this.created;
  }

  private path(name: string): string {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`Not a gaps log file name: ${name}`);
    return join(this.directory, name);
  }
}
