import { shorthandInRules } from '../../knowledge/safety/shorthandInRules';

describe('shorthandInRules: texting shorthand for joining words in safety.yaml', () => {
  it.each([
    [['pins', 'n', 'needles'], [{ word: 'n', meaning: 'and' }]],
    [['can', 'u', 'breathe'], [{ word: 'u', meaning: 'you' }]],
    // Shorthand for a content word is harmless: "hubby" is a husband either way.
    [['hubby', 'chest'], []],
    [['chest', 'pain', 'and', 'arm'], []],
  ])('%j → %j', (words, found) => {
    expect(shorthandInRules(new Set(words))).toEqual(found);
  });
});
