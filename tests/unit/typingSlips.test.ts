import { TypingSlips } from '../../knowledge/text/typingSlips';

const WORDS = new Set(['it', 'does', 'several', 'stand', 'for', 'what', 'you', 'roller', 'thing', 'roll', 'the', 'day', 'gentle', 'is', 'inch']);
const slips = new TypingSlips((word) => WORDS.has(word));

describe('TypingSlips', () => {
  it.each([
    // A letter typed twice.
    ['itt', ['it']],
    ['doess', ['does']],
    ['severall', ['several']],
    // Two words typed as one: the most even split.
    ['standfor', ['stand', 'for']],
    ['whatyou', ['what', 'you']],
    ['rollerthing', ['roller', 'thing']],
    ['theday', ['the', 'day']],
    ['isgentle', ['is', 'gentle']],
  ])('reads %s as %j', (word, words) => {
    expect(slips.undo(word)).toEqual(words);
  });

  it.each([
    ['a real word', 'inch'],
    ['a word no slip explains', 'lindqvist'],
    ['a word too short to split', 'itis'],
    ['a split into a two-letter part that is no short joined word', 'stanfo'],
    ['digits', 'b4'],
  ])('leaves alone %s ("%s")', (_kind, word) => {
    expect(slips.undo(word)).toBeUndefined();
  });
});
