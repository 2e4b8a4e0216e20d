import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationState,
  type TurnContext,
} from 'botbuilder';
import type { SafetyHold } from '../dialogs/safetyHold';
import { routedDecision } from '../dialogs/turnRouting';
import { BotServiceAdapter } from './botServiceAdapter';
import type { ServiceConfig } from './config';
import type { Logger } from './logger';
import { BestEffortTraces, DEFAULT_REPLY_BUDGET_MS, TurnTimeBudget } from './turnTimeBudget';

type AdapterSettings = Pick<ServiceConfig, 'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppType' | 'microsoftAppTenantId'>;

export interface AdapterOptions {
  /** Time budget for a turn's calls to the channel (see TurnTimeBudget). */
  readonly replyBudgetMs?: number;
}

/**
 * A CloudAdapter authenticated with the conventional MicrosoftApp* settings (none: the Emulator's
 * unauthenticated mode), whose turns have a time budget for replies.
 */
export function createAdapter(settings: AdapterSettings, adapterOptions: AdapterOptions = {}): BotServiceAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: settings.microsoftAppId,
    MicrosoftAppPassword: settings.microsoftAppPassword,
    MicrosoftAppType: settings.microsoftAppType,
    MicrosoftAppTenantId: settings.microsoftAppTenantId,
  };
  const adapter = new BotServiceAdapter(new ConfigurationBotFrameworkAuthentication(options));
  adapter.use(new BestEffortTraces());
  adapter.use(new TurnTimeBudget(adapterOptions.replyBudgetMs ?? DEFAULT_REPLY_BUDGET_MS));
  return adapter;
}

export interface TurnErrorDependencies {
  readonly logger: Logger;
  readonly conversationState: ConversationState;
  /** Never cleared here: a failed turn leaves the patient exactly as held as before, or more. */
  readonly safetyHold: SafetyHold;
  /** What the patient sees; never the error itself. */
  readonly errorMessage: string;
}

/**
 * What happens when a turn throws: keep any hold the turn's message called for, log it, send the
 * Emulator its TurnError trace, tell the patient something went wrong (without internals), and
 * reset the dialog stack so the next message starts fresh instead of failing the same way.
 * The safety hold and the screening flags live outside the dialog stack and are never cleared.
 */
export function createTurnErrorHandler({ logger, conversationState, safetyHold, errorMessage }: TurnErrorDependencies) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    logger.error({ err: error, channelId: context.activity.channelId }, 'unhandled error in a bot turn');
    const attempt = async (what: string, action: () => Promise<unknown>): Promise<void> => {
      try {
        await action();
      } catch (secondary) {
        logger.error({ err: secondary }, `onTurnError could not ${what}`);
      }
    };
    // First, before anything else can fail: a red flag in the failed turn's message still holds booking
    // (the dialog may have thrown before it recorded it, e.g. when sending the safety message failed).
    const decision = routedDecision(context);
    if (decision?.route === 'emergency' || decision?.route === 'red-flag') {
      const level = decision.route === 'emergency' ? 'emergency' : 'see-doctor';
      await attempt('record the safety hold', () => safetyHold.record(context, level, decision.id));
    }
    await attempt('send the TurnError trace', () =>
      context.sendTraceActivity('OnTurnError Trace', `${error}`, 'https://www.botframework.com/schemas/error', 'TurnError'),
    );
    await attempt('tell the user', () => context.sendActivity(errorMessage));
    // The dialog stack only: the hold has its own storage key (see SafetyHold).
    await attempt('reset the dialog stack', () => conversationState.delete(context));
  };
}
