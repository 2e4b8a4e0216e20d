/**
 * `npm run kb:check`: validates every YAML file exactly as the bot does at start-up, then lists
 * near-collisions: phrasings the matcher confuses with another entry.
 */
import { findNearCollisions } from '../eval/nearCollisions';
import { MessageRouter } from '../routing/messageRouter';
import { knowledgeDirectory, loadKnowledgeBaseOrExit } from './cliSupport';

const directory = knowledgeDirectory();
const knowledgeBase = loadKnowledgeBaseOrExit(directory);
const phrasings = knowledgeBase.faq.reduce((total, entry) => total + 1 + entry.alternates.length, 0);
console.log(
  `✔ ${directory} is valid: ${knowledgeBase.faq.length} FAQ entries (${phrasings} phrasings), ` +
    `${knowledgeBase.safety.rules.length} safety rules, ${knowledgeBase.synonyms.synonyms.length} synonym groups.`,
);

const collisions = findNearCollisions(knowledgeBase, new MessageRouter(knowledgeBase));
if (collisions.length === 0) {
  console.log('✔ No near-collisions: every phrasing still matches its own entry when left out.');
} else {
  console.log(`\n${collisions.length} near-collision(s): with the phrasing left out, another entry wins or comes close.`);
  console.log('Consider rewording the phrasing, or adding clearer phrasings to its own entry.\n');
  for (const c of collisions) {
    console.log(`  ${c.entryId} (${c.ownScore.toFixed(2)}) ~ ${c.confusedWith} (${c.otherScore.toFixed(2)}): "${c.phrasing}"`);
  }
}
