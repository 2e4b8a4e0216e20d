import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerClient } from '@azure/storage-blob';
import type { Activity, CardAction } from 'botbuilder';
import type { GapsSettings } from '../../bot/config';
import { createLearningStore } from '../../bot/learning/createLearningStore';
import { answerFeedbackClick } from '../../dialogs/answerFeedback';
import { FAQ_ROUTING_TRACE } from '../../dialogs/turnRouting';
import { dayOf } from '../../knowledge/gaps/gapRecord';
import { buildGapsReport } from '../../knowledge/gaps/gapsReport';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { startAzurite, type Azurite } from '../support/azurite';
import { BotEndpoint } from '../support/botEndpoint';
import { startBot, type RunningBot } from '../support/botUnderTest';
import { ConnectorRecorder } from '../support/connectorRecorder';
import { KnowledgeCopy } from '../unit/support/knowledgeCopy';

/**
 * The gaps log through the real restify server and CloudAdapter on the Emulator channel (nock
 * answers for its connector): an unanswerable question is stored redacted, a safety message is not;
 * and the loop the clinic asked for: kb:gaps' suggested alternates line pasted into faq.yaml makes
 * the question answered after a restart. Then the same with Blob storage on a real Azurite.
 */
const OK = 'http://127.0.0.1:59231';
const connector = new ConnectorRecorder();
const running: RunningBot[] = [];
const folders: string[] = [];
const copies: KnowledgeCopy[] = [];
let azurite: Azurite;

beforeAll(async () => {
  azurite = await startAzurite();
  connector.accepting(OK);
}, 30_000);

afterAll(async () => {
  ConnectorRecorder.stopAll();
  await Promise.all(running.map((bot) => bot.close()));
  copies.forEach((copy) => copy.dispose());
  folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
  await azurite.stop();
});

function folderGaps(): GapsSettings {
  const folder = mkdtempSync(join(tmpdir(), 'gaps-e2e-'));
  folders.push(folder);
  return { enabled: true, retentionDays: 30, store: { kind: 'file', directory: folder } };
}

async function bot(config: Parameters<typeof startBot>[0]): Promise<RunningBot> {
  const started = await startBot(config);
  running.push(started);
  return started;
}

async function say(running: RunningBot, conversationId: string, text: string): Promise<Partial<Activity>[]> {
  connector.take();
  const response = await new BotEndpoint(running.baseUrl, { channelId: 'emulator', serviceUrl: OK, conversationId }).say(text);
  expect(response.status).toBe(200);
  return connector.take();
}

const routeOf = (activities: readonly Partial<Activity>[]): unknown => activities.find((activity) => activity.type === 'trace' && activity.name === FAQ_ROUTING_TRACE.name)?.value;

describe('the gaps log through the real server (Emulator channel)', () => {
  it('stores an unanswerable question redacted, with no ids, and never a safety message', async () => {
    const gaps = folderGaps();
    const service = await bot({ gaps });
    await say(service, 'gap-1', 'my name is Sarah Jones, do you sell gift cards? I saw them on 12/03/2025');
    await say(service, 'gap-2', 'i have crushing chest pain, do you sell gift cards');
    await say(service, 'gap-3', 'my chest feels weird, is there wifi in the waiting room');
    await say(service, 'gap-3', 'no');

    const { records } = await createLearningStore(gaps).readGaps();
    expect(records).toEqual([
      { day: dayOf(Date.now()), channel: 'emulator', route: 'fallback', text: 'my name is [name], do you sell gift cards? I saw them on [date]', candidates: expect.any(Array) as unknown },
    ]);
    expect(JSON.stringify(records)).not.toMatch(/gap-1|gap-2|Sarah|chest|user/i);
  });

  it('closes the loop: kb:gaps suggests an alternate, and once pasted the question is answered after a restart', async () => {
    const gaps = folderGaps();
    const copy = KnowledgeCopy.create();
    copies.push(copy);
    const before = await bot({ gaps, knowledgeDir: copy.directory });
    // "Did you mean" (What does it cost?…), and the patient asks again in other words instead of pressing it.
    expect(routeOf(await say(before, 'loop-1', 'are there any discounts'))).toMatchObject({ route: 'suggest', id: 'cost-and-insurance' });
    await say(before, 'loop-1', 'what do students pay');

    const store = createLearningStore(gaps);
    const { records } = await store.readGaps();
    expect(records.map((record) => [record.route, record.text])).toEqual([['rephrased', 'are there any discounts']]);
    const knowledgeBase = loadKnowledgeBase(copy.directory);
    const report = buildGapsReport(records, await store.readFeedback(), knowledgeBase, new MessageRouter(knowledgeBase), store.retentionDays);
    const suggestion = report.clusters[0]?.suggestion;
    expect(suggestion).toMatchObject({ entryId: 'cost-and-insurance', line: '      - are there any discounts' });

    // What staff do: paste the line under the entry's alternates, then restart.
    copy.editEntryField('faq.yaml', 'cost-and-insurance', 'alternates', (lines) => [...lines, suggestion?.line ?? '']);
    await before.close();
    const after = await bot({ gaps, knowledgeDir: copy.directory });
    const reply = await say(after, 'loop-2', 'are there any discounts');
    expect(routeOf(reply)).toMatchObject({ route: 'answer', id: 'cost-and-insurance' });
    expect(reply.find((activity) => activity.type === 'message')?.text).toContain(knowledgeBase.faq.find((entry) => entry.id === 'cost-and-insurance')?.answer.trim().slice(0, 50));
  });

  it('counts a 👎 on an answer in the same store (per entry and day, nothing else), and keeps no gap for it', async () => {
    const gaps = folderGaps();
    const service = await bot({ gaps });
    const answer = await say(service, 'feedback-1', 'how long does a session take');
    const buttons = answer.flatMap((activity) => activity.suggestedActions?.actions ?? []).filter((action: CardAction) => answerFeedbackClick({ value: action.value as unknown }) !== undefined);
    const notHelpful = buttons[1];
    if (notHelpful === undefined) throw new Error('the answer did not ask "Did this help?"');
    connector.take();
    const endpoint = new BotEndpoint(service.baseUrl, { channelId: 'emulator', serviceUrl: OK, conversationId: 'feedback-1' });
    // As Web Chat and the Emulator send a messageBack: the label as text, and the value.
    const response = await endpoint.post(endpoint.activity({ type: 'message', text: notHelpful.text, value: notHelpful.value as unknown, channelData: { messageBack: { displayText: notHelpful.displayText } } }));
    expect(response.status).toBe(200);

    const store = createLearningStore(gaps);
    expect(await store.readFeedback()).toEqual([{ day: dayOf(Date.now()), entryId: 'session-length', helpful: 0, notHelpful: 1 }]);
    expect((await store.readGaps()).records).toEqual([]);
  });
});

describe('the gaps log with Blob storage on Azurite, through the real server', () => {
  it('writes to its own container in the state storage account, redacted, and never a safety message', async () => {
    const state = { kind: 'blob' as const, connectionString: azurite.connectionString, container: 'e2e-state' };
    const gaps: GapsSettings = { enabled: true, retentionDays: 30, store: { kind: 'blob', connectionString: azurite.connectionString, container: 'e2e-state-gaps' } };
    const service = await bot({ state, gaps });
    await say(service, 'blob-1', "Hi, I'm Priya, is there wifi in the waiting room? I'm priya@example.com");
    await say(service, 'blob-2', 'i fell down the stairs yesterday and is there wifi in the waiting room');

    const names: string[] = [];
    for await (const blob of new ContainerClient(azurite.connectionString, 'e2e-state-gaps').listBlobsFlat()) names.push(blob.name);
    expect(names).toEqual([`gaps-${dayOf(Date.now())}.jsonl`]);
    const { records } = await createLearningStore(gaps).readGaps();
    expect(records.map((record) => record.text)).toEqual(["Hi, I'm [name], is there wifi in the waiting room? I'm [email]"]);
    // The conversation state container holds the conversations, and no gaps file.
    const stateNames: string[] = [];
    for await (const blob of new ContainerClient(azurite.connectionString, 'e2e-state').listBlobsFlat()) stateNames.push(blob.name);
    expect(stateNames.length).toBeGreaterThan(0);
    expect(stateNames.some((name) => name.startsWith('gaps-'))).toBe(false);
  });
});
