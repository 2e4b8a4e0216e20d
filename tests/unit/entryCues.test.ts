import { EntryCues, parseCue, type EntryCue } from '../../knowledge/routing/entryCues';
import { normalizeText } from '../../knowledge/text/normalizeText';

function cue(entryId: string, groups: readonly string[]): EntryCue {
  const parsed = parseCue(groups);
  if (!parsed.ok) throw new Error(parsed.problem);
  return { entryId, trigger: parsed.trigger };
}

// A fixed set of cues, so these pin down the mechanism whatever faq.yaml says.
const cues = new EntryCues([
  cue('risks', ['pregnan*|blood thinner*', 'safe|risk*']),
  cue('booking', ['give me an|asap', 'appointment|slot']),
  cue('contact', ['phone number']),
]);

describe('entry cues', () => {
  it.each([
    ['I am 20 weeks pregnant, is myofascial release safe for me?', 'risks'],
    ['on blood thinners, any risks?', 'risks'],
    ['just give me an appointment', 'booking'],
    ['appointment asap', 'booking'],
    ['what is your phone number', 'contact'],
    // The first cue in file order wins.
    ['pregnant, is it safe, and give me an appointment', 'risks'],
  ])('"%s" points to %s', (text, entryId) => {
    expect(cues.entryFor(normalizeText(text))).toBe(entryId);
  });

  it.each([
    ['I am not pregnant, is it safe?', 'a negated group is no cue'],
    ['pregnant', 'every group must appear'],
    ['pregnant with my second, we are so excited and I have read every single book about whether it is safe', 'groups further apart than the window'],
    ['how much is an appointment', 'a group missing'],
  ])('"%s" points nowhere (%s)', (text) => {
    expect(cues.entryFor(normalizeText(text))).toBeUndefined();
  });

  it('explains a malformed cue in words', () => {
    const parsed = parseCue(['preg*nant']);
    expect(parsed.ok ? '' : parsed.problem).toMatch(/"\*" may only come at the end of a word/);
  });
});
