import type { Request } from 'restify';
import { clientAddress } from '../../bot/web/clientAddress';
import { ConversationStore } from '../../bot/web/localDirectLine/conversationStore';
import { isLoopbackAddress } from '../../bot/web/localDirectLine/loopback';
import { createOriginPolicy } from '../../bot/web/originPolicy';
import { createRateLimiter } from '../../bot/web/rateLimiter';
import { fakeDateOnly } from '../support/fakeDate';

function fakeRequest(headers: Record<string, string>, remoteAddress = '203.0.113.7', localPort = 3978): Request {
  return { headers, socket: { remoteAddress, localPort } } as unknown as Request;
}

describe('rate limiter (rate-limiter-flexible)', () => {
  afterEach(() => jest.useRealTimers());

  it('allows `capacity` requests per window and key, then says how long to wait', async () => {
    let now = Date.parse('2025-03-01T09:00:00Z');
    fakeDateOnly(now);
    const limiter = createRateLimiter({ capacity: 10, refillMs: 60_000 });
    for (let i = 0; i < 10; i += 1) expect((await limiter.take('a')).allowed).toBe(true);
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect((await limiter.take('b')).allowed).toBe(true); // per key
    now += 45_000;
    jest.setSystemTime(now);
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 15 });
    now += 15_001;
    jest.setSystemTime(now);
    expect((await limiter.take('a')).allowed).toBe(true);
  });
});

describe('origin policy', () => {
  const policy = createOriginPolicy(['https://clinic.example', 'http://localhost:8080/']);
  it('matches origins exactly', () => {
    expect(policy.evaluate(fakeRequest({ origin: 'https://clinic.example', host: 'bot.example' }))).toEqual({ allowed: true, corsOrigin: 'https://clinic.example' });
    expect(policy.evaluate(fakeRequest({ origin: 'http://localhost:8080', host: 'bot.example' })).allowed).toBe(true);
    expect(policy.evaluate(fakeRequest({ origin: 'https://clinic.example.evil.test', host: 'bot.example' })).allowed).toBe(false);
    expect(policy.evaluate(fakeRequest({ origin: 'http://clinic.example', host: 'bot.example' })).allowed).toBe(false);
    expect(policy.evaluate(fakeRequest({ origin: 'null', host: 'bot.example' })).allowed).toBe(false);
  });
  it('always allows the bot’s own pages: its public URL, and loopback on the port the request arrived on', () => {
    const own = createOriginPolicy([], { publicUrl: 'https://bot.example/chat' });
    expect(own.evaluate(fakeRequest({ origin: 'https://bot.example', host: 'bot.example' }))).toEqual({ allowed: true });
    expect(own.evaluate(fakeRequest({ origin: 'https://other.example', host: 'bot.example' })).allowed).toBe(false);
    expect(createOriginPolicy([]).evaluate(fakeRequest({ origin: 'http://localhost:3978' }))).toEqual({ allowed: true });
    expect(createOriginPolicy([]).evaluate(fakeRequest({ origin: 'http://127.0.0.1:3978' }))).toEqual({ allowed: true });
    expect(createOriginPolicy([]).evaluate(fakeRequest({ origin: 'http://127.0.0.1:8080' })).allowed).toBe(false);
  });

  it.each([
    ['Host naming the same site', { origin: 'http://evil.example:8080', host: 'evil.example:8080' }],
    ['Host naming the same site over https', { origin: 'https://evil.example', host: 'evil.example' }],
    ['Host in another case', { origin: 'http://evil.example', host: 'EVIL.EXAMPLE' }],
    ['X-Forwarded-Host', { origin: 'https://evil.example', host: 'bot.example', 'x-forwarded-host': 'evil.example' }],
  ])('never trusts the Host header: refuses a page whose origin matches %s', (_name, headers) => {
    expect(createOriginPolicy(['https://clinic.example'], { publicUrl: 'https://bot.example' }).evaluate(fakeRequest(headers)).allowed).toBe(false);
  });
});

describe('client address', () => {
  it('uses the socket address unless the proxy is trusted', () => {
    const req = fakeRequest({ 'x-forwarded-for': '198.51.100.1, 192.0.2.44:51234' });
    expect(clientAddress(req, false)).toBe('203.0.113.7');
    expect(clientAddress(req, true)).toBe('192.0.2.44');
    expect(clientAddress(fakeRequest({ 'x-forwarded-for': '[2001:db8::1]:443' }), true)).toBe('2001:db8::1');
  });
});

describe('loopback detection', () => {
  it('recognises this machine only', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].every(isLoopbackAddress)).toBe(true);
    expect(['10.0.0.1', '::ffff:10.0.0.1', undefined].some(isLoopbackAddress)).toBe(false);
  });
});

describe('conversation store', () => {
  it('expires idle conversations, evicts the least recently used and trims old activities', () => {
    let now = 0;
    const store = new ConversationStore({ clock: () => now, idleTtlMs: 1000, maxConversations: 2, maxActivitiesPerConversation: 3 });
    const first = store.create('u1');
    const second = store.create('u2');
    now = 500;
    store.get(first.id); // first is now the most recently used
    store.create('u3');
    expect(store.get(second.id)).toBeUndefined();
    expect(store.findByToken(first.token)).toBe(first);

    for (const text of ['a', 'b', 'c', 'd']) store.append(first, { type: 'message', text });
    expect(store.activitiesSince(first, 0)).toEqual({
      activities: [expect.objectContaining({ text: 'b', id: `${first.id}|0000001` }), expect.objectContaining({ text: 'c' }), expect.objectContaining({ text: 'd' })],
      watermark: '4',
    });

    now = 1600;
    expect(store.findByToken(first.token)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('keeps each conversation within its byte budget, dropping the oldest activities first', () => {
    const now = Date.parse('2025-03-01T09:00:00Z');
    const store = new ConversationStore({ clock: () => now, maxBytesPerConversation: 1000 });
    const conversation = store.create('u1');

    for (const letter of ['a', 'b', 'c', 'd']) store.append(conversation, { type: 'message', text: letter.repeat(300) });

    const kept = store.activitiesSince(conversation, 0).activities;
    expect(kept.map((activity) => String(activity.text)[0])).toEqual(['c', 'd']);
    expect(conversation.storedBytes).toBe(kept.reduce((sum, activity) => sum + Buffer.byteLength(JSON.stringify(activity)), 0));
    expect(conversation.storedBytes).toBeLessThanOrEqual(1000);

    // The newest activity is kept even when it alone is over the budget.
    store.append(conversation, { type: 'message', text: 'e'.repeat(2000) });
    expect(store.activitiesSince(conversation, 0).activities.map((activity) => String(activity.text)[0])).toEqual(['e']);
    expect(store.activitiesSince(conversation, 0).watermark).toBe('5');
  });
});
