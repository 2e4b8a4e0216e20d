import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { request, type TestResponse } from './httpClient';

export interface ConversationAddress {
  readonly channelId: string;
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly userId?: string;
}

/** Posts activities to the bot's /api/messages as a channel would (with node:http, not fetch). */
export class BotEndpoint {
  constructor(
    private readonly baseUrl: string,
    private readonly address: ConversationAddress,
  ) {}

  activity(overrides: Partial<Activity>): Partial<Activity> {
    const { channelId, serviceUrl, conversationId, userId = 'patient-1' } = this.address;
    return {
      id: randomUUID(),
      channelId,
      serviceUrl,
      timestamp: new Date(),
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: userId, name: 'Patient' },
      recipient: { id: 'art-bot', name: 'ART Helper' },
      ...overrides,
    };
  }

  async post(activity: Partial<Activity>): Promise<TestResponse> {
    return request('POST', `${this.baseUrl}/api/messages`, { body: activity });
  }

  async say(text: string): Promise<TestResponse> {
    return this.post(this.activity({ type: 'message', text, locale: 'en-US' }));
  }
}
