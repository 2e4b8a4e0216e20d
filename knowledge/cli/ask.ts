/**
 * `npm run ask -- "does ART hurt"`: shows how the bot routes one message, for curators tuning the YAML.
 */
import { MessageRouter } from '../routing/messageRouter';
import { exitWithUsage, loadKnowledgeBaseOrExit } from './cliSupport';

const text = process.argv.slice(2).join(' ').trim();
if (text === '') exitWithUsage('Usage: npm run ask -- "a patient question"');

const knowledgeBase = loadKnowledgeBaseOrExit();
const router = new MessageRouter(knowledgeBase);
const decision = router.route(text);

console.log(`route:      ${decision.route}`);
console.log(`id:         ${decision.id ?? '(none)'}`);
console.log(`score:      ${decision.score.toFixed(3)}`);
const { answerAt, suggestAt } = knowledgeBase.matching.decision;
console.log(`confidence: ${router.confidence(text).confidence.toFixed(3)}  (answers at ${answerAt}, offers "did you mean" at ${suggestAt})`);
console.log('candidates:');
for (const candidate of decision.candidates) console.log(`  ${candidate.score.toFixed(3)}  ${candidate.id}`);
if (decision.route === 'red-flag' || decision.route === 'emergency') {
  console.log(`safety:     ${decision.findings.map((finding) => `${finding.ruleId} (${finding.level})`).join(', ')}`);
}
if ('touchesSafety' in decision && decision.touchesSafety === true) console.log('safety:     uses a word safety.yaml knows (never kept in the gaps log)');
if (decision.route === 'answer') {
  const entry = knowledgeBase.faq.find((faq) => faq.id === decision.id);
  if (entry !== undefined) console.log(`\n${entry.question}\n\n${entry.answer.trim()}`);
}
