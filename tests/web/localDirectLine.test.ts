import { loadConfig } from '../../bot/config';
import { LOCAL_DIRECT_LINE_BASE, LOCAL_DIRECT_LINE_DOMAIN } from '../../bot/web/localDirectLine/localDirectLineRoutes';
import { request } from '../support/httpClient';
import { LocalDirectLineClient } from './support/localDirectLineClient';
import { EchoTestBot } from './support/testBot';
import { localWebConfig, startWebTestServer, type WebTestServer } from './support/webTestServer';

describe('local Direct Line channel', () => {
  let app: WebTestServer | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('welcomes, echoes the user message with its clientActivityID, then delivers the bot reply', async () => {
    app = await startWebTestServer();
    const client = new LocalDirectLineClient(app.baseUrl);
    await client.startConversation();

    expect(client.userId).toMatch(/^user-/);
    const [welcome] = await client.waitFor(1);
    expect(welcome).toMatchObject({ type: 'message', text: EchoTestBot.welcome, from: { id: 'local-bot', role: 'bot' } });
    expect(welcome?.conversation).toEqual({ id: client.conversationId });
    expect(welcome?.channelId).toBe('webchat');
    expect(welcome?.suggestedActions).toMatchObject({ actions: [{ title: 'What is ART?' }, { title: 'Show a card' }] });
    expect(JSON.stringify(welcome)).not.toContain('serviceUrl');

    const id = await client.post({
      type: 'message',
      text: 'hello there',
      from: { id: 'something-the-browser-chose', role: 'user' },
      channelData: { clientActivityID: 'client-activity-1', clientTimestamp: '2025-01-01T00:00:00.000Z' },
    });
    const [echo, reply] = await client.waitFor(2);

    expect(echo).toMatchObject({ id, type: 'message', text: 'hello there', channelData: { clientActivityID: 'client-activity-1' } });
    expect(echo?.from).toMatchObject({ id: client.userId, role: 'user' });
    expect(reply).toMatchObject({ type: 'message', text: 'You said: *hello there*', replyToId: id });
  });

  it('sends each activity once: the watermark pages through the conversation', async () => {
    app = await startWebTestServer({ web: { localDirectLine: { pageSize: 2 } } });
    const client = new LocalDirectLineClient(app.baseUrl);
    await client.startConversation();
    await client.waitFor(1);
    await client.post({ type: 'message', text: 'one' });
    await client.post({ type: 'message', text: 'two' });
    await client.waitFor(4); // two echoes, two replies

    const first = await client.get('0');
    expect(first.activities).toHaveLength(2);
    expect(first.watermark).toBe('2');
    const second = await client.get(first.watermark);
    expect(second.activities).toHaveLength(2);
    expect(second.watermark).toBe('4');
    const third = await client.get(second.watermark);
    expect(third.activities).toHaveLength(1);
    expect(third.watermark).toBe('5');
    const caughtUp = await client.get(third.watermark);
    expect(caughtUp).toEqual({ activities: [], watermark: '5' });
    expect(new Set([...first.activities, ...second.activities, ...third.activities].map((activity) => activity.id)).size).toBe(5);
  });

  it('refuses requests without a valid token, or for another conversation', async () => {
    app = await startWebTestServer();
    const alice = new LocalDirectLineClient(app.baseUrl);
    const bob = new LocalDirectLineClient(app.baseUrl);
    await alice.startConversation();
    await bob.startConversation();
    await Promise.all([alice.waitFor(1), bob.waitFor(1)]); // let the welcomes finish before the server stops

    const noToken = await request('GET', `${app.baseUrl}${LOCAL_DIRECT_LINE_DOMAIN}/conversations/${alice.conversationId}/activities`);
    expect(noToken.status).toBe(403);
    const crossed = await request('GET', `${app.baseUrl}${LOCAL_DIRECT_LINE_DOMAIN}/conversations/${alice.conversationId}/activities`, {
      headers: { Authorization: `Bearer ${bob.token}` },
    });
    expect(crossed.status).toBe(403);
  });

  it('refreshes tokens as Web Chat does every 15 minutes', async () => {
    app = await startWebTestServer();
    const client = new LocalDirectLineClient(app.baseUrl);
    await client.startConversation();
    await client.waitFor(1);
    const refreshed = await request('POST', `${app.baseUrl}${LOCAL_DIRECT_LINE_DOMAIN}/tokens/refresh`, { headers: { Authorization: `Bearer ${client.token}` } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json).toEqual({ conversationId: client.conversationId, token: client.token, expires_in: 1800 });
  });

  it('forgets idle conversations after the TTL', async () => {
    let now = Date.parse('2025-03-01T09:00:00Z');
    app = await startWebTestServer({ web: { clock: () => now, localDirectLine: { idleTtlMs: 30 * 60_000 } } });
    const client = new LocalDirectLineClient(app.baseUrl);
    await client.startConversation();
    await client.waitFor(1);

    now += 29 * 60_000;
    expect((await client.getRaw()).status).toBe(200); // activity resets the idle timer
    now += 29 * 60_000;
    expect((await client.getRaw()).status).toBe(200);
    now += 31 * 60_000;
    const expired = await client.getRaw();
    expect(expired.status).toBe(403);
    expect(expired.json).toMatchObject({ error: { code: 'TokenExpired' } });
  });

  it('answers 404 when the bot replies into an unknown or expired conversation', async () => {
    app = await startWebTestServer();
    const unknown = await request('POST', `${app.baseUrl}${LOCAL_DIRECT_LINE_BASE}/v3/conversations/nope/activities`, { body: { type: 'message', text: 'hi' } });
    expect(unknown.status).toBe(404);
  });

  it('is off in production', async () => {
    const production = loadConfig({ NODE_ENV: 'production' });
    expect(production.localDirectLineEnabled).toBe(false);
    app = await startWebTestServer({ config: { ...localWebConfig, localDirectLineEnabled: production.localDirectLineEnabled } });

    const generate = await request('POST', `${app.baseUrl}${LOCAL_DIRECT_LINE_DOMAIN}/tokens/generate`);
    expect(generate.status).toBe(404);
    const widget = await request('GET', `${app.baseUrl}/widget.js`);
    expect(widget.text).toContain('"mode":"token"');
    expect(widget.text).not.toContain(LOCAL_DIRECT_LINE_DOMAIN);
  });
});
