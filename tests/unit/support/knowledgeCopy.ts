import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProjectRoot } from '../../../knowledge/loading/projectRoot';
import { FIXTURE_KNOWLEDGE_DIR } from '../../support/testConfig';

export const PROJECT_ROOT = findProjectRoot(__dirname);

/** Indentation of the fields of an entry in faq.yaml / safety.yaml ("    answer: |"). */
const FIELD_INDENT = 4;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * A throw-away copy of the fixture knowledge base's YAML files (tests/fixtures/knowledge) in the system temp folder, for tests
 * that break one thing. Every edit checks that what it changes is really there (so a test
 * cannot silently stop breaking anything) and returns the 1-based line it wrote.
 */
export class KnowledgeCopy {
  private constructor(readonly directory: string) {}

  static create(): KnowledgeCopy {
    const directory = mkdtempSync(join(tmpdir(), 'kb-copy-'));
    cpSync(FIXTURE_KNOWLEDGE_DIR, directory, { recursive: true, filter: (source) => source === FIXTURE_KNOWLEDGE_DIR || source.endsWith('.yaml') });
    return new KnowledgeCopy(directory);
  }

  dispose(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }

  path(file: string): string {
    return join(this.directory, file);
  }

  read(file: string): string {
    return readFileSync(this.path(file), 'utf8');
  }

  write(file: string, text: string): void {
    writeFileSync(this.path(file), text);
  }

  remove(file: string): void {
    rmSync(this.path(file));
  }

  /** Replaces the one line that `matches` accepts; returns the line number of the first new line. */
  replaceLine(file: string, matches: (line: string) => boolean, replacement: readonly string[]): number {
    const lines = this.read(file).split('\n');
    const found = lines.flatMap((line, index) => (matches(line) ? [index] : []));
    if (found.length !== 1) throw new Error(`expected exactly one matching line in ${file}, found ${found.length}`);
    const index = found[0] as number;
    lines.splice(index, 1, ...replacement);
    this.write(file, lines.join('\n'));
    return index + 1;
  }

  /**
   * Rewrites one field of the entry "- id: <entryId>": its key line plus every continuation line
   * (block scalars, list items). `edit` receives those lines and returns their replacement.
   * Returns the line number of the field's (new) first line.
   */
  editEntryField(file: string, entryId: string, field: string, edit: (lines: readonly string[]) => readonly string[]): number {
    const lines = this.read(file).split('\n');
    const entryStart = lines.findIndex((line) => line.trim() === `- id: ${entryId}`);
    if (entryStart === -1) throw new Error(`no entry "${entryId}" in ${file}`);
    let fieldStart = -1;
    for (let index = entryStart + 1; index < lines.length; index += 1) {
      const line = lines[index] as string;
      if (line.trim() !== '' && indentOf(line) < FIELD_INDENT) break;
      if (indentOf(line) === FIELD_INDENT && line.trimStart().startsWith(`${field}:`)) {
        fieldStart = index;
        break;
      }
    }
    if (fieldStart === -1) throw new Error(`entry "${entryId}" in ${file} has no "${field}"`);
    let fieldEnd = fieldStart + 1;
    while (fieldEnd < lines.length && ((lines[fieldEnd] as string).trim() === '' || indentOf(lines[fieldEnd] as string) > FIELD_INDENT)) fieldEnd += 1;
    // Blank lines after the value separate it from what follows; they are not part of it.
    while (fieldEnd > fieldStart + 1 && (lines[fieldEnd - 1] as string).trim() === '') fieldEnd -= 1;
    lines.splice(fieldStart, fieldEnd - fieldStart, ...edit(lines.slice(fieldStart, fieldEnd)));
    this.write(file, lines.join('\n'));
    return fieldStart + 1;
  }
}

/** A markdown answer of exactly `words` words, written as a block scalar under "answer:". */
export function answerLines(words: number, extra = ''): string[] {
  const vocabulary = ['ART', 'is', 'a', 'gentle', 'manual', 'treatment', 'for', 'tight', 'muscles', 'and', 'tendons', 'today'];
  const text = Array.from({ length: words }, (_, index) => vocabulary[index % vocabulary.length]).join(' ');
  return ['    answer: |', `      ${extra}${extra === '' ? '' : ' '}${text}.`];
}
