import { MemoryStorage, TestAdapter, TurnContext, type Activity, type ChannelAccount } from 'botbuilder';
import { adaptiveCardButtons, buttonSubmitData, type ButtonSubmitData } from '../../dialogs/rendering/adaptiveCardButtons';
import { renderReply } from '../../dialogs/rendering/activityRenderer';
import { providerCardsActivity } from '../../dialogs/rendering/providerCards';
import { mentionsBot, textWithoutBotMention } from '../../bot/teams/botMentions';
import { submittedText } from '../../bot/teams/cardSubmissions';
import { greetingFor } from '../../bot/teams/greetings';
import { MemberScopedConversationState } from '../../bot/teams/memberScopedConversationState';
import { isAddressedToBot, prepareIncomingMessage } from '../../bot/teams/teamsMessages';
import type { PlannedReply } from '../../knowledge/replies/plannedReply';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';
import { BOT, BOT_MENTION, type SubmitAction } from './support/teamsChannel';

const SAM: ChannelAccount = { id: '29:sam', name: 'Sam' };

function teamsActivity(conversationType: string, overrides: Partial<Activity> = {}): Activity {
  return {
    type: 'message',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    from: { id: '29:alex', name: 'Alex', aadObjectId: 'aad-alex' },
    recipient: BOT,
    conversation: { id: 'conversation-1', conversationType, isGroup: conversationType !== 'personal', name: '' },
    ...overrides,
  } as Activity;
}

const botMention = { type: 'mention', mentioned: BOT, text: BOT_MENTION };
const samMention = { type: 'mention', mentioned: SAM, text: '<at>Sam</at>' };

function contextFor(activity: Partial<Activity>): TurnContext {
  return new TurnContext(new TestAdapter(), activity);
}

describe('Teams mentions', () => {
  it("strips the bot's mention and keeps other people's names as plain text", () => {
    const activity = teamsActivity('channel', {
      text: `${BOT_MENTION} can <at>Sam</at> get ART for sciatica`,
      entities: [botMention, samMention],
    });
    expect(textWithoutBotMention(activity)).toBe('can Sam get ART for sciatica');
    // Reading does not change the activity; prepareIncomingMessage is the one place that writes.
    expect(activity.text).toBe(`${BOT_MENTION} can <at>Sam</at> get ART for sciatica`);
  });

  it.each([
    ['Teams line breaks around the text', `\r\n${BOT_MENTION} who can I see?\r\n`, [botMention], 'who can I see?'],
    ['the bot mentioned twice', `${BOT_MENTION} is ART painful ${BOT_MENTION}`, [botMention, botMention], 'is ART painful'],
    ['a mention entity without text (group chats)', `${BOT_MENTION} is ART painful`, [{ type: 'mention', mentioned: BOT }], 'is ART painful'],
    ['the mention mid-sentence', `hey ${BOT_MENTION}, is ART painful`, [botMention], 'hey, is ART painful'],
    ['no mention at all', 'is ART painful', [], 'is ART painful'],
  ])('handles %s', (_name, text, entities, expected) => {
    expect(textWithoutBotMention(teamsActivity('channel', { text, entities }))).toBe(expected);
  });

  it("counts only the bot's own mention as addressing it", () => {
    expect(mentionsBot(teamsActivity('channel', { text: `${BOT_MENTION} hi`, entities: [botMention] }))).toBe(true);
    expect(mentionsBot(teamsActivity('channel', { text: '<at>Sam</at> hi', entities: [samMention] }))).toBe(false);
  });
});

describe('which messages the bot answers', () => {
  it.each([
    ['a personal chat, no mention', true, teamsActivity('personal', { text: 'is ART painful' })],
    ['a channel, no mention', false, teamsActivity('channel', { text: 'is ART painful' })],
    ['a channel, only someone else mentioned', false, teamsActivity('channel', { text: '<at>Sam</at> is ART painful', entities: [samMention] })],
    ['a channel, the bot mentioned', true, teamsActivity('channel', { text: `${BOT_MENTION} is ART painful`, entities: [botMention] })],
    ['a group chat, no mention', false, teamsActivity('groupChat', { text: 'is ART painful' })],
    ['a group chat, a card submission', true, teamsActivity('groupChat', { value: { text: 'No' } })],
    ['a group chat, a value that is not a button', false, teamsActivity('groupChat', { value: { rating: 5 } })],
    ['the Emulator', true, { ...teamsActivity('personal', { text: 'hi' }), channelId: 'emulator' }],
    ['Web Chat in a group-like conversation', true, { ...teamsActivity('channel', { text: 'hi' }), channelId: 'webchat' }],
  ])('%s → %s', (_name, expected, activity) => {
    expect(isAddressedToBot(activity)).toBe(expected);
  });

  it('rewrites the text in place, once, for everything downstream (router, dialogs, safety)', () => {
    const submission = teamsActivity('groupChat', { value: { text: 'No' } });
    expect(prepareIncomingMessage(submission)).toBe(true);
    expect(submission.text).toBe('No');

    const mentioned = teamsActivity('channel', { text: `${BOT_MENTION} is ART painful`, entities: [botMention] });
    expect(prepareIncomingMessage(mentioned)).toBe(true);
    expect(mentioned.text).toBe('is ART painful');

    const bystander = teamsActivity('channel', { text: 'is ART painful' });
    expect(prepareIncomingMessage(bystander)).toBe(false);
    expect(bystander.text).toBe('is ART painful');
  });
});

describe('card submissions', () => {
  it.each([
    ['our button data, posted as value', { text: 'No' }, 'No'],
    ['Action.Submit with msteams imBack', { msteams: { type: 'imBack', value: 'Back' } }, 'Back'],
    ['Action.Submit with msteams messageBack', { msteams: { type: 'messageBack', text: 'Yes', displayText: 'Yes' } }, 'Yes'],
    ['messageBack value as an object', { msteams: { type: 'messageBack', value: { text: 'Foot or ankle' } } }, 'Foot or ankle'],
    ['a JSON string value, as in the Teams docs', '{"text":"Somewhere else"}', 'Somewhere else'],
    ['an unrelated object', { rating: 5 }, undefined],
    ['blank text', { text: '   ' }, undefined],
    ['a plain string', 'No', undefined],
    ['nothing', undefined, undefined],
  ])('reads %s', (_name, value, expected) => {
    expect(submittedText(teamsActivity('groupChat', { value }))).toBe(expected);
  });

  it("round-trips every form Teams may deliver our buttons in to the button's text", () => {
    const data: ButtonSubmitData = buttonSubmitData({ title: 'Hip, knee or leg', value: 'Hip, knee or leg' });
    expect(submittedText(teamsActivity('groupChat', { value: data }))).toBe('Hip, knee or leg');
    expect(submittedText(teamsActivity('groupChat', { value: data.msteams.value }))).toBe('Hip, knee or leg');
    expect(data.msteams).toMatchObject({ type: 'messageBack', text: 'Hip, knee or leg', displayText: 'Hip, knee or leg' });
  });
});

describe('Adaptive Card buttons', () => {
  const actionSets = (buttons: { title: string; value: string }[]): SubmitAction[][] => {
    const card = adaptiveCardButtons(buttons).content as { version: string; actions?: unknown[]; body: { type: string; actions: SubmitAction[] }[] };
    expect(card.version).toBe('1.2');
    expect(card.actions).toBeUndefined();
    return card.body.map((element) => {
      expect(element.type).toBe('ActionSet');
      return element.actions;
    });
  };

  it('puts questions one per row, so none is cut short and the ten topics all show', () => {
    const { composer } = fixtureKnowledge();
    const rows = actionSets([...composer.welcome().buttons]);
    expect(rows).toHaveLength(composer.welcome().buttons.length);
    expect(rows.every((row) => row.length === 1)).toBe(true);
  });

  it('puts short answers side by side', () => {
    const rows = actionSets([
      { title: 'Yes', value: 'Yes' },
      { title: 'No', value: 'No' },
    ]);
    expect(rows.map((row) => row.map((action) => action.title))).toEqual([['Yes', 'No']]);
    expect(rows[0]?.[0]).toMatchObject({ type: 'Action.Submit', data: { text: 'Yes' } });
  });
});

describe('rendering per channel', () => {
  const reply: PlannedReply = { text: 'Pick one', parts: [{ kind: 'text', text: 'Pick one' }], buttons: [{ title: 'Is ART painful?', value: 'Is ART painful?' }], calls: [] };

  it('uses an Adaptive Card in every Teams scope, and suggested actions elsewhere', () => {
    for (const scope of ['personal', 'groupChat', 'channel']) {
      const message = renderReply(contextFor(teamsActivity(scope)), reply);
      expect(message.suggestedActions).toBeUndefined();
      expect(message.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(message.text).toBe('Pick one');
    }
    const emulator = renderReply(contextFor({ ...teamsActivity('personal'), channelId: 'emulator' }), reply);
    expect(emulator.attachments).toBeUndefined();
    expect(emulator.suggestedActions?.actions[0]).toMatchObject({ type: 'imBack', value: 'Is ART painful?' });
  });

  it.each([
    ['Teams', 'msteams'],
    ['the Emulator', 'emulator'],
    ['Web Chat', 'webchat'],
  ])('makes the clinic\'s numbers tel: links in %s, with call buttons first where the reply has them', (_name, channelId) => {
    const { composer, knowledgeBase } = fixtureKnowledge();
    const { phone, emergencyNumber } = knowledgeBase.clinic;
    const dialled = phone.replace(/[^\d+]/g, '');
    const context = contextFor({ ...teamsActivity('personal'), channelId });

    // An urgent reply: links in the text, and a call button per number, nothing else.
    const urgent = renderReply(context, composer.urgentReply(`Call **${emergencyNumber}** now, or us on ${phone}.`));
    expect(urgent.text).toBe(`Call **[${emergencyNumber}](tel:${emergencyNumber})** now, or us on [${phone}](tel:${dialled}).`);
    expect(urgent.textFormat).toBe('markdown');
    const calls = [
      { title: `Call ${emergencyNumber}`, tel: `tel:${emergencyNumber}` },
      { title: `Call ${phone}`, tel: `tel:${dialled}` },
    ];
    if (channelId === 'msteams') {
      expect(urgent.suggestedActions).toBeUndefined();
      const card = urgent.attachments?.[0]?.content as { body: { type: string; actions: { type: string; title: string; url?: string }[] }[] };
      const actions = card.body.flatMap((element) => element.actions);
      expect(actions).toEqual(calls.map((call) => ({ type: 'Action.OpenUrl', title: call.title, url: call.tel })));
    } else {
      expect(urgent.attachments).toBeUndefined();
      expect(urgent.suggestedActions?.actions).toEqual(calls.map((call) => ({ type: 'openUrl', title: call.title, value: call.tel })));
    }

    // A reply with ordinary buttons and a number: the link, and only its own buttons (no call button).
    const fallback = renderReply(context, composer.reply(`Call us on ${phone}.`, [{ title: 'Is ART painful?', value: 'Is ART painful?' }]));
    expect(fallback.text).toBe(`Call us on [${phone}](tel:${dialled}).`);
    const pressable = channelId === 'msteams' ? JSON.stringify(fallback.attachments) : JSON.stringify(fallback.suggestedActions);
    expect(pressable).not.toContain('tel:');
    expect(pressable).toContain('Is ART painful?');
  });

  it('puts call buttons and question buttons on one Teams card, calls first', () => {
    const { knowledgeBase } = fixtureKnowledge();
    const number = knowledgeBase.clinic.emergencyNumber;
    const card = adaptiveCardButtons([{ title: 'Yes', value: 'Yes' }], [{ title: `Call ${number}`, phone: { number, dial: number } }]).content as {
      body: { type: string; actions: { type: string }[] }[];
    };
    expect(card.body.map((element) => element.actions.map((action) => action.type))).toEqual([['Action.OpenUrl'], ['Action.Submit']]);
  });

  it('writes the phone number on provider cards in Teams instead of a tel: button Teams ignores', () => {
    const { knowledgeBase } = fixtureKnowledge();
    const providers = knowledgeBase.providers.slice(0, 2);
    const labels = knowledgeBase.screening.providerCard;
    type Hero = { text: string; buttons: { title: string; value: string }[] };
    const heroes = (activity: Partial<Activity>): Hero[] => (activity.attachments ?? []).map((attachment) => attachment.content as Hero);

    for (const card of heroes(providerCardsActivity(contextFor(teamsActivity('groupChat')), providers, 'Here', labels))) {
      expect(card.buttons.some((action) => action.value.startsWith('tel:'))).toBe(false);
      expect(card.text).toContain('Call +1 555');
    }
    for (const card of heroes(providerCardsActivity(contextFor({ ...teamsActivity('personal'), channelId: 'emulator' }), providers, 'Here', labels))) {
      expect(card.buttons.some((action) => action.value.startsWith('tel:'))).toBe(true);
      expect(card.text).not.toContain('Call');
    }
  });
});

describe('greetings', () => {
  const added = (conversationType: string, members: string[], channelId = 'msteams'): Partial<Activity> => ({
    ...teamsActivity(conversationType, { type: 'conversationUpdate', membersAdded: members.map((id) => ({ id, name: '' })) }),
    channelId,
  });

  it.each([
    ['Teams 1:1 chat opened (bot and person in one update)', 'welcome', added('personal', [BOT.id, '29:alex'])],
    ['Teams 1:1 chat, the bot installed alone', 'welcome', added('personal', [BOT.id])],
    ['bot added to a team', 'introduction', added('channel', [BOT.id])],
    ['person added to a team', 'none', added('channel', ['29:sam'])],
    ['bot added to a group chat with people', 'introduction', added('groupChat', [BOT.id, '29:sam'])],
    ['person added to a group chat', 'none', added('groupChat', ['29:sam', '29:jo'])],
    ['Emulator: the bot joins', 'none', added('personal', [BOT.id], 'emulator')],
    ['Emulator: a person joins', 'welcome', added('personal', ['user-1'], 'emulator')],
    ['no members', 'none', added('personal', [])],
  ])('%s → %s', (_name, expected, activity) => {
    expect(greetingFor(activity)).toBe(expected);
  });
});

describe('conversation state in shared Teams conversations', () => {
  it('is kept per member in channels and group chats, per conversation elsewhere', () => {
    const state = new MemberScopedConversationState(new MemoryStorage());
    const key = (activity: Partial<Activity>): string | undefined => state.getStorageKey(contextFor(activity));
    expect(key(teamsActivity('personal'))).toBe('msteams/conversations/conversation-1/');
    expect(key(teamsActivity('groupChat'))).toBe('msteams/conversations/conversation-1/members/aad-alex');
    expect(key(teamsActivity('channel'))).toBe('msteams/conversations/conversation-1/members/aad-alex');
    expect(key({ ...teamsActivity('channel'), channelId: 'emulator' })).toBe('emulator/conversations/conversation-1/');
  });
});
