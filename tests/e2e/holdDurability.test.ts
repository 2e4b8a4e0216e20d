import type { Activity } from 'botbuilder';
import { SCREENING_TRACE } from '../../dialogs/screeningDialog';
import { BlobStateStorage } from '../../bot/state/blobStateStorage';
import { SafetyHold } from '../../dialogs/safetyHold';
import { startAzurite, type Azurite } from '../support/azurite';
import type { BotEndpoint } from '../support/botEndpoint';
import { startBot, startHungChannel, type RunningBot } from '../support/botUnderTest';
import { ConnectorRecorder } from '../support/connectorRecorder';
import { visibleText } from '../support/dialogCases';
import { request } from '../support/httpClient';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

/**
 * The safety hold outlives what used to undo it: a restart, a failing or silent channel, failed
 * turns and malformed requests. Real restify server and CloudAdapter, conversation state in Azure
 * Blob Storage on a real Azurite; nock stands in for the channel's connector.
 */
const { knowledgeBase, composer } = fixtureKnowledge();
const { screening, clinic, providers } = knowledgeBase;
// Loopback channels, as the Emulator's (unauthenticated bots reply only on this machine); nock answers for them.
const OK = 'http://127.0.0.1:59201';
const FAILING = 'http://127.0.0.1:59202';
const redFlag = 'i have had a fever for days and my back really hurts, can art help';
const seeDoctorIndex = screening.questions.findIndex((question) => question.level === 'see-doctor');
const bookingUrls = [clinic.bookingUrl, ...providers.flatMap((provider) => (provider.bookingUrl === undefined ? [] : [provider.bookingUrl]))];
const onHoldText = composer.bookingOnHold('see-doctor').text;

let azurite: Azurite;
const connector = new ConnectorRecorder();
const running: RunningBot[] = [];

async function blobBot(container: string, replyBudgetMs = 1000): Promise<RunningBot> {
  const bot = await startBot({ state: { kind: 'blob', connectionString: azurite.connectionString, container } }, { replyBudgetMs });
  running.push(bot);
  return bot;
}

beforeAll(async () => {
  azurite = await startAzurite();
  connector.accepting(OK).failing(FAILING);
}, 30_000);

afterAll(async () => {
  ConnectorRecorder.stopAll();
  await Promise.all(running.map((bot) => bot.close()));
  await azurite.stop();
});

/** Asks to book and expects the hold: the advice again, no screen, no booking link anywhere. */
async function expectHeld(endpoint: BotEndpoint): Promise<void> {
  connector.take();
  const response = await endpoint.say("I'd like to book an appointment");
  expect(response.status).toBe(200);
  const shown = visibleText(connector.take());
  expect(shown).toContain(onHoldText.slice(0, 60));
  expect(shown).not.toContain(screening.intro);
  for (const url of bookingUrls) expect(shown).not.toContain(url);
}

/** Walks the screen up to its first see-doctor question. */
async function toSeeDoctorQuestion(endpoint: BotEndpoint): Promise<void> {
  await endpoint.say("I'd like to book an appointment");
  for (let index = 0; index < seeDoctorIndex; index += 1) await endpoint.say('No');
  connector.take();
}

type Raise = (bot: RunningBot, conversationId: string, serviceUrl: string) => Promise<void>;

const raisers: [string, Raise][] = [
  ['a red flag typed in chat', async (bot, id, serviceUrl) => void (await bot.endpoint(id, serviceUrl).say(redFlag))],
  ['"yes" to a see-doctor question', async (bot, id, serviceUrl) => {
    await toSeeDoctorQuestion(bot.endpoint(id, OK));
    await bot.endpoint(id, serviceUrl).say('yes');
  }],
  ['a red flag typed in the middle of the screen', async (bot, id, serviceUrl) => {
    await bot.endpoint(id, OK).say("I'd like to book an appointment");
    await bot.endpoint(id, serviceUrl).say(redFlag);
  }],
];

describe('the safety hold with Blob storage on Azurite', () => {
  it.each(raisers)('survives a restart after %s', async (name, raise) => {
    const id = `restart-${name.replace(/\W+/g, '-')}`;
    const first = await blobBot('holds-restart');
    await raise(first, id, OK);
    await first.close();
    const second = await blobBot('holds-restart');
    await expectHeld(second.endpoint(id, OK));
  });

  it.each(raisers)('holds after %s while the channel answers 500', async (name, raise) => {
    const bot = await blobBot('holds-channel-500');
    const id = `failing-${name.replace(/\W+/g, '-')}`;
    await raise(bot, id, FAILING);
    await expectHeld(bot.endpoint(id, OK));
  });

  it('holds after a red flag while the channel never answers, and still answers the request', async () => {
    const hung = await startHungChannel();
    try {
      const bot = await blobBot('holds-hung', 500);
      const response = await bot.endpoint('hung-1', hung.serviceUrl).say(redFlag);
      expect(response.status).toBe(200);
      expect(hung.requests()).toBeGreaterThan(0);
      await expectHeld(bot.endpoint('hung-1', OK));
    } finally {
      await hung.close();
    }
  });

  it('keeps the hold through a later failed turn, which resets only the dialog stack', async () => {
    const bot = await blobBot('holds-later-failure');
    await bot.endpoint('later-1', OK).say(redFlag);
    // A turn that fails (the channel is down) goes through onTurnError.
    await bot.endpoint('later-1', FAILING).say('how long is a session');
    await expectHeld(bot.endpoint('later-1', OK));
  });

  it('keeps the screening flags answered yes when a failed turn resets the screen', async () => {
    const bot = await blobBot('holds-flags');
    const caution = screening.questions.findIndex((question) => question.level === 'caution');
    const endpoint = bot.endpoint('flags-1', OK);
    await endpoint.say("I'd like to book an appointment");
    for (let index = 0; index < caution; index += 1) await endpoint.say('No');
    await bot.endpoint('flags-1', FAILING).say('yes');
    // The stack is gone, so this starts a new screen; the flag answered yes in the failed turn is still stored.
    connector.take();
    await endpoint.say('cancel');
    const traces = connector.take().filter((activity: Partial<Activity>) => activity.type === 'trace' && activity.name === SCREENING_TRACE);
    expect(traces).toEqual([]);
    const storage = new BlobStateStorage(azurite.connectionString, 'holds-flags');
    const key = SafetyHold.keyForState('emulator/conversations/flags-1/');
    const stored: Record<string, { screeningFlags?: unknown } | undefined> = await storage.read([key]);
    expect(stored[key]?.screeningFlags).toEqual([screening.questions[caution]?.id]);
  });

  const malformed: [string, Record<string, unknown>][] = [
    ['"entities": "x"', { entities: 'x' }],
    ['conversation.isGroup as an object', { conversation: { id: 'malformed-1', isGroup: {} } }],
    ['a numeric from.role', { from: { id: 'patient-1', role: 5 } }],
    ['membersAdded as a string', { type: 'conversationUpdate', membersAdded: 'x' }],
  ];

  it.each(malformed)('answers %s with a 400 and keeps the hold', async (_name, fields) => {
    const bot = await blobBot('holds-malformed');
    const endpoint = bot.endpoint('malformed-1', OK);
    await endpoint.say(redFlag);
    const response = await endpoint.post(endpoint.activity({ type: 'message', text: 'hello', ...fields }));
    expect(response.status).toBe(400);
    await expectHeld(endpoint);
  });

  it('keeps the hold when a value nested 5,000 deep is posted', async () => {
    const bot = await blobBot('holds-malformed');
    const endpoint = bot.endpoint('malformed-deep', OK);
    await endpoint.say(redFlag);
    const body = JSON.stringify(endpoint.activity({ type: 'message', text: 'hi' }));
    const response = await request('POST', `${bot.baseUrl}/api/messages`, {
      rawBody: `${body.slice(0, -1)},"value":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
    });
    expect(response.status).toBe(400);
    await expectHeld(endpoint);
  });
});
