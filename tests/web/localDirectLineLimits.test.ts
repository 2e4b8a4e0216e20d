import { fakeDateOnly } from '../support/fakeDate';
import { ActivityHandler } from 'botbuilder';
import { LOCAL_DIRECT_LINE_DOMAIN } from '../../bot/web/localDirectLine/localDirectLineRoutes';
import { request, type TestResponse } from '../support/httpClient';
import { LocalDirectLineClient } from './support/localDirectLineClient';
import { startWebTestServer, type WebTestServer } from './support/webTestServer';

/** The limits that keep one browser from exhausting the local channel's memory or the bot. */
describe('local Direct Line channel limits', () => {
  let app: WebTestServer | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const generate = (origin?: string): Promise<TestResponse> =>
    request('POST', `${app!.baseUrl}${LOCAL_DIRECT_LINE_DOMAIN}/tokens/generate`, { headers: origin === undefined ? {} : { Origin: origin } });

  async function startedClient(): Promise<LocalDirectLineClient> {
    const client = new LocalDirectLineClient(app!.baseUrl);
    await client.startConversation();
    await client.waitFor(1); // the welcome
    return client;
  }

  it('refuses oversized messages with 413 and stores nothing (defaults: 8,000 characters, 32 KB)', async () => {
    app = await startWebTestServer();
    const client = await startedClient();

    const longText = await client.postRaw({ type: 'message', text: 'x'.repeat(8001) });
    expect(longText.status).toBe(413);
    expect(longText.json).toMatchObject({ error: { code: 'ActivityTooLarge' } });
    const bulky = await client.postRaw({ type: 'message', text: 'hi', channelData: { padding: 'x'.repeat(33 * 1024) } });
    expect(bulky.status).toBe(413);
    expect(bulky.json).toMatchObject({ error: { code: 'ActivityTooLarge' } });
    expect((await client.get()).activities).toEqual([]);

    // A long but reasonable message still goes through.
    await client.post({ type: 'message', text: 'y'.repeat(8000) });
    expect(await client.waitFor(2)).toHaveLength(2);
  });

  it('rate-limits tokens/generate per client with 429 and Retry-After, refused origins included', async () => {
    let now = Date.parse('2025-03-01T09:00:00Z');
    fakeDateOnly(now);
    app = await startWebTestServer({ web: { clock: () => now, localDirectLine: { sessionRateLimit: { capacity: 2, refillMs: 60_000 } } } });

    expect((await generate()).status).toBe(200);
    expect((await generate('https://evil.example')).status).toBe(403); // spends budget too
    const limited = await generate();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.json).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect((await generate('https://evil.example')).status).toBe(429);

    now += 60_001;
    jest.setSystemTime(now);
    expect((await generate()).status).toBe(200);
    jest.useRealTimers();
  });

  it('rate-limits starting conversations per client', async () => {
    // A bot that never answers: nothing is still being delivered when the server stops.
    const silentBot = new ActivityHandler();
    app = await startWebTestServer({ bot: silentBot, web: { clock: () => 0, localDirectLine: { sessionRateLimit: { capacity: 2, refillMs: 60_000 } } } });
    const tokens = await Promise.all([generate(), generate()]).then((responses) => responses.map((response) => (response.json as { token: string }).token));
    const start = (token: string | undefined) =>
      request('POST', `${app!.baseUrl}${LOCAL_DIRECT_LINE_DOMAIN}/conversations`, { headers: { Authorization: `Bearer ${token ?? ''}` }, body: {} });

    expect((await start(tokens[0])).status).toBe(201);
    expect((await start(tokens[1])).status).toBe(201);
    const limited = await start(tokens[0]);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
  });

  it('rate-limits posting per conversation, not per address', async () => {
    app = await startWebTestServer({ web: { clock: () => 0, localDirectLine: { activityRateLimit: { capacity: 2, refillMs: 60_000 } } } });
    const alice = await startedClient();
    const bob = await startedClient();

    await alice.post({ type: 'message', text: 'one' });
    await alice.post({ type: 'message', text: 'two' });
    const limited = await alice.postRaw({ type: 'message', text: 'three' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(limited.json).toMatchObject({ error: { code: 'TooManyRequests' } });

    // Bob shares the address (as patients behind one clinic network do) but not the budget.
    await bob.post({ type: 'message', text: 'hello' });
    await Promise.all([alice.waitFor(4), bob.waitFor(2)]); // let the replies finish before the server stops
  });

  it('answers 429 when too many activities wait for a slow bot, without storing the refused one', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowBot = new ActivityHandler();
    slowBot.onMembersAdded(async (context, next) => {
      await context.sendActivity('welcome');
      await next();
    });
    slowBot.onMessage(async (context, next) => {
      await gate; // stuck until the test lets it go
      await context.sendActivity(`done: ${context.activity.text ?? ''}`);
      await next();
    });
    app = await startWebTestServer({ bot: slowBot, web: { localDirectLine: { maxQueueDepth: 2 } } });
    const client = await startedClient();

    await client.post({ type: 'message', text: 'first' }); // being answered
    await client.post({ type: 'message', text: 'second' }); // waiting
    const full = await client.postRaw({ type: 'message', text: 'third' });
    expect(full.status).toBe(429);
    expect(Number(full.headers['retry-after'])).toBeGreaterThan(0);
    expect(full.json).toMatchObject({ error: { code: 'TooManyRequests' } });

    release();
    const received = await client.waitFor(4); // two echoes, two replies
    expect(received.map((activity) => activity.text)).toEqual(['first', 'second', 'done: first', 'done: second']);
    await client.post({ type: 'message', text: 'fourth' }); // room again
    await client.waitFor(2);
  });

  it('keeps each conversation within its byte budget, dropping the oldest activities', async () => {
    app = await startWebTestServer({ web: { localDirectLine: { maxBytesPerConversation: 4000 } } });
    const client = await startedClient();
    for (const word of ['alpha', 'bravo', 'charlie']) {
      await client.post({ type: 'message', text: `${word} ${'.'.repeat(600)}` });
      await client.waitFor(2);
    }

    const kept = await client.get('0');
    expect(Buffer.byteLength(JSON.stringify(kept.activities))).toBeLessThanOrEqual(4000);
    // Seven activities were stored (welcome, then an echo and a reply per message); the oldest went first.
    expect(kept.watermark).toBe('7');
    expect(kept.activities.length).toBeLessThan(7);
    expect(kept.activities.some((activity) => String(activity.text).includes('Ask me anything'))).toBe(false);
    expect(kept.activities.at(-1)?.text).toMatch(/^You said: \*charlie/);
  });
});
