/**
 * How a Spanish word sounds, as a spelling key: words written as they are said ("tobiyo" for "tobillo",
 * "isquierda" for "izquierda", "fuersa" for "fuerza", "ermana" for "hermana", "guesos" for "huesos")
 * get the key of the word they stand for. Latin American and Andalusian Spanish say z, s and soft c
 * alike, and ll like y; h is silent (but not in "ch"); b and v are one sound. Letters are folded first
 * (no accents).
 */
export function spanishSoundKey(word: string): string {
  return word
    .replace(/^gu(?=e)/, 'hu')
    .replace(/(?<!c)h/g, '')
    .replace(/ll/g, 'y')
    .replace(/z/g, 's')
    .replace(/c(?=[ei])/g, 's')
    .replace(/qu(?=[ei])/g, 'k')
    .replace(/c(?=[aou])/g, 'k')
    .replace(/v/g, 'b')
    .replace(/(.)\1+/g, '$1');
}
