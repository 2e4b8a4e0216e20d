import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateRouter, missedTargets, summarize } from '../../knowledge/eval/evaluateRouter';
import { loadLabelledSet } from '../../knowledge/eval/labelledSet';
import { clinicKnowledge, EVALUATION_DIR } from './support/clinicKnowledge';

const CHECK_SETS = join(EVALUATION_DIR, 'check-sets');

/**
 * Labelled sets in other writing styles than the dev set, written without seeing the FAQ. They
 * guard against tuning the matcher to the dev set's style: the same targets apply.
 */
describe.each(readdirSync(CHECK_SETS).filter((file) => file.endsWith('.yaml')))('check set %s', (file) => {
  const { knowledgeBase, router } = clinicKnowledge();
  const items = loadLabelledSet(join(CHECK_SETS, file), new Set(knowledgeBase.faq.map((entry) => entry.id)));
  const summary = summarize(evaluateRouter(router, items));

  it('has FAQ, out-of-scope and safety items', () => {
    expect(summary.faqItems).toBeGreaterThanOrEqual(100);
    expect(items.filter((item) => item.expect === 'none').length).toBeGreaterThanOrEqual(20);
    expect(items.filter((item) => item.expect === 'emergency' || item.expect === 'red-flag').length).toBeGreaterThanOrEqual(15);
  });

  it('meets the dev-set targets', () => {
    expect(missedTargets(summary)).toEqual([]);
  });
});
