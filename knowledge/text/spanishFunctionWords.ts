import { createRequire } from 'node:module';
import { foldText } from './normalizeText';

/**
 * Spanish function words ("cada", "cuanto", "mas", "hace"), from stopwords-iso (MIT), folded as
 * messages are (accents removed). The spelling corrector knows English words from its dictionaries;
 * without these, a Spanish "cada" (each) one letter from "caida" (a fall) was read as a fall.
 */
const SPANISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (createRequire(__filename)('stopwords-iso') as { readonly es: readonly string[] }).es.map((word) => foldText(word)),
);

export function isSpanishFunctionWord(word: string): boolean {
  return SPANISH_FUNCTION_WORDS.has(word);
}
