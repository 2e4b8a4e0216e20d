import { spanishSoundKey } from '../../knowledge/text/spanishSoundKey';

describe('spanishSoundKey', () => {
  it.each([
    ['tobiyo', 'tobillo'],
    ['isquierda', 'izquierda'],
    ['fuersa', 'fuerza'],
    ['ermana', 'hermana'],
    ['guesos', 'huesos'],
    ['cabesa', 'cabeza'],
    ['rodiya', 'rodilla'],
    ['bomito', 'vomito'],
  ])('"%s" sounds like "%s"', (spelled, word) => {
    expect(spanishSoundKey(spelled)).toBe(spanishSoundKey(word));
  });

  it.each([
    ['pecho', 'peso'],
    ['casa', 'cosa'],
    ['chico', 'cico'],
  ])('"%s" does not sound like "%s"', (a, b) => {
    expect(spanishSoundKey(a)).not.toBe(spanishSoundKey(b));
  });
});
