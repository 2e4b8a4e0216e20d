import type { LineCounter, YAMLError } from 'yaml';
import type { KnowledgeBaseProblem } from './knowledgeBaseError';

const MAX_SYNTAX_ERRORS = 5;

/** A list entry's first line: "  - id: session-length" (safety checks name theirs by concept). */
const ENTRY_START = /^(\s*)-\s+(?:id|concept):\s*(.+?)\s*$/;

/** A field name written without its colon: "    question How long…" or "  - id session-length". */
const KEY_WITHOUT_COLON = /^\s*(?:-\s+)?([A-Za-z][A-Za-z0-9_]*)(?:\s+(\S.*?))?\s*$/;

function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function isBlankOrComment(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted?.[2] ?? value;
}

/**
 * The id of the list entry a line belongs to, read from the text itself (a file with a syntax error
 * cannot be trusted to parse): the nearest "- id: …" line above it that is indented less.
 */
export function entryIdOfLine(lines: readonly string[], lineNumber: number): string | undefined {
  const own = lines[lineNumber - 1] ?? '';
  // A tab-indented line was meant to be deeper than anything around it.
  let indent = leadingWhitespace(own).includes('\t') ? Number.POSITIVE_INFINITY : leadingWhitespace(own).length;
  for (let index = lineNumber - 2; index >= 0 && indent > 0; index -= 1) {
    const line = lines[index] ?? '';
    if (isBlankOrComment(line)) continue;
    const lineIndent = leadingWhitespace(line).replace(/\t/g, '').length;
    if (lineIndent >= indent) continue;
    const entry = ENTRY_START.exec(line);
    if (entry?.[2] !== undefined) return unquote(entry[2]);
    indent = lineIndent;
  }
  return undefined;
}

/**
 * Turns the YAML parser's errors into what a receptionist can fix. The parser reports one mistake
 * as several errors (a tab upsets every line after it), so a recognised mistake is reported alone,
 * at its line, in plain words; anything else keeps the parser's first few errors.
 */
export function syntaxProblems(file: string, text: string, errors: readonly YAMLError[], lineCounter: LineCounter): KnowledgeBaseProblem[] {
  const lines = text.split(/\r?\n/);
  const located = errors
    // prettyErrors is off, so linePos is not filled in: work the line out from the offset.
    .map((error) => ({ error, line: error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line }))
    .sort((a, b) => a.line - b.line);
  const at = (line: number, message: string): KnowledgeBaseProblem => {
    const entryId = entryIdOfLine(lines, line);
    return { file, line, ...(entryId === undefined ? {} : { entryId }), message };
  };

  const tabbed = located.find(({ line }) => leadingWhitespace(lines[line - 1] ?? '').includes('\t'));
  if (tabbed !== undefined) return [at(tabbed.line, 'this line starts with a tab. Use spaces to indent.')];

  const colonless = located.find(({ error }) => error.code === 'MULTILINE_IMPLICIT_KEY');
  const key = colonless === undefined ? undefined : KEY_WITHOUT_COLON.exec(lines[colonless.line - 1] ?? '');
  if (colonless !== undefined && key?.[1] !== undefined) {
    const field = key[1];
    const fixed = key[2] === undefined ? `${field}:` : `${field}: ${key[2]}`;
    return [at(colonless.line, `"${field}" needs a colon after it: ${fixed}`)];
  }

  // One misplaced line can upset everything after it: the first few errors are the useful ones.
  return located.slice(0, MAX_SYNTAX_ERRORS).map(({ error, line }) => ({
    file,
    line,
    message: `the YAML is malformed (${error.message.split('\n')[0] ?? error.code})`,
  }));
}
