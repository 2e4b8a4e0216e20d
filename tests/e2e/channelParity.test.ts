import type { Activity } from 'botbuilder';
import { BotEndpoint } from '../support/botEndpoint';
import { emulatorService } from '../support/emulatorService';

/**
 * On the Emulator a turn runs through botbuilder-dialogs' runDialog and sends its traces; on the
 * production channels it runs the dialog directly and sends replies only (dialogs/dialogTurn.ts,
 * dialogs/emulatorTraces.ts). Whatever the channel, the patient must see exactly the same replies:
 * conversations that go through every dialog, played on each channel, compared message for message.
 */
const CONVERSATIONS: readonly (readonly string[])[] = [
  ['hi', 'does active release hurt', 'how long is a session and how much does it cost', 'thanks'],
  ["I'd like to book an appointment", 'No', 'how long is a session', 'No', 'help', 'No', 'No', 'No', 'No', 'No', 'my knee', 'start over'],
  ["I'd like to book an appointment", 'No', 'yes', 'find a provider'],
  ['my chest feels weird', 'no', 'does it hurt', 'my chest feels weird again', 'yes', 'find a provider'],
  ['came off my bike yesterday, wrist is all puffy and hurts to move, can activ release help', 'find a provider'],
  ['i have chest pain right now, could it just be a tight muscle, can art help', 'forget me', 'find a provider'],
  ['cuanto cuesta una sesion', 'what should i wear', 'asdf qwer zxcv', 'forget me', 'hi'],
];

/**
 * What the patient sees of a reply: everything but ids, addresses, timestamps, the signature of a
 * booking link (it names the conversation) and the random name of a "Did this help?" offer.
 */
function visible(activity: Partial<Activity>): unknown {
  const { text, speak, inputHint, attachments, suggestedActions, attachmentLayout, textFormat, entities } = activity;
  const seen = JSON.stringify({ text, speak, inputHint, attachments, suggestedActions, attachmentLayout, textFormat, entities });
  return JSON.parse(
    seen.replace(/(\/book\/[a-z0-9-]+\?c=)[A-Za-z0-9._-]+/g, '$1(signed)').replace(/("offer":")[0-9a-f-]{36}"/g, '$1(random)"'),
  ) as unknown;
}

describe('the same replies on every channel', () => {
  const serviceUrl = 'http://127.0.0.1:59107';
  const service = emulatorService(serviceUrl);
  beforeAll(() => service.start());
  afterAll(() => service.stop());

  async function play(channelId: string, conversation: readonly string[], index: number): Promise<unknown[][]> {
    const endpoint = new BotEndpoint(service.baseUrl, { channelId, serviceUrl, conversationId: `parity-${channelId}-${index}` });
    const turns: unknown[][] = [];
    for (const text of conversation) {
      service.replies.clear();
      expect((await endpoint.say(text)).status).toBe(200);
      turns.push(service.replies.messages().map(visible));
      if (channelId !== 'emulator') expect(service.replies.activities.filter((activity) => activity.type === 'trace')).toEqual([]);
    }
    return turns;
  }

  it.each(CONVERSATIONS.map((conversation, index) => [index, conversation] as const))('conversation %i: %j', async (index, conversation) => {
    const onEmulator = await play('emulator', conversation, index);
    expect(onEmulator.flat().length).toBeGreaterThanOrEqual(conversation.length);
    expect(await play('webchat', conversation, index)).toEqual(onEmulator);
    expect(await play('directline', conversation, index)).toEqual(onEmulator);
  });
});
