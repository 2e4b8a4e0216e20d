import { request } from '../support/httpClient';
import { startBot, type RunningBot } from '../support/botUnderTest';

/** Rate limits on /api/messages, through the real server (typing activities: the bot sends nothing back). */
describe('rate limits on /api/messages', () => {
  const running: RunningBot[] = [];
  afterAll(async () => {
    await Promise.all(running.map((bot) => bot.close()));
  });

  const typing = (conversationId: string) => ({
    type: 'typing',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: conversationId },
    from: { id: 'patient' },
  });
  const post = (bot: RunningBot, conversationId: string, headers: Record<string, string> = {}) =>
    request('POST', `${bot.baseUrl}/api/messages`, { body: typing(conversationId), headers });

  it('limits each conversation, with 429 and Retry-After, without touching other conversations', async () => {
    const bot = await startBot({}, { rateLimits: { perConversation: { capacity: 3, refillMs: 60_000 } } });
    running.push(bot);
    for (let i = 0; i < 3; i += 1) expect((await post(bot, 'busy')).status).toBe(200);
    const limited = await post(bot, 'busy');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect((await post(bot, 'quiet')).status).toBe(200);
  });

  it('limits each client address in unauthenticated mode, across conversations', async () => {
    const bot = await startBot({}, { rateLimits: { perClientUnauthenticated: { capacity: 4, refillMs: 60_000 } } });
    running.push(bot);
    for (let i = 0; i < 4; i += 1) expect((await post(bot, `conversation-${i}`)).status).toBe(200);
    expect((await post(bot, 'conversation-new')).status).toBe(429);
  });

  it('has no per-address limit with an app id (every request comes from Bot Service), and unauthenticated requests spend no conversation budget', async () => {
    const bot = await startBot(
      { microsoftAppId: '00000000-0000-0000-0000-0000000000b2', microsoftAppPassword: 'secret' },
      { rateLimits: { perConversation: { capacity: 2, refillMs: 60_000 }, perClientUnauthenticated: { capacity: 2, refillMs: 60_000 } } },
    );
    running.push(bot);
    // Without credentials each is refused as unauthorized, never as rate-limited, however many arrive.
    for (let i = 0; i < 6; i += 1) expect((await post(bot, 'patient-conversation', { Authorization: 'Bearer forged' })).status).toBe(401);
  });
});
