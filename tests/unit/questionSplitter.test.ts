import { splitQuestions } from '../../knowledge/routing/questionSplitter';

describe('splitQuestions', () => {
  it.each([
    ['how long is a session and how much does it cost?', ['how long is a session', 'how much does it cost?']],
    ['do I need a referral? what should I wear', ['do i need a referral?', 'what should i wear']],
    ['what should I wear and do I need to bring anything', ['what should i wear', 'do i need to bring anything']],
    ['Is it painful? Also, how many sessions will I need?', ['is it painful?', 'also, how many sessions will i need?']],
    ['what is art, and how does it work', ['what is art,', 'how does it work']],
    // A short wh-question may come first.
    ["what's fascia and how do I foam roll it", ["what's fascia", 'how do i foam roll it']],
    ['how much, and do I need a referral', ['how much,', 'do i need a referral']],
    // After a comma, the question word may come a few words after the joiner.
    ['will the pressing be painful, and next day will I be sore?', ['will the pressing be painful,', 'and next day will i be sore?']],
  ])('splits "%s"', (text, parts) => {
    expect(splitQuestions(text)).toEqual(parts);
  });

  it.each([
    'pain and stiffness in my neck, can ART help',
    'Is ART painful? I bruise easily.',
    'I have a stiff neck. How long is a session?',
    'how long r sessions n how much',
    'can you treat my knee and hip',
    // Not after an opener that asks nothing yet.
    'do you also do acupuncture',
  ])('keeps "%s" as one question', (text) => {
    expect(splitQuestions(text)).toHaveLength(1);
  });
});
