import type { BrowserContext, Page } from 'playwright-core';
import { createApplication } from '../../bot/createApplication';
import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { silentLogger, testConfig } from '../support/testConfig';
import {
  chatPanel,
  clickSuggestedAction,
  launchBrowser,
  openChat,
  renderedTextPattern,
  saveScreenshot,
  sendChatMessage,
  serveForBrowser,
  suggestedAction,
  transcriptActivities,
  waitForBotReply,
  waitForTranscriptAtBottom,
  type BrowserTestServer,
  type LaunchedBrowser,
} from './browserHarness';

/** Time for the bot to answer one message (Web Chat polls the local Direct Line every 500 ms). */
const REPLY_TIMEOUT_MS = 10_000;
const CONVERSATION_TIMEOUT_MS = 60_000;

function firstParagraph(markdown: string): string {
  return markdown.trim().split(/\n\s*\n/)[0] ?? '';
}

async function keepOffTheInternet(context: BrowserContext, baseUrl: string): Promise<void> {
  await context.route(
    (url) => url.origin !== new URL(baseUrl).origin,
    (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>stub</title>' }),
  );
}

/**
 * "Did this help?" in the website widget: headless Chromium, real Web Chat, the REAL service from
 * createApplication over the local Direct Line, and a feedback sink that records what reaches it.
 */
describe('"Did this help?" in the website widget', () => {
  let browser: LaunchedBrowser;
  let app: BrowserTestServer;
  let kb: KnowledgeBase;
  const recorded: { entryId: string; helpful: boolean }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    const application = createApplication({
      config: testConfig({ port: 0, localDirectLineEnabled: true }),
      logger: silentLogger(),
      answerFeedback: (entryId, helpful) => {
        recorded.push({ entryId, helpful });
        return Promise.resolve();
      },
    });
    kb = application.knowledgeBase;
    app = await serveForBrowser(application.server);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const entry = (id: string) => {
    const found = kb.faq.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(`no FAQ entry ${id}`);
    return found;
  };

  async function startChat(page: Page): Promise<void> {
    await page.goto(`${app.baseUrl}/`);
    await openChat(page);
    await waitForBotReply(page, renderedTextPattern(firstParagraph(kb.conversation.welcome.replace(/\{\{[^}]*\}\}/g, ''))), REPLY_TIMEOUT_MS);
  }

  /** Asks the entry's question and waits for its answer, which ends with "Did this help?" above its two buttons. */
  async function ask(page: Page, id: string): Promise<void> {
    const { feedback } = kb.conversation;
    await sendChatMessage(page, entry(id).question);
    const answer = await waitForBotReply(page, renderedTextPattern(firstParagraph(entry(id).answer)), REPLY_TIMEOUT_MS);
    expect((await answer.locator('.webchat__bubble__content').innerText()).trim().endsWith(feedback.question)).toBe(true);
    await suggestedAction(page, feedback.helpfulLabel).waitFor();
    await suggestedAction(page, feedback.notHelpfulLabel).waitFor();
  }

  it(
    'shows Yes and No under an answer; a click counts once, shows what was pressed, and gets the right reply',
    async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await keepOffTheInternet(page.context(), app.baseUrl);
      const panel = chatPanel(page);
      const { feedback } = kb.conversation;
      await startChat(page);

      await ask(page, 'is-art-painful');
      // The two buttons come first, next to the question; the follow-ups and "Find a provider" after them.
      const titles = (await panel.locator('button.webchat__suggested-action').allInnerTexts()).map((title) => title.trim());
      expect(titles.slice(0, 2)).toEqual([feedback.helpfulLabel, feedback.notHelpfulLabel]);
      expect(titles).toContain(kb.conversation.findProviderLabel);
      await page.mouse.move(1, 1);
      await waitForTranscriptAtBottom(page);
      await saveScreenshot(page, 'answer-feedback-desktop-asked');

      await clickSuggestedAction(page, feedback.helpfulLabel);
      await waitForBotReply(page, renderedTextPattern(feedback.thanks), REPLY_TIMEOUT_MS);
      // The press shows as the patient's message, by its label; no raw value and no "Send failed".
      const pressed = transcriptActivities(page).filter({ has: page.locator('.webchat__bubble--from-user') }).last();
      expect((await pressed.locator('.webchat__bubble__content').innerText()).trim()).toBe(feedback.helpfulLabel);
      expect(await panel.innerText()).not.toContain('answerFeedback');
      expect(recorded).toEqual([{ entryId: 'is-art-painful', helpful: true }]);
      // Asked once: the buttons are gone with the reply.
      expect(await suggestedAction(page, feedback.helpfulLabel).count()).toBe(0);

      await ask(page, 'session-length');
      await clickSuggestedAction(page, feedback.notHelpfulLabel);
      const reply = await waitForBotReply(page, renderedTextPattern(feedback.notHelpful.split('{{')[0] ?? ''), REPLY_TIMEOUT_MS);
      // The clinic's phone as a tel: link, a Call button first, then the answer's related questions.
      const { phone } = kb.clinic;
      expect(await reply.locator(`a[href="tel:${phone.replace(/[^\d+]/g, '')}"]`).count()).toBe(1);
      const callLabel = `${kb.safety.messages.en.callLabel} ${phone}`;
      await suggestedAction(page, callLabel).waitFor();
      const offered = (await panel.locator('button.webchat__suggested-action').allInnerTexts()).map((title) => title.trim());
      expect(offered[0]).toBe(callLabel);
      for (const id of entry('session-length').related) expect(offered).toContain(entry(id).question);
      expect(offered).not.toContain(feedback.helpfulLabel);
      expect(recorded).toEqual([
        { entryId: 'is-art-painful', helpful: true },
        { entryId: 'session-length', helpful: false },
      ]);
      await page.mouse.move(1, 1);
      await waitForTranscriptAtBottom(page);
      await saveScreenshot(page, 'answer-feedback-desktop-not-helpful');

      expect(await panel.getByText(/Send failed/i).count()).toBe(0);
      expect(pageErrors).toEqual([]);
      await page.context().close();
    },
    CONVERSATION_TIMEOUT_MS,
  );

  it(
    'fits on a 375 px phone screen',
    async () => {
      const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
      await keepOffTheInternet(page.context(), app.baseUrl);
      recorded.length = 0;
      await startChat(page);
      await ask(page, 'what-is-art');
      const yes = suggestedAction(page, kb.conversation.feedback.helpfulLabel);
      const box = await yes.boundingBox();
      expect(box === null ? -1 : box.x + box.width).toBeLessThanOrEqual(375);
      await waitForTranscriptAtBottom(page);
      await saveScreenshot(page, 'answer-feedback-mobile-asked');
      await yes.tap();
      await waitForBotReply(page, renderedTextPattern(kb.conversation.feedback.thanks), REPLY_TIMEOUT_MS);
      expect(recorded).toEqual([{ entryId: 'what-is-art', helpful: true }]);
      await page.context().close();
    },
    CONVERSATION_TIMEOUT_MS,
  );
});
