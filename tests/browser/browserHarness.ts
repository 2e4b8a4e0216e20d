import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';
import { serveOnLoopback, type LoopbackServer } from '../web/support/webTestServer';

export { EchoTestBot } from '../web/support/testBot';
export { startWebTestServer, type WebTestServer, type WebTestServerOptions } from '../web/support/webTestServer';

/** The launch flags this project's browser tests use, exactly (plus a fresh profile and Playwright's pipe). */
/** A server the browser can reach: startWebTestServer's, or an already-created one served with serveForBrowser. */
export type BrowserTestServer = LoopbackServer;

/** Serves an already-created restify server for the browser (see serveOnLoopback). */
export const serveForBrowser = serveOnLoopback;

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export const BROWSER_INSTALL_HINT =
  'No Chromium found for the browser tests. Install one (Debian/Ubuntu: `sudo apt-get update && sudo apt-get install -y chromium`) ' +
  'or point CHROME_PATH at a Chrome/Chromium executable.';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** CHROME_PATH, else Debian's chromium or a Chrome in /usr/bin; throws with install instructions otherwise (the test must fail, not skip). */
export function findChromium(): string {
  const configured = process.env.CHROME_PATH?.trim();
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROME_PATH is ${configured}, but no file is there. ${BROWSER_INSTALL_HINT}`);
    return configured;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found === undefined) throw new Error(BROWSER_INSTALL_HINT);
  return found;
}

export interface LaunchedBrowser {
  readonly browser: Browser;
  /** Opens a page in a new context (e.g. { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true }). */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launches Chromium with exactly CHROMIUM_FLAGS and a throw-away --user-data-dir.
 * Playwright's own default flags are switched off (ignoreDefaultArgs), so the pipe it
 * talks to the browser over is passed here explicitly.
 */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  const userDataDir = mkdtempSync(join(tmpdir(), 'widget-browser-test-'));
  const browser = await chromium.launch({
    executablePath,
    ignoreDefaultArgs: true,
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${userDataDir}`, '--remote-debugging-pipe'],
    timeout: 30_000,
  });
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async newPage(options) {
      const context = await browser.newContext(options);
      // Well under Jest's test timeout, so a stuck step fails with Playwright's description of it.
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

// ---- Driving the widget --------------------------------------------------------------------

export function launcher(page: Page): Locator {
  return page.getByTestId('chat-launcher');
}

/** The widget's panel (role=dialog; Web Chat has dialogs of its own, hence the id). */
export function chatPanel(page: Page): Locator {
  return page.locator('#ccw-panel');
}

/** Clicks the launcher and waits until Web Chat is connected and its send box is shown. */
export async function openChat(page: Page): Promise<Locator> {
  await launcher(page).click();
  const panel = chatPanel(page);
  await page.locator('#ccw-panel[data-state="ready"], #ccw-panel[data-state="error"]').waitFor({ timeout: 20_000 });
  if ((await panel.getAttribute('data-state')) === 'error') throw new Error(`The widget failed to start: ${await panel.innerText()}`);
  await panel.locator('[data-id="webchat-sendbox-input"]').waitFor();
  return panel;
}

/** Types into Web Chat's send box and presses Enter. */
export async function sendChatMessage(page: Page, text: string): Promise<void> {
  const input = chatPanel(page).locator('[data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
}

/** Waits for a message bubble containing the text (from the bot or the user) in the transcript. */
export async function waitForMessage(page: Page, text: string | RegExp, timeoutMs = 10_000): Promise<Locator> {
  const bubble = chatPanel(page).locator('.webchat__bubble__content').filter({ hasText: text }).last();
  await bubble.waitFor({ timeout: timeoutMs });
  return bubble;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An element whose whole text is `text` (hasText with a string matches any part, ignoring case: "No" would match "Not now"). */
export function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

/**
 * A pattern for a Markdown text as Web Chat shows it: emphasis markers and bullets are gone and
 * its markdown-it typographer turns ' into ’, so the words are matched with anything but
 * letters and digits between them.
 */
export function renderedTextPattern(markdown: string): RegExp {
  const words = markdown
    .replace(/\*\*|__|[*_`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  if (words.length === 0) throw new Error(`"${markdown}" has no words to look for.`);
  return new RegExp(words.map(escapeRegExp).join('[^\\p{L}\\p{N}]+'), 'u');
}

/** Every activity (message, card carousel…) in the visible transcript, oldest first. */
export function transcriptActivities(page: Page): Locator {
  return chatPanel(page).locator('.webchat__basic-transcript__activity');
}

/**
 * Waits until the newest activity in the transcript is the bot's and contains the text, and
 * returns it. Unlike waitForMessage, an older message with the same words does not count:
 * use it to wait for the answer to what was just sent or clicked.
 */
export async function waitForBotReply(page: Page, text: string | RegExp, timeoutMs = 10_000): Promise<Locator> {
  const reply = transcriptActivities(page).last().filter({ hasNot: page.locator('.webchat__bubble--from-user') }).filter({ hasText: text });
  await reply.waitFor({ timeout: timeoutMs });
  return reply;
}

/** Waits until Web Chat's transcript has finished scrolling to its newest activity (it scrolls smoothly), e.g. before a screenshot. */
export async function waitForTranscriptAtBottom(page: Page, timeoutMs = 5_000): Promise<void> {
  // No named functions inside: the callback runs in the page, where tsx's __name helper does not exist.
  await chatPanel(page)
    .locator('.webchat__basic-transcript__scrollable')
    .evaluate(async (scrollable, timeout) => {
      const deadline = performance.now() + timeout;
      // A few frames in a row at the bottom: the smooth scroll (and any late layout) is done.
      for (let settledFrames = 0; settledFrames < 3; ) {
        if (performance.now() > deadline) throw new Error('The transcript did not scroll to its newest activity.');
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const atBottom = scrollable.scrollTop + scrollable.clientHeight >= scrollable.scrollHeight - 1;
        settledFrames = atBottom ? settledFrames + 1 : 0;
      }
    }, timeoutMs);
}

/** The suggested action shown with that exact title (not Web Chat's hidden copies for screen readers). */
export function suggestedAction(page: Page, title: string): Locator {
  return chatPanel(page).locator('button.webchat__suggested-action').filter({ hasText: exactText(title) });
}

/** Clicks a suggested action (Web Chat also keeps hidden copies for screen readers, hence the class). */
export async function clickSuggestedAction(page: Page, title: string): Promise<void> {
  await suggestedAction(page, title).click();
}

/** Clicks a button on the newest card (hero, thumbnail or adaptive card) in the transcript. */
export async function clickCardButton(page: Page, title: string): Promise<void> {
  await chatPanel(page).locator('.webchat__basic-transcript .ac-adaptiveCard button').filter({ hasText: exactText(title) }).last().click();
}

/** Saves a screenshot under test-results/ (git-ignored) and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const folder = join(findProjectRoot(), 'test-results');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
