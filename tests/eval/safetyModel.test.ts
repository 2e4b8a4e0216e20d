import { fitLearnedCheck } from '../../knowledge/eval/fitLearnedCheck';
import { loadFileItems } from '../../knowledge/eval/labelledSet';
import { learnedCheckFiles, learnedExamples, learnedMessages, roundedModel } from '../../knowledge/eval/learnedModelSets';
import { learnedCheckGaps } from '../../knowledge/safety/learnedCheck';
import { clinicKnowledge, EVALUATION_DIR } from './support/clinicKnowledge';

/**
 * knowledge/safety-model.yaml is fitted on the tuning sets: a set added or edited since the last fit,
 * or a changed learnFrom in safety.yaml, leaves the models behind. The fix is
 * `npm run kb:calibrate-safety -- --write`.
 */
describe('the learned checks (safety-model.yaml)', () => {
  const { knowledgeBase, router } = clinicKnowledge();
  const { safetyModel, safety } = knowledgeBase;
  const items = loadFileItems(learnedCheckFiles(EVALUATION_DIR), new Set(knowledgeBase.faq.map((entry) => entry.id)));
  const messages = learnedMessages(router, items);
  const learnFromOf = new Map(safety.checks.map((check) => [check.concept, check.learnFrom]));

  it('has a model for every check that names categories to learn from, and none for others', () => {
    expect(learnedCheckGaps(safety.checks, safetyModel)).toEqual({ unfitted: [], notLearning: [] });
  });

  it.each(safetyModel.checks.map((model) => [model.concept, model] as const))('%s is fitted on the sets as they are now (else run npm run kb:calibrate-safety -- --write)', (concept, model) => {
    const examples = learnedExamples(messages, items, learnFromOf.get(concept) ?? []);
    expect(examples.filter((example) => example.positive).length).toBeGreaterThanOrEqual(30);
    const refitted = roundedModel(fitLearnedCheck(examples));
    expect(refitted.bias).toBe(model.bias);
    expect(refitted.weights).toEqual(model.weights);
  });
});
