import { findPhrase, parsePhrase, phraseWords, shortestLength, type Phrase } from '../../knowledge/safety/safetyPattern';
import { normalizeText } from '../../knowledge/text/normalizeText';

function phrase(source: string): Phrase {
  const parsed = parsePhrase(source);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.phrase;
}

const found = (pattern: string, text: string): string[] => {
  const tokens = normalizeText(text).tokens;
  return findPhrase(phrase(pattern), tokens).map((span) => tokens.slice(span.start, span.end).join(' '));
};

describe('parsePhrase', () => {
  it('reads words, whole-phrase alternatives and trailing wildcards', () => {
    expect(phrase('short of breath|breathless*').alternatives).toEqual([
      [
        { text: 'short', anyEnding: false },
        { text: 'of', anyEnding: false },
        { text: 'breath', anyEnding: false },
      ],
      [{ text: 'breathless', anyEnding: true }],
    ]);
  });

  it('normalizes patterns the way messages are normalized', () => {
    expect(phraseWords(phrase("Can't Breathe"))).toEqual(['can', 'not', 'breathe']);
    expect(phraseWords(phrase('rear-ended'))).toEqual(['rear', 'ended']);
    expect(phraseWords(phrase('Fièvre'))).toEqual(['fievre']);
  });

  it('knows the shortest alternative, for window checks', () => {
    expect(shortestLength(phrase('can not breathe|gasping'))).toBe(1);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['chest || pain', 'empty'],
    ['|pain', 'empty'],
    ['pain|', 'empty'],
    ['*', '"*" needs the start of a word'],
    ['chest *', '"*" needs the start of a word'],
    ['br*ath', 'only come at the end'],
    ['*pain', 'only come at the end'],
    ['a*', 'at least 3 letters'],
    ['?! ...', 'no letters or digits'],
    ['pain|the', 'would match almost any message'],
    ['my|a', 'would match almost any message'],
  ])('rejects %j (%s)', (source, problem) => {
    const parsed = parsePhrase(source);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });
});

describe('findPhrase', () => {
  it('matches words next to each other, in order', () => {
    expect(found('chest pain', 'i have chest pain and more chest pain')).toEqual(['chest pain', 'chest pain']);
    expect(found('chest pain', 'pain in my chest')).toEqual([]);
  });

  it('matches any alternative, including ones of different lengths', () => {
    expect(found('can not breathe|gasping', "gasping, and i can't breathe")).toEqual(['gasping', 'can not breathe']);
  });

  it('matches any ending with *, but whole words otherwise', () => {
    expect(found('breath*', 'breathing breathless breath')).toEqual(['breathing', 'breathless', 'breath']);
    expect(found('breath', 'breathing')).toEqual([]);
  });

  it('matches across clause punctuation, since matching is on the tokens', () => {
    expect(found('hot red', 'hot, red')).toEqual(['hot red']);
  });

  it.each([
    // A Spanish object pronoun may stand between two of a phrase's words…
    ['se cayo de la mano', 'se le cayo de la mano', ['se le cayo de la mano']],
    ['no puede mover', 'no los puede mover bien', ['no los puede mover']],
    // …but "la" and "lo" are articles too: only after "no" or another pronoun are they passed over.
    ['de guagua', 'me cai bajando de la guagua', []],
    // Never before the first word, never more than one, and never where the phrase itself has a pronoun.
    ['no puede mover', 'no se le puede mover', []],
    ['se cayo', 'le cayo', []],
    ['me lo puse', 'me la puse', []],
    // Tagalog's polite particles too, anywhere but before the first word.
    ['lumabas balikat', 'lumabas po balikat ko', ['lumabas po balikat']],
    ['hirap huminga', 'hirap ho huminga', ['hirap ho huminga']],
    ['hirap huminga', 'po hirap', []],
  ])('passes over a pronoun or particle: %s in "%s"', (pattern, text, expected) => {
    expect(found(pattern, text)).toEqual(expected);
  });

  it('skips blocked positions', () => {
    const tokens = normalizeText('fell asleep then fell').tokens;
    expect(findPhrase(phrase('fell'), tokens, new Set([0, 1]))).toEqual([{ start: 3, end: 4 }]);
  });
});
