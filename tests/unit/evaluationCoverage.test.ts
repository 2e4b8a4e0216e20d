import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faqEvaluationFiles, underMeasuredEntries } from '../../knowledge/eval/evaluationCoverage';
import type { LabelledItem } from '../../knowledge/eval/labelledSet';

describe('evaluation coverage', () => {
  const item = (expect: string, also?: string): LabelledItem => ({ text: 'q', expect, ...(also === undefined ? {} : { also }) });
  const times = (count: number, labelled: LabelledItem): LabelledItem[] => Array.from({ length: count }, () => labelled);

  it.each([
    ['no messages at all', [], [{ id: 'a', count: 0 }, { id: 'b', count: 0 }]],
    ['a second question counts for its entry', [...times(5, item('a')), ...times(4, item('none', 'b'))], [{ id: 'b', count: 4 }]],
    ['five is enough', [...times(5, item('a')), ...times(3, item('b')), ...times(2, item('a', 'b'))], []],
  ] as const)('%s', (_case, items, expected) => {
    expect(underMeasuredEntries(['a', 'b'], items)).toEqual(expected);
  });

  it('finds the dev set and the FAQ set folders that exist, never the safety sets', () => {
    const root = mkdtempSync(join(tmpdir(), 'coverage-'));
    try {
      mkdirSync(join(root, 'faq-sets'), { recursive: true });
      mkdirSync(join(root, 'safety-sets'), { recursive: true });
      for (const path of ['dev-set.yaml', 'faq-sets/b.yaml', 'faq-sets/a.yaml', 'faq-sets/notes.txt', 'safety-sets/s.yaml']) writeFileSync(join(root, path), '');
      expect(faqEvaluationFiles(root).map((path) => path.slice(root.length + 1))).toEqual(['dev-set.yaml', 'faq-sets/a.yaml', 'faq-sets/b.yaml']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
