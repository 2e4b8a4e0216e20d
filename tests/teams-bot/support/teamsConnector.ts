import nock from 'nock';
import type { Activity } from 'botbuilder';
import { TEAMS_SERVICE_URL } from './teamsChannel';

// nock lives in this module only: importing it patches node:http, so only the files that really
// stand in for the connector load it (and restore it in stop()).

export interface CapturedTeamsReply {
  readonly path: string;
  readonly conversationId: string;
  readonly activity: Partial<Activity>;
}

const REPLY_PATH = /^\/amer\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/**
 * Stands in for the Teams Bot Connector at smba.trafficmanager.net: captures what the bot sends
 * and records any other request to the internet (a token request would show up here).
 */
export class TeamsConnector {
  readonly replies: CapturedTeamsReply[] = [];
  readonly escapedRequests: string[] = [];
  private readonly onNoMatch = (request: Request): void => {
    if (new URL(request.url).hostname !== '127.0.0.1') this.escapedRequests.push(`${request.method} ${request.url}`);
  };

  start(): this {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock.emitter.on('no match', this.onNoMatch);
    nock(new URL(TEAMS_SERVICE_URL).origin)
      .persist()
      .post(REPLY_PATH)
      // nock 15.0.0 hands reply functions a fetch Request; a second parameter would make it wait for a callback.
      .reply(200, async (request: Request) => {
        const path = new URL(request.url).pathname;
        const conversationId = decodeURIComponent(REPLY_PATH.exec(path)?.[1] ?? '');
        this.replies.push({ path, conversationId, activity: (await request.json()) as Partial<Activity> });
        return { id: `reply-${this.replies.length}` };
      });
    return this;
  }

  stop(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
    // Jest shares node:http between the test files of a worker: unpatch it, or the next file's
    // requests run through this file's torn-down nock.
    nock.restore();
  }

  /** Forgets what was captured so far and returns it. */
  take(): CapturedTeamsReply[] {
    return this.replies.splice(0, this.replies.length);
  }

  /** Message replies only (the bot's traces are not delivered outside the Emulator anyway). */
  takeMessages(): Partial<Activity>[] {
    return this.take()
      .map((reply) => reply.activity)
      .filter((activity) => activity.type === 'message');
  }
}

