/**
 * `npm run eval -- --file tests/eval/dev-set.yaml [--file more.yaml …] [--json]`: runs the router over
 * labelled sets and reports accuracy per id, confusions and failures (or everything as JSON).
 */
import { resolve } from 'node:path';
import { evaluateRouter, isCorrect, missedTargets, outcomeLabel, summarize } from '../eval/evaluateRouter';
import { loadLabelledSet } from '../eval/labelledSet';
import { KnowledgeBaseError } from '../loading/knowledgeBaseError';
import { MessageRouter } from '../routing/messageRouter';
import { exitWithUsage, flagValues, loadKnowledgeBaseOrExit } from './cliSupport';

const args = process.argv.slice(2);
const files = flagValues(args, '--file');
if (files.length === 0) exitWithUsage('Usage: npm run eval -- --file <labelled.yaml> [--file <more.yaml> …] [--json]');

const knowledgeBase = loadKnowledgeBaseOrExit();
let items;
try {
  const faqIds = new Set(knowledgeBase.faq.map((entry) => entry.id));
  items = files.flatMap((file) => loadLabelledSet(resolve(process.env.INIT_CWD ?? process.cwd(), file), faqIds));
} catch (error) {
  if (!(error instanceof KnowledgeBaseError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const results = evaluateRouter(new MessageRouter(knowledgeBase), items, knowledgeBase.matching.maxSuggestions);
const summary = summarize(results);

if (args.includes('--json')) {
  console.log(JSON.stringify({ results, summary }, null, 2));
} else {
  const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
  console.log(`Evaluated ${summary.items} messages (${summary.faqItems} FAQ questions).\n`);
  console.log('Accuracy per label:');
  for (const [label, tally] of Object.entries(summary.perLabel).sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`  ${percent(tally.correct / tally.total).padStart(6)}  ${String(tally.correct).padStart(3)}/${String(tally.total).padEnd(3)} ${label}`);
  }
  const categories = Object.entries(summary.perCategory).sort(([a], [b]) => a.localeCompare(b));
  if (categories.length > 0) {
    console.log('\nSafety items and look-alikes per category (direct = a safety reply, which for look-alikes is a false alarm; asked = a check question):');
    console.log(`  ${'direct'.padStart(7)} ${'asked'.padStart(7)} ${'either'.padStart(7)}  ${'n'.padStart(4)}  category`);
    for (const [category, tally] of categories) {
      const rate = (count: number): string => percent(count / tally.total).padStart(7);
      console.log(`  ${rate(tally.direct)} ${rate(tally.asked)} ${rate(tally.direct + tally.asked)}  ${String(tally.total).padStart(4)}  ${category}`);
    }
  }
  console.log('\nConfusions (expected → got):');
  for (const { expect, got, count } of summary.confusions) console.log(`  ${count} × ${expect} → ${got}`);
  console.log('\nFailures:');
  for (const result of results.filter((r) => !isCorrect(r))) {
    const top = result.candidates.map((c) => `${c.id} ${c.score.toFixed(2)}`).join(', ');
    console.log(`  [${result.expect} → ${outcomeLabel(result)} via ${result.route}] ${result.text}\n      ${top}`);
  }
  console.log('\nSummary:');
  console.log(`  top-1 accuracy on FAQ items:        ${percent(summary.top1Accuracy)}`);
  console.log(`  answered outright and correct:      ${percent(summary.answeredAccuracy)}`);
  console.log(`  answered right, or offered:         ${percent(summary.answeredOrOfferedRate)}`);
  console.log(`  answered with a wrong entry:        ${percent(summary.wrongAnswerRate)}`);
  if (summary.twoQuestionItems > 0) {
    console.log(`  second question answered / offered: ${percent(summary.secondQuestionAnswered)} / ${percent(summary.secondQuestionOffered)} (${summary.twoQuestionItems} two-question items)`);
  }
  console.log(`  out-of-scope answered as FAQ:       ${percent(summary.noneAnsweredRate)}`);
  console.log(`  emergencies routed to emergency:    ${percent(summary.emergencyRecall)} (with check questions: ${percent(summary.emergencyCaughtOrAsked)})`);
  console.log(`  red flags + emergencies to safety:  ${percent(summary.safetyRecall)} (with check questions: ${percent(summary.safetyCaughtOrAsked)})`);
  console.log(`  not safety, wrongly to safety:      ${percent(summary.falseSafetyRate)}`);
  console.log(`  FAQ/out-of-scope asked a check:     ${percent(summary.faqCheckRate)}`);
  console.log(`  look-alikes blocked / asked:        ${percent(summary.lookAlikeBlockedRate)} / ${percent(summary.lookAlikeAskedRate)}`);
  const missed = missedTargets(summary);
  console.log(missed.length === 0 ? '\nAll targets met.' : `\nTargets missed:\n${missed.map((m) => `  - ${m}`).join('\n')}`);
}
