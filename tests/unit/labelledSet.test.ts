import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLabelledSet } from '../../knowledge/eval/labelledSet';

describe('labelled sets', () => {
  const folder = mkdtempSync(join(tmpdir(), 'labelled-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const write = (name: string, text: string): string => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };
  const ids = new Set(['session-length', 'cost-and-insurance']);

  it('reads the second question of a two-question item', () => {
    const path = write('two.yaml', '- text: how long and how much\n  expect: session-length\n  also: cost-and-insurance\n');
    expect(loadLabelledSet(path, ids)).toEqual([{ text: 'how long and how much', expect: 'session-length', also: 'cost-and-insurance' }]);
  });

  it('names the item, field and line of an unknown second question', () => {
    const path = write('bad.yaml', '- text: how long\n  expect: session-length\n- text: how long and how much\n  expect: session-length\n  also: prices\n');
    expect(() => loadLabelledSet(path, ids)).toThrow(/bad\.yaml line 5 \(entry "#2", field "also"\): "prices" is not an FAQ id/);
  });
});
