import { isLowerCaseEnglishWord } from '../../knowledge/text/englishDictionary';
import { LanguageDetector } from '../../knowledge/text/languageDetector';
import { normalizeText } from '../../knowledge/text/normalizeText';
import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

const detector = new LanguageDetector(isLowerCaseEnglishWord);
const detect = (text: string): string => detector.detect(text, normalizeText(text).tokens);

describe('LanguageDetector', () => {
  it.each([
    'does active release hurt',
    'r u guys open sat',
    'SOB, sats 88% on air',
    'is actve relase painfull',
    'asdkjh qwpoeiru zxmcnv',
    'lol ok',
    'si',
    'Hello, how much is a session?',
  ])('"%s" is English (or too short to tell)', (text) => {
    expect(detect(text)).toBe('en');
  });

  it.each([
    'me duele el pecho y no puedo respirar',
    'cuanto cuesta una sesion?',
    'a que hora abren los sabados',
    'me placaron en el partido de rugby el sabado',
    'que es eso del ART? es como un masaje',
  ])('"%s" is Spanish', (text) => {
    expect(detect(text)).toBe('es');
  });

  it.each(['bonjour, combien ça coûte une séance?', 'ich habe Rückenschmerzen, was kostet eine Sitzung?'])('"%s" is another language', (text) => {
    expect(detect(text)).toBe('other');
  });
});

describe('replies in the patient\'s language', () => {
  const { router, composer, knowledgeBase } = fixtureKnowledge();
  const reply = (text: string): string => composer.compose(router.route(text)).text;

  it('gives a Spanish emergency, crisis and red-flag reply to Spanish messages', () => {
    expect(reply('me duele el pecho y no puedo respirar')).toBe(composer.safetyMessage('emergency', 'es'));
    expect(reply('ya no quiero vivir, quiero morirme')).toBe(composer.safetyMessage('crisis', 'es'));
    expect(reply('ayer me cai de la escalera y me duele mucho la muneca')).toBe(composer.safetyMessage('red-flag', 'es'));
  });

  it('gives the crisis line with the emergency number to someone who talks about ending their life', () => {
    const text = reply('honestly i want to kill myself');
    expect(text).toContain(knowledgeBase.clinic.crisisLine);
    expect(text).toContain(knowledgeBase.clinic.emergencyNumber);
  });

  it('answers a Spanish message that is not about safety with a short Spanish reply: the phone and the emergency number', () => {
    const text = reply('cuanto cuesta una sesion?');
    expect(text).toBe(composer.compose({ route: 'other-language', id: 'es', score: 1, candidates: [] }).text);
    expect(text).toContain(knowledgeBase.clinic.phone);
    expect(text).toContain(knowledgeBase.clinic.emergencyNumber);
    expect(text).toMatch(/inglés/);
  });

  it('answers another language with the same short reply in English', () => {
    const text = reply('bonjour, combien ça coûte une séance?');
    expect(text).toContain(knowledgeBase.clinic.phone);
    expect(text).toMatch(/only answer in English/);
  });

  it('reads clinical shorthand as English, so it gets the English emergency reply', () => {
    expect(router.route('SOB at rest, sats 85%')).toMatchObject({ route: 'emergency', language: 'en' });
  });
});
