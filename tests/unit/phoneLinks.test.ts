import { clinicPhoneNumbers, PhoneLinker, phoneNumber, phonesIn } from '../../knowledge/replies/phoneLinks';
import type { ReplyPart } from '../../knowledge/replies/plannedReply';
import { dialableDigits } from '../../knowledge/replies/dialableDigits';

describe('dialableDigits: what a tel: link dials', () => {
  it.each([
    ['+1 555 010 2030', '+15550102030'],
    ['(555) 010-2030', '5550102030'],
    ['+44 (0)20 7946-0958', '+4402079460958'],
    ['1-800-273-8255', '18002738255'],
    ['911', '911'],
    [' 988 ', '988'],
    ['+1 555 010 2030 ', '+15550102030'],
    // A + anywhere but the start is not something a phone dials.
    ['555+010', '555010'],
  ])('%j → %j', (written, dialled) => {
    expect(dialableDigits(written)).toBe(dialled);
    expect(dialableDigits(written)).toMatch(/^\+?\d+$/);
  });
});

describe('clinicPhoneNumbers', () => {
  it('gives the emergency number, the crisis line and the phone, each once', () => {
    expect(clinicPhoneNumbers({ emergencyNumber: '911', crisisLine: '988', phone: '+1 555 010 2030' })).toEqual([
      { number: '911', dial: '911' },
      { number: '988', dial: '988' },
      { number: '+1 555 010 2030', dial: '+15550102030' },
    ]);
    expect(clinicPhoneNumbers({ emergencyNumber: '112', crisisLine: '112', phone: '030 1234' }).map((phone) => phone.number)).toEqual(['112', '030 1234']);
  });
});

describe('PhoneLinker: finding the clinic\'s numbers in a reply', () => {
  const linker = new PhoneLinker([phoneNumber('911'), phoneNumber('988'), phoneNumber('+1 555 988 2030'), phoneNumber('(555) 010-2030')]);
  /** The parts as a compact string: numbers in ⟦ ⟧ with what they dial. */
  const marked = (parts: readonly ReplyPart[]): string => parts.map((part) => (part.kind === 'text' ? part.text : `⟦${part.phone.number}→${part.phone.dial}⟧`)).join('');

  it.each([
    ['a number in a sentence', 'Please call 911 now.', 'Please call ⟦911→911⟧ now.'],
    ['a bold number keeps its bold', 'Please call **911** now', 'Please call **⟦911→911⟧** now'],
    ['two numbers', 'Call 911, or text 988.', 'Call ⟦911→911⟧, or text ⟦988→988⟧.'],
    ['the longer number wins where they overlap', 'Call us on +1 555 988 2030.', 'Call us on ⟦+1 555 988 2030→+15559882030⟧.'],
    ['brackets and dashes as the clinic wrote them', 'Ring (555) 010-2030 today', 'Ring ⟦(555) 010-2030→5550102030⟧ today'],
    ['not inside a longer number', 'Our fax is 555 911 0000.', 'Our fax is 555 911 0000.'],
    ['not at the start of a longer number', 'Quote 9110 at the desk', 'Quote 9110 at the desk'],
    ['not after a letter or inside a word', 'Room A911, code x988y', 'Room A911, code x988y'],
    ['not inside a web address', 'See https://example.com/911 or call 911', 'See https://example.com/911 or call ⟦911→911⟧'],
    ['not inside a markdown link the clinic wrote', 'Call [911](tel:911) or 988', 'Call [911](tel:911) or ⟦988→988⟧'],
    ['at the very start and end', '911', '⟦911→911⟧'],
    ['in brackets', 'the crisis line (988), any time', 'the crisis line (⟦988→988⟧), any time'],
    ['a text with no number', 'Is ART painful?', 'Is ART painful?'],
  ])('%s', (_name, text, expected) => {
    const parts = linker.parts(text);
    expect(marked(parts)).toBe(expected);
    // Joined back, the parts are the text exactly.
    expect(parts.map((part) => (part.kind === 'text' ? part.text : part.phone.number)).join('')).toBe(text);
    // Text parts are merged: never two in a row.
    expect(parts.some((part, index) => part.kind === 'text' && parts[index + 1]?.kind === 'text')).toBe(false);
  });

  it('finds nothing when the clinic gave no numbers', () => {
    expect(new PhoneLinker([]).parts('Call 911')).toEqual([{ kind: 'text', text: 'Call 911' }]);
  });

  it('phonesIn lists each number once, in the order the text gives them', () => {
    expect(phonesIn(linker.parts('Text 988, or call 911; in doubt, 911.')).map((phone) => phone.number)).toEqual(['988', '911']);
  });
});
