import { YamlFile } from '../../knowledge/loading/yamlFile';
import { SafetyDetector } from '../../knowledge/safety/safetyDetector';
import { loadSafetyRules } from '../../knowledge/schemas/safetySchema';
import { normalizeText } from '../../knowledge/text/normalizeText';
import { SAFETY_FILE_HEADER } from '../support/safetyFileHeader';

// A small, fixed rule set, so these tests pin down the negation logic itself
// independently of how the clinic tunes safety.yaml.
const RULES = `${SAFETY_FILE_HEADER}
rules:
  - id: breathing
    level: emergency
    label: breathing
    match:
      - can not breathe
  - id: chest
    level: emergency
    label: chest
    match:
      - [chest, pain|pressure]
  - id: fever
    level: red-flag
    label: fever
    match:
      - fever
  - id: fall
    level: red-flag
    label: fall
    match:
      - fell
  - id: accident
    level: red-flag
    label: accident
    match:
      - accident
  - id: swelling
    level: red-flag
    label: swelling
    match:
      - [red, swollen]
  - id: broken
    level: red-flag
    label: broken
    match:
      - broken
  - id: headache
    level: emergency
    label: headache
    match:
      - [never, headache, this bad]
  - id: numb-groin
    level: emergency
    label: numb groin
    match:
      - [no siento|can not feel, entre las piernas|down there]
`;

const detector = new SafetyDetector(loadSafetyRules(YamlFile.parse(RULES, 'negation-test.yaml')));
const firedRules = (text: string): string[] => detector.assess(normalizeText(text)).findings.map((finding) => finding.ruleId);

describe('negation scope', () => {
  it.each([
    ['no fever', 'fever'],
    ['i have not had a fever', 'fever'],
    ["i didn't fall", 'fall'],
    ['i didnt fall', 'fall'],
    ['i never fell', 'fall'],
    ['i have not been in an accident', 'accident'],
    ['no history of an accident', 'accident'],
    ['not swollen or red', 'swelling'],
    ['denies chest pain', 'chest'],
    ['no chest pain or pressure', 'chest'],
    ['my chest is fine, no pain', 'chest'],
    // "fine" right after the words denies them in a list too: "chest's fine head's fine just my arms ache".
    ["chest's fine head's fine just my arms have pain", 'chest'],
    ['chest fine, just pressure in my arms', 'chest'],
    ['without a fever', 'fever'],
    ['nothing broken', 'broken'],
    ['neither fever nor accident', 'fever'],
    // Spanish may put the denial after: "chest pain, I don't have".
    ['chest pain no tengo', 'chest'],
    ['fever no tiene, solo dolor de espalda', 'fever'],
    // So do Hindi and Urdu in Latin letters: "no chest pain", "no fever".
    ['chest pain nahi', 'chest'],
    ['koi fever nahi hai', 'fever'],
    ['fever bhi nahi, bas neck stiff', 'fever'],
    // Tagalog: "wala nang fever" (no more fever), "hindi fever".
    ['ok na ako, wala nang fever', 'fever'],
    ['hindi fever, stiff lang', 'fever'],
  ])('"%s" does not fire %s', (text, ruleId) => {
    expect(firedRules(text)).not.toContain(ruleId);
  });

  it.each([
    ['no fever but i fell yesterday', 'fall'],
    ['no fever, i fell yesterday', 'fall'],
    ['no fever and i fell yesterday', 'fall'],
    ['no pain and my chest pressure is bad', 'chest'],
    ['i was not hurt after the accident', 'accident'],
    ['never in my life have i had chest pain like this', 'chest'],
    ['the pressure in my chest is not pain exactly', 'chest'],
    ['i have never been anywhere near any kind of accident', 'accident'],
    // "nahi" denies only where the denial ends: "the chest pain is not going away" is no denial.
    ['chest pain nahi ja raha', 'chest'],
    // An answer that says more is no bare "no": "i fell. no idea how".
    ['i fell. no idea how', 'fall'],
    // A "no" in the next clause never denies the one before: it may start an answer to something else
    // ("thunderclap headache. no, i fell yesterday").
    ['fever? no, i fell yesterday', 'fever'],
    ['my chest pain is getting worse. no, i did not fall', 'chest'],
    // Hindi "wala" is "the one", no denial: "knee wala pain" denies nothing after it.
    ['knee wala pain fever since monday', 'fever'],
    ['fever? no, a high fever since monday', 'fever'],
    // "fine" that goes on into the symptom is no denial.
    ['chest fine then sudden pressure', 'chest'],
  ])('"%s" still fires %s: the negation does not reach it', (text, ruleId) => {
    expect(firedRules(text)).toContain(ruleId);
  });

  it.each([
    "i can't breathe",
    'i cannot breathe',
    'i cant breathe',
    "no fever and i can't breathe",
    "i'm not sure but i can not breathe",
    "i don't have a fever, i can't breathe",
  ])('a pattern containing "not" is never cancelled by it: "%s"', (text) => {
    expect(firedRules(text)).toContain('breathing');
  });

  it('a negation word matched by the trigger itself is part of the symptom', () => {
    expect(firedRules("i've never had a headache this bad")).toContain('headache');
  });

  it.each([
    ['no siento nada entre las piernas'],
    ["i can't feel nothing down there"],
  ])('the object of a negative symptom continues it: "%s"', (text) => {
    expect(firedRules(text)).toContain('numb-groin');
  });

  it.each([
    ['nothing down there, i can not feel a thing'],
    ['nada entre las piernas, no siento dolor'],
  ])('a negation word before the symptom still denies: "%s"', (text) => {
    expect(firedRules(text)).not.toContain('numb-groin');
  });
});

describe('uncertainty is not negation', () => {
  it.each([
    ["i'm not sure if it's broken", 'broken'],
    ['not sure whether it is broken', 'broken'],
    ["i don't know if i fell wrong", 'fall'],
    ["i don't think it's broken", 'broken'],
    ['probably not broken', 'broken'],
    ['maybe not broken', 'broken'],
    ['i hope it is not broken', 'broken'],
    ["i'm not 100 percent sure it isn't broken", 'broken'],
    ["can't tell if it's broken", 'broken'],
    ['no idea if it is broken', 'broken'],
    ["i can't remember whether i fell", 'fall'],
    ["it doesn't look broken", 'broken'],
  ])('"%s" still fires %s', (text, ruleId) => {
    expect(firedRules(text)).toContain(ruleId);
  });
});

describe('idioms that contain a negation word', () => {
  it.each([
    ['no matter what i do i have a fever', 'fever'],
    ['it is not getting better since the accident', 'accident'],
    ['nothing helps my fever', 'fever'],
    ['i can no longer ignore this fever', 'fever'],
    // Out of nowhere: "from nothing", "de la nada".
    ['went from nothing to a fever in an hour', 'fever'],
    ['de la nada me dio fever', 'fever'],
  ])('"%s" still fires %s', (text, ruleId) => {
    expect(firedRules(text)).toContain(ruleId);
  });
});
