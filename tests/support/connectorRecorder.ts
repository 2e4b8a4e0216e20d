import nock from 'nock';
import type { Activity } from 'botbuilder';

// Importing nock hooks node:http for the whole Jest worker: only test files that stop it (stopAll) may import this.

/** Every activity the bot sends to any nock-ed connector, by serviceUrl host. */
export class ConnectorRecorder {
  readonly received: { readonly host: string; readonly activity: Partial<Activity> }[] = [];

  /** A connector that accepts every reply. */
  accepting(serviceUrl: string): this {
    nock(serviceUrl)
      .persist()
      .post(/\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/)
      .reply(200, async (request: Request) => {
        this.received.push({ host: new URL(serviceUrl).host, activity: (await request.json()) as Partial<Activity> });
        return { id: `reply-${this.received.length}` };
      });
    return this;
  }

  /** A connector that answers every reply with a 500. */
  failing(serviceUrl: string): this {
    nock(serviceUrl).persist().post(/.*/).reply(500, { error: { code: 'ServiceError', message: 'down' } });
    return this;
  }

  take(): Partial<Activity>[] {
    return this.received.splice(0, this.received.length).map((entry) => entry.activity);
  }

  static stopAll(): void {
    nock.cleanAll();
    nock.restore();
  }
}
