import type { Clinic } from '../schemas/clinicSchema';

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

export const CLINIC_PLACEHOLDERS = [
  'clinic.name',
  'clinic.phone',
  'clinic.bookingUrl',
  'clinic.website',
  'clinic.address',
  'clinic.hours',
  'clinic.emergencyNumber',
] as const;

/** Placeholders in a text that the bot cannot fill, e.g. a typo such as {{clinic.phon}}. */
export function unknownPlaceholders(text: string): string[] {
  const known: readonly string[] = CLINIC_PLACEHOLDERS;
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').filter((name) => !known.includes(name));
}

/** Placeholders whose clinic.yaml field is optional and left out, so the text would show a gap. */
export function unfilledPlaceholders(text: string, clinic: Clinic): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? '')
    .filter((name) => name.startsWith('clinic.') && clinic[name.slice('clinic.'.length) as keyof Clinic] === undefined);
}

/** Fills {{clinic.phone}} and friends from clinic.yaml. */
export function fillClinicPlaceholders(text: string, clinic: Clinic): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = name.startsWith('clinic.') ? clinic[name.slice('clinic.'.length) as keyof Clinic] : undefined;
    return value === undefined ? whole : String(value);
  });
}
