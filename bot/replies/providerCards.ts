import { ActionTypes, AttachmentLayoutTypes, CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { Provider } from '../../knowledge/schemas/providersSchema';

/** tel: links want digits only (and a leading +). */
function telLink(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function providerActions(provider: Provider): CardAction[] {
  const actions: CardAction[] = [];
  if (provider.bookingUrl !== undefined) actions.push({ type: ActionTypes.OpenUrl, title: 'Book online', value: provider.bookingUrl });
  if (provider.phone !== undefined) actions.push({ type: ActionTypes.OpenUrl, title: `Call ${provider.phone}`, value: telLink(provider.phone) });
  return actions;
}

/**
 * One hero card per provider, in a carousel: hero cards render alike in the Emulator,
 * Web Chat and Teams, with "Book online" and "Call" buttons.
 */
export function providerCardsActivity(providers: readonly Provider[], text: string): Partial<Activity> {
  const cards = providers.map((provider) => {
    const credentials = provider.artCertified ? (provider.certification ?? 'ART certified') : provider.discipline;
    return CardFactory.heroCard(
      provider.name,
      `${provider.discipline}${provider.artCertified ? ` · ${credentials}` : ''}\n\n${provider.location}`,
      undefined,
      providerActions(provider),
    );
  });
  const activity = MessageFactory.carousel(cards, text);
  activity.attachmentLayout = AttachmentLayoutTypes.Carousel;
  activity.textFormat = 'markdown';
  return activity;
}
