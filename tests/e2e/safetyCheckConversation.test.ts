import type { KnowledgeBase } from '../../knowledge/loading/knowledgeBase';
import type { BotEndpoint } from '../support/botEndpoint';
import { emulatorService } from '../support/emulatorService';

/**
 * A check question over the real HTTP stack (restify, CloudAdapter, conversation state between
 * requests), with nock standing in for the Emulator's connector.
 */
describe('a safety check question over the Bot Framework protocol', () => {
  const service = emulatorService('http://127.0.0.1:59108');
  const { replies } = service;
  let knowledgeBase: KnowledgeBase;

  beforeAll(async () => {
    await service.start();
    knowledgeBase = service.knowledgeBase;
  });

  afterAll(() => service.stop());

  beforeEach(() => replies.clear());

  const endpoint = (conversationId: string): BotEndpoint => service.endpoint(conversationId);
  const chestQuestion = (): string => knowledgeBase.safety.checks.find((check) => check.concept === 'chest')?.question.en ?? 'missing';

  it('asks with Yes/No buttons and traces the safety-check route with the concept id', async () => {
    const response = await endpoint('check-1').say('my chest feels weird');
    expect(response.status).toBe(200);
    const [message] = replies.messages();
    expect(message?.text).toBe(chestQuestion());
    expect(message?.suggestedActions?.actions.map((action) => action.title)).toEqual(['Yes', 'No']);
    expect(replies.traces('FaqRouting')[0]?.value).toMatchObject({ route: 'safety-check', id: 'chest' });
  });

  it('gives the emergency reply to a yes in the next request, and then keeps booking on hold', async () => {
    const bot = endpoint('check-2');
    await bot.say('my chest feels weird');
    replies.clear();
    await bot.say('Yes');
    const { emergencyNumber } = knowledgeBase.clinic;
    const [emergency] = replies.messages();
    expect(emergency?.text).toContain(`**[${emergencyNumber}](tel:${emergencyNumber})**`);
    expect(emergency?.suggestedActions?.actions.map((action) => String(action.value))).toEqual([`tel:${emergencyNumber}`]);
    replies.clear();
    await bot.say('Find a provider');
    const shown = replies.messages().map((message) => message.text).join('\n');
    expect(shown).toContain(knowledgeBase.clinic.emergencyNumber);
    expect(shown).not.toContain(knowledgeBase.screening.questions[0]?.text.split('\n')[0]);
  });

  it('answers the original question after a no', async () => {
    const bot = endpoint('check-3');
    await bot.say('my chest feels a bit weird, does active release hurt');
    replies.clear();
    await bot.say('no');
    const painful = knowledgeBase.faq.find((entry) => entry.id === 'is-art-painful');
    expect(replies.messages().map((message) => message.text).join('\n')).toContain(painful?.answer.trim().slice(0, 60));
  });

  it('replies to a Spanish emergency in Spanish', async () => {
    await endpoint('spanish-1').say('me duele el pecho y no puedo respirar');
    const [message] = replies.messages();
    expect(message?.text).toContain('Llame al');
    expect(message?.text).toContain(`[${knowledgeBase.clinic.emergencyNumber}](tel:${knowledgeBase.clinic.emergencyNumber})`);
    // The call button is labelled in Spanish too (safety.yaml messages.es.callLabel).
    expect(message?.suggestedActions?.actions).toEqual([
      { type: 'openUrl', title: `${knowledgeBase.safety.messages.es?.callLabel} ${knowledgeBase.clinic.emergencyNumber}`, value: `tel:${knowledgeBase.clinic.emergencyNumber}` },
    ]);
    expect(replies.traces('FaqRouting')[0]?.value).toMatchObject({ route: 'emergency' });
  });
});
