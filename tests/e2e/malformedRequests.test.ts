import type { Server } from 'restify';
import { createApplication } from '../../bot/createApplication';
import { listen } from '../../bot/server';
import { syncHandler } from '../../bot/syncHandler';
import { request } from '../support/httpClient';
import { testConfig } from '../support/testConfig';
import { capturingLogger, type LogLine } from '../web/support/capturingLogger';

/** Whatever a client sends, the service answers with a 4xx and a reason, never a crash or a 5xx. */
describe('malformed requests to /api/messages', () => {
  let server: Server;
  let baseUrl: string;
  let logLines: LogLine[];

  beforeAll(async () => {
    const captured = capturingLogger();
    logLines = captured.lines;
    server = createApplication({
      config: testConfig({ localDirectLineEnabled: false }),
      logger: captured.logger,
    }).server;
    server.get(
      '/test/throws',
      syncHandler(() => {
        throw new Error('database password is hunter2');
      }),
    );
    baseUrl = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });

  afterAll(() => {
    server.close();
  });

  const valid = { type: 'message', text: 'hi', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c1' }, from: { id: 'u1' } };

  it.each([
    ['no channelId', { ...valid, channelId: undefined }, /channelId/],
    ['no conversation', { ...valid, conversation: undefined }, /conversation\.id/],
    ['a conversation without an id', { ...valid, conversation: {} }, /conversation\.id/],
    ['no serviceUrl', { ...valid, serviceUrl: undefined }, /serviceUrl/],
    ['a serviceUrl that is not a web address', { ...valid, serviceUrl: 'file:///etc/passwd' }, /serviceUrl/],
    ['an empty type', { ...valid, type: ' ' }, /type/],
  ])('answers 400 for an activity with %s, naming the field', async (_name, body, reason) => {
    const response = await request('POST', `${baseUrl}/api/messages`, { body });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(reason);
  });

  // Without an app id anyone can post, so replies go only to this machine (SSRF otherwise).
  it.each([
    ['another host', 'https://evil.example/'],
    ['a private address', 'http://10.0.0.5:8080/'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/'],
    ['a name that only starts like loopback', 'http://127.0.0.1.evil.example/'],
    ['a user part that looks like loopback', 'http://127.0.0.1@evil.example/'],
  ])('answers 403 for a serviceUrl on %s in unauthenticated mode', async (_name, serviceUrl) => {
    const response = await request('POST', `${baseUrl}/api/messages`, { body: { ...valid, serviceUrl } });
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ error: { code: 'ServiceUrlNotAllowed' } });
  });

  it.each([['127.0.0.1', 'http://127.0.0.1:9/'], ['localhost', 'http://localhost:9/'], ['[::1]', 'http://[::1]:9/']])(
    'accepts a loopback serviceUrl (%s), as the Emulator and the local Direct Line use',
    async (_name, serviceUrl) => {
      const response = await request('POST', `${baseUrl}/api/messages`, { body: { ...valid, type: 'typing', serviceUrl } });
      expect(response.status).toBe(200);
    },
  );

  it('accepts any serviceUrl with ALLOW_ANY_SERVICE_URL=true (a tunnel)', async () => {
    const tunnel = createApplication({ config: testConfig({ localDirectLineEnabled: false, allowAnyServiceUrl: true }), logger: capturingLogger().logger }).server;
    const tunnelUrl = `http://127.0.0.1:${await listen(tunnel, 0, '127.0.0.1')}`;
    try {
      const response = await request('POST', `${tunnelUrl}/api/messages`, { body: { ...valid, type: 'typing', serviceUrl: 'https://tunnel.example/' } });
      expect(response.status).toBe(200);
    } finally {
      tunnel.close();
    }
  });

  const deeplyNested = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  const withField = (field: string, json: string): string => `${JSON.stringify(valid).slice(0, -1)},"${field}":${json}}`;

  // Each of these used to throw inside the turn, reach onTurnError and wipe the conversation.
  it.each([
    ['entities as a string', withField('entities', '"x"'), /entities/],
    ['conversation.isGroup as an object', JSON.stringify({ ...valid, conversation: { id: 'c1', isGroup: {} } }), /conversation\.isGroup/],
    ['a numeric from.role', JSON.stringify({ ...valid, from: { id: 'u1', role: 7 } }), /from\.role/],
    ['membersAdded as a string', withField('membersAdded', '"x"'), /membersAdded/],
    ['a member without an id', withField('membersAdded', '[{"name":"x"}]'), /membersAdded\.0\.id/],
    ['attachments as an object', withField('attachments', '{}'), /attachments/],
    ['a numeric text', withField('text', '42'), /text/],
    ['a value nested 5,000 deep', withField('value', deeplyNested), /nested deeper/],
  ])('answers 400 for an activity with %s, before the bot runs', async (_name, rawBody, reason) => {
    const response = await request('POST', `${baseUrl}/api/messages`, { rawBody });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(reason);
    expect(logLines.filter((line) => line.msg === 'unhandled error in a bot turn')).toEqual([]);
  });

  // One corrupt gzip body used to end the process with an unhandled Z_DATA_ERROR.
  it.each([
    ['gzip (not actually compressed)', 'gzip'],
    ['deflate', 'deflate'],
    ['br', 'br'],
    ['a list', 'identity, gzip'],
    ['upper case', 'GZIP'],
    ['an unknown coding', 'x-made-up'],
  ])('answers 415 for a body in Content-Encoding %s, and keeps serving', async (_name, encoding) => {
    const response = await request('POST', `${baseUrl}/api/messages`, {
      headers: { 'Content-Encoding': encoding },
      rawBody: JSON.stringify(valid),
    });
    expect(response.status).toBe(415);
    expect((await request('GET', `${baseUrl}/healthz`)).status).toBe(200);
  });

  it('refuses encoded bodies on every route, not only /api/messages', async () => {
    const response = await request('POST', `${baseUrl}/api/directline/token`, { headers: { 'Content-Encoding': 'gzip' }, rawBody: '{}' });
    expect(response.status).toBe(415);
  });

  it('still accepts Content-Encoding identity', async () => {
    const response = await request('POST', `${baseUrl}/api/messages`, { headers: { 'Content-Encoding': 'identity' }, rawBody: '{}' });
    expect(response.status).toBe(400);
  });

  it('keeps botbuilder\'s 501 for an invoke activity the bot does not handle, without a turn error', async () => {
    const response = await request('POST', `${baseUrl}/api/messages`, { body: { ...valid, type: 'invoke', name: 'made/up', value: {} } });
    expect(response.status).toBe(501);
    expect(logLines.filter((line) => line.msg === 'unhandled error in a bot turn')).toEqual([]);
  });

  it('answers a failure inside the service with a generic 500 that does not leak the error', async () => {
    const response = await request('GET', `${baseUrl}/test/throws`);
    expect(response.status).toBe(500);
    expect(response.text).not.toContain('hunter2');
    expect(response.json).toEqual({ error: { code: 'InternalError', message: expect.any(String) as string } });
  });
});
