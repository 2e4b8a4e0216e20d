import { createRequire } from 'node:module';
import { foldText } from './normalizeText';

/**
 * Spanish function words ("cada", "cuanto", "mas", "hace"), from stopwords-iso (MIT), folded as
 * messages are (accents removed). The spelling corrector knows English words from its dictionaries;
 * without these, a Spanish "cada" (each) one letter from "caida" (a fall) was read as a fall.
 * Read at the first word that needs them, not at start-up, as the dictionaries are.
 */
let spanishFunctionWords: ReadonlySet<string> | undefined;

export function isSpanishFunctionWord(word: string): boolean {
  spanishFunctionWords ??= new Set((createRequire(__filename)('stopwords-iso') as { readonly es: readonly string[] }).es.map((entry) => foldText(entry)));
  return spanishFunctionWords.has(word);
}
