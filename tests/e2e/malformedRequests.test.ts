import type { Server } from 'restify';
import { createApplication } from '../../bot/createApplication';
import { listen } from '../../bot/server';
import { syncHandler } from '../../bot/syncHandler';
import { request } from '../support/httpClient';
import { silentLogger, testConfig } from '../support/testConfig';

/** Whatever a client sends, the service answers with a 4xx and a reason, never a crash or a 5xx. */
describe('malformed requests to /api/messages', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = createApplication({
      config: testConfig({ localDirectLineEnabled: false }),
      logger: silentLogger(),
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

  it('answers a failure inside the service with a generic 500 that does not leak the error', async () => {
    const response = await request('GET', `${baseUrl}/test/throws`);
    expect(response.status).toBe(500);
    expect(response.text).not.toContain('hunter2');
    expect(response.json).toEqual({ error: { code: 'InternalError', message: expect.any(String) as string } });
  });
});
