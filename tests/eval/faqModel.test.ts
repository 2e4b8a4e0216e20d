import { basename } from 'node:path';
import { fitTopicModel } from '../../knowledge/eval/fitTopicModel';
import { faqEvaluationFiles } from '../../knowledge/eval/evaluationCoverage';
import { loadLabelledSet } from '../../knowledge/eval/labelledSet';
import { topicModelGaps } from '../../knowledge/matching/topicModel';
import { clinicKnowledge, EVALUATION_DIR } from './support/clinicKnowledge';

const SAFETY_LABELS = new Set(['emergency', 'red-flag', 'look-alike']);

/**
 * knowledge/faq-model.yaml is fitted on the FAQ tuning sets: a set or an entry added since the last
 * fit leaves it behind. The fix is `npm run kb:calibrate -- --write`.
 */
describe('the learned topic model (faq-model.yaml)', () => {
  const { knowledgeBase, router } = clinicKnowledge();
  const faqIds = knowledgeBase.faq.map((entry) => entry.id);

  it('knows every FAQ entry, and no entry faq.yaml no longer has', () => {
    expect(topicModelGaps(faqIds, knowledgeBase.faqModel)).toEqual({ unseen: [], gone: [] });
  });

  it('is fitted on the sets as they are now (else run npm run kb:calibrate -- --write)', () => {
    const files = faqEvaluationFiles(EVALUATION_DIR, ['check-sets', 'faq-sets']);
    const items = files.flatMap((file) => loadLabelledSet(file, new Set(faqIds)).map((item) => ({ ...item, file: basename(file) })));
    const examples = items.filter((item) => !SAFETY_LABELS.has(item.expect)).map((item) => ({ features: router.topicFeatures(item.text), topic: item.expect, group: item.file }));
    expect(fitTopicModel(examples)).toEqual(knowledgeBase.faqModel.topics);
  });
});
