import { ContainerClient } from '@azure/storage-blob';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { BlobStateStorage } from '../../bot/state/blobStateStorage';
import { replyMarkdown } from '../../dialogs/rendering/activityRenderer';
import { SafetyHold } from '../../dialogs/safetyHold';
import { startAzurite, type Azurite } from '../support/azurite';
import { BotEndpoint } from '../support/botEndpoint';
import { startBot, type RunningBot } from '../support/botUnderTest';
import { ConnectorRecorder } from '../support/connectorRecorder';
import { visibleText } from '../support/dialogCases';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

/**
 * "Forget me" with Blob storage on a real Azurite, through the real restify server and CloudAdapter:
 * the conversation's state blob is deleted from the container, its safety-hold blob is kept, and
 * booking is still held afterwards, also after a restart. nock stands in for the channel's connector.
 */
const { knowledgeBase, composer } = fixtureKnowledge();
const { screening } = knowledgeBase;
const OK = 'http://127.0.0.1:59211';
const redFlag = 'i have had a fever for days and my back really hurts, can art help';
const forgotten = replyMarkdown(composer.forgotten({ holdKept: false }));
const forgottenHeld = replyMarkdown(composer.forgotten({ holdKept: true }));
const onHoldText = composer.bookingOnHold('see-doctor').text;

let azurite: Azurite;
const connector = new ConnectorRecorder();
const running: RunningBot[] = [];

async function blobBot(container: string): Promise<RunningBot> {
  const bot = await startBot({ state: { kind: 'blob', connectionString: azurite.connectionString, container } });
  running.push(bot);
  return bot;
}

beforeAll(async () => {
  azurite = await startAzurite();
  connector.accepting(OK);
}, 30_000);

afterAll(async () => {
  ConnectorRecorder.stopAll();
  await Promise.all(running.map((bot) => bot.close()));
  await azurite.stop();
});

/** The blob a storage key is written to (BlobsStorage drops the trailing slash and URI-encodes the key). */
const blobName = (key: string): string => sanitizeBlobKey(key);

/** The names of the blobs in a container that belong to the conversation whose state key is given. */
async function blobsOf(container: string, stateKey: string): Promise<string[]> {
  const base = blobName(stateKey);
  const names: string[] = [];
  for await (const blob of new ContainerClient(azurite.connectionString, container).listBlobsFlat()) {
    if (blob.name === base || blob.name.startsWith(`${base}${encodeURIComponent('/')}`)) names.push(blob.name);
  }
  return names.sort();
}

async function stored(container: string, key: string): Promise<Record<string, unknown> | undefined> {
  const items: Record<string, Record<string, unknown> | undefined> = await new BlobStateStorage(azurite.connectionString, container).read([key]);
  return items[key];
}

async function say(endpoint: BotEndpoint, text: string): Promise<string> {
  connector.take();
  const response = await endpoint.say(text);
  expect(response.status).toBe(200);
  return visibleText(connector.take());
}

describe.each(['emulator', 'webchat', 'msteams'])('"forget me" with Blob storage on Azurite, %s', (channelId) => {
  const container = `forget-${channelId}`;
  const stateKey = (id: string): string => `${channelId}/conversations/${id}/`;
  const endpoint = (bot: RunningBot, id: string): BotEndpoint => new BotEndpoint(bot.baseUrl, { channelId, serviceUrl: OK, conversationId: id });

  it('deletes the conversation state blob, keeps the safety-hold blob, and booking stays held, after a restart too', async () => {
    const id = 'held-1';
    const bot = await blobBot(container);
    await say(endpoint(bot, id), redFlag);
    await say(endpoint(bot, id), 'my chest feels weird');
    const holdKey = SafetyHold.keyForState(stateKey(id));
    expect(await blobsOf(container, stateKey(id))).toEqual([blobName(stateKey(id)), blobName(holdKey)].sort());
    expect((await stored(container, stateKey(id)))?.safetyChecksAsked).toEqual(['chest']);

    const reply = await say(endpoint(bot, id), 'forget me');
    expect(reply).toContain(forgottenHeld);
    expect(reply).not.toContain(knowledgeBase.conversation.findProviderLabel);
    // Only the hold's blob is left, with the hold as it was and no screening answers.
    expect(await blobsOf(container, stateKey(id))).toEqual([blobName(holdKey)]);
    expect(await stored(container, stateKey(id))).toBeUndefined();
    expect(await stored(container, holdKey)).toMatchObject({ hold: { level: 'see-doctor' }, screeningFlags: [] });

    await bot.close();
    const restarted = await blobBot(container);
    const afterwards = await say(endpoint(restarted, id), "I'd like to book an appointment");
    expect(afterwards).toContain(onHoldText.slice(0, 60));
    expect(afterwards).not.toContain(screening.intro);
  });

  it('leaves no blob at all for a conversation with no hold, mid-screen with a screening answer given', async () => {
    const id = 'clear-1';
    const bot = await blobBot(container);
    const caution = screening.questions.findIndex((question) => question.level === 'caution');
    await say(endpoint(bot, id), "I'd like to book an appointment");
    for (let index = 0; index < caution; index += 1) await say(endpoint(bot, id), 'No');
    await say(endpoint(bot, id), 'yes');
    const holdKey = SafetyHold.keyForState(stateKey(id));
    expect(await stored(container, holdKey)).toMatchObject({ screeningFlags: [screening.questions[caution]?.id] });

    const reply = await say(endpoint(bot, id), 'delete my data');
    expect(reply).toContain(forgotten);
    expect(reply).not.toContain(forgottenHeld.slice(forgotten.length).trim().slice(0, 40));
    expect(await stored(container, stateKey(id))).toBeUndefined();
    // The hold record's blob stays (it holds no hold), emptied of the screening answer.
    const record = await stored(container, holdKey);
    expect(record?.hold).toBeUndefined();
    expect(record?.screeningFlags).toEqual([]);
    expect(await blobsOf(container, stateKey(id))).toEqual([blobName(holdKey)]);
  });
});
