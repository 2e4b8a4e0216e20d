/**
 * `npm run kb:calibrate-safety [-- --write]`: fits the learned checks in safety-model.yaml (one per
 * check in safety.yaml that names categories to learnFrom) on the labelled tuning sets, picks each
 * one's level for a target rate of needless questions, and prints the rates those levels gave on
 * files the models had not seen (cross-validation). --write saves them.
 *
 * Sets: tests/eval/safety-sets/, faq-sets/, check-sets/ and dev-set.yaml. Never the sealed sets:
 * their figures after fitting are the only fair measure left.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { chooseAskLevel, crossValidatedScores, fitLearnedCheck, type AskTargets, type ScoredExample } from '../eval/fitLearnedCheck';
import { loadFileItems, type FileItem } from '../eval/labelledSet';
import { learnedCheckFiles, learnedExamples, learnedMessages, roundedModel, RULES_ONLY_MODEL } from '../eval/learnedModelSets';
import { KnowledgeBaseError } from '../loading/knowledgeBaseError';
import { KNOWLEDGE_FILES } from '../loading/knowledgeBase';
import { MessageRouter } from '../routing/messageRouter';
import type { LearnedCheckModel, SafetyModel } from '../schemas/safetyModelSchema';
import { evaluationDirectory, knowledgeDirectory, loadKnowledgeBaseOrExit } from './cliSupport';

/**
 * New questions each learned check may put to harmless messages, on files it never saw. Small, because
 * every check adds its own share to the total: look-alikes ≤ 0.1%, FAQ questions ≤ 0.05%. A check that
 * leads to the crisis reply may ask more (≤ 0.5%, ≤ 0.1%): people hint at suicide in words no rule can
 * list, and a missed one costs the most.
 */
const TARGETS: AskTargets = { maxLookAlikesAsked: 0.001, maxFaqAsked: 0.0005 };
const CRISIS_TARGETS: AskTargets = { maxLookAlikesAsked: 0.005, maxFaqAsked: 0.001 };
/** A check with fewer labelled messages than this gets no model: too few to learn a pattern from. */
const MIN_POSITIVES = 30;
const SAFETY_ROUTES = new Set(['emergency', 'red-flag', 'safety-check']);

const HEADER = `# The learned checks: second opinions beside safety.yaml's rules, one per check question.
#
# The rules in safety.yaml name warning signs phrase by phrase. Each model here weighs every word and
# pair of words seen in labelled patient messages (tests/eval), so it can notice a way of describing
# chest pain, a fall or "I want to die" that no rule lists yet. When a model's score for a message
# reaches its askAt, the bot asks the check question of its \`concept\` (in safety.yaml): "yes" gives
# that reply, "no" answers what was asked. A model never gives a safety reply by itself and never
# outranks a rule. A message gets at most one learned question, an emergency one first, and a
# conversation is asked each concept at most once.
#
# Do not edit by hand. A check in safety.yaml learns from the evaluation categories its \`learnFrom\`
# names. After adding evaluation messages or changing learnFrom, a developer re-fits every model with
# \`npm run kb:calibrate-safety -- --write\`, which prints, per check and in total, how often they
# catch what the rules miss and how often they ask harmless messages, measured on writers they were
# not fitted on.
`;

const args = process.argv.slice(2);
const knowledgeBase = loadKnowledgeBaseOrExit();
// The rules alone, so the fit sees what the rules already catch.
const router = new MessageRouter({ ...knowledgeBase, safetyModel: RULES_ONLY_MODEL });
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

const messages = learnedMessages(router, items);
const kinds = items.map((item): ScoredExample['kind'] => (item.expect === 'look-alike' ? 'look-alike' : ['emergency', 'red-flag'].includes(item.expect) ? 'other' : 'faq'));
const rulesAct = items.map((item) => SAFETY_ROUTES.has(router.route(item.text).route));
const round = (value: number): number => Math.round(value * 1000) / 1000;
const percent = (value: number): string => `${(value * 100).toFixed(value > 0 && value < 0.01 ? 2 : 1)}%`;
const models: LearnedCheckModel[] = [];
/** Harmless messages any learned check would newly ask, held out. */
const askedByAny = new Set<number>();

console.log(`Fitting on ${items.length} messages from ${files.length} files. Per check, on files held out of the fit (5-fold cross-validation):`);
console.log('  check: askAt · its messages it would ask · of those the rules miss, it asks · look-alikes / FAQ newly asked');
for (const check of knowledgeBase.safety.checks.filter((candidate) => candidate.learnFrom.length > 0)) {
  const examples = learnedExamples(messages, items, check.learnFrom);
  const positives = examples.filter((example) => example.positive).length;
  if (positives < MIN_POSITIVES) {
    console.log(`  ⚠ ${check.concept}: only ${positives} messages labelled ${check.learnFrom.join(' or ')} (needs ${MIN_POSITIVES}); no model. Ask blind writers for more.`);
    continue;
  }
  const heldOut = crossValidatedScores(examples);
  const rows: ScoredExample[] = examples.map((example, index) => ({ score: heldOut[index] ?? 0, positive: example.positive, kind: kinds[index] ?? 'faq', rulesAct: rulesAct[index] ?? false }));
  const level = chooseAskLevel(rows, check.reply === 'crisis' ? CRISIS_TARGETS : TARGETS);
  rows.forEach((row, index) => {
    if (row.kind !== 'other' && !row.rulesAct && row.score >= level.askAt) askedByAny.add(index);
  });
  const missedByRules = rows.filter((row) => row.positive && !row.rulesAct);
  models.push({
    concept: check.concept,
    askAt: level.askAt,
    ...roundedModel(fitLearnedCheck(examples)),
    fitted: {
      on: 'tests/eval safety-sets, faq-sets, check-sets and dev-set',
      messages: examples.length,
      positives,
      files: files.length,
      crossValidated: { caught: round(level.caught), lookAlikesAsked: round(level.lookAlikesAsked), faqAsked: round(level.faqAsked) },
    },
  });
  const caughtMissed = missedByRules.filter((row) => row.score >= level.askAt).length;
  console.log(`  ${check.concept}: ${level.askAt} · ${percent(level.caught)} of ${positives} · ${caughtMissed} of ${missedByRules.length} · ${percent(level.lookAlikesAsked)} / ${percent(level.faqAsked)}`);
}

const share = (kind: ScoredExample['kind']): string => {
  const all = kinds.filter((other) => other === kind).length;
  return percent(all === 0 ? 0 : [...askedByAny].filter((index) => kinds[index] === kind).length / all);
};
console.log(`${models.length} models, ${models.reduce((sum, model) => sum + Object.keys(model.weights).length, 0)} weights.`);
console.log(`Newly asked by any learned check, held out: look-alikes ${share('look-alike')}, FAQ and out-of-scope questions ${share('faq')}`);
console.log(`(targets per check: look-alikes ≤ ${percent(TARGETS.maxLookAlikesAsked)}, FAQ ≤ ${percent(TARGETS.maxFaqAsked)}; for the crisis reply ≤ ${percent(CRISIS_TARGETS.maxLookAlikesAsked)}, ≤ ${percent(CRISIS_TARGETS.maxFaqAsked)})`);

if (args.includes('--write')) {
  const path = join(knowledgeDirectory(), KNOWLEDGE_FILES.safetyModel);
  const model: SafetyModel = { checks: models };
  writeFileSync(path, `${HEADER}\n${stringify(model, { lineWidth: 0 })}`);
  console.log(`Saved to ${path}; run npm run kb:check and npm test.`);
}
