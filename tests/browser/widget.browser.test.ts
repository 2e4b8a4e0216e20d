import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { Server } from 'restify';
import { syncHandler } from '../../bot/syncHandler';
import {
  chatPanel,
  clickCardButton,
  clickSuggestedAction,
  EchoTestBot,
  launchBrowser,
  launcher,
  openChat,
  saveScreenshot,
  sendChatMessage,
  startWebTestServer,
  waitForMessage,
  type LaunchedBrowser,
  type WebTestServer,
} from './browserHarness';

/** A page of "someone else's website" embedding the widget with its own title and colour. */
function hostPageRoute(server: Server): void {
  server.get(
    '/test-host-page',
    syncHandler((_req, res) => {
      res.sendRaw(
        200,
        `<!doctype html><html lang="en"><head><title>Host</title></head><body><h1>Another website</h1>
         <script src="/widget.js" data-title="Physio Questions" data-accent="#b91c1c"></script></body></html>`,
        { 'Content-Type': 'text/html; charset=utf-8' },
      );
    }),
  );
}

describe('website widget in a real browser', () => {
  let app: WebTestServer;
  let browser: LaunchedBrowser;
  let page: Page;

  beforeAll(async () => {
    // Launch first: without a browser this fails right away with install instructions.
    browser = await launchBrowser();
    app = await startWebTestServer({ routes: [hostPageRoute] });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  afterEach(async () => {
    await page?.context().close();
  });

  it('chats on the demo page: welcome, message, reply, suggested actions and cards', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();

    // Web Chat is loaded lazily, only when the panel first opens.
    expect(await page.evaluate(() => 'WebChat' in window)).toBe(false);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');

    const panel = await openChat(page);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    expect(await launcher(page).getAttribute('aria-controls')).toBe(await panel.getAttribute('id'));
    expect(await panel.getAttribute('aria-label')).toMatch(/^Chat with /);

    await waitForMessage(page, 'Ask me anything about ART.');
    await saveScreenshot(page, 'widget-desktop-welcome');
    // Markdown is rendered: **test assistant** becomes bold.
    expect(await panel.locator('.webchat__bubble__content strong', { hasText: 'test assistant' }).count()).toBe(1);
    // Focus moved into the panel, onto the send box.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe('webchat-sendbox-input');

    // Suggested actions are buttons that send their text; card buttons work too.
    await clickSuggestedAction(page, 'Show a card');
    await panel.locator('.webchat__basic-transcript .ac-adaptiveCard', { hasText: 'Riverside Movement Clinic' }).waitFor();
    await saveScreenshot(page, 'widget-desktop-card');
    await clickCardButton(page, 'Book a visit');
    await waitForMessage(page, 'You said: Book a visit');

    await sendChatMessage(page, 'Does ART hurt?');
    await waitForMessage(page, 'You said: Does ART hurt?');
    await chatPanel(page).locator('button.webchat__suggested-action', { hasText: 'What is ART?' }).waitFor();

    expect(await panel.getByText(/Send failed/i).count()).toBe(0);
    await saveScreenshot(page, 'widget-desktop');
    expect(consoleErrors).toEqual([]);
  });

  it('is keyboard accessible: Escape closes the panel and returns focus to the launcher', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${app.baseUrl}/`);
    await launcher(page).focus();
    await page.keyboard.press('Enter');
    await chatPanel(page).locator('[data-id="webchat-sendbox-input"]').waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('[role="dialog"]') !== null);

    await page.keyboard.press('Escape');

    expect(await chatPanel(page).isHidden()).toBe(true);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('chat-launcher');
  });

  it('fills a 375 px wide phone screen', async () => {
    page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await page.goto(`${app.baseUrl}/`);
    await saveScreenshot(page, 'widget-mobile-closed');
    const panel = await openChat(page);
    await waitForMessage(page, 'Ask me anything about ART.');

    const box = await panel.boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 740 });
    await sendChatMessage(page, 'Hello from my phone');
    await waitForMessage(page, 'You said: Hello from my phone');
    await saveScreenshot(page, 'widget-mobile');

    await panel.getByRole('button', { name: 'Close chat' }).click();
    expect(await panel.isHidden()).toBe(true);
    expect(await launcher(page).isVisible()).toBe(true);
  });

  it('takes its title and colour from the embedding page’s data attributes', async () => {
    page = await browser.newPage();
    await page.goto(`${app.baseUrl}/test-host-page`);
    expect(await launcher(page).getAttribute('aria-label')).toBe('Chat with Physio Questions');
    expect(await launcher(page).evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(185, 28, 28)');
    const panel = await openChat(page);
    expect(await panel.getByRole('heading', { name: 'Physio Questions' }).isVisible()).toBe(true);
  });

  it('shows a friendly message with the clinic phone number when chat is unavailable, and recovers', async () => {
    page = await browser.newPage();
    await page.route('**/local-directline/v3/directline/tokens/generate', (route) => route.fulfill({ status: 503, body: '{}' }));
    await page.goto(`${app.baseUrl}/`);
    await launcher(page).click();
    const alert = chatPanel(page).getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Chat is unavailable right now. Please call us at +1 555 010 2030.');
    expect(await alert.getByRole('link', { name: '+1 555 010 2030' }).getAttribute('href')).toBe('tel:+15550102030');
    await saveScreenshot(page, 'widget-unavailable');

    // Once the server answers again, "Try again" starts a working chat.
    await page.unroute('**/local-directline/v3/directline/tokens/generate');
    await chatPanel(page).getByRole('button', { name: 'Try again' }).click();
    await waitForMessage(page, 'Ask me anything about ART.');
  });
});

describe('website widget embedded on another origin', () => {
  let hostPage: HttpServer;
  let hostOrigin: string;
  let app: WebTestServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    browser = await launchBrowser();
    // The clinic's own website: a different origin (port) from the bot.
    let widgetUrl = '';
    hostPage = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><body><h1>Clinic website</h1><script src="${widgetUrl}" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => hostPage.listen(0, '127.0.0.1', resolve));
    hostOrigin = `http://127.0.0.1:${(hostPage.address() as AddressInfo).port}`;
    app = await startWebTestServer({ config: { allowedOrigins: [hostOrigin] } });
    widgetUrl = `${app.baseUrl}/widget.js`;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await new Promise((resolve) => hostPage?.close(resolve));
  });

  it('works cross-origin for origins in ALLOWED_ORIGINS (CORS on the Direct Line endpoints)', async () => {
    const page = await browser.newPage();
    await page.goto(hostOrigin);
    await openChat(page);
    await waitForMessage(page, EchoTestBot.welcome.replace(/\*\*/g, ''));
    await sendChatMessage(page, 'Hello from the clinic site');
    await waitForMessage(page, 'You said: Hello from the clinic site');
    expect(await chatPanel(page).getByText(/Send failed/i).count()).toBe(0);
  });
});

describe('website widget with a regional Azure Direct Line endpoint', () => {
  const REGIONAL = 'https://europe.directline.botframework.com/v3/directline';
  let app: WebTestServer;
  let browser: LaunchedBrowser;
  const upstreamUrls: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startWebTestServer({
      config: { localDirectLineEnabled: false, directLineSecret: 'test-secret', directLineEndpoint: REGIONAL },
      // Stands in for Azure's tokens/generate, so the widget gets a token the normal way.
      web: {
        httpClient: (outgoing) => {
          upstreamUrls.push(outgoing.url);
          return Promise.resolve({ status: 200, headers: {}, body: JSON.stringify({ conversationId: 'regional-conversation', token: 'regional-token' }) });
        },
      },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('connects Web Chat to the configured endpoint, not the global default', async () => {
    const page = await browser.newPage();
    const botOrigin = new URL(app.baseUrl).origin;
    // Nothing leaves this machine: every request off the bot host is recorded and refused.
    const offHost: string[] = [];
    await page.context().route(
      (url) => url.origin !== botOrigin,
      (route) => {
        offHost.push(`${route.request().method()} ${route.request().url()}`);
        return route.fulfill({ status: 503, body: '{}' });
      },
    );
    const conversationStart = page.waitForRequest((request) => new URL(request.url()).origin !== botOrigin && request.method() === 'POST', { timeout: 15_000 });
    await page.goto(`${app.baseUrl}/`);
    await launcher(page).click();
    const started = await conversationStart;

    expect(upstreamUrls).toEqual([`${REGIONAL}/tokens/generate`]);
    expect(started.url()).toBe(`${REGIONAL}/conversations`);
    expect(await started.headerValue('authorization')).toBe('Bearer regional-token');
    expect(offHost.every((request) => request.includes(' https://europe.directline.botframework.com/'))).toBe(true);
    await page.context().close();
  });
});
