import { GapsLog } from '../../knowledge/gaps/gapsLog';
import { MAX_GAP_TEXT } from '../../knowledge/gaps/redaction';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

/**
 * What the gaps log removes from a message before storing it, with the real gaps.yaml, safety.yaml
 * and the router's spelling correction: one row per kind of detail, and what it must leave alone.
 */
const { knowledgeBase, router } = fixtureKnowledge();
const log = new GapsLog(knowledgeBase, router);
const redact = (text: string): string => log.redact(text);

describe('gaps log redaction', () => {
  it.each([
    // email and web addresses
    ['an email address', 'email me at jo.smith+clinic@gmail.com please', 'email me at [email] please'],
    ['a web address', 'I read https://example.com/art?x=1 about it', 'I read [link] about it'],
    ['a www address', 'is www.myclinic.org yours', 'is [link] yours'],
    ['a bare domain', 'I found you on healthgrades.com/reviews', 'I found you on [link]'],
    // phone numbers
    ['a phone number with dashes', 'call me on 555-010-2030', 'call me on [phone]'],
    ['an international phone number', 'text +44 (0)20 7946 0958 tonight', 'text [phone] tonight'],
    ['a phone number with no separators', 'text me at 07700900123', 'text me at [phone]'],
    // dates
    ['a numeric date', 'born 12/03/1980', 'born [date]'],
    ['an ISO date', 'seen on 2024-03-12', 'seen on [date]'],
    ['a day and month', 'booked for the 3rd of June 2025', 'booked for the [date]'],
    ['a month and day', 'booked for March 3rd', 'booked for [date]'],
    ['a month name', 'are you closed in August', 'are you closed in [date]'],
    // numbers
    ['digits', 'I am 45 and weigh 80kg', 'I am [number] and weigh [number]kg'],
    ['a price and a time', 'is it $60 at 10:30', 'is it $[number] at [number]'],
    ['number words', 'my twenty-five year old and three kids', 'my [number] year old and [number] kids'],
    // names
    ['a name after "my name is"', 'my name is Sarah Jones and I have a question', 'my name is [name] and I have a question'],
    ['a lower-case name after "my name is"', 'my name is jo, quick question', 'my name is [name], quick question'],
    ['a name after "I\'m"', "Hi, I'm Priya. Do you do home visits?", "Hi, I'm [name]. Do you do home visits?"],
    ['a lower-case name after "im"', 'im sarah do u take cash', 'im [name] do u take cash'],
    ['a name after "I am"', 'I am Tomasz Nowak from the office', 'I am [name] from the office'],
    ['a title and name after "this is"', "This is Dr. Okafor's office", 'This is [name] office'],
    ['a name after "call me"', 'call me Bea', 'call me [name]'],
    // sensitive terms (gaps.yaml), as typed, in other forms and misspelled
    ['a condition', 'I have diabetes, can I still come', 'I have [redacted], can I still come'],
    ['a condition with an apostrophe', "my dad has Parkinson's", 'my dad has [redacted]'],
    ['a medicine', 'can I take ibuprofen before', 'can I take [redacted] before'],
    ['mental health', 'does it help anxiety and depression', 'does it help [redacted] and [redacted]'],
    ['pregnancy', "I'm pregnant, is that ok", "I'm [redacted], is that ok"],
    ['a diagnosis word', 'I was diagnosed last year', 'I was [redacted] last year'],
    ['a procedure', 'I had an MRI and surgery', 'I had an [redacted] and [redacted]'],
    // safety.yaml's concept words (a guard: a message with one is never kept in the first place)
    ['a safety concept word', 'my chest is tight', 'my [redacted] is [redacted]'],
  ] as const)('removes %s', (_name, message, expected) => {
    expect(redact(message)).toBe(expected);
  });

  it.each([
    ['feelings after "I\'m"', "I'm worried I'm not sure what to ask"],
    ['a texting form after "I\'m"', "I'm ur new patient, do you have parking"],
    ['"call me" before a time', 'can you call me tomorrow'],
    ['ordinary words that start like a term', 'is there a pillow I can bring'],
    ['family words', 'can my husband come with me'],
    ['"may" the verb', 'may i bring a friend? I may'],
    ['the clinic\'s own words', 'do you do active release on weekends'],
  ] as const)('leaves %s alone', (_name, message) => {
    expect(redact(message)).toBe(message);
  });

  it('catches a misspelled term through the router\'s spelling correction', () => {
    expect(redact('im pregnnat is it safe')).toBe('im [redacted] is it safe');
  });

  it('removes invisible characters that would split a word past the matcher', () => {
    expect(redact('I have dia\u200bbetes')).toBe('I have [redacted]');
  });

  it(`cuts the text to ${MAX_GAP_TEXT} characters, at a word`, () => {
    const long = `do you sell gift cards ${'and vouchers '.repeat(40)}`;
    const cut = redact(long);
    expect(cut.length).toBeLessThanOrEqual(MAX_GAP_TEXT);
    expect(cut.length).toBeGreaterThan(MAX_GAP_TEXT * 0.8);
    expect(cut.endsWith('…')).toBe(true);
    const kept = cut.slice(0, -1);
    expect(long.startsWith(kept)).toBe(true);
    expect(long.charAt(kept.length)).toBe(' ');
  });

  it('redacts before cutting, so a long web address does not push a health word into the kept text', () => {
    const text = `see https://example.com/${'x'.repeat(300)} I have diabetes`;
    expect(redact(text)).toBe('see [link] I have [redacted]');
  });

  it('merges neighbouring removals into one', () => {
    expect(redact('on warfarin, aspirin and pregnant')).toBe('on [redacted] and [redacted]');
  });
});
