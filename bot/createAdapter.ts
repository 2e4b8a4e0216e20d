import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationState,
  type TurnContext,
} from 'botbuilder';
import type { ServiceConfig } from './config';
import type { Logger } from './logger';

type AdapterSettings = Pick<ServiceConfig, 'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppType' | 'microsoftAppTenantId'>;

/** A CloudAdapter authenticated with the conventional MicrosoftApp* settings (none: the Emulator's unauthenticated mode). */
export function createAdapter(settings: AdapterSettings): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: settings.microsoftAppId,
    MicrosoftAppPassword: settings.microsoftAppPassword,
    MicrosoftAppType: settings.microsoftAppType,
    MicrosoftAppTenantId: settings.microsoftAppTenantId,
  };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
}

export interface TurnErrorDependencies {
  readonly logger: Logger;
  readonly conversationState: ConversationState;
  /** What the patient sees; never the error itself. */
  readonly errorMessage: string;
}

/**
 * What happens when a turn throws: log it, send the Emulator its TurnError trace, tell the
 * patient something went wrong (without internals), and clear the conversation so the next
 * message starts fresh instead of failing the same way.
 */
export function createTurnErrorHandler({ logger, conversationState, errorMessage }: TurnErrorDependencies) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    logger.error({ err: error, channelId: context.activity.channelId }, 'unhandled error in a bot turn');
    const attempt = async (what: string, action: () => Promise<unknown>): Promise<void> => {
      try {
        await action();
      } catch (secondary) {
        logger.error({ err: secondary }, `onTurnError could not ${what}`);
      }
    };
    await attempt('send the TurnError trace', () =>
      context.sendTraceActivity('OnTurnError Trace', `${error}`, 'https://www.botframework.com/schemas/error', 'TurnError'),
    );
    await attempt('tell the user', () => context.sendActivity(errorMessage));
    await attempt('clear the conversation state', () => conversationState.delete(context));
  };
}
