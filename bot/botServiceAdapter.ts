import { AsyncLocalStorage } from 'node:async_hooks';
import { CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';

/** The request's credentials were missing, forged or invalid; why is for the log, never the client. */
export class UnauthorizedRequestError extends Error {
  override name = 'UnauthorizedRequestError';
  constructor(readonly reason: string) {
    super('The request is not authorized.');
  }
}

export interface ProcessedRequest {
  readonly status: number;
  readonly body?: unknown;
}

const validatingToken = new AsyncLocalStorage<boolean>();
let consoleFilterInstalled = false;

/**
 * botframework-connector console.error()s each rejected token, one of them with the signing key:
 * unstructured lines that anyone can trigger at will. This drops console.error output made while
 * a token is being validated (and only then); the adapter logs one structured line instead.
 */
function installConsoleFilter(): void {
  if (consoleFilterInstalled) return;
  consoleFilterInstalled = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]): void => {
    if (validatingToken.getStore() === true) return;
    original(...args);
  };
}

/**
 * CloudAdapter with the request handling split in two, so each failure gets its own answer:
 * authentication first (any failure, AuthenticationError or the token library's own errors such as
 * a bad signature or a future nbf, is a 401 with a generic body, where CloudAdapter.process answers
 * 500 with the library's message), then the turn itself through the adapter's processActivity.
 */
export class BotServiceAdapter extends CloudAdapter {
  /** Checks the request's credentials; throws UnauthorizedRequestError for any failure. */
  async authenticate(body: Record<string, unknown>, authHeader: string): Promise<AuthenticatedActivity> {
    const activity = validateAndFixActivity(body as unknown as Activity);
    try {
      const authenticate = (): Promise<AuthenticateRequestResult> => this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
      // Only a token is validated (and logged by the library): without one, no async context is tracked,
      // which would otherwise cost every promise of every later turn.
      if (authHeader === '') return { activity, authentication: await authenticate() };
      installConsoleFilter();
      return { activity, authentication: await validatingToken.run(true, authenticate) };
    } catch (error) {
      throw new UnauthorizedRequestError(error instanceof Error ? error.name : 'unknown');
    }
  }

  /** Runs the turn for an authenticated activity; the status and body to answer with (an invoke's, or 200). */
  async runTurn({ activity, authentication }: AuthenticatedActivity, logic: (context: TurnContext) => Promise<void>): Promise<ProcessedRequest> {
    const invokeResponse = await this.processActivity(authentication, activity, logic);
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  }
}

export interface AuthenticatedActivity {
  readonly activity: Activity;
  readonly authentication: AuthenticateRequestResult;
}
