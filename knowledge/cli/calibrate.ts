/**
 * `npm run kb:calibrate [-- --file a.yaml …] [--write]`: fits the answer decision in matching.yaml
 * (see knowledge/matching/answerConfidence.ts) on labelled messages, picks the answer and "did you
 * mean" levels for the target error rates, and prints the rates they give. --write saves them.
 *
 * Default sets: tests/eval/dev-set.yaml, tests/eval/check-sets/ and tests/eval/faq-sets/. Never add a
 * sealed set: the figures it gives after calibration are the only fair measure left.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { decisionFeatures, logisticConfidence } from '../matching/answerConfidence';
import { faqEvaluationFiles } from '../eval/evaluationCoverage';
import { fitLogistic, type LabelledFeatures } from '../eval/logisticModel';
import { chooseOperatingPoint, type CalibrationRow, type OperatingTargets } from '../eval/operatingPoint';
import { loadLabelledSet, type LabelledItem } from '../eval/labelledSet';
import { KnowledgeBaseError } from '../loading/knowledgeBaseError';
import { MessageRouter } from '../routing/messageRouter';
import { DECISION_FEATURES, type DecisionModel } from '../schemas/matchingSchema';
import { evaluationDirectory, flagValues, knowledgeDirectory, loadKnowledgeBaseOrExit } from './cliSupport';

/** The targets, with a little room: wrong answers ≤ 3% of in-scope, out-of-scope answered ≤ 5%. */
const TARGETS: OperatingTargets = { maxWrongAnswer: 0.025, maxOutOfScopeAnswered: 0.04, minOfferedShare: 0.97 };
const SAFETY_LABELS = new Set(['emergency', 'red-flag', 'look-alike']);

const args = process.argv.slice(2);
const given = flagValues(args, '--file').map((file) => resolve(process.env.INIT_CWD ?? process.cwd(), file));
// Never the sealed sets: their figures after calibration are the only fair measure left.
const files = given.length > 0 ? given : faqEvaluationFiles(evaluationDirectory(), ['check-sets', 'faq-sets']);

const knowledgeBase = loadKnowledgeBaseOrExit();
const router = new MessageRouter(knowledgeBase);
const faqIds = new Set(knowledgeBase.faq.map((entry) => entry.id));
let items: LabelledItem[];
try {
  items = files.flatMap((file) => loadLabelledSet(file, faqIds));
} catch (error) {
  if (!(error instanceof KnowledgeBaseError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// Only messages the ranking decides: safety replies, small talk, curated phrasings and cues decide before it.
const examples: { readonly features: LabelledFeatures['features']; readonly item: LabelledItem; readonly top: readonly string[] }[] = [];
for (const item of items) {
  if (SAFETY_LABELS.has(item.expect)) continue;
  const decision = router.route(item.text);
  const content = decision.route === 'safety-check' ? decision.pending : decision;
  if (!('confidence' in content) || content.confidence === undefined) continue;
  const { ranking } = router.confidence(item.text);
  examples.push({ features: decisionFeatures(ranking), item, top: ranking.candidates.slice(0, knowledgeBase.matching.maxSuggestions).map((candidate) => candidate.id) });
}
const labelled = examples.map(({ features, item, top }): LabelledFeatures => ({ features, label: item.expect !== 'none' && top[0] === item.expect ? 1 : 0 }));
const fitted = fitLogistic(labelled);
const round = (value: number): number => Math.round(value * 1000) / 1000;
const rows: CalibrationRow[] = examples.map(({ features, item, top }) => ({
  confidence: logisticConfidence(fitted, features),
  inScope: item.expect !== 'none',
  topIsRight: top[0] === item.expect,
  rightIsOffered: top.includes(item.expect),
}));
const point = chooseOperatingPoint(rows, TARGETS);
const decision: DecisionModel = {
  answerAt: point.answerAt,
  suggestAt: point.suggestAt,
  bias: round(fitted.bias),
  weights: Object.fromEntries(DECISION_FEATURES.map((feature) => [feature, round(fitted.weights[feature])])) as DecisionModel['weights'],
};

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const inScope = rows.filter((row) => row.inScope).length;
console.log(`Fitted on ${rows.length} messages the ranking decides (${inScope} in scope, ${rows.length - inScope} out of scope) from ${files.length} files.`);
console.log(`answerAt ${decision.answerAt}, suggestAt ${decision.suggestAt}${point.targetsMet ? '' : ' (no level met the wrong-answer targets: answerAt is the strictest tried)'}`);
console.log(`On these messages (they were fitted on, so new messages will do somewhat worse):`);
console.log(`  in-scope answered right:           ${percent(point.rates.answeredRight)}`);
console.log(`  in-scope answered right or offered: ${percent(point.rates.answeredOrOffered)}`);
console.log(`  in-scope answered wrong:           ${percent(point.rates.wrongAnswer)} (target ≤ ${percent(TARGETS.maxWrongAnswer)})`);
console.log(`  out-of-scope answered:             ${percent(point.rates.outOfScopeAnswered)} (target ≤ ${percent(TARGETS.maxOutOfScopeAnswered)})`);
console.log(`decision: ${JSON.stringify(decision)}`);

if (args.includes('--write')) {
  const path = join(knowledgeDirectory(), 'matching.yaml');
  const document = parseDocument(readFileSync(path, 'utf8'));
  document.setIn(['decision', 'answerAt'], decision.answerAt);
  document.setIn(['decision', 'suggestAt'], decision.suggestAt);
  document.setIn(['decision', 'bias'], decision.bias);
  for (const feature of DECISION_FEATURES) document.setIn(['decision', 'weights', feature], decision.weights[feature]);
  // lineWidth 0: long [lists] elsewhere in the file stay on one line, as the curator wrote them.
  writeFileSync(path, document.toString({ lineWidth: 0, flowCollectionPadding: false }));
  console.log(`Saved to ${path}; run npm run kb:check and npm test.`);
}
