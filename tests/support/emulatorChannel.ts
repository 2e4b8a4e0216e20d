import nock from 'nock';
import type { Activity } from 'botbuilder';

/**
 * Stands in for the channel's connector service (the Emulator, or Bot Connector): every
 * activity the bot sends to serviceUrl is captured here instead of going to the internet.
 */
export class CapturedReplies {
  readonly activities: Partial<Activity>[] = [];
  private scope: nock.Scope | undefined;

  constructor(readonly serviceUrl: string) {}

  start(): this {
    this.scope = nock(this.serviceUrl)
      .persist()
      .post(/\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/)
      // nock 15.0.0 hands reply functions a fetch Request; a second parameter would make it wait for a callback.
      .reply(200, async (request: Request) => {
        this.activities.push((await request.json()) as Partial<Activity>);
        return { id: `reply-${this.activities.length}` };
      });
    return this;
  }

  /** Removes the interceptor and unhooks nock from node:http, so later test files in the same worker are unaffected. */
  stop(): void {
    this.scope?.persist(false);
    nock.cleanAll();
    nock.restore();
  }

  clear(): void {
    this.activities.length = 0;
  }

  messages(): Partial<Activity>[] {
    return this.activities.filter((activity) => activity.type === 'message');
  }

  traces(name: string): Partial<Activity>[] {
    return this.activities.filter((activity) => activity.type === 'trace' && activity.name === name);
  }
}
