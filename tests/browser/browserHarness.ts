import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { findProjectRoot } from '../../knowledge/loading/projectRoot';

export { EchoTestBot } from '../web/support/testBot';
export { startWebTestServer, type WebTestServer, type WebTestServerOptions } from '../web/support/webTestServer';

/** The launch flags this project's browser tests use, exactly (plus a fresh profile and Playwright's pipe). */
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

/** Clicks a suggested action (Web Chat also keeps hidden copies for screen readers, hence the class). */
export async function clickSuggestedAction(page: Page, title: string): Promise<void> {
  await chatPanel(page).locator('button.webchat__suggested-action', { hasText: title }).click();
}

/** Clicks a button on the newest card (hero, thumbnail or adaptive card) in the transcript. */
export async function clickCardButton(page: Page, title: string): Promise<void> {
  await chatPanel(page).locator('.webchat__basic-transcript .ac-adaptiveCard button', { hasText: title }).last().click();
}

/** Saves a screenshot under test-results/ (git-ignored) and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const folder = join(findProjectRoot(), 'test-results');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
