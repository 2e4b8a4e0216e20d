import { join } from 'node:path';
import fc from 'fast-check';
import { YamlFile } from '../../knowledge/loading/yamlFile';
import { SafetyDetector, type SafetyAssessment } from '../../knowledge/safety/safetyDetector';
import { loadSafetyRules } from '../../knowledge/schemas/safetySchema';
import { normalizeText } from '../../knowledge/text/normalizeText';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

// The fixture's rules (a frozen copy of the shipped safety.yaml): the detector's behaviour on real rules.
// The clinic's own rules are checked by the red-team table and safety sets in tests/eval (npm run kb:test).
const rules = loadSafetyRules(YamlFile.read(join(FIXTURE_KNOWLEDGE_DIR, 'safety.yaml')));
const detector = new SafetyDetector(rules);
const assess = (text: string): SafetyAssessment => detector.assess(normalizeText(text));

const EMERGENCIES: readonly string[] = [
  // chest
  'i have chest pain right now can art help',
  'my chest feels really tight and heavy',
  'theres a crushing pressure in my chest and my left arm feels heavy',
  'tight chest and sweaty is that just a muscle thing',
  'sharp pain in the middle of my chest when i walk up stairs',
  'am i having a heart attack',
  // breathing
  'cant breathe properly',
  'i cant breath',
  'im struggling to breathe after my neck treatment this morning',
  'really short of breath since this morning',
  'cant catch my breth and my chest feels tight',
  'having real trouble breathing is this from the treatment',
  'gasping for air and dizzy',
  'I CAN’T BREATHE',
  // bladder, bowel, saddle
  'my back is killing me and i just wet myself without noticing',
  'had sciatica for weeks but since this morning i cant control my bladder',
  'lost control of my bowels this morning and my back is agony',
  'i cant pee and my lower back is really bad',
  'numbness in my groin and inner thighs since yesterday',
  'lower back pain and i cant feel my bum or inner thighs when i wipe',
  'its gone numb down there',
  // stroke signs
  'suddenly i cant move my right arm or leg properly',
  'the left side of my body went numb all of a sudden',
  'my dads face is drooping on one side and his speech is slurred',
  'my mum is slurring her words and seems confused',
  'my words are coming out jumbled and my left side feels weak',
  // headache
  'worst headache of my life came on suddenly',
  'sudden severe headache out of nowhere 10 min ago',
  'thunderclap headache',
  'ive never had a headache this bad its like my head is exploding',
  // deformity, head injury
  'my sons arm is bent the wrong way after falling off the trampoline',
  'there is a bone sticking out of my shin',
  'hit my head at football and now im confused and threw up twice',
  'my wife banged her head on the cupboard and now shes really confused and keeps asking the same thing over and over',
  'got a concussion at hockey and ive been throwing up all night',
  // blood, fainting, self-harm
  'ive been coughing up blood and my ribs hurt',
  'i fainted at work today and my neck is stiff',
  'my husband passed out after his run',
  'i want to kill myself',
  'i keep having suicidal thoughts',
  'sometimes i want to hurt myself',
  'i dont want to live anymore with this pain',
  // buried in long messages, mixed with FAQ questions, no punctuation
  'hi there i have been coming to your clinic for a while for my shoulder and it has been great but today at work i suddenly got this crushing chest pain that goes down my arm anyway i wanted to ask about rebooking',
  'how much does a session cost also my chest is really tight today',
  'ok so my back has been bad for weeks and now i cant feel my bum when i wipe is that normal',
  'can active release help my sciatica i wet myself this morning without noticing',
  'first visit next week what should i wear, oh and i cant breathe very well since lunch',
  // negation words nearby that must not cancel the symptom
  'my back hurts and i cant feel my legs',
  "i haven't been able to breathe properly since this morning",
  'i have no bladder control since my back went',
  'nope, still cant breathe',
  'sorry to bother you, i know this isnt a doctor but i cant breathe well',
  "i don't want to bother anyone but my chest hurts really bad",
  "i can't stop coughing up blood",
  // more ways of saying it
  'i feel like im suffocating',
  'she cant get her words out properly',
  'i can see the bone',
  'my left side is weak and numb',
  'i pooped my pants and didnt notice',
];

const RED_FLAGS: readonly string[] = [
  // falls and trauma
  'can active release help my back, i fell down the stairs yesterday',
  'i slipped on the ice and landed on my wrist',
  'my son fell off the monkey bars and his arm hurts',
  'my husband had a bad fall at work on monday',
  'tripped over the dog and my knee is sore',
  'came off my bike yesterday wrist is all puffy',
  'got rear ended on tuesday and my neck has been killing me',
  'was in a car accident last week',
  'i was in a car acident last week but nothing was broken',
  'whiplash from a crash on the highway',
  'got tackled hard at rugby and my shoulder hurts',
  'i was hit by a car while cycling',
  'i was knocked off my bike by a van',
  'twisted my knee playing soccer and heard a pop',
  'i bumped my head on a cupboard door',
  // fractures
  'i think i broke my toe',
  'pretty sure my wrist is fractured',
  'is it broken? i cant put weight on my ankle',
  // general questions about a red-flag topic are flagged too: conservative, and acceptable
  // hot, red, swollen
  'my knee is hot, red and swollen',
  'elbow is red and puffy',
  'my ankle is warm and swollen for no reason',
  'knee is swolen and red',
  // fever, unwell
  'ive had a fever for 2 days and my lower back aches',
  'fevre and back ache',
  'feeling really run down and shivery with this back pain',
  'chills and back pain since the weekend',
  'back pain plus ive been sweating through my sheets at night',
  // weight loss, cancer
  'ive lost 10kg without trying and my back hurts',
  'losing weight for no reason and my hip hurts',
  'i had breast cancer a few years ago and now theres new pain in my ribs',
  'im on chemo can i still get myofascial release',
  'they found a tumour in my spine, is art safe',
  // night and rest pain
  'pain in my hip wakes me up every night',
  'back pain thats worse at night and resting doesnt help at all',
  'constant pain no matter what position i am in',
  'my shoulder ache keeps me awake',
  // wounds
  'the cut on my forearm looks infected, can you still work on that arm',
  'theres pus coming out of the graze on my knee',
  'theres an open sore on my shin that hasnt healed',
  'i have stitches in my shoulder from surgery last week',
  // possible clot
  'just flew back from australia and my calf is swollen red and sore',
  'after a long car trip home my left calf swelled up and its tender',
  'could it be a blood clot in my leg',
  // buried in long messages and mixed with FAQ questions
  'hello i wanted to ask a few things first how long is a session second do you take insurance and third is it ok to come in even though i slipped at the gym on monday and my lower back has been sore since thanks',
  'does myofascial release help fibromyalgia? i also have a fever today',
  'what should i wear to my appointment my knee is red and swollen from football',
  // negation words nearby that must not cancel the red flag
  'no, i fell yesterday',
  'nothing major, just fell off my bike',
  "i don't have pain but i was in a car accident yesterday",
  'nothing helps, the pain wakes me up every night',
  'i dont feel well and my back hurts',
  'i keep losing weight and dont know why',
  "i never got it checked after the car accident",
  // more ways of saying it
  'my wound is weeping',
  'i have a cracked rib',
  'i was in a fender bender',
  'i twisted my ankle and heard a crack',
  'my mum falls a lot and her hip hurts',
  'the joint is red hot',
];

/** Hedged statements: uncertainty is not negation, so these must still be flagged. */
const UNCERTAIN: readonly string[] = [
  "i'm not sure if it's broken",
  "i don't know if i fell wrong",
  "not sure whether it's infected",
  "i don't think it's broken but it hurts a lot",
  'probably not broken but my wrist is purple',
  'no idea if i broke it',
  "hopefully it's not infected",
  "i can't tell if my ankle is broken",
  "i'm not 100 percent sure it isn't fractured",
  "it doesn't look infected but it's a bit oozy and oozing",
  'not sure if this counts but i fell last week',
  "it can't be broken, can it",
];

const NEGATED_OR_BENIGN: readonly string[] = [
  'no fever',
  "i didn't fall",
  "i didnt fall or anything, my shoulder is just stiff, can art help",
  'never had cancer',
  'no history of cancer',
  'no history of cancer in my family',
  'without any swelling',
  'not swollen or red',
  "my calf isn't swollen or red just tight from running",
  'no chest pain or breathing problems',
  'i have not been in an accident',
  'denies chest pain',
  'nothing like that',
  'no fever, no chills, just a stiff neck',
  'no swelling or redness, just sore after my session',
  'i have never fallen or had an accident',
  'no accident or trauma, just years of bad posture',
  'there is no numbness in my groin',
  'no loss of bladder control or anything like that',
  'i can breathe fine, no shortness of breath',
  'not feeling unwell, just sore shoulders',
  'i have not lost any weight without trying',
  "i didn't hit my head",
  "it's not broken, the xray was clear",
  'my doctor said nothing is broken',
  'no bone sticking out or anything lol',
  'i have never fainted',
  "i'm not suicidal, just frustrated with my back",
  'no infection, the scar healed years ago',
  'no blood clots, i checked with my doctor',
  'no trouble breathing',
  'nothing urgent, no chest pain or anything haha, just wanna know if u take insurance',
  'not an emergency lol just curious if it hurts',
  // everyday words the rules must not trip over
  'i fell asleep on the couch and woke up with a stiff neck',
  "i can't fall asleep because my shoulder is tight",
  "i'm sick of this back pain",
  'does active release involve cracking bones like a chiropractor',
  'i slipped a disc years ago, can art help',
  'should i use hot or cold on a swollen ankle',
  'is red light therapy good for swelling',
  'i booked the wrong time by accident',
  "i'm broke, is there a cheaper option",
  'my lunch break is 30 minutes, is a session short enough',
  'the booking page crashed when i tried to pay',
  'felt a sort of pop and then warmth during my session, was that a release',
  'how do i warm up before running, my calves get tight',
  'how long does a flu shot last',
  'whats a good diet to lose weight',
  'no falls or accidents',
  'i have no history of cancer or tumours',
  'no recent trauma, no fever, no weight loss',
  "i don't have a fever or chills",
  'no numbness or tingling down there',
  "i haven't lost control of my bladder or anything",
  'i am not on chemo',
  'no open wounds',
  'no, i did not hit my head',
  "i haven't fainted or anything",
  'no broken bones',
  'i have hay fever and a stiff neck',
  'i slept poorly and my back hurts',
  'i run down the stairs every morning and my knee aches',
  'i want the pain to die down',
  'i heard that foam rolling can make your back pop',
  'my back gets worse in the fall and winter',
];

/** Typical FAQ questions: the false-positive budget here is at most 3%. */
const FAQ_QUESTIONS: readonly string[] = [
  'is active release painful',
  'how long is a session',
  'can art help my sciatica',
  'can active release help carpal tunnel',
  'my calf is always tight from running',
  'does it help with shin splints',
  'can it help headaches',
  'i have tennis elbow',
  'sore after foam rolling is that normal',
  'what is fascia',
  'can i do it on myself',
  'does insurance cover it',
  'is it good for fibromyalgia',
  'what should i wear',
  'does art help with scar tissue from an old surgery years ago',
  'how many sessions will i need',
  'can i foam roll every day',
  "what's the difference between art and massage",
  'my neck gets stiff from looking at my phone all day',
  'is it normal to be sore the day after',
  'i have plantar fasciitis, will art help',
  'can myofascial release help tension headaches',
  'my hamstrings are super tight from sitting all day',
  'do i need a referral from my doctor',
  'what are your opening hours',
  'can i bring my kid to the appointment',
  'is it safe during pregnancy',
  'what does a release feel like',
  'how often should i foam roll',
  'can i go to the gym after a session',
  'my lower back is stiff in the morning',
  'i sit at a desk all day and my hips are tight',
  'does art work for rotator cuff problems',
  'can art help with frozen shoulder',
  'my knee clicks when i squat, can art help',
  'what are adhesions',
  'can it help my posture',
  'is it covered by my health plan',
  'how do i book',
  'what happens at the first appointment',
  'can i take ibuprofen before my session',
  'should i ice after treatment',
  'my forearms are tight from climbing',
  'do you treat kids',
  "i'm training for a marathon and my it band is tight",
  'what is self myofascial release',
  'how is art different from chiropractic',
  'is there research on active release',
  'can art help with jaw pain',
  'my upper back aches after a long day at the computer',
  'will it hurt if i have a low pain tolerance',
  'my calves cramp at night, can art help',
  'can i do active release on my own neck',
  'what is the best time to foam roll',
  'how much does it cost',
  'can i see someone next week',
  'is myofascial release the same as art',
  'my shoulder has been stiff for months, how many treatments will it take',
  'do i need to undress',
  'can art help runners knee',
  'can scar tissue be broken down with art',
  'does foam rolling break down scar tissue',
  'is it normal for my back to pop during treatment',
  'i walk with a limp on my right side',
  'my physio says my right side is weak',
  'i never get headaches but my neck is stiff',
  'i cant raise my arm above my head because its stiff',
  'can art help neck pain and dizziness',
  'numbness in my left leg from sciatica',
  'pins and needles in my fingers at night',
  'my arm feels weak when i lift weights',
  'my feet are numb after long runs',
  'my hip pops when i walk',
  'i have a bulging disc in my lower back',
  'i rolled my ankle last year and it still feels tight',
  'hamstring strain from sprinting last month, can art help',
  'i wake up with a stiff neck every morning',
  'my back is stiff after a long drive',
  'my legs are tired after a long flight, can i still come in',
  'my neck hurts more at night',
  'i had a c section years ago and have scar tissue',
  'i threw my back out lifting a box',
  'i have asthma, can i still get treatment',
  'can art improve my breathing',
  'i bruised my thigh after the session is that normal',
];

describe('SafetyDetector on the real safety.yaml', () => {
  it.each(EMERGENCIES)('emergency: %s', (text) => {
    expect(assess(text).level).toBe('emergency');
  });

  it.each(RED_FLAGS)('red flag: %s', (text) => {
    expect(assess(text).level).toBe('red-flag');
  });

  it.each(UNCERTAIN)('uncertainty is not negation: %s', (text) => {
    expect(assess(text).level).toBe('red-flag');
  });

  it.each(NEGATED_OR_BENIGN)('negated or harmless, no finding: %s', (text) => {
    expect(assess(text)).toMatchObject({ level: 'none', findings: [] });
  });

  it.each(FAQ_QUESTIONS)('ordinary FAQ question, no finding: %s', (text) => {
    expect(assess(text).findings).toEqual([]);
  });

  it('names the rule that fired, with its level and label, and no patient text', () => {
    expect(assess('i fell down the stairs').findings).toEqual([
      { ruleId: 'recent-trauma', level: 'red-flag', reply: 'red-flag', label: 'a recent fall, crash, tackle, blow or bad landing', escalate: 'serious-injury' },
    ]);
  });

  it('lists every rule that fired, emergencies first, and emergency wins', () => {
    const assessment = assess('i fell off a ladder, hit my head and now im confused and my chest hurts');
    expect(assessment.level).toBe('emergency');
    const ids = assessment.findings.map((finding) => finding.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['chest-pain', 'head-injury-with-warning-signs', 'recent-trauma']));
    const firstRedFlag = assessment.findings.findIndex((finding) => finding.level === 'red-flag');
    expect(assessment.findings.slice(firstRedFlag).every((finding) => finding.level === 'red-flag')).toBe(true);
  });

  it('does not let an earlier negation leak past "but", punctuation or a new subject', () => {
    expect(assess('no fever but i fell yesterday').level).toBe('red-flag');
    expect(assess('no fever. i fell yesterday').level).toBe('red-flag');
    expect(assess('no fever and i fell yesterday').level).toBe('red-flag');
    expect(assess("i'm not in any pain, my back hurts and i can't feel my legs or groin").level).toBe('emergency');
    expect(assess("never had back pain before the crash").level).toBe('red-flag');
  });

  it('only ignores harmless phrases such as "fell asleep" within one clause', () => {
    expect(assess('i fell asleep on the sofa').level).toBe('none');
    expect(assess('i fell. asleep now but my wrist hurts').level).toBe('red-flag');
  });

  it('never cancels a pattern that contains the negation word itself', () => {
    expect(assess("i can't breathe").level).toBe('emergency');
    expect(assess("no fever and i can't breathe").level).toBe('emergency');
    expect(assess('i have no feeling in my groin').level).toBe('emergency');
  });

  it('keeps the false-positive rate on ordinary FAQ questions within 3%', () => {
    const flagged = FAQ_QUESTIONS.filter((text) => assess(text).level !== 'none');
    expect(flagged.length / FAQ_QUESTIONS.length).toBeLessThanOrEqual(0.03);
  });

  it('offers its vocabulary as plain words, without "*" or "|"', () => {
    const vocabulary = detector.vocabulary();
    for (const word of ['chest', 'breath', 'bladder', 'fever', 'fell', 'fractur', 'asleep']) expect(vocabulary.has(word)).toBe(true);
    for (const word of vocabulary) expect(word).toMatch(/^[\p{L}\p{N}]+$/u);
  });

  it('returns none for empty or meaningless input', () => {
    expect(assess('')).toEqual({ level: 'none', findings: [], checks: [], touched: false });
    expect(assess('?!… 🙂')).toEqual({ level: 'none', findings: [], checks: [], touched: false });
  });
});

describe('SafetyDetector properties', () => {
  const rank = { none: 0, 'red-flag': 1, emergency: 2 } as const;
  const separators = ['. ', '! ', '? ', ', ', '; ', '\n', ' but ', ' and ', ' also '];
  const benign = fc.constantFrom(...FAQ_QUESTIONS, ...NEGATED_OR_BENIGN);

  it('an emergency stays an emergency wherever it sits among benign and negated sentences', () => {
    fc.assert(
      fc.property(
        fc.array(benign, { maxLength: 3 }),
        fc.constantFrom(...EMERGENCIES),
        fc.array(benign, { maxLength: 3 }),
        fc.constantFrom(...separators),
        (before, emergency, after, separator) => {
          const message = [...before, emergency, ...after].join(separator);
          expect(assess(message).level).toBe('emergency');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('adding another sentence never lowers the level', () => {
    const anySentence = fc.constantFrom(...EMERGENCIES, ...RED_FLAGS, ...UNCERTAIN, ...NEGATED_OR_BENIGN, ...FAQ_QUESTIONS);
    fc.assert(
      fc.property(anySentence, anySentence, fc.constantFrom('. ', '? ', '\n', ' but '), (first, second, separator) => {
        const combined = rank[assess(`${first}${separator}${second}`).level];
        expect(combined).toBeGreaterThanOrEqual(Math.max(rank[assess(first).level], rank[assess(second).level]));
      }),
      { numRuns: 300 },
    );
  });

  it('shouting, accents and curly apostrophes do not change the level', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EMERGENCIES, ...RED_FLAGS), (text) => {
        const shouted = text.toUpperCase().replace(/'/g, '\u2019').replace(/e/gi, 'É');
        expect(assess(shouted).level).toBe(assess(text).level);
      }),
      { numRuns: 100 },
    );
  });

  it('normalizing and assessing arbitrary unicode never throws and always yields a valid assessment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const assessment = assess(text);
        expect(['none', 'red-flag', 'emergency']).toContain(assessment.level);
        expect(assessment.level === 'none').toBe(assessment.findings.length === 0);
      }),
      { numRuns: 300 },
    );
  });
});
