import { ConfigError, loadConfig } from '../../bot/config';

describe('service configuration', () => {
  it('has working defaults for a fresh clone (no .env at all)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3978, logLevel: 'info', microsoftAppId: '', localDirectLineEnabled: true, allowedOrigins: [], widgetAccent: '#0f766e' });
    expect(config.knowledgeDir).toMatch(/knowledge$/);
  });

  it('treats empty values as unset, as a copied .env.example has them', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '', WIDGET_ACCENT: '', LOCAL_DIRECT_LINE: '' })).toMatchObject({ port: 3978, logLevel: 'info', localDirectLineEnabled: true });
  });

  it.each([
    ['the development Direct Line channel is off in production', { NODE_ENV: 'production' }, false],
    ['it is off when a Direct Line secret is set', { DIRECT_LINE_SECRET: 'secret' }, false],
    ['it is off when the bot is authenticated (it cannot sign its requests)', { MicrosoftAppId: '00000000-0000-0000-0000-000000000001' }, false],
    ['it can be enabled explicitly in production', { NODE_ENV: 'production', LOCAL_DIRECT_LINE: 'true' }, true],
  ] as const)('%s', (_name, env, enabled) => {
    expect(loadConfig(env).localDirectLineEnabled).toBe(enabled);
  });

  it.each([
    ['a port that is not a number', { PORT: 'eighty' }, /PORT must be a whole number/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    ['an accent that is not a hex colour', { WIDGET_ACCENT: 'teal' }, /WIDGET_ACCENT must be a hex colour/],
    ['an origin without a scheme', { ALLOWED_ORIGINS: 'www.myclinic.com' }, /"www\.myclinic\.com" is not one/],
    ['a wildcard origin', { ALLOWED_ORIGINS: 'https://myclinic.com,*' }, /"\*" is not one/],
    ['an origin with a path', { ALLOWED_ORIGINS: 'https://myclinic.com/chat' }, /is not one/],
    ['a yes/no setting that is neither', { TRUST_PROXY: 'sometimes' }, /TRUST_PROXY must be true or false/],
    ['the development channel forced on for an authenticated bot', { LOCAL_DIRECT_LINE: 'true', MicrosoftAppId: 'abc' }, /needs MicrosoftAppId to be empty/],
    ['an unknown state storage', { STATE_STORAGE: 'redis' }, /STATE_STORAGE must be memory or blob/],
    ['Blob storage without a connection string', { STATE_STORAGE: 'blob', BLOB_CONTAINER: 'bot-state' }, /needs BLOB_CONNECTION_STRING/],
    ['Blob storage without a container', { STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: 'UseDevelopmentStorage=true' }, /needs BLOB_CONTAINER/],
    ['a container name Azure refuses', { STATE_STORAGE: 'blob', BLOB_CONNECTION_STRING: 'x', BLOB_CONTAINER: 'Bot_State' }, /needs BLOB_CONTAINER/],
    ['a memory expiry that is not a number', { MEMORY_STATE_IDLE_MINUTES: 'soon' }, /MEMORY_STATE_IDLE_MINUTES must be a whole number/],
  ] as const)('refuses %s with a clear message', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    ['memory by default, bounded', {}, { kind: 'memory', idleTtlMs: 24 * 60 * 60_000, maxConversations: 10_000 }],
    ['memory with its own bounds', { MEMORY_STATE_IDLE_MINUTES: '30', MEMORY_STATE_MAX_CONVERSATIONS: '500' }, { kind: 'memory', idleTtlMs: 30 * 60_000, maxConversations: 500 }],
    [
      'Azure Blob storage',
      { STATE_STORAGE: 'Blob', BLOB_CONNECTION_STRING: ' UseDevelopmentStorage=true ', BLOB_CONTAINER: 'bot-state' },
      { kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'bot-state' },
    ],
  ] as const)('keeps state in %s', (_name, env, state) => {
    expect(loadConfig(env).state).toEqual(state);
  });

  it('accepts exact origins, with or without a trailing slash', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://www.myclinic.com/, http://localhost:8080' }).allowedOrigins).toEqual([
      'https://www.myclinic.com',
      'http://localhost:8080',
    ]);
  });
});
