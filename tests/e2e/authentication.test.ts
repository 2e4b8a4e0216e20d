import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import nock from 'nock';
import { request } from '../support/httpClient';
import { startBot, type RunningBot } from '../support/botUnderTest';
import { capturingLogger, type LogLine } from '../web/support/capturingLogger';

/**
 * Channel authentication on /api/messages for a bot with an app id: a correctly signed Bot Framework
 * token is accepted, every forged or invalid one gets 401 with a generic body and one structured log
 * line. nock serves Bot Framework's OpenID metadata and signing keys, with a local RSA key.
 */
const APP_ID = '00000000-0000-0000-0000-0000000000a1';
const ISSUER = 'https://api.botframework.com';
const KID = 'test-signing-key';
const serviceUrl = 'https://smba.trafficmanager.net/teams/';
const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: ISSUER, aud: APP_ID, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

function rs256(payload: Record<string, unknown>, key: KeyObject = trusted.privateKey, kid = KID): string {
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(payload)}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}

const forgeries: [string, () => string][] = [
  ['a trusted kid with a signature by another key', () => rs256(claims(), attacker.privateKey)],
  ['a valid signature over a different payload', () => {
    const [header, , signature] = rs256(claims()).split('.');
    return `${header}.${b64(claims({ aud: 'someone-else', extra: 'tampered' }))}.${signature}`;
  }],
  ['alg none with a trusted kid', () => `${b64({ alg: 'none', typ: 'JWT', kid: KID })}.${b64(claims())}.`],
  ['HS256 keyed with the public key', () => {
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT', kid: KID })}.${b64(claims())}`;
    const pem = trusted.publicKey.export({ type: 'spki', format: 'pem' });
    return `${unsigned}.${createHmac('sha256', pem).update(unsigned).digest('base64url')}`;
  }],
  ['nbf in the future', () => rs256(claims({ nbf: Math.floor(Date.now() / 1000) + 3600 }))],
  ['an expired token', () => rs256(claims({ exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 }))],
  ['another audience', () => rs256(claims({ aud: '00000000-0000-0000-0000-0000000000ff' }))],
  ['another issuer', () => rs256(claims({ iss: 'https://evil.example' }))],
  ['an unknown kid', () => rs256(claims(), trusted.privateKey, 'unknown-key')],
  ['a token for another serviceUrl', () => rs256(claims({ serviceurl: 'https://evil.example/' }))],
  ['garbage', () => 'not-a-jwt'],
];

describe('authentication on /api/messages (bot with an app id)', () => {
  let bot: RunningBot;
  let lines: LogLine[];
  const errors: unknown[][] = [];
  const originalError = console.error;

  beforeAll(async () => {
    const jwk = trusted.publicKey.export({ format: 'jwk' });
    nock('https://login.botframework.com')
      .persist()
      .get('/v1/.well-known/openidconfiguration')
      .reply(200, { issuer: ISSUER, jwks_uri: 'https://login.botframework.com/v1/.well-known/keys', id_token_signing_alg_values_supported: ['RS256'] })
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [{ ...jwk, kid: KID, use: 'sig', endorsements: ['msteams'] }] });
    const captured = capturingLogger();
    lines = captured.lines;
    bot = await startBot({ microsoftAppId: APP_ID, microsoftAppPassword: 'test-secret', microsoftAppType: 'MultiTenant' }, { logger: captured.logger });
    console.error = (...args: unknown[]) => void errors.push(args);
  });

  afterAll(async () => {
    console.error = originalError;
    nock.cleanAll();
    nock.restore();
    await bot.close();
  });

  beforeEach(() => {
    lines.length = 0;
    errors.length = 0;
  });

  // A typing activity needs no reply, so the accepted request makes no outbound call.
  const activity = { type: 'typing', channelId: 'msteams', serviceUrl, conversation: { id: 'a:1' }, from: { id: '29:user' }, recipient: { id: `28:${APP_ID}` } };
  const post = (authorization?: string) =>
    request('POST', `${bot.baseUrl}/api/messages`, { body: activity, headers: authorization === undefined ? {} : { Authorization: authorization } });

  it('accepts a correctly signed Bot Framework token', async () => {
    const response = await post(`Bearer ${rs256(claims())}`);
    expect(response.status).toBe(200);
    expect(lines.filter((line) => line.msg.startsWith('request refused'))).toEqual([]);
  });

  it.each([...forgeries, ['no Authorization header', () => undefined] as [string, () => string | undefined]])(
    'answers 401 for %s, with a generic body and one structured log line',
    async (_name, token) => {
      const value = token();
      const response = await post(value === undefined ? undefined : `Bearer ${value}`);
      expect(response.status).toBe(401);
      expect(response.json).toEqual({ error: { code: 'Unauthorized', message: 'The request is not authorized.' } });
      const refusals = lines.filter((line) => line.msg === 'request refused: invalid or missing credentials');
      expect(refusals).toHaveLength(1);
      expect(JSON.stringify(lines)).not.toMatch(/BEGIN PUBLIC KEY|invalid signature|jwt/i);
      expect(errors).toEqual([]);
    },
  );
});
