/**
 * `npm run kb:calibrate-safety [-- --write]`: fits the learned check in safety-model.yaml on the
 * labelled tuning sets, picks the level at which it asks for a target rate of needless questions,
 * and prints the rates that level gave on files the model had not seen (cross-validation). --write saves it.
 *
 * Sets: tests/eval/safety-sets/, faq-sets/, check-sets/ and dev-set.yaml. Never the sealed sets:
 * their figures after fitting are the only fair measure left.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { chooseAskLevel, crossValidatedScores, fitLearnedCheck, type AskTargets, type ScoredExample } from '../eval/fitLearnedCheck';
import { loadFileItems, type FileItem } from '../eval/labelledSet';
import { learnedCheckFiles, learnedExamples, roundedModel, rulesOnlyModel } from '../eval/learnedModelSets';
import { KnowledgeBaseError } from '../loading/knowledgeBaseError';
import { KNOWLEDGE_FILES } from '../loading/knowledgeBase';
import { MessageRouter } from '../routing/messageRouter';
import type { SafetyModel } from '../schemas/safetyModelSchema';
import { evaluationDirectory, knowledgeDirectory, loadKnowledgeBaseOrExit } from './cliSupport';

/** New questions the model may put to harmless messages, on files it never saw: look-alikes ≤ 0.5%, FAQ questions ≤ 0.1%. */
const TARGETS: AskTargets = { maxLookAlikesAsked: 0.005, maxFaqAsked: 0.001 };
const SAFETY_ROUTES = new Set(['emergency', 'red-flag', 'safety-check']);

const HEADER = `# The learned self-harm check: a second opinion beside safety.yaml's rules.
#
# The rules in safety.yaml name warning signs phrase by phrase. This model weighs every word and
# pair of words seen in labelled patient messages (tests/eval), so it can notice a way of saying
# "I want to die" that no rule lists yet. When its score for a message reaches askAt, the bot asks
# the check question of \`concept\` (in safety.yaml): "yes" gives that reply, "no" answers what was
# asked. It never gives a safety reply by itself, never outranks a rule, and asks once per conversation.
#
# Do not edit by hand. After adding evaluation messages, a developer re-fits it with
# \`npm run kb:calibrate-safety -- --write\`, which prints how often it catches self-harm messages and
# how often it asks harmless ones, measured on writers it was not fitted on. Messages labelled with
# the category named by \`concept\` are what it learns to notice.
`;

const args = process.argv.slice(2);
const knowledgeBase = loadKnowledgeBaseOrExit();
const { concept } = knowledgeBase.safetyModel;
// The rules alone: a model that never asks, so the fit sees what the rules already catch.
const router = new MessageRouter({ ...knowledgeBase, safetyModel: rulesOnlyModel(concept) });
const files = learnedCheckFiles(evaluationDirectory());
const faqIds = new Set(knowledgeBase.faq.map((entry) => entry.id));
let items: FileItem[];
try {
  items = loadFileItems(files, faqIds);
} catch (error) {
  if (!(error instanceof KnowledgeBaseError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const examples = learnedExamples(router, items, concept);
const heldOut = crossValidatedScores(examples);
const rows: ScoredExample[] = items.map((item, index) => ({
  score: heldOut[index] ?? 0,
  positive: examples[index]?.positive ?? false,
  kind: item.expect === 'look-alike' ? 'look-alike' : ['emergency', 'red-flag'].includes(item.expect) ? 'other' : 'faq',
  rulesAct: SAFETY_ROUTES.has(router.route(item.text).route),
}));
const level = chooseAskLevel(rows, TARGETS);
const fitted = roundedModel(fitLearnedCheck(examples));
const round = (value: number): number => Math.round(value * 1000) / 1000;
const positives = examples.filter((example) => example.positive).length;
const missedByRules = rows.filter((row) => row.positive && !row.rulesAct);
const model: SafetyModel = {
  concept,
  askAt: level.askAt,
  ...fitted,
  fitted: {
    on: 'tests/eval safety-sets, faq-sets, check-sets and dev-set',
    messages: examples.length,
    positives,
    files: files.length,
    crossValidated: { caught: round(level.caught), lookAlikesAsked: round(level.lookAlikesAsked), faqAsked: round(level.faqAsked) },
  },
};

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
console.log(`Fitted on ${examples.length} messages from ${files.length} files: ${positives} labelled ${concept}; ${Object.keys(model.weights).length} weights.`);
console.log(`askAt ${level.askAt}. On files held out of the fit (5-fold cross-validation):`);
console.log(`  ${concept} messages it would ask about:      ${percent(level.caught)}`);
console.log(`  ${concept} messages the rules miss, it asks: ${missedByRules.filter((row) => row.score >= level.askAt).length} of ${missedByRules.length}`);
console.log(`  look-alikes newly asked:                 ${percent(level.lookAlikesAsked)} (target ≤ ${percent(TARGETS.maxLookAlikesAsked)})`);
console.log(`  FAQ and out-of-scope newly asked:        ${percent(level.faqAsked)} (target ≤ ${percent(TARGETS.maxFaqAsked)})`);

if (args.includes('--write')) {
  const path = join(knowledgeDirectory(), KNOWLEDGE_FILES.safetyModel);
  writeFileSync(path, `${HEADER}\n${stringify(model, { lineWidth: 0 })}`);
  console.log(`Saved to ${path}; run npm run kb:check and npm test.`);
}
