import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import { request } from '../support/httpClient';
import type { BotEndpoint } from '../support/botEndpoint';
import { emulatorService } from '../support/emulatorService';

/**
 * The Emulator conversation from the README, over the real HTTP stack: the restify server on
 * an ephemeral port, the real CloudAdapter, and nock standing in for the Emulator's connector.
 */
describe('the service over the Bot Framework protocol (Emulator channel)', () => {
  // The Emulator's connector runs on this machine (nock answers for it).
  const serviceUrl = 'http://127.0.0.1:59101';
  const service = emulatorService(serviceUrl);
  const { replies } = service;
  let baseUrl: string;
  let knowledgeBase: KnowledgeBase;

  beforeAll(async () => {
    await service.start();
    baseUrl = service.baseUrl;
    knowledgeBase = service.knowledgeBase;
  });

  afterAll(() => service.stop());

  beforeEach(() => replies.clear());

  const endpoint = (conversationId: string): BotEndpoint => service.endpoint(conversationId);

  it('reports health on /healthz', async () => {
    const response = await request('GET', `${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok' });
  });

  it('welcomes a user who joins, with the disclaimer', async () => {
    const bot = endpoint('welcome-1');
    const response = await bot.post(
      bot.activity({ type: 'conversationUpdate', membersAdded: [{ id: 'patient-1', name: 'Patient' }] }),
    );
    expect(response.status).toBe(200);
    const [welcome] = replies.messages();
    expect(welcome?.text).toContain(knowledgeBase.clinic.name);
    expect(welcome?.text).toContain('not medical advice');
    expect(welcome?.suggestedActions?.actions.length).toBeGreaterThan(0);
  });

  it('answers a question with the FAQ answer, follow-ups, and the FaqRouting trace', async () => {
    const response = await endpoint('answer-1').say('does active release hurt');
    expect(response.status).toBe(200);

    const painful = knowledgeBase.faq.find((entry) => entry.id === 'is-art-painful');
    const [answer] = replies.messages();
    expect(answer?.text).toContain(painful?.answer.trim().slice(0, 60));
    const buttonTitles = answer?.suggestedActions?.actions.map((action) => action.title);
    expect(buttonTitles).toContain('Find a provider');

    const [trace] = replies.traces('FaqRouting');
    expect(trace?.label).toBe('FAQ routing');
    expect(trace?.value).toMatchObject({ route: 'answer', id: 'is-art-painful' });
    const value = trace?.value as { score: number; candidates: { id: string; score: number }[] };
    expect(value.score).toBeGreaterThan(0);
    expect(value.score).toBeLessThanOrEqual(1);
    expect(value.candidates[0]?.id).toBe('is-art-painful');
  });

  it('answers both questions of a two-question message, each with its sources, in one reply', async () => {
    const response = await endpoint('two-questions-1').say('how long is a session and how much does it cost?');
    expect(response.status).toBe(200);
    const entry = (id: string) => knowledgeBase.faq.find((faq) => faq.id === id);
    const messages = replies.messages();
    expect(messages).toHaveLength(1);
    const text = messages[0]?.text ?? '';
    expect(text).toContain(entry('session-length')?.answer.trim().slice(0, 60));
    expect(text).toContain(entry('cost-and-insurance')?.answer.trim().slice(0, 40));
    expect(text.split(`${knowledgeBase.conversation.sourcesLabel}:`)).toHaveLength(3);
    const [trace] = replies.traces('FaqRouting');
    expect(trace?.value).toMatchObject({ route: 'answer', id: 'session-length', also: { route: 'answer', id: 'cost-and-insurance' } });
  });

  it('answers an emergency with the emergency guidance and nothing else but a tappable emergency number', async () => {
    await endpoint('emergency-1').say('i have crushing chest pain and my left arm is numb, can art help?');
    const messages = replies.messages();
    const { emergencyNumber } = knowledgeBase.clinic;
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain(`**[${emergencyNumber}](tel:${emergencyNumber})**`);
    expect(messages[0]?.textFormat).toBe('markdown');
    // Its one button calls the emergency number: nothing to read, book or choose.
    expect(messages[0]?.suggestedActions?.actions).toEqual([{ type: 'openUrl', title: `Call ${emergencyNumber}`, value: `tel:${emergencyNumber}` }]);
    expect(replies.traces('FaqRouting')[0]?.value).toMatchObject({ route: 'emergency' });
  });

  it('runs a whole safety screen to provider cards over the Bot Framework protocol', async () => {
    const bot = endpoint('screening-1');
    const questions = knowledgeBase.screening.questions;
    await bot.say('I would like to book an appointment');
    expect(replies.messages().map((m) => m.text).join('\n')).toContain(questions[0]?.text.split('\n')[0]);
    for (const [index] of questions.entries()) {
      replies.clear();
      const response = await bot.say('No');
      expect(response.status).toBe(200);
      const next = questions[index + 1];
      const shown = replies.messages().map((m) => m.text).join('\n');
      expect(shown).toContain(next === undefined ? knowledgeBase.screening.areaQuestion : next.text.split('\n')[0]);
    }
    replies.clear();
    await bot.say('my knee');
    const [cards] = replies.messages();
    expect(cards?.attachmentLayout).toBe('carousel');
    const heroCards = (cards?.attachments ?? []).map((attachment) => attachment.content as { title: string; buttons: { title: string; value: string }[] });
    expect(heroCards.length).toBeGreaterThan(0);
    expect(heroCards.length).toBeLessThanOrEqual(3);
    for (const card of heroCards) expect(card.buttons.map((button) => button.title)).toContain('Book online');
    expect(replies.traces('Screening')[0]?.value).toEqual({ outcome: 'clear', flags: [] });
    expect(replies.traces('ProviderSuggestion')[0]?.value).toMatchObject({ area: 'hip-knee-leg' });
  });

  it.each([
    ['an empty body', undefined],
    ['an activity without a type', { text: 'hello' }],
    ['a JSON array', [1, 2, 3]],
  ])('rejects %s with 400, not a server error', async (_name, body) => {
    const response = await request('POST', `${baseUrl}/api/messages`, { body, headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(400);
  });

  it('rejects a body over 128 KB with 413, not a server error', async () => {
    const response = await request('POST', `${baseUrl}/api/messages`, {
      body: { type: 'message', text: 'x'.repeat(200 * 1024), channelId: 'emulator', serviceUrl, conversation: { id: 'big' }, from: { id: 'u' }, recipient: { id: 'b' } },
    });
    expect(response.status).toBe(413);
  });

  it('rejects malformed JSON with 400', async () => {
    const response = await request('POST', `${baseUrl}/api/messages`, {
      headers: { 'Content-Type': 'application/json' },
      rawBody: '{"type": "message", ',
    });
    expect(response.status).toBe(400);
  });
});
