import http from 'node:http';
import fc from 'fast-check';
import { DIRECT_LINE_TOKEN_PATH } from '../../bot/web/directLineTokenRoute';
import { LOCAL_DIRECT_LINE_DOMAIN } from '../../bot/web/localDirectLine/localDirectLineRoutes';
import { startBot, type RunningBot } from '../support/botUnderTest';
import { request } from '../support/httpClient';
import { capturingLogger, type LogLine } from '../web/support/capturingLogger';
import { LocalDirectLineClient } from '../web/support/localDirectLineClient';

/**
 * Bounded fuzzing (count and time) of every endpoint anyone can post to, on loopback: random and
 * malformed bodies, encodings and content types. Whatever arrives, the service keeps running, answers
 * no 5xx but the intended 501/502/503/504, and no turn reaches onTurnError.
 */
const RUNS = 120;
const TIME_LIMIT_MS = 8000;
const INTENDED_5XX = [501, 502, 503, 504];
const unlimited = { capacity: 1_000_000, refillMs: 60_000 };

let connector: http.Server;
let connectorUrl = '';
let local: RunningBot;
let tokenMode: RunningBot;
let lines: LogLine[];
/** Answers seen per status, so a test can check the fuzz reached the bot at all. */
const statuses = new Map<number, number>();

beforeAll(async () => {
  // A loopback channel that accepts every reply, so turns can finish.
  connector = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"id":"r"}');
    });
  });
  await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
  connectorUrl = `http://127.0.0.1:${(connector.address() as { port: number }).port}/`;
  const captured = capturingLogger();
  lines = captured.lines;
  const options = { logger: captured.logger, rateLimits: { perConversation: unlimited, perClientUnauthenticated: unlimited } };
  local = await startBot({ localDirectLineEnabled: true }, options);
  tokenMode = await startBot(
    { localDirectLineEnabled: false, directLineSecret: 'fuzz-secret', allowedOrigins: ['https://clinic.example'] },
    {
      ...options,
      web: {
        tokenRateLimit: unlimited,
        httpClient: () => Promise.resolve({ status: 200, headers: {}, body: '{"token":"t","conversationId":"c","expires_in":60}' }),
      },
    },
  );
});

afterAll(async () => {
  await local.close();
  await tokenMode.close();
  await new Promise<void>((resolve) => {
    connector.close(() => resolve());
    connector.closeAllConnections();
  });
});

/** Mostly valid, sometimes wrong: each field is usually what a channel sends, now and then anything at all. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue() });
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.option(mostly(valid), { freq: 3, nil: undefined });

const activityLike = (serviceUrl: () => string) =>
  fc
    .record({
      type: mostly(fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'invoke', 'event', 'typing', 'messageReaction', 'installationUpdate')),
      channelId: mostly(fc.constantFrom('emulator', 'msteams', 'webchat')),
      serviceUrl: mostly(fc.constant(serviceUrl())),
      conversation: mostly(fc.record({ id: fc.string({ minLength: 1, maxLength: 12 }), isGroup: maybe(fc.boolean()), conversationType: maybe(fc.constantFrom('personal', 'groupChat', 'channel')) })),
      from: maybe(fc.record({ id: fc.string({ maxLength: 12 }), role: maybe(fc.constantFrom('user', 'bot')), aadObjectId: maybe(fc.uuid()) })),
      recipient: maybe(fc.record({ id: fc.string({ maxLength: 12 }) })),
      text: maybe(fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom("I'd like to book", 'yes', 'no', 'cancel', 'help', 'my knee', 'does art hurt', 'my chest hurts and my arm is numb'))),
      name: maybe(fc.constantFrom('adaptiveCard/action', 'task/fetch', 'signin/verifyState', 'composeExtension/query')),
      value: maybe(fc.jsonValue({ maxDepth: 4 })),
      entities: maybe(fc.array(fc.record({ type: fc.constantFrom('mention', 'clientInfo'), text: maybe(fc.string()), mentioned: maybe(fc.record({ id: fc.string() })) }), { maxLength: 3 })),
      membersAdded: maybe(fc.array(fc.record({ id: fc.string({ maxLength: 12 }), name: maybe(fc.string()) }), { maxLength: 3 })),
      attachments: maybe(fc.array(fc.record({ contentType: fc.constantFrom('application/vnd.microsoft.card.adaptive', 'image/png'), content: maybe(fc.jsonValue({ maxDepth: 3 })) }), { maxLength: 2 })),
      channelData: maybe(fc.jsonValue({ maxDepth: 3 }).filter((value) => typeof value === 'object' && value !== null && !Array.isArray(value))),
      timestamp: maybe(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((date) => date.toISOString())),
      locale: maybe(fc.constantFrom('en-US', 'fr-FR', 'xx')),
    })
    .map((activity) => JSON.stringify(activity));

const rawBody = (serviceUrl: () => string) =>
  fc.oneof(
    { weight: 5, arbitrary: activityLike(serviceUrl) },
    { weight: 1, arbitrary: fc.json() },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 400 }).map((depth) => `${'{"v":'.repeat(depth)}1${'}'.repeat(depth)}`) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')) },
  );

const rarely = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });

const headers = fc
  .record({
    'Content-Type': fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/form-data', '', 'application/json; charset=latin1') },
    ),
    'Content-Encoding': rarely(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-unknown')),
    Origin: rarely(fc.constantFrom('https://clinic.example', 'https://evil.example', 'null', 'not a url')),
    Authorization: rarely(fc.constantFrom('Bearer x', 'Bearer eyJhbGciOiJub25lIn0.e30.', 'Basic abc', '')),
  })
  .map((record) => {
    const present: Record<string, string> = {};
    for (const [name, value] of Object.entries(record)) if (value !== undefined) present[name] = value;
    return present;
  });

function expectHealthy(status: number): void {
  if (status >= 500) expect(INTENDED_5XX).toContain(status);
  expect(lines.filter((line) => line.msg === 'unhandled error in a bot turn')).toEqual([]);
}

async function fuzz(target: () => { base: string; path: string }, serviceUrl = () => connectorUrl): Promise<void> {
  await fc.assert(
    fc.asyncProperty(rawBody(serviceUrl), headers, async (body, extraHeaders) => {
      const { base, path } = target();
      const response = await request('POST', `${base}${path}`, { rawBody: body, headers: extraHeaders });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      expectHealthy(response.status);
    }),
    { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, seed: 9 },
  );
  expect((await request('GET', `${target().base}/healthz`)).status).toBe(200);
}

describe('fuzzing (bounded)', () => {
  it('/api/messages', async () => {
    statuses.clear();
    await fuzz(() => ({ base: local.baseUrl, path: '/api/messages' }));
    // Not vacuous: many bodies passed the gates and ran real turns.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 10);
  });

  it('the local Direct Line: tokens, conversations and activities', async () => {
    const client = new LocalDirectLineClient(local.baseUrl);
    await client.startConversation();
    const paths = ['/tokens/generate', '/tokens/refresh', '/conversations', `/conversations/${client.conversationId}/activities`];
    let next = 0;
    await fc.assert(
      fc.asyncProperty(rawBody(() => connectorUrl), headers, fc.boolean(), async (body, extraHeaders, withToken) => {
        const path = paths[next++ % paths.length]!;
        const auth: Record<string, string> = withToken ? { Authorization: `Bearer ${client.token}` } : {};
        const response = await request('POST', `${local.baseUrl}${LOCAL_DIRECT_LINE_DOMAIN}${path}`, { rawBody: body, headers: { ...extraHeaders, ...auth } });
        expectHealthy(response.status);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, seed: 9 },
    );
    expect((await request('GET', `${local.baseUrl}/healthz`)).status).toBe(200);
  });

  it('the token endpoint', async () => {
    await fuzz(() => ({ base: tokenMode.baseUrl, path: DIRECT_LINE_TOKEN_PATH }));
  });
});
