import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Document, LineCounter, Node, YAMLMap } from 'yaml';
import type { z } from 'zod';
import { KnowledgeBaseError, type KnowledgeBaseProblem } from './knowledgeBaseError';
import { closestField, fieldsAt } from './schemaFields';
import type { ParseCache } from './parseCache';
import { syntaxProblems } from './syntaxProblems';

/** The yaml library, loaded when a file is first parsed: one read back from the parse cache needs none. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

/**
 * One parsed YAML file that remembers where every value came from, so validation
 * errors can point at a line.
 */
export class YamlFile {
  private parsed: { readonly document: Document; readonly lineCounter: LineCounter } | undefined;

  private constructor(
    readonly label: string,
    readonly data: unknown,
    private readonly text: string,
    parsed?: { readonly document: Document; readonly lineCounter: LineCounter },
  ) {
    this.parsed = parsed;
  }

  /**
   * Reads and parses a file; malformed YAML becomes a KnowledgeBaseError naming the file and line.
   * With a cache, text parsed before is not parsed again (the document, for line numbers, is parsed
   * only if a problem needs one).
   */
  static read(path: string, label = basename(path), cache?: ParseCache): YamlFile {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `the file is missing; copy the sample ${label} from this project's knowledge/ folder and edit it` : String(error);
      throw new KnowledgeBaseError([{ file: label, message: reason }]);
    }
    const cached = cache?.get(text);
    if (cached !== undefined) return new YamlFile(label, cached, text);
    const file = YamlFile.parse(text, label);
    cache?.set(text, file.data);
    return file;
  }

  static parse(text: string, label: string): YamlFile {
    const lineCounter = new (yaml().LineCounter)();
    const document = yaml().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    if (document.errors.length > 0) throw new KnowledgeBaseError(syntaxProblems(label, text, document.errors, lineCounter));
    return new YamlFile(label, document.toJS() as unknown, text, { document, lineCounter });
  }

  private get document(): Document {
    return this.source().document;
  }

  private get lineCounter(): LineCounter {
    return this.source().lineCounter;
  }

  private source(): { readonly document: Document; readonly lineCounter: LineCounter } {
    if (this.parsed === undefined) {
      const lineCounter = new (yaml().LineCounter)();
      this.parsed = { document: yaml().parseDocument(this.text, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter };
    }
    return this.parsed;
  }

  /** The 1-based line of the value at a path such as ['entries', 3, 'answer'], or of its nearest parent. */
  lineOf(path: readonly PropertyKey[]): number | undefined {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = this.document.getIn(path.slice(0, length) as unknown[], true) as Node | undefined;
      const offset = node?.range?.[0];
      if (offset !== undefined) return this.lineCounter.linePos(offset).line;
    }
    return undefined;
  }

  /**
   * The list entry a path points into: entries[3] in ['entries', 3, 'answer'], or item 3 in [3, 'expect']
   * when the whole file is a list. Only mappings are entries; a plain value in a list (a topic id) is not.
   */
  private entryAt(path: readonly PropertyKey[]): { readonly node: YAMLMap; readonly index: number; readonly depth: number } | undefined {
    const fileIsList = typeof path[0] === 'number';
    const depth = fileIsList ? 1 : 2;
    const index = path[depth - 1];
    if (typeof index !== 'number') return undefined;
    const list = fileIsList ? this.document.contents : path[0] === undefined ? undefined : this.document.get(path[0], true);
    if (!yaml().isSeq(list)) return undefined;
    const entry = list.items[index];
    return yaml().isMap(entry) ? { node: entry, index, depth } : undefined;
  }

  /** The id of the list entry a path points into (for example entries[3].id), used to name entries in errors. */
  entryIdAt(path: readonly PropertyKey[]): string | undefined {
    const entry = this.entryAt(path);
    if (entry === undefined) return undefined;
    // Most lists name entries by `id`; safety checks by the `concept` they ask about.
    const id = entry.node.get('id') ?? entry.node.get('concept');
    return typeof id === 'string' || typeof id === 'number' ? String(id) : `#${entry.index + 1}`;
  }

  problemAt(path: readonly PropertyKey[], message: string): KnowledgeBaseProblem {
    // Inside an entry the field is named relative to it ("answer"); elsewhere by its whole path ("topics.3").
    const fieldPath = path.slice(this.entryAt(path)?.depth ?? 0);
    return {
      file: this.label,
      entryId: this.entryIdAt(path),
      field: fieldPath.length > 0 ? fieldPath.map(String).join('.') : undefined,
      line: this.lineOf(path),
      message,
    };
  }

  /** The 1-based line of a field's name (not of its value, which may start on the next line). */
  private keyLineOf(path: readonly PropertyKey[]): number | undefined {
    const parent = this.document.getIn(path.slice(0, -1) as unknown[], true);
    const key = path[path.length - 1];
    const pair = yaml().isMap(parent) ? parent.items.find((item) => yaml().isScalar(item.key) && item.key.value === key) : undefined;
    const offset = pair !== undefined && yaml().isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    return offset === undefined ? this.lineOf(path) : this.lineCounter.linePos(offset).line;
  }

  /**
   * A field the object at `path` does not allow, with the allowed field it most likely misspells;
   * returns that field too, so its "is missing" can be left out (the misspelling explains it).
   */
  private unknownField(schema: z.ZodType, path: readonly PropertyKey[], key: string): { problem: KnowledgeBaseProblem; meant?: string } {
    const allowed = fieldsAt(schema, path);
    const present = valueAt(this.data, path);
    const written = present !== null && typeof present === 'object' ? Object.keys(present) : [];
    const meant = closestField(key, allowed.filter((field) => !written.includes(field)));
    const message =
      meant !== undefined
        ? `unknown field "${key}": did you mean "${meant}"?`
        : `unknown field "${key}": the fields allowed here are ${allowed.map((field) => `"${field}"`).join(', ')}`;
    // The field is named in the message; "field" in the location would only repeat the misspelling.
    const { file, entryId } = this.problemAt([...path, key], message);
    const problem: KnowledgeBaseProblem = { file, ...(entryId === undefined ? {} : { entryId }), line: this.keyLineOf([...path, key]), message };
    return { problem, ...(meant === undefined ? {} : { meant }) };
  }

  /** Validates the file against a schema; every schema problem is reported with its entry, field and line. */
  validate<Schema extends z.ZodType>(schema: Schema): z.infer<Schema> {
    const result = schema.safeParse(this.data);
    if (result.success) return result.data;
    if (this.data === null || this.data === undefined) throw new KnowledgeBaseError([{ file: this.label, message: 'the file is empty' }]);
    // A misspelled field explains the "is missing" of the field it meant: report only the misspelling.
    const explained = new Set<string>();
    const unknownFields = new Map<z.core.$ZodIssue, KnowledgeBaseProblem[]>();
    for (const issue of result.error.issues) {
      if (issue.code !== 'unrecognized_keys') continue;
      unknownFields.set(
        issue,
        issue.keys.map((key) => {
          const { problem, meant } = this.unknownField(schema, issue.path, key);
          if (meant !== undefined) explained.add(JSON.stringify([...issue.path, meant]));
          return problem;
        }),
      );
    }
    throw new KnowledgeBaseError(
      result.error.issues.flatMap((issue): KnowledgeBaseProblem[] => {
        const unknown = unknownFields.get(issue);
        if (unknown !== undefined) return unknown;
        // "must be text" would puzzle someone who simply left a field out.
        const missing = issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(this.data, issue.path) === undefined;
        if (missing && explained.has(JSON.stringify(issue.path))) return [];
        return [this.problemAt(issue.path, missing ? 'is missing' : issue.message)];
      }),
    );
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
