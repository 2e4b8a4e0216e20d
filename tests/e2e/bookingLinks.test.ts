import type { Activity } from 'botbuilder';
import { startBot, type RunningBot } from '../support/botUnderTest';
import { ConnectorRecorder } from '../support/connectorRecorder';
import { fakeDateOnly } from '../support/fakeDate';
import { request } from '../support/httpClient';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

/**
 * The Book online buttons the bot shows go through its own signed /book links: straight to the
 * provider without a hold, to the chat's advice and the clinic phone with one, even for cards shown
 * before the red flag was disclosed.
 */
const { knowledgeBase, composer } = fixtureKnowledge();
const { screening, providers, clinic } = knowledgeBase;
const CHANNEL = 'http://127.0.0.1:59301';
const connector = new ConnectorRecorder();
let bot: RunningBot;

beforeAll(async () => {
  connector.accepting(CHANNEL);
  bot = await startBot({ bookingLinkSecret: 'test-booking-secret', bookingLinkTtlMs: 3_600_000 });
});

afterAll(async () => {
  ConnectorRecorder.stopAll();
  await bot.close();
});

afterEach(() => jest.useRealTimers());

/** Walks the screen with all "no" to provider cards and returns their Book online links. */
async function bookingLinks(conversationId: string): Promise<string[]> {
  const endpoint = bot.endpoint(conversationId, CHANNEL);
  await endpoint.say("I'd like to book an appointment");
  for (let index = 0; index < screening.questions.length; index += 1) await endpoint.say('No');
  connector.take();
  await endpoint.say('my knee');
  const cards = connector.take().flatMap((activity: Partial<Activity>) => activity.attachments ?? []);
  const buttons = cards.flatMap((card) => (card.content as { buttons?: { title: string; value: string }[] }).buttons ?? []);
  return buttons.filter((button) => button.title === screening.providerCard.bookLabel).map((button) => button.value);
}

function providerOf(link: string) {
  const id = decodeURIComponent(new URL(link).pathname.split('/').pop() ?? '');
  const provider = providers.find((candidate) => candidate.id === id);
  if (provider === undefined) throw new Error(`no provider ${id}`);
  return provider;
}

describe('signed /book links', () => {
  it('show only the bot’s own links on the cards, carrying no personal data', async () => {
    const links = await bookingLinks('links-1');
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.startsWith(`${bot.baseUrl}/book/`)).toBe(true);
      expect(link).not.toContain(providerOf(link).bookingUrl ?? 'no-url');
      expect(Buffer.from(new URL(link).searchParams.get('c')?.split('.')[0] ?? '', 'base64url').toString()).not.toMatch(/patient|Patient/);
    }
  });

  it('redirect to the provider’s booking page while there is no hold', async () => {
    const [link] = await bookingLinks('links-2');
    const response = await request('GET', link!);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(providerOf(link!).bookingUrl);
  });

  it('stop working once a red flag is disclosed after the cards were shown: the advice and the clinic phone instead', async () => {
    const [link] = await bookingLinks('links-3');
    await bot.endpoint('links-3', CHANNEL).say('i got tackled at rugby yesterday and i think my collarbone is broken, can art help');
    const response = await request('GET', link!);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain(clinic.phone);
    expect(response.text).toContain(composer.bookingOnHold('see-doctor').text.split('\n')[0]!.replace(/\*\*/g, '').slice(0, 40));
    expect(response.text).not.toContain(providerOf(link!).bookingUrl);
  });

  it.each([
    ['a changed signature', (link: string) => `${link.slice(0, -2)}xx`],
    ['another provider in the path', (link: string) => link.replace(/\/book\/[^?]+/, '/book/someone-else')],
    ['no token', (link: string) => link.split('?')[0]!],
    ['a token forged without the secret', (link: string) => link.replace(/c=[^.]+/, `c=${Buffer.from('{"k":"x","p":"y","e":9999999999}').toString('base64url')}`)],
  ])('refuse %s with 404', async (_name, tamper) => {
    const [link] = await bookingLinks(`links-tamper-${Math.random()}`);
    const response = await request('GET', tamper(link!));
    expect(response.status).toBe(404);
    expect(response.headers.location).toBeUndefined();
  });

  it('expire: 410 after their lifetime', async () => {
    const [link] = await bookingLinks('links-expire');
    fakeDateOnly(Date.now() + 3_600_000 + 1000);
    const response = await request('GET', link!);
    expect(response.status).toBe(410);
  });
});
