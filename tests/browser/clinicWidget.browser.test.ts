import type { BrowserContext, Locator, Page } from 'playwright-core';
import { createApplication } from '../../bot/createApplication';
import { fillClinicPlaceholders } from '../../knowledge/loading/clinicPlaceholders';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import type { Provider } from '../../knowledge/schemas/providersSchema';
import type { ScreeningArea, ScreeningQuestion } from '../../knowledge/schemas/screeningSchema';
import { suggestProviders } from '../../knowledge/screening/providerSuggestions';
import { silentLogger, testConfig } from '../support/testConfig';
import {
  chatPanel,
  clickSuggestedAction,
  exactText,
  launchBrowser,
  openChat,
  renderedTextPattern,
  saveScreenshot,
  sendChatMessage,
  serveForBrowser,
  suggestedAction,
  waitForBotReply,
  waitForMessage,
  waitForTranscriptAtBottom,
  type BrowserTestServer,
  type LaunchedBrowser,
} from './browserHarness';

/**
 * The website widget in headless Chromium against the REAL service from createApplication:
 * the clinic's knowledge base, the router, the safety screen and the provider cards, over the
 * built-in local Direct Line channel. What the bot says is read from the loaded knowledge base,
 * so clinic staff can reword the YAML without breaking these tests.
 */

/** Each conversation takes a dozen turns over Direct Line polling: generous, but bounded. */
const CONVERSATION_TIMEOUT_MS = 60_000;
/** Time for the bot to answer one message (Web Chat polls the local Direct Line every 500 ms). */
const REPLY_TIMEOUT_MS = 10_000;

/** The first paragraph of a Markdown text (a bubble shows it whole; later paragraphs may hold lists). */
function firstParagraph(markdown: string): string {
  return markdown.trim().split(/\n\s*\n/)[0] ?? '';
}

/** The first line of a screening question ("Do you have any of these **right now**?"), before its bullet list. */
function firstLine(markdown: string): string {
  return markdown.trim().split('\n')[0] ?? '';
}

function requireDefined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The knowledge base has no ${what}.`);
  return value;
}

/** Keeps the browser on this machine: pages opened from cards (booking sites) get a stub page instead. */
async function keepOffTheInternet(context: BrowserContext, baseUrl: string): Promise<void> {
  await context.route(
    (url) => url.origin !== new URL(baseUrl).origin,
    (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Booking (stub)</title>' }),
  );
}

describe('clinic widget with the real bot (knowledge base, safety screen, provider cards)', () => {
  let browser: LaunchedBrowser;
  let app: BrowserTestServer;
  let kb: KnowledgeBase;
  /** One desktop page, reused: every test reloads the demo page, which starts a new conversation. */
  let desktop: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    // Launch first: without a browser this fails right away with install instructions.
    browser = await launchBrowser();
    const application = createApplication({ config: testConfig({ port: 0, localDirectLineEnabled: true }), logger: silentLogger() });
    kb = application.knowledgeBase;
    app = await serveForBrowser(application.server);
    desktop = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await keepOffTheInternet(desktop.context(), app.baseUrl);
    desktop.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(() => {
    pageErrors = [];
  });

  // ---- What the bot should say, from the knowledge base --------------------------------------

  const clinic = () => kb.clinic;
  const screening = () => kb.screening;
  const fill = (text: string): string => fillClinicPlaceholders(text, kb.clinic);
  const findProviderLabel = () => kb.conversation.findProviderLabel;
  const backArea = (): ScreeningArea => requireDefined(kb.screening.areas.find((area) => area.id === 'back'), 'screening area "back"');
  const bookingUrls = (): string[] => kb.providers.flatMap((provider) => (provider.bookingUrl === undefined ? [] : [provider.bookingUrl]));

  // ---- Steps of a conversation -----------------------------------------------------------------

  /** Steps 1-3: the demo page, the widget, and the clinic's welcome. */
  async function startChat(page: Page): Promise<Locator> {
    await page.goto(`${app.baseUrl}/`);
    expect(await page.title()).toContain(clinic().name);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const panel = await openChat(page);
    const welcome = await waitForBotReply(page, renderedTextPattern(firstParagraph(fill(kb.conversation.welcome))), REPLY_TIMEOUT_MS);
    expect(await welcome.innerText()).toContain(clinic().name);
    return panel;
  }

  /** Step 4: a typed question gets the is-art-painful answer, with "Find a provider" offered. */
  async function askWhetherItHurts(page: Page): Promise<void> {
    const painful = requireDefined(
      kb.faq.find((entry) => entry.id === 'is-art-painful'),
      'FAQ entry "is-art-painful"',
    );
    await sendChatMessage(page, 'does active release hurt');
    await waitForBotReply(page, renderedTextPattern(firstParagraph(painful.answer)), REPLY_TIMEOUT_MS);
    await suggestedAction(page, findProviderLabel()).waitFor();
  }

  /** Waits for the question (by its first line, in the newest message) and clicks an answer button. */
  async function answerQuestion(page: Page, question: ScreeningQuestion, answer: 'yes' | 'no'): Promise<void> {
    await waitForBotReply(page, renderedTextPattern(firstLine(question.text)), REPLY_TIMEOUT_MS);
    await clickSuggestedAction(page, answer === 'yes' ? screening().answers.yesLabel : screening().answers.noLabel);
  }

  /** Steps 5-8: "Find a provider", "No" to every safety question, the "Back" area, and the provider cards. */
  async function reachProviderCards(page: Page): Promise<{ carousel: Locator; expected: readonly Provider[] }> {
    await clickSuggestedAction(page, findProviderLabel());
    for (const question of screening().questions) await answerQuestion(page, question, 'no');
    await waitForBotReply(page, renderedTextPattern(screening().areaQuestion), REPLY_TIMEOUT_MS);
    const area = backArea();
    await clickSuggestedAction(page, area.label);

    const suggestion = suggestProviders(kb.providers, area.id);
    const intro = suggestion.matchedArea ? screening().suggestionIntro : screening().noAreaMatch;
    const carousel = await waitForBotReply(page, renderedTextPattern(intro), REPLY_TIMEOUT_MS);
    return { carousel, expected: suggestion.providers };
  }

  /** The hero card in the carousel that shows the provider's name. */
  function providerCard(carousel: Locator, provider: Provider): Locator {
    return carousel.locator('.ac-adaptiveCard').filter({ hasText: provider.name });
  }

  function bookOnlineButton(card: Locator): Locator {
    return card.locator('button').filter({ hasText: exactText('Book online') });
  }

  /** Clicks an openUrl button and returns the address of the page it opens (served by keepOffTheInternet's stub). */
  /**
   * Where the button sends the patient: the bot's own /book link, which redirects to the provider's
   * booking page (Playwright does not route redirects, so the redirect's target is read from the request).
   */
  async function openedUrl(page: Page, button: Locator): Promise<string> {
    const context = page.context();
    const redirected = new Promise<string>((resolve) => {
      const onRequest = (request: import('playwright-core').Request): void => {
        const from = request.redirectedFrom();
        if (from !== null && new URL(from.url()).pathname.startsWith('/book/')) {
          context.off('request', onRequest);
          resolve(request.url());
        }
      };
      context.on('request', onRequest);
    });
    const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()]);
    const url = await redirected;
    await popup.close();
    return url;
  }

  /** Moves the mouse off the transcript so screenshots do not show a hover state. */
  async function restMouse(page: Page): Promise<void> {
    await page.mouse.move(1, 1);
  }

  // ---- Tests ----------------------------------------------------------------------------------

  it(
    'answers a question, runs the safety screen and suggests providers with online booking',
    async () => {
      const page = desktop;
      await startChat(page);
      await askWhetherItHurts(page);
      const { carousel, expected } = await reachProviderCards(page);

      expect(expected.length).toBeGreaterThan(0);
      expect(await carousel.locator('.ac-adaptiveCard').count()).toBe(expected.length);
      for (const provider of expected) await providerCard(carousel, provider).waitFor();
      // The widget's styling of cards: buttons in the widget's font (not the browser's default for buttons),
      // and no native scrollbar under the carousel (it scrolls with its flippers).
      const fontOf = (element: Locator): Promise<string> => element.evaluate((node) => getComputedStyle(node).fontFamily);
      const firstCard = providerCard(carousel, requireDefined(expected[0], 'provider for the back'));
      expect(await fontOf(bookOnlineButton(firstCard))).toBe(await fontOf(carousel.locator('.webchat__bubble__content').first()));
      const filmstrip = carousel.locator('.react-film__filmstrip');
      expect(await filmstrip.evaluate((node: HTMLElement) => node.offsetHeight - node.clientHeight)).toBe(0);
      // Markdown in the safety questions was rendered (bold, lists), not shown as asterisks.
      expect(await chatPanel(page).locator('.webchat__basic-transcript').innerText()).not.toContain('**');
      expect(await chatPanel(page).getByText(/Send failed/i).count()).toBe(0);

      // What the patient sees first (before any button is pressed and the carousel scrolled).
      await restMouse(page);
      await waitForTranscriptAtBottom(page);
      await saveScreenshot(page, 'clinic-widget-desktop-providers');

      const allBookingUrls = bookingUrls();
      for (const provider of expected) {
        const bookOnline = bookOnlineButton(providerCard(carousel, provider));
        expect(await bookOnline.count()).toBe(1);
        // The button opens the provider's own booking page, from providers.yaml.
        const url = await openedUrl(page, bookOnline);
        expect(allBookingUrls).toContain(url);
        expect(url).toBe(provider.bookingUrl);
      }
      expect(pageErrors).toEqual([]);
    },
    CONVERSATION_TIMEOUT_MS,
  );

  it(
    'gives see-doctor advice, and no provider or booking link, when a see-doctor question is answered yes',
    async () => {
      const page = desktop;
      const panel = await startChat(page);
      await askWhetherItHurts(page);
      await clickSuggestedAction(page, findProviderLabel());

      const questions = screening().questions;
      const seeDoctorAt = questions.findIndex((question) => question.level === 'see-doctor');
      const seeDoctor = requireDefined(questions[seeDoctorAt], 'see-doctor screening question');
      for (const [index, question] of questions.slice(0, seeDoctorAt).entries()) {
        expect(question.level).toBe('emergency');
        if (index === 0) {
          // The first question, with its bold words and bullet list, and the Yes / No buttons.
          await waitForBotReply(page, renderedTextPattern(firstLine(question.text)), REPLY_TIMEOUT_MS);
          await suggestedAction(page, screening().answers.noLabel).waitFor();
          await restMouse(page);
          await waitForTranscriptAtBottom(page);
          await saveScreenshot(page, 'clinic-widget-desktop-screening');
        }
        await answerQuestion(page, question, 'no');
      }
      await answerQuestion(page, seeDoctor, 'yes');

      await waitForMessage(page, renderedTextPattern(fill(requireDefined(seeDoctor.onYes, `onYes for ${seeDoctor.id}`))));
      await waitForBotReply(page, renderedTextPattern(fill(screening().afterSeeDoctor)), REPLY_TIMEOUT_MS);
      // The follow-up offers topics to read about…
      await panel.locator('button.webchat__suggested-action').first().waitFor();
      // …but nothing that leads to booking treatment, anywhere in the chat (hidden copies included).
      expect(await suggestedAction(page, findProviderLabel()).count()).toBe(0);
      expect(await panel.locator('.ac-adaptiveCard').count()).toBe(0);
      const html = await panel.innerHTML();
      expect(html).not.toContain('Book online');
      for (const url of bookingUrls()) expect(html).not.toContain(url);
      for (const provider of kb.providers) expect(html).not.toContain(provider.name);
      expect(pageErrors).toEqual([]);
    },
    CONVERSATION_TIMEOUT_MS,
  );

  it(
    'answers an emergency typed into the widget with the emergency number as a tel: link and one button that calls it',
    async () => {
      const page = desktop;
      const panel = await startChat(page);
      await sendChatMessage(page, 'i have crushing chest pain');

      const emergency = fill(kb.safety.messages.en.emergency);
      const number = clinic().emergencyNumber;
      const reply = await waitForBotReply(page, renderedTextPattern(firstParagraph(emergency)), REPLY_TIMEOUT_MS);
      expect(await reply.innerText()).toMatch(renderedTextPattern(emergency));
      // The number is written out, still bold, and tapping it dials: a link to tel:911, not just bold text.
      const link = reply.locator(`strong a[href="tel:${number}"]`);
      expect(await link.count()).toBeGreaterThan(0);
      expect((await link.first().innerText()).trim()).toBe(number);
      expect(await reply.innerHTML()).not.toContain('](tel:');

      // Its one button calls the same number (Web Chat opens tel: links with window.open); nothing else is offered.
      await waitForTranscriptAtBottom(page);
      expect(await reply.locator('button').count()).toBe(0);
      const buttons = panel.locator('button.webchat__suggested-action');
      expect(await buttons.count()).toBe(1);
      const callButton = suggestedAction(page, `${kb.safety.messages.en.callLabel} ${number}`);
      await callButton.waitFor();
      await restMouse(page);
      await saveScreenshot(page, 'clinic-widget-desktop-emergency');
      await page.evaluate(() => {
        const opened: string[] = [];
        (window as unknown as { openedUrls: string[] }).openedUrls = opened;
        window.open = (url?: string | URL): null => {
          opened.push(String(url));
          return null;
        };
      });
      await callButton.click();
      // Web Chat runs the card action after the click returns: wait for it to open something.
      await page.waitForFunction(() => (window as unknown as { openedUrls: string[] }).openedUrls.length > 0);
      expect(await page.evaluate(() => (window as unknown as { openedUrls: string[] }).openedUrls)).toEqual([`tel:${number}`]);
      expect(pageErrors).toEqual([]);
    },
    CONVERSATION_TIMEOUT_MS,
  );

  it(
    'falls back on a phone with four topics and "See all topics", which lists every topic without a wall of buttons',
    async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await keepOffTheInternet(page.context(), app.baseUrl);
      const panel = await startChat(page);
      const { conversation } = kb;

      await sendChatMessage(page, 'what is the capital of australia');
      await waitForBotReply(page, renderedTextPattern(firstParagraph(fill(conversation.fallback)).split('.')[0] ?? ''), REPLY_TIMEOUT_MS);
      const seeAll = suggestedAction(page, conversation.allTopics.label);
      await seeAll.waitFor();
      await waitForTranscriptAtBottom(page);
      const fallbackButtons = panel.locator('button.webchat__suggested-action');
      expect(await fallbackButtons.count()).toBeLessThanOrEqual(5);
      await restMouse(page);
      await saveScreenshot(page, 'clinic-widget-mobile-fallback');

      await seeAll.click();
      const list = await waitForBotReply(page, renderedTextPattern(conversation.allTopics.reply), REPLY_TIMEOUT_MS);
      // Every topic, as a rendered list (not "- " lines), and only a few buttons under it.
      const items = list.locator('li');
      expect(await items.count()).toBe(conversation.topics.length);
      const questions = conversation.topics.map((id) => requireDefined(kb.faq.find((entry) => entry.id === id), `FAQ entry "${id}"`).question);
      expect((await items.allInnerTexts()).map((text) => text.trim())).toEqual(questions.map((question) => question.replace(/'/g, '’').replace(/"([^"]*)"/g, '“$1”')));
      await waitForTranscriptAtBottom(page);
      expect(await panel.locator('button.webchat__suggested-action').count()).toBeLessThanOrEqual(4);
      // The list and its buttons together are shorter than the phone's screen: one swipe shows it all, not a wall of topics.
      const listBox = requireDefined((await list.boundingBox()) ?? undefined, 'box of the topic list');
      const buttonsBox = requireDefined((await panel.locator('.webchat__suggested-actions').boundingBox()) ?? undefined, 'box of the suggested actions');
      expect(listBox.height + buttonsBox.height).toBeLessThan(740);
      await restMouse(page);
      await saveScreenshot(page, 'clinic-widget-mobile-all-topics');
      await page.context().close();
    },
    CONVERSATION_TIMEOUT_MS,
  );

  it(
    'shows the provider cards and their buttons within a 375 px wide phone screen',
    async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await keepOffTheInternet(page.context(), app.baseUrl);
      const panel = await startChat(page);
      await askWhetherItHurts(page);
      const { carousel, expected } = await reachProviderCards(page);
      const first = providerCard(carousel, requireDefined(expected[0], 'provider for the back'));
      await first.waitFor();
      await waitForTranscriptAtBottom(page);

      expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 740 });
      // The first card and its buttons fit on the screen; the page does not scroll sideways.
      for (const box of [await first.boundingBox(), await bookOnlineButton(first).boundingBox()]) {
        expect(box).not.toBeNull();
        expect(box?.x).toBeGreaterThanOrEqual(0);
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      // Button labels (phone numbers!) are shown whole, never cut off with "…".
      const labels = first.locator('.ac-pushButton');
      expect(await labels.count()).toBeGreaterThan(0);
      for (const label of await labels.all()) {
        expect(await label.evaluate((button) => Array.from(button.querySelectorAll('*')).every((node) => node.scrollWidth <= node.clientWidth))).toBe(true);
      }

      await restMouse(page);
      await saveScreenshot(page, 'clinic-widget-mobile-providers');
      await page.context().close();
    },
    CONVERSATION_TIMEOUT_MS,
  );
});
