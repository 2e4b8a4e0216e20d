import { ActionTypes, AttachmentLayoutTypes, CardFactory, MessageFactory, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import { dialableDigits } from '../../knowledge/replies/dialableDigits';
import type { Provider } from '../../knowledge/schemas/providersSchema';
import type { ProviderCardLabels } from '../../knowledge/schemas/screeningSchema';
import { isTeams } from '../conversationScope';

const BOOKING_LINK_KEY = Symbol('bookingLink');

/** How this turn's booking buttons link to a provider (the bot's signed /book links); set by the bot for each turn. */
export type BookingLinkFor = (providerId: string) => string;

export function useBookingLinks(context: TurnContext, linkFor: BookingLinkFor): void {
  context.turnState.set(BOOKING_LINK_KEY, linkFor);
}

/**
 * "Book online" everywhere. The "Call" button only outside Teams: Teams clients do nothing
 * when a card button opens a tel: link (desktop and web ignore it), so there the number is
 * written on the card instead, where people can read it and phones can dial it.
 */
function providerActions(provider: Provider, labels: ProviderCardLabels, callButton: boolean, linkFor: BookingLinkFor | undefined): CardAction[] {
  const actions: CardAction[] = [];
  if (provider.bookingUrl !== undefined) {
    // Through the bot's own /book link when it has one, so a hold raised later stops this button too.
    actions.push({ type: ActionTypes.OpenUrl, title: labels.bookLabel, value: linkFor === undefined ? provider.bookingUrl : linkFor(provider.id) });
  }
  if (callButton && provider.phone !== undefined) {
    actions.push({ type: ActionTypes.OpenUrl, title: `${labels.callLabel} ${provider.phone}`, value: `tel:${dialableDigits(provider.phone)}` });
  }
  return actions;
}

function providerText(provider: Provider, labels: ProviderCardLabels, phoneInText: boolean): string {
  const credentials = provider.certification ?? labels.artCertifiedLabel;
  const lines = [`${provider.discipline}${provider.artCertified ? ` · ${credentials}` : ''}`, provider.location];
  if (phoneInText && provider.phone !== undefined) lines.push(`${labels.callLabel} ${provider.phone}`);
  return lines.join('\n\n');
}

/**
 * One hero card per provider, in a carousel: hero cards (two buttons, well under Teams' six)
 * render alike in the Emulator, Web Chat and every Teams scope.
 */
export function providerCardsActivity(context: TurnContext, providers: readonly Provider[], text: string, labels: ProviderCardLabels): Partial<Activity> {
  const teams = isTeams(context.activity);
  const linkFor = context.turnState.get<BookingLinkFor | undefined>(BOOKING_LINK_KEY);
  const cards = providers.map((provider) =>
    CardFactory.heroCard(provider.name, providerText(provider, labels, teams), undefined, providerActions(provider, labels, !teams, linkFor)),
  );
  const activity = MessageFactory.carousel(cards, text);
  activity.attachmentLayout = AttachmentLayoutTypes.Carousel;
  activity.textFormat = 'markdown';
  return activity;
}
