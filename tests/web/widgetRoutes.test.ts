import { readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { renderDemoPage } from '../../bot/web/demoPage';
import { findWebChatPackage } from '../../bot/web/webChatBundle';
import { createWidgetSettings, WIDGET_SETTINGS_MARKER } from '../../bot/web/widgetSettings';
import { publicDirectory } from '../../bot/web/widgetRoutes';
import { request } from '../support/httpClient';
import { loadTestClinic } from './support/testClinic';
import { localWebConfig, startWebTestServer, type WebTestServer } from './support/webTestServer';

/** A raw GET: the shared test client reads bodies as text and caps their size, neither fits a 4 MB bundle. */
function getBytes(url: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** The settings object the server inlined into widget.js. */
function inlinedSettings(script: string): Record<string, unknown> {
  const match = /const SERVER_SETTINGS = (\{.*\});/.exec(script);
  if (!match?.[1]) throw new Error('widget.js has no inlined settings');
  return JSON.parse(match[1]) as Record<string, unknown>;
}

describe('widget routes', () => {
  const clinic = loadTestClinic();
  let app: WebTestServer;
  beforeAll(async () => {
    app = await startWebTestServer({ config: { widgetTitle: 'Ask Riverside', widgetAccent: '#7c3aed' } });
  });
  afterAll(() => app.close());

  it('serves /widget.js as JavaScript with the runtime settings inlined', async () => {
    const response = await request('GET', `${app.baseUrl}/widget.js`);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.text).not.toContain(WIDGET_SETTINGS_MARKER);
    expect(inlinedSettings(response.text)).toEqual({
      mode: 'local',
      tokenUrl: '/local-directline/v3/directline/tokens/generate',
      directLineDomain: '/local-directline/v3/directline',
      webChatUrl: '/webchat/webchat.js',
      title: 'Ask Riverside',
      accent: '#7c3aed',
      clinicName: clinic.name,
      clinicPhone: clinic.phone,
      emergencyNumber: clinic.emergencyNumber,
    });
    // A page's data-title / data-accent override the defaults (the browser test checks the effect).
    expect(response.text).toContain('script.dataset.title');
    expect(response.text).toContain('script.dataset.accent');
  });

  it('never puts the Direct Line secret into the widget', async () => {
    const tokenApp = await startWebTestServer({ config: { directLineSecret: 'super-secret-key', localDirectLineEnabled: false } });
    try {
      const script = (await request('GET', `${tokenApp.baseUrl}/widget.js`)).text;
      expect(inlinedSettings(script)).toMatchObject({ mode: 'token', tokenUrl: '/api/directline/token', title: clinic.name });
      expect(script).not.toContain('super-secret-key');
    } finally {
      await tokenApp.close();
    }
  });

  it('sends the configured (regional) Direct Line endpoint to the widget in token mode', async () => {
    const regional = 'https://europe.directline.botframework.com/v3/directline';
    const tokenApp = await startWebTestServer({ config: { directLineSecret: 'secret', directLineEndpoint: regional, localDirectLineEnabled: false } });
    try {
      const settings = inlinedSettings((await request('GET', `${tokenApp.baseUrl}/widget.js`)).text);
      expect(settings).toMatchObject({ mode: 'token', directLineDomain: regional });
    } finally {
      await tokenApp.close();
    }
    expect(createWidgetSettings({ ...localWebConfig, directLineEndpoint: regional, localDirectLineEnabled: false }, clinic).directLineDomain).toBe(regional);
  });

  it('serves a demo clinic page at / with the widget on it', async () => {
    const response = await request('GET', `${app.baseUrl}/`);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain('<script src="/widget.js" async></script>');
    expect(response.text).toContain(clinic.name);
    expect(response.text).toContain(clinic.phone);
    expect(response.text).not.toMatch(/\{\{\w+\}\}/);
  });

  it('escapes clinic facts in the demo page and leaves out missing optional ones', () => {
    const template = readFileSync(join(publicDirectory(), 'demo.html'), 'utf8');
    const html = renderDemoPage(template, { ...clinic, name: 'A <b>bold</b> "clinic"', address: undefined }, { accent: '#0f766e', widgetScriptTag: '<script src="/widget.js"></script>' });
    expect(html).toContain('A &#60;b&#62;bold&#60;/b&#62; &#34;clinic&#34;');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).not.toContain('<dt>Address</dt>');
    expect(html).toContain('<dt>Hours</dt>');
  });

  it('serves Web Chat from the installed package, gzipped and cacheable', async () => {
    const bundle = readFileSync(join(findWebChatPackage().directory, 'dist', 'webchat.js'));
    const url = `${app.baseUrl}/webchat/webchat.js`;

    const plain = await getBytes(url, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(plain.body.equals(bundle)).toBe(true);

    const zipped = await getBytes(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(bundle.length / 2);
    expect(gunzipSync(zipped.body).equals(bundle)).toBe(true);

    const revalidated = await getBytes(url, { 'If-None-Match': String(plain.headers.etag) });
    expect(revalidated.status).toBe(304);
  });

  it('finds the Web Chat package despite its exports map', () => {
    const webChat = findWebChatPackage();
    expect(webChat.version).toMatch(/^4\./);
    expect(webChat.directory).toMatch(/botframework-webchat$/);
  });
});

describe('security headers on the HTML and JavaScript the bot serves', () => {
  let app: WebTestServer;
  let proxied: WebTestServer;
  beforeAll(async () => {
    app = await startWebTestServer();
    proxied = await startWebTestServer({
      config: { localDirectLineEnabled: false, directLineSecret: 'secret', directLineEndpoint: 'https://europe.directline.botframework.com/v3/directline' },
      web: { trustProxy: true },
    });
  });
  afterAll(async () => {
    await app.close();
    await proxied.close();
  });

  const head = async (server: WebTestServer, path: string, headers: Record<string, string> = {}): Promise<IncomingHttpHeaders> =>
    (await getBytes(`${server.baseUrl}${path}`, headers)).headers;

  it('gives the demo page a CSP that forbids framing and foreign scripts, nosniff and a referrer policy', async () => {
    const headers = await head(app, '/');
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it.each(['/widget.js', '/webchat/webchat.js'])('serves %s with nosniff, a referrer policy and cross-origin resource policy, so clinics can embed it', async (path) => {
    const headers = await head(app, path);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(headers['x-frame-options']).toBeUndefined();
  });

  it.each([
    ['the demo page', '/'],
    ['the widget', '/widget.js'],
  ])('adds HSTS to %s behind an HTTPS proxy, and lets the page connect to the configured Direct Line', async (_name, path) => {
    const headers = await head(proxied, path, { 'X-Forwarded-Proto': 'https' });
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    if (path === '/') expect(String(headers['content-security-policy'])).toContain('connect-src \'self\' https://europe.directline.botframework.com wss://europe.directline.botframework.com');
  });

  it('does not believe X-Forwarded-Proto unless TRUST_PROXY is set', async () => {
    expect((await head(app, '/', { 'X-Forwarded-Proto': 'https' }))['strict-transport-security']).toBeUndefined();
  });
});
