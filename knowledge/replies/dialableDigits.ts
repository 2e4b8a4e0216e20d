/**
 * What a tel: link dials: the digits of a phone number, with its leading + kept; spaces, dashes,
 * brackets and anything else are dropped ("+1 (555) 010-2030" → "+15550102030").
 */
export function dialableDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return phone.trimStart().startsWith('+') ? `+${digits}` : digits;
}
