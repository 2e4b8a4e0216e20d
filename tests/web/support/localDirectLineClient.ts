import { LOCAL_DIRECT_LINE_DOMAIN } from '../../../bot/web/localDirectLine/localDirectLineRoutes';
import type { WireActivity } from '../../../bot/web/localDirectLine/conversationStore';
import { request, type TestResponse } from '../../support/httpClient';

export interface ActivitySet {
  readonly activities: WireActivity[];
  readonly watermark: string;
}

/** Speaks the local Direct Line channel's protocol the way Web Chat's DirectLineJS does (polling). */
export class LocalDirectLineClient {
  token = '';
  userId = '';
  conversationId = '';
  watermark = '';

  constructor(private readonly baseUrl: string) {}

  private url(path: string): string {
    return `${this.baseUrl}${LOCAL_DIRECT_LINE_DOMAIN}${path}`;
  }

  private auth(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}` };
  }

  /** tokens/generate, then POST /conversations (which sends the bot its conversationUpdate). */
  async startConversation(): Promise<void> {
    const generated = await request('POST', this.url('/tokens/generate'));
    expectStatus(generated, 200);
    const body = generated.json as { token: string; userId: string; conversationId: string };
    this.token = body.token;
    this.userId = body.userId;
    const started = await request('POST', this.url('/conversations'), { headers: this.auth(), body: { user: { id: this.userId }, locale: 'en-US' } });
    expectStatus(started, 201);
    this.conversationId = (started.json as { conversationId: string }).conversationId;
  }

  async post(activity: Record<string, unknown>): Promise<string> {
    const response = await this.postRaw(activity);
    expectStatus(response, 200);
    return (response.json as { id: string }).id;
  }

  /** One POST of an activity, whatever the answer (for tests of refusals). */
  postRaw(activity: Record<string, unknown>): Promise<TestResponse> {
    return request('POST', this.url(`/conversations/${this.conversationId}/activities`), { headers: this.auth(), body: activity });
  }

  /** One GET at the given watermark (the client's own one by default), advancing the client's watermark. */
  async get(watermark = this.watermark): Promise<ActivitySet> {
    const response = await this.getRaw(watermark);
    expectStatus(response, 200);
    const set = response.json as ActivitySet;
    this.watermark = set.watermark;
    return set;
  }

  getRaw(watermark = this.watermark): Promise<TestResponse> {
    return request('GET', this.url(`/conversations/${this.conversationId}/activities?watermark=${watermark}`), { headers: this.auth() });
  }

  /** Polls until `count` new activities have arrived (bot replies are delivered asynchronously). */
  async waitFor(count: number, timeoutMs = 5000): Promise<WireActivity[]> {
    const received: WireActivity[] = [];
    const deadline = Date.now() + timeoutMs;
    while (received.length < count) {
      if (Date.now() > deadline) throw new Error(`Expected ${count} activities, got ${received.length}: ${JSON.stringify(received)}`);
      received.push(...(await this.get()).activities);
      if (received.length < count) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return received;
  }
}

function expectStatus(response: TestResponse, status: number): void {
  if (response.status !== status) throw new Error(`Expected HTTP ${status}, got ${response.status}: ${response.text}`);
}
