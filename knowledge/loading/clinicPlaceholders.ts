import type { Clinic } from '../schemas/clinicSchema';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const CLINIC_PLACEHOLDERS = [
  'clinic.name',
  'clinic.phone',
  'clinic.bookingUrl',
  'clinic.website',
  'clinic.email',
  'clinic.address',
  'clinic.hours',
  'clinic.emergencyNumber',
  'clinic.crisisLine',
] as const;

/** Placeholders in a text that the bot cannot fill (a typo such as {{clinic.phon}}), or that `allowed` leaves out. */
export function unknownPlaceholders(text: string, allowed: readonly string[] = CLINIC_PLACEHOLDERS): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '').filter((name) => !allowed.includes(name));
}

/** Placeholders whose clinic.yaml field is optional and left out, so the text would show a gap. */
export function unfilledPlaceholders(text: string, clinic: Clinic): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? '')
    .filter((name) => name.startsWith('clinic.') && clinic[name.slice('clinic.'.length) as keyof Clinic] === undefined);
}

/** The emergency-number placeholder, however it is spaced: {{clinic.emergencyNumber}} or {{ clinic.emergencyNumber }}. */
export const EMERGENCY_NUMBER = /\{\{\s*clinic\.emergencyNumber\s*\}\}/;

/** The crisis-line placeholder, however it is spaced. */
export const CRISIS_LINE = /\{\{\s*clinic\.crisisLine\s*\}\}/;

/** True when a text has "{{" or "}}" that do not form a placeholder, e.g. "{{clinic.phone}". */
export function hasUnbalancedBraces(text: string): boolean {
  const leftover = text.replace(PLACEHOLDER, '');
  return leftover.includes('{{') || leftover.includes('}}');
}

/** Fills {{clinic.phone}} and friends from clinic.yaml. */
export function fillClinicPlaceholders(text: string, clinic: Clinic): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = name.startsWith('clinic.') ? clinic[name.slice('clinic.'.length) as keyof Clinic] : undefined;
    // Only the clinic's text fields fill placeholders; the reviews block is settings, not text.
    return typeof value === 'string' ? value : whole;
  });
}
