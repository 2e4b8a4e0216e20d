import fc from 'fast-check';
import { normalizeAnyText, normalizeText } from '../../knowledge/text/normalizeText';

/** normalizeText takes a shortcut for plain ASCII text; it must give exactly what the long way gives. */
describe('normalizeText on plain ASCII text', () => {
  const pieces = ['a', 'B', 'z', '0', '9', ' ', "'", '`', '.', ',', ';', ':', '!', '?', '\n', '\t', '-', '(', "'s", "n't", "'re", "'ve", "'ll", "'m", "'d", 'cant', 'im', 'wanna', '10kg', 'but', 'However', 'constructor'];

  it('equals the long way, word for word and clause for clause', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(normalizeText(text)).toStrictEqual(normalizeAnyText(text));
      }),
      { numRuns: 2000, seed: 12 },
    );
  });

  it('leaves text with accents, curly quotes or invisible characters to the long way', () => {
    for (const text of ['café’s "ok"', 'ches\u200bt pain', 'don’t', 'Ñandú']) expect(normalizeText(text)).toStrictEqual(normalizeAnyText(text));
    expect(normalizeText('ches\u200bt pain').tokens).toEqual(['chest', 'pain']);
  });
});
