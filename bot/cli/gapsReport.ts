/**
 * `npm run kb:gaps [-- --json]`: the questions the bot could not answer (the gaps log, GAPS_LOG=on),
 * clustered, with the nearest FAQ entries and a ready-to-paste alternates line or "new topic?", and
 * the least helpful answers by 👍/👎. Reads the store the bot writes: files under GAPS_DIR, or the
 * Blob container with STATE_STORAGE=blob. Deletes expired records first. It lives in bot/ because it
 * reads the bot's store; the report itself is plain knowledge/ logic.
 */
import { config as loadDotenv } from 'dotenv';
import { join } from 'node:path';
import { formatGapsReport } from '../../knowledge/gaps/formatGapsReport';
import { buildGapsReport } from '../../knowledge/gaps/gapsReport';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';
import { loadKnowledgeBaseOrExit } from '../../knowledge/cli/cliSupport';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { loadConfigOrExit } from '../config';
import { createLearningStore } from '../learning/createLearningStore';

loadDotenv({ path: join(findProjectRoot(), '.env'), quiet: true });

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const config = loadConfigOrExit();
  const knowledgeBase = loadKnowledgeBaseOrExit(config.knowledgeDir);
  const store = createLearningStore(config.gaps);
  await store.deleteExpired();
  const { records, unreadable } = await store.readGaps();
  const report = buildGapsReport(records, await store.readFeedback(), knowledgeBase, new MessageRouter(knowledgeBase), store.retentionDays);
  if (json) {
    console.log(JSON.stringify({ ...report, unreadable, gapsLog: config.gaps.enabled ? 'on' : 'off' }, null, 2));
    return;
  }
  const where = config.gaps.store.kind === 'blob' ? `Blob container ${config.gaps.store.container}` : config.gaps.store.directory;
  console.log(`Gaps log: ${config.gaps.enabled ? 'on' : 'off (GAPS_LOG=on to keep unanswered questions)'}; store: ${where}\n`);
  console.log(formatGapsReport(report));
  if (unreadable > 0) console.log(`\n(${unreadable} line(s) in the store were not records and were skipped.)`);
}

main().catch((error: unknown) => {
  console.error('kb:gaps failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
