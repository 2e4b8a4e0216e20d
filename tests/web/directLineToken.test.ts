import nock from 'nock';
import { DIRECT_LINE_TOKEN_PATH } from '../../bot/web/directLineTokenRoute';
import { request } from '../support/httpClient';
import { capturingLogger, ERROR, WARN } from './support/capturingLogger';
import { localWebConfig, startWebTestServer, type WebTestServer, type WebTestServerOptions } from './support/webTestServer';

const DIRECT_LINE = 'https://directline.test';
const SECRET = 'test-direct-line-secret-value';
const CLINIC_SITE = 'https://www.clinic.example';

/** Production-like settings: Azure Direct Line through the token endpoint, no local channel. */
function tokenModeOptions(overrides: WebTestServerOptions['web'] = {}): WebTestServerOptions {
  return {
    config: {
      directLineSecret: SECRET,
      directLineEndpoint: `${DIRECT_LINE}/v3/directline`,
      allowedOrigins: [CLINIC_SITE],
      localDirectLineEnabled: false,
    },
    web: { upstreamTimeoutMs: 300, ...overrides },
  };
}

describe('POST /api/directline/token', () => {
  let app: WebTestServer | undefined;

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(async () => {
    nock.cleanAll();
    await app?.close();
    app = undefined;
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });

  const postToken = (origin: string | undefined) =>
    request('POST', `${app!.baseUrl}${DIRECT_LINE_TOKEN_PATH}`, { headers: origin === undefined ? {} : { Origin: origin } });

  it('exchanges the secret for a token bound to a random user id, without revealing the secret', async () => {
    app = await startWebTestServer(tokenModeOptions());
    let upstreamUserId = '';
    const directLine = nock(DIRECT_LINE, { reqheaders: { authorization: `Bearer ${SECRET}` } })
      .post('/v3/directline/tokens/generate', (body: { user?: { id?: string } }) => {
        upstreamUserId = body.user?.id ?? '';
        return true;
      })
      .reply(200, { conversationId: 'conv-1', token: 'conversation-token', expires_in: 3600 });

    const response = await postToken(CLINIC_SITE);

    expect(directLine.isDone()).toBe(true);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ token: 'conversation-token', conversationId: 'conv-1', expires_in: 3600, userId: upstreamUserId });
    expect(upstreamUserId).toMatch(/^user-[0-9a-f-]{36}$/);
    expect(upstreamUserId.startsWith('dl_')).toBe(false);
    expect(response.text).not.toContain(SECRET);
    expect(JSON.stringify(response.headers)).not.toContain(SECRET);
    expect(response.headers['access-control-allow-origin']).toBe(CLINIC_SITE);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('gives every request its own user id', async () => {
    app = await startWebTestServer(tokenModeOptions());
    const users: string[] = [];
    nock(DIRECT_LINE)
      .post('/v3/directline/tokens/generate', (body: { user: { id: string } }) => users.push(body.user.id) > 0)
      .times(2)
      .reply(200, { conversationId: 'c', token: 't' });
    await postToken(CLINIC_SITE);
    await postToken(CLINIC_SITE);
    expect(new Set(users).size).toBe(2);
  });

  it('answers 502 without upstream details when Direct Line fails', async () => {
    app = await startWebTestServer(tokenModeOptions());
    nock(DIRECT_LINE).post('/v3/directline/tokens/generate').reply(500, 'stack trace from upstream: internal-detail-42');

    const response = await postToken(CLINIC_SITE);

    expect(response.status).toBe(502);
    expect(response.json).toEqual({ error: { code: 'DirectLineError', message: 'Chat is unavailable right now.' } });
    expect(response.text).not.toContain('internal-detail-42');
  });

  it('answers 502 when Direct Line rejects the secret', async () => {
    app = await startWebTestServer(tokenModeOptions());
    nock(DIRECT_LINE).post('/v3/directline/tokens/generate').reply(403, { error: { code: 'BadArgument', message: 'secret-detail' } });
    const response = await postToken(CLINIC_SITE);
    expect(response.status).toBe(502);
    expect(response.text).not.toContain('secret-detail');
  });

  it('answers 503 when Direct Line cannot be reached', async () => {
    app = await startWebTestServer(tokenModeOptions());
    nock(DIRECT_LINE).post('/v3/directline/tokens/generate').replyWithError('connect ECONNREFUSED 10.0.0.1:443');
    const response = await postToken(CLINIC_SITE);
    expect(response.status).toBe(503);
    expect(response.text).not.toContain('ECONNREFUSED');
  });

  it('answers 504 when Direct Line does not answer in time', async () => {
    app = await startWebTestServer(tokenModeOptions({ upstreamTimeoutMs: 100 }));
    nock(DIRECT_LINE).post('/v3/directline/tokens/generate').delay(600).reply(200, { conversationId: 'late', token: 'late' });

    const started = Date.now();
    const response = await postToken(CLINIC_SITE);

    expect(response.status).toBe(504);
    expect(response.json).toMatchObject({ error: { code: 'DirectLineTimeout' } });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('answers 502 when Direct Line answers with something other than a token', async () => {
    app = await startWebTestServer(tokenModeOptions());
    nock(DIRECT_LINE).post('/v3/directline/tokens/generate').reply(200, '<html>proxy login</html>');
    expect((await postToken(CLINIC_SITE)).status).toBe(502);
  });

  it('refuses pages from origins not in ALLOWED_ORIGINS with 403, without calling Direct Line', async () => {
    app = await startWebTestServer(tokenModeOptions());
    const directLine = nock(DIRECT_LINE).post('/v3/directline/tokens/generate').reply(200, { conversationId: 'c', token: 't' });

    const response = await postToken('https://evil.example');

    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ error: { code: 'OriginNotAllowed' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(directLine.isDone()).toBe(false);
  });

  it('allows only same-origin pages when ALLOWED_ORIGINS is empty, and clients that send no Origin (only the rate limit stops those)', async () => {
    app = await startWebTestServer({ ...tokenModeOptions(), config: { ...tokenModeOptions().config, allowedOrigins: [] } });
    nock(DIRECT_LINE).post('/v3/directline/tokens/generate').times(2).reply(200, { conversationId: 'c', token: 't' });

    expect((await postToken(CLINIC_SITE)).status).toBe(403);
    const sameOrigin = await postToken(app.baseUrl);
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers['access-control-allow-origin']).toBeUndefined();
    // What the README says: an Origin check cannot stop curl or a script, which simply send none.
    expect((await postToken(undefined)).status).toBe(200);
  });

  it('judges origins against ALLOWED_ORIGINS and PUBLIC_URL, never the Host header', async () => {
    app = await startWebTestServer({ ...tokenModeOptions(), config: { ...tokenModeOptions().config, publicUrl: 'https://bot.clinic.example' } });
    const directLine = nock(DIRECT_LINE).post('/v3/directline/tokens/generate').reply(200, { conversationId: 'c', token: 't' });
    const forged = await request('POST', `${app.baseUrl}${DIRECT_LINE_TOKEN_PATH}`, {
      headers: { Origin: 'http://evil.example:8080', Host: 'evil.example:8080' },
    });
    expect(forged.status).toBe(403);
    expect(directLine.isDone()).toBe(false);
    expect((await postToken('https://bot.clinic.example')).status).toBe(200);
  });

  it('answers CORS preflight requests for allowed origins only', async () => {
    app = await startWebTestServer(tokenModeOptions());
    const url = `${app.baseUrl}${DIRECT_LINE_TOKEN_PATH}`;
    const allowed = await request('OPTIONS', url, { headers: { Origin: CLINIC_SITE, 'Access-Control-Request-Method': 'POST' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(CLINIC_SITE);
    const refused = await request('OPTIONS', url, { headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(refused.status).toBe(403);
  });

  it('rate-limits each client address with 429 and Retry-After', async () => {
    app = await startWebTestServer(tokenModeOptions({ tokenRateLimit: { capacity: 2, refillMs: 60_000 } }));
    nock(DIRECT_LINE).post('/v3/directline/tokens/generate').times(2).reply(200, { conversationId: 'c', token: 't' });

    expect((await postToken(CLINIC_SITE)).status).toBe(200);
    expect((await postToken(CLINIC_SITE)).status).toBe(200);
    const limited = await postToken(CLINIC_SITE);

    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBe(60);
    expect(limited.json).toMatchObject({ error: { code: 'TooManyRequests' } });
  });

  it('rate-limits refused origins too, before logging them, so they cannot flood the log', async () => {
    const { logger, lines } = capturingLogger();
    app = await startWebTestServer({ ...tokenModeOptions({ tokenRateLimit: { capacity: 2, refillMs: 60_000 } }), logger });
    const refusals = () => lines.filter((line) => line.level === WARN && line.msg.includes('origin not in ALLOWED_ORIGINS'));

    expect((await postToken('https://evil.example')).status).toBe(403);
    expect((await postToken('https://evil.example')).status).toBe(403);
    for (let i = 0; i < 5; i += 1) {
      const limited = await postToken('https://evil.example');
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBe(60);
      expect(limited.headers['access-control-allow-origin']).toBeUndefined();
    }

    expect(refusals()).toHaveLength(2);
    // The refused page spent this address's budget, allowed pages from it included.
    expect((await postToken(CLINIC_SITE)).status).toBe(429);
  });

  it('answers an allowed page’s 429 with CORS headers, so the widget can read Retry-After', async () => {
    app = await startWebTestServer(tokenModeOptions({ tokenRateLimit: { capacity: 1, refillMs: 60_000 } }));
    nock(DIRECT_LINE).post('/v3/directline/tokens/generate').reply(200, { conversationId: 'c', token: 't' });
    await postToken(CLINIC_SITE);
    const limited = await postToken(CLINIC_SITE);
    expect(limited.status).toBe(429);
    expect(limited.headers['access-control-allow-origin']).toBe(CLINIC_SITE);
    expect(limited.headers['access-control-expose-headers']).toBe('Retry-After');
  });

  it('is not registered while the local Direct Line channel is on, so it logs no false "not configured" errors', async () => {
    const { logger, lines } = capturingLogger();
    app = await startWebTestServer({ config: { ...localWebConfig, localDirectLineEnabled: true }, logger });

    const response = await postToken(undefined);

    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ code: 'ResourceNotFound' });
    expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
  });

  it('answers 503 when no secret is configured', async () => {
    app = await startWebTestServer({ ...tokenModeOptions(), config: { ...tokenModeOptions().config, directLineSecret: '' } });
    expect((await postToken(CLINIC_SITE)).status).toBe(503);
  });
});
