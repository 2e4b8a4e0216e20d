import { randomUUID } from 'node:crypto';
import type { Activity, Attachment, ChannelAccount } from 'botbuilder';
import { request, type TestResponse } from '../../support/httpClient';

/** Teams' regional Bot Connector endpoint, as real Teams activities carry it. */
export const TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
export const TENANT_ID = '5f1c9c1e-7b6d-4e8a-9a2b-3c4d5e6f7a8b';
export const BOT: ChannelAccount = { id: '28:8d1e0b7a-2c3f-4e5d-9a6b-7c8d9e0f1a2b', name: 'ART Helper' };
export const BOT_MENTION = `<at>${BOT.name}</at>`;

export interface TeamsMember extends ChannelAccount {
  readonly aadObjectId: string;
}

export function teamsMember(name: string): TeamsMember {
  return { id: `29:1${randomUUID().replace(/-/g, '')}`, name, aadObjectId: randomUUID() };
}

export type TeamsScope = 'personal' | 'groupChat' | 'channel';

export interface AddedMember {
  readonly id: string;
  readonly aadObjectId?: string;
}

export interface TeamsConversation {
  readonly scope: TeamsScope;
  readonly id: string;
  /** For channels: the team the channel belongs to. */
  readonly team?: { readonly id: string; readonly name: string; readonly aadGroupId: string };
}

export function personalChat(): TeamsConversation {
  return { scope: 'personal', id: `a:1${randomUUID().replace(/-/g, '')}` };
}

export function groupChat(): TeamsConversation {
  return { scope: 'groupChat', id: `19:${randomUUID().replace(/-/g, '')}@thread.v2` };
}

/** A thread in a team's channel: Teams gives each thread its own conversation id. */
export function channelThread(): TeamsConversation {
  const channel = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  return { scope: 'channel', id: `${channel};messageid=${Date.now()}`, team: { id: channel, name: 'Clinic Team', aadGroupId: randomUUID() } };
}

/**
 * Posts Teams-shaped activities to the bot's /api/messages (node:http, not fetch), the way the
 * Teams channel of the Bot Connector does: channelId msteams, tenant in channelData and
 * conversation, AAD object ids, and mention entities for "<at>ART Helper</at>".
 */
export class TeamsClient {
  constructor(
    private readonly baseUrl: string,
    readonly conversation: TeamsConversation,
  ) {}

  activity(from: TeamsMember, overrides: Partial<Activity>): Partial<Activity> {
    const { scope, id, team } = this.conversation;
    return {
      id: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
      channelId: 'msteams',
      serviceUrl: TEAMS_SERVICE_URL,
      timestamp: new Date(),
      locale: 'en-US',
      from,
      recipient: BOT,
      conversation: { id, conversationType: scope, tenantId: TENANT_ID, isGroup: scope !== 'personal', name: '' },
      channelData: {
        tenant: { id: TENANT_ID },
        ...(team === undefined ? {} : { team, channel: { id: team.id } }),
      },
      ...overrides,
    };
  }

  async post(activity: Partial<Activity>): Promise<TestResponse> {
    const response = await request('POST', `${this.baseUrl}/api/messages`, { body: activity });
    if (response.status >= 300) throw new Error(`The bot answered ${response.status}: ${response.text}`);
    return response;
  }

  /** A typed message; `mention` puts "<at>ART Helper</at>" in front, with its entity, as Teams does. */
  async say(from: TeamsMember, text: string, { mention = false } = {}): Promise<TestResponse> {
    const entities = mention ? [{ type: 'mention', mentioned: BOT, text: BOT_MENTION }] : [];
    return this.post(this.activity(from, { type: 'message', text: mention ? `${BOT_MENTION} ${text}` : text, textFormat: 'plain', entities }));
  }

  /** An Adaptive Card Action.Submit as Teams posts it: the button's data as `value`, no text, no mention. */
  async submit(from: TeamsMember, data: unknown): Promise<TestResponse> {
    return this.post(this.activity(from, { type: 'message', value: data, entities: [] }));
  }

  /**
   * An Action.Submit whose data asks for msteams messageBack, as the Teams client posts it: the
   * data's msteams.text as text, its msteams.value as value (its displayText is only shown in the chat).
   */
  async messageBack(from: TeamsMember, data: unknown): Promise<TestResponse> {
    const msteams = (data as { msteams?: { type?: string; text?: string; value?: unknown } } | undefined)?.msteams;
    if (msteams?.type !== 'messageBack') throw new Error(`The button's data asks for no messageBack: ${JSON.stringify(data)}`);
    return this.post(this.activity(from, { type: 'message', text: msteams.text, value: msteams.value, entities: [] }));
  }

  /** A conversationUpdate; Teams lists added members by id (and AAD object id) only. */
  async membersAdded(from: TeamsMember, members: readonly AddedMember[], eventType?: string): Promise<TestResponse> {
    const base = this.activity(from, { type: 'conversationUpdate', membersAdded: members as ChannelAccount[] });
    const channelData = { ...(base.channelData as object), ...(eventType === undefined ? {} : { eventType }) };
    return this.post({ ...base, channelData });
  }
}

// ----- reading what the bot sent -------------------------------------------------------------

export interface SubmitAction {
  readonly type: string;
  readonly title: string;
  readonly data: unknown;
}

interface AdaptiveCardContent {
  readonly body?: readonly { readonly type: string; readonly actions?: readonly SubmitAction[] }[];
  readonly actions?: readonly SubmitAction[];
}

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** Every button on the message's Adaptive Cards, in order. */
export function cardButtons(message: Partial<Activity> | undefined): SubmitAction[] {
  return (message?.attachments ?? [])
    .filter((attachment: Attachment) => attachment.contentType === ADAPTIVE_CARD)
    .flatMap((attachment) => {
      const card = attachment.content as AdaptiveCardContent;
      return [...(card.body ?? []).flatMap((element) => (element.type === 'ActionSet' ? (element.actions ?? []) : [])), ...(card.actions ?? [])];
    });
}

export function button(message: Partial<Activity> | undefined, title: string): SubmitAction {
  const found = cardButtons(message).find((action) => action.title === title);
  if (found === undefined) throw new Error(`No "${title}" button; the card has: ${cardButtons(message).map((action) => action.title).join(', ')}`);
  return found;
}
