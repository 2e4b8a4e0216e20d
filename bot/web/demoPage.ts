import type { Clinic } from '../../knowledge/schemas/clinicSchema';
import { dialableDigits } from '../../knowledge/replies/dialableDigits';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Fills public/demo.html: `{{name}}` placeholders get escaped clinic facts, and
 * `<!--if:name-->…<!--endif:name-->` blocks are dropped when an optional fact is missing.
 */
export function renderDemoPage(template: string, clinic: Clinic, options: { readonly accent: string; readonly widgetScriptTag: string }): string {
  const values: Record<string, string | undefined> = {
    clinicName: clinic.name,
    phone: clinic.phone,
    phoneHref: dialableDigits(clinic.phone),
    bookingUrl: clinic.bookingUrl,
    address: clinic.address,
    hours: clinic.hours,
    disclaimer: clinic.disclaimer,
    emergencyNumber: clinic.emergencyNumber,
    accent: options.accent,
  };
  return template
    .replace(/<!--if:(\w+)-->([\s\S]*?)<!--endif:\1-->/g, (_block, name: string, content: string) => (values[name] ? content : ''))
    .replace('{{widgetScript}}', () => options.widgetScriptTag)
    .replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`demo.html uses ${placeholder}, which has no value.`);
      return escapeHtml(value);
    });
}
