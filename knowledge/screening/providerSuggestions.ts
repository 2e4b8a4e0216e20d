import type { Provider } from '../schemas/providersSchema';

export const MAX_SUGGESTED_PROVIDERS = 3;

export interface ProviderSuggestion {
  readonly providers: readonly Provider[];
  /** False when nobody lists the area and the whole team is offered instead. */
  readonly matchedArea: boolean;
}

/**
 * Up to three providers for an area: those who treat it, ART-certified first. When nobody
 * lists the area, everyone is offered: the patient is never left with no one to book.
 */
export function suggestProviders(providers: readonly Provider[], areaId: string, limit = MAX_SUGGESTED_PROVIDERS): ProviderSuggestion {
  const certifiedFirst = (a: Provider, b: Provider): number => Number(b.artCertified) - Number(a.artCertified);
  const treating = providers.filter((provider) => provider.areas.includes(areaId)).sort(certifiedFirst);
  if (treating.length > 0) return { providers: treating.slice(0, limit), matchedArea: true };
  return { providers: [...providers].sort(certifiedFirst).slice(0, limit), matchedArea: false };
}
