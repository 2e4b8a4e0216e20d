/**
 * `npm run kb:check [-- --leave-one-out]`: validates every YAML file exactly as the bot does at
 * start-up, then lists near-collisions (phrasings the matcher confuses with another entry) and
 * warns about entries whose review is missing or out of date and entries with too few evaluation
 * messages to be measured. `--today YYYY-MM-DD` checks the reviews as on another day.
 */
import { join, relative } from 'node:path';
import { faqEvaluationFiles, MIN_EVALUATION_MESSAGES, underMeasuredEntries } from '../eval/evaluationCoverage';
import { loadLabelledSet } from '../eval/labelledSet';
import { findProjectRoot } from '../loading/projectRoot';
import { findNearCollisions } from '../eval/nearCollisions';
import { MessageRouter } from '../routing/messageRouter';
import { reviewReport } from '../reviews/answerReviews';
import { SafetyDetector } from '../safety/safetyDetector';
import { topicModelGaps } from '../matching/topicModel';
import { learnedCheckGaps } from '../safety/learnedCheck';
import { shorthandInRules } from '../safety/shorthandInRules';
import { DATE_FORMAT, parseCalendarDate } from '../reviews/calendarDate';
import { evaluationDirectory, exitWithUsage, flagValue, knowledgeDirectory, loadKnowledgeBaseOrExit } from './cliSupport';

const leaveOneOut = process.argv.includes('--leave-one-out');
const todayFlag = flagValue(process.argv, '--today');
const today = todayFlag === undefined ? undefined : parseCalendarDate(todayFlag);
if (todayFlag !== undefined && today === undefined) exitWithUsage(`--today must be a date written as ${DATE_FORMAT}`);
const now = today === undefined ? new Date() : new Date(today.year, today.month - 1, today.day, 12);
const directory = knowledgeDirectory();
const knowledgeBase = loadKnowledgeBaseOrExit(directory);
const phrasings = knowledgeBase.faq.reduce((total, entry) => total + 1 + entry.alternates.length, 0);
console.log(
  `✔ ${directory} is valid: ${knowledgeBase.faq.length} FAQ entries (${phrasings} phrasings), ` +
    `${knowledgeBase.safety.rules.length} safety rules, ${knowledgeBase.synonyms.synonyms.length} synonym groups, ` +
    `${knowledgeBase.screening.questions.length} screening questions, ${knowledgeBase.providers.length} providers.`,
);

const collisions = findNearCollisions(knowledgeBase, new MessageRouter(knowledgeBase), { leaveOneOut });
const how = leaveOneOut ? 'matched with itself left out, another entry outranks its own' : 'another entry scores as high as its own, or nearly';
if (collisions.length === 0) {
  console.log(`✔ No near-collisions (${leaveOneOut ? 'leave-one-out' : 'every phrasing clearly matches its own entry'}).`);
} else {
  console.log(`\n${collisions.length} near-collision(s): ${how}.`);
  console.log('Reword the phrasing so it clearly belongs to its entry, move it, or remove it.\n');
  for (const c of collisions) {
    console.log(`  ${c.entryId} (${c.ownScore.toFixed(2)}) ~ ${c.confusedWith} (${c.otherScore.toFixed(2)}): "${c.phrasing}"`);
  }
}

// A joining word's shorthand in safety.yaml stops the bot spelling it out for every message (a warning).
for (const { word, meaning } of shorthandInRules(new SafetyDetector(knowledgeBase.safety).vocabulary())) {
  console.log(`\n⚠ safety.yaml uses "${word}" in a phrase. The bot reads "${word}" in a message as "${meaning}" only while no phrase uses it, so "arm ${word} leg" no longer reads as "arm ${meaning} leg". Write "${meaning}" in the phrase instead.`);
}

// The learned topic model knows the entries it was fitted on (a warning: the ranking still answers the rest).
const topicGaps = topicModelGaps(knowledgeBase.faq.map((entry) => entry.id), knowledgeBase.faqModel);
if (topicGaps.unseen.length > 0 || topicGaps.gone.length > 0) {
  const listed = (ids: readonly string[]): string => ids.join(', ');
  if (topicGaps.unseen.length > 0) console.log(`\n⚠ faq-model.yaml has not learned ${listed(topicGaps.unseen)}: those entries are answered by the ranking alone.`);
  if (topicGaps.gone.length > 0) console.log(`\n⚠ faq-model.yaml still knows ${listed(topicGaps.gone)}, which faq.yaml no longer has (ignored).`);
  console.log('Re-fit it after adding evaluation messages for new entries: npm run kb:calibrate -- --write');
}

// A check that learns from evaluation messages needs its model fitted (a warning: its rules still ask).
const learnedGaps = learnedCheckGaps(knowledgeBase.safety.checks, knowledgeBase.safetyModel);
if (learnedGaps.unfitted.length > 0 || learnedGaps.notLearning.length > 0) {
  if (learnedGaps.unfitted.length > 0) console.log(`\n⚠ safety.yaml's checks ${learnedGaps.unfitted.join(', ')} name categories to learnFrom, but safety-model.yaml has no model for them yet.`);
  if (learnedGaps.notLearning.length > 0) console.log(`\n⚠ safety-model.yaml still has models for ${learnedGaps.notLearning.join(', ')}, whose checks no longer name categories to learnFrom (still used).`);
  console.log('Re-fit the learned checks: npm run kb:calibrate-safety -- --write');
}

// Every answer should have been checked by someone recently (a warning, not an error).
for (const line of reviewReport(knowledgeBase.faq, knowledgeBase.clinic.reviews, now)) console.log(line);

// Every entry should be measured: the evaluation sets in EVAL_DIR, by default tests/eval (a developer's checkout only).
const evaluationDir = evaluationDirectory();
const evaluationFiles = faqEvaluationFiles(evaluationDir);
const shownDir = relative(findProjectRoot(__dirname), evaluationDir) || evaluationDir;
if (evaluationFiles.length > 0) {
  const faqIds = knowledgeBase.faq.map((entry) => entry.id);
  const items = evaluationFiles.flatMap((file) => loadLabelledSet(file, new Set(faqIds)));
  const few = underMeasuredEntries(faqIds, items);
  if (few.length === 0) {
    console.log(`✔ Every FAQ entry has at least ${MIN_EVALUATION_MESSAGES} evaluation messages (${evaluationFiles.length} sets in ${shownDir}).`);
  } else {
    console.log(`\n⚠ ${few.length} FAQ entr${few.length === 1 ? 'y has' : 'ies have'} fewer than ${MIN_EVALUATION_MESSAGES} evaluation messages in ${shownDir}, so how well the bot answers them is not measured:`);
    for (const { id, count } of few) console.log(`  ${id}: ${count}`);
    console.log(`Ask someone who has not seen faq.yaml to write patient questions for them, and add those to a set in ${join(shownDir, 'faq-sets')}.`);
  }
}
