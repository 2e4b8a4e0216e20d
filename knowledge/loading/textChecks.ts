import type { Clinic } from '../schemas/clinicSchema';
import { CLINIC_PLACEHOLDERS, hasUnbalancedBraces, unfilledPlaceholders, unknownPlaceholders } from './clinicPlaceholders';
import type { KnowledgeBaseProblem } from './knowledgeBaseError';
import { closestField } from './schemaFields';
import type { YamlFile } from './yamlFile';

export type TextAt = readonly [text: string, path: readonly PropertyKey[]];

/** The placeholder for the clinic's booking page, which only provider cards may show. */
export const BOOKING_PLACEHOLDER = 'clinic.bookingUrl';

/** Placeholders the clinic's texts may use: every clinic field but the booking page. */
export const TEXT_PLACEHOLDERS: readonly string[] = CLINIC_PLACEHOLDERS.filter((name) => name !== BOOKING_PLACEHOLDER);

const NO_BOOKING =
  'must not offer booking: booking links appear only on provider cards, after the safety questions. Point patients to the "Find a provider" button instead';

/** Says which placeholder was probably meant, and lists every one this text may use. */
export function unknownPlaceholderMessage(name: string, allowed: readonly string[]): string {
  const meant = closestField(name, allowed);
  const guess = meant === undefined ? '' : ` Did you mean {{${meant}}}?`;
  return `{{${name}}} is not a placeholder the bot can fill.${guess} The placeholders you can use are ${allowed.map((placeholder) => `{{${placeholder}}}`).join(' ')}`;
}

/** Every text in a parsed YAML value, however deeply nested, with its path (for line numbers). */
export function textsOf(value: unknown, path: readonly PropertyKey[] = []): TextAt[] {
  if (typeof value === 'string') return [[value, path]];
  if (Array.isArray(value)) return value.flatMap((item: unknown, index) => textsOf(item, [...path, index]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => textsOf(item, [...path, key]));
  return [];
}

export interface TextCheckOptions {
  readonly clinic: Clinic | undefined;
  /** Booking pages (the clinic's and each provider's) that no text may contain. */
  readonly bookingUrls: readonly string[];
  /** Placeholders this file may use besides TEXT_PLACEHOLDERS, e.g. {{caution}} in screening.yaml. */
  readonly extraPlaceholders?: readonly string[];
}

/** Texts that write out a booking page (the clinic's or a provider's) instead of leaving booking to provider cards. */
export function checkNoBookingLinks(file: YamlFile, texts: readonly TextAt[], bookingUrls: readonly string[]): KnowledgeBaseProblem[] {
  return texts.filter(([text]) => bookingUrls.some((url) => text.includes(url))).map(([, path]) => file.problemAt(path, NO_BOOKING));
}

/**
 * Checks the texts patients see: every placeholder can be filled (and its clinic.yaml field is
 * present), braces are balanced, and nothing offers a booking link outside the safety screen.
 */
export function checkTexts(file: YamlFile, texts: readonly TextAt[], options: TextCheckOptions): KnowledgeBaseProblem[] {
  const allowed = [...TEXT_PLACEHOLDERS, ...(options.extraPlaceholders ?? [])];
  return texts.flatMap(([text, path]): KnowledgeBaseProblem[] => {
    const problems: KnowledgeBaseProblem[] = [];
    for (const name of unknownPlaceholders(text, allowed)) {
      problems.push(file.problemAt(path, name === BOOKING_PLACEHOLDER ? NO_BOOKING : unknownPlaceholderMessage(name, allowed)));
    }
    if (hasUnbalancedBraces(text)) problems.push(file.problemAt(path, 'has a placeholder with unbalanced {{ }} braces'));
    problems.push(...checkNoBookingLinks(file, [[text, path]], options.bookingUrls));
    if (options.clinic !== undefined) {
      for (const name of unfilledPlaceholders(text, options.clinic).filter((placeholder) => allowed.includes(placeholder))) {
        problems.push(
          file.problemAt(path, `{{${name}}} needs "${name.slice('clinic.'.length)}" in clinic.yaml, which is left out; add it there or reword this text`),
        );
      }
    }
    return problems;
  });
}
