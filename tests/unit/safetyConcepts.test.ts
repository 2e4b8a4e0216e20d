import fc from 'fast-check';
import { KnowledgeBaseError } from '../../knowledge/loading/knowledgeBaseError';
import { YamlFile } from '../../knowledge/loading/yamlFile';
import { anyPerson, PhraseIndex } from '../../knowledge/safety/phraseIndex';
import { SafetyDetector, type SafetyAssessment } from '../../knowledge/safety/safetyDetector';
import { findPhrase, parsePhrase, type Phrase } from '../../knowledge/safety/safetyPattern';
import { loadSafetyRules } from '../../knowledge/schemas/safetySchema';
import { normalizeText } from '../../knowledge/text/normalizeText';
import { SAFETY_FILE_HEADER } from '../support/safetyFileHeader';

// A small, fixed set of concepts, rules and checks, so these tests pin down the mechanism
// (concepts, checks, general questions, other people, long ago) whatever the clinic's safety.yaml says.
const FILE = `${SAFETY_FILE_HEADER}
  - id: chest
    label: the chest
    terms: [chest|pecho]
    ignore: [chest of drawers]
  - id: pain
    label: pain
    terms: [pain*|hurt*|duele|tight*]
  - id: odd
    label: an odd feeling
    terms: [weird|funny|raro]
  - id: fracture
    label: a broken bone
    terms: [broke|broken|fractur*]
  - id: clot
    label: a clot
    terms: [clot|clots|dvt]
  - id: swelling
    label: swelling
    terms: [swollen|swelling]
  - id: injury
    label: an undated injury
    terms: [injured|injury]
rules:
  - id: chest-pain
    level: emergency
    label: chest pain
    match:
      - [CHEST, PAIN]
    check: chest
  - id: fracture
    level: red-flag
    exceptLongAgo: true
    askIfSomeoneElse: true
    label: a broken bone
    match:
      - FRACTURE
    check: injury
  - id: clot
    level: red-flag
    label: a clot
    match:
      - CLOT
    check: clot
  - id: self-harm
    level: emergency
    reply: crisis
    label: self-harm
    match:
      - hurt myself on purpose
checks:
  - concept: chest
    level: emergency
    askWhen:
      - [CHEST, ODD]
    question: { en: "Chest pain now?", es: "¿Dolor de pecho ahora?" }
  - concept: injury
    level: red-flag
    askWhen:
      - INJURY
    question: { en: "A fall or knock in the last few weeks?" }
  - concept: clot
    level: red-flag
    askWhen:
      - [CALF, SWELLING]
    question: { en: "Swollen calf after travel?" }
  - concept: swelling
    level: red-flag
    askWhen:
      - SWELLING
    question: { en: "Hot or red too?" }
`.replace('  - id: chest\n', '  - id: calf\n    label: the calf\n    terms: [calf|calves]\n  - id: chest\n');

const detector = new SafetyDetector(loadSafetyRules(YamlFile.parse(FILE, 'concepts-test.yaml')));
const assess = (text: string): SafetyAssessment => detector.assess(normalizeText(text));
const fired = (text: string): string[] => assess(text).findings.map((finding) => finding.ruleId);
const asked = (text: string): string[] => assess(text).checks.map((check) => check.concept);

describe('safety concepts: rules combine concepts', () => {
  it.each([
    ['my chest hurts', ['chest-pain']],
    ['tight chest', ['chest-pain']],
    ['me duele el pecho', ['chest-pain']],
    ['i think i broke my wrist', ['fracture']],
    ['possible fracture of the ankle', ['fracture']],
    ['I hurt myself on purpose last night', ['self-harm']],
    // Phrases read in any person: a parent's words about a child match the child's own.
    ['my son says he hurt himself on purpose', ['self-harm']],
    ['she hurt herself on purpose again', ['self-harm']],
    ['his chest hurts', ['chest-pain']],
  ])('"%s" fires %j', (text, rules) => {
    expect(fired(text)).toEqual(rules);
  });

  it.each([
    'the chest of drawers hurt my toe',
    'no chest pain',
    'no me duele el pecho',
    'my chest is fine, just tight calves',
    'asked her about chest pain and dvt and she has none of these',
    'i broke my wrist in 2009',
    'i broke my wrist when i was 9',
    'broke my wrist hace 10 anos',
    'broke my wrist hace como 10 anos',
    'broke my wrist hace como dos anos',
    'broke my wrist back in the 90s',
    'broke my wrist two seasons ago',
    'broke my wrist a los 12',
    'broke my wrist con 12 anos',
    'broke my wrist cuando tenia 12',
    'broke my arm as a kid, all healed now',
  ])('"%s" fires nothing', (text) => {
    expect(fired(text)).toEqual([]);
  });

  it('without the long-ago and healed concepts, only years and ages place an injury in the past', () => {
    const withoutThem = FILE.split('\n').filter((line) => !line.includes('id: long-ago') && !line.includes('id: healed')).join('\n');
    const bare = new SafetyDetector(loadSafetyRules(YamlFile.parse(withoutThem, 'concepts-test.yaml')));
    const firedBare = (text: string): string[] => bare.assess(normalizeText(text)).findings.map((finding) => finding.ruleId);
    expect(firedBare('broke my arm as a kid, all healed now')).toEqual(['fracture']);
    expect(firedBare('i broke my wrist in 2009')).toEqual([]);
  });

  it('asks about an injury dated last year (it may be weeks ago in January), and keeps one with anything recent in the message', () => {
    expect(fired('i broke my wrist last year')).toEqual([]);
    expect(asked('i broke my wrist last year')).toEqual(['injury']);
    expect(fired('broke my arm as a kid, all healed now, but i broke it again yesterday')).toEqual(['fracture']);
  });

  it('names the crisis reply for a rule that asks for it', () => {
    expect(assess('I hurt myself on purpose').findings[0]).toMatchObject({ level: 'emergency', reply: 'crisis' });
  });
});

describe('safety concepts: check questions', () => {
  it.each([
    ['my chest feels weird', ['chest']],
    ['siento algo raro en el pecho', ['chest']],
    ['i injured my knee', ['injury']],
    ['my calf is swollen', ['clot', 'swelling']],
  ])('"%s" asks %j and fires nothing', (text, concepts) => {
    expect(fired(text)).toEqual([]);
    expect(asked(text)).toEqual(concepts);
  });

  it('puts emergency checks first', () => {
    expect(asked('my chest feels weird and my calf is swollen')[0]).toBe('chest');
  });

  it('does not ask when nothing risky is touched', () => {
    expect(asked('how long is a session')).toEqual([]);
    expect(asked('my knee feels weird')).toEqual([]);
  });

  // A red-flag check touched only in a general question has no one's symptom to ask about; an emergency check does.
  it.each([
    ['what kind of injury do you treat', []],
    ['what kind of injury do you treat? i injured my knee', ['injury']],
    ['can you treat a chest that feels weird', ['chest']],
  ])('in a general question, "%s" asks %j', (text, concepts) => {
    expect(asked(text)).toEqual(concepts);
  });
});

describe('safety concepts: general questions and other people ask instead of blocking', () => {
  it.each([
    ['is ART safe with a blood clot?', 'clot'],
    ['is ART ok with a blood clot? i read something online', 'clot'],
    ['what if someone has a fracture', 'injury'],
    ['my mate broke his leg', 'injury'],
    ['my mate broke his hip, so i worry about falls', 'injury'],
  ])('"%s" asks %s', (text, concept) => {
    expect(fired(text)).toEqual([]);
    expect(asked(text)).toContain(concept);
  });

  it('folds person forms only in symptom phrases: "my mate broke his leg" is still about the mate', () => {
    expect(asked('my mate broke his leg')).toContain('injury');
    expect(fired('my mate broke his leg')).toEqual([]);
  });

  it.each([
    ['is it broken? i can not put weight on it, it is broken', ['fracture']],
    ['i had a clot', ['clot']],
    ['my son broke his arm yesterday', ['fracture']],
    ['my son broke his arm and it hurts', ['fracture']],
    ['im not sure if it is broken', ['fracture']],
    ['could be broken', ['fracture']],
  ])('"%s" still fires %j', (text, rules) => {
    expect(fired(text)).toEqual(rules);
  });

  it('never turns an emergency into a question, unless the question is about the treatment', () => {
    expect(fired('is it normal to have crushing chest pain')).toEqual(['chest-pain']);
    expect(fired('is art painful and my chest hurts')).toEqual(['chest-pain']);
    expect(fired('can massage cause chest pain')).toEqual([]);
    expect(asked('can massage cause chest pain')).toEqual(['chest']);
  });

  it('does not treat "my dad has chest pain" as history: emergencies fire for anyone', () => {
    expect(fired('my dad has chest pain')).toEqual(['chest-pain']);
    expect(fired('my dad had chest pain')).toEqual(['chest-pain']);
  });
});

describe('safety.yaml concepts: mistakes a curator can make', () => {
  function problems(text: string): string[] {
    try {
      loadSafetyRules(YamlFile.parse(text, 'broken.yaml'));
    } catch (error) {
      if (error instanceof KnowledgeBaseError) return error.problems.map((problem) => problem.message);
      throw error;
    }
    return [];
  }
  const rule = (match: string, extra = ''): string => `${SAFETY_FILE_HEADER}rules:\n  - id: r\n    level: red-flag\n    label: r\n    match:\n      - ${match}\n${extra}`;

  it.each([
    [rule('[CHEST, pain]'), 'there is no concept "chest"'],
    [rule('"CHEST pain"'), 'mixes capitals and other words'],
    [rule('fell', '    check: falls\n'), 'there is no check question for "falls"'],
    [rule('fell', '    askIfSomeoneElse: true\n'), 'needs "check:" too'],
    [rule('fell', '    escalate: falls\n'), 'there is no check question for "falls"'],
    [rule('fell', '    escalate: recent\n') + 'checks:\n  - { concept: recent, level: red-flag, askWhen: [fell], question: { en: "Now?" } }\n', 'must name an emergency check: the check "recent" has level: red-flag'],
    [rule('fell', '    escalate: recent\n').replace('level: red-flag', 'level: emergency') + 'checks:\n  - { concept: recent, level: emergency, askWhen: [fell], question: { en: "Now?" } }\n', 'is only for red-flag rules'],
    [SAFETY_FILE_HEADER.replace('  - { id: recent, label: recent, terms: [yesterday|today] }\n', '') + 'rules:\n  - { id: r, level: red-flag, label: r, match: [fell] }\n', 'needs a concept with id "recent"'],
    [`${SAFETY_FILE_HEADER}rules:\n  - { id: r, level: red-flag, label: r, match: [fell] }\nchecks:\n  - { concept: nothing, level: red-flag, askWhen: [fell], question: { en: "?" } }\n`, 'there is no concept "nothing"'],
  ])('reports %#', (text, message) => {
    expect(problems(text).join('\n')).toContain(message);
  });

  it('requires the crisis line in the crisis message', () => {
    const text = rule('fell').replace('or the crisis line {{clinic.crisisLine}}', 'now');
    expect(problems(text).join('\n')).toContain('{{clinic.crisisLine}}');
  });
});

describe('PhraseIndex with person forms folded', () => {
  const phrase = (source: string): Phrase => {
    const parsed = parsePhrase(source, undefined, { allowCommonWords: true });
    if (!parsed.ok) throw new Error(parsed.problem);
    return parsed.phrase;
  };
  const killMyself = phrase('kill myself');
  const myLeftArm = phrase('my left arm');
  const withoutMe = phrase('better off without me');
  const iFell = phrase('i fell');
  const index = new PhraseIndex([killMyself, myLeftArm, withoutMe, iFell], anyPerson);

  it.each([
    ['he wants to kill himself', killMyself],
    ['she said she would kill herself', killMyself],
    ['me left arm went numb', myLeftArm],
    // Caribbean English "mi" is my, me and I; Spanish "mi" is my.
    ['mi left arm gone dead', myLeftArm],
    ['mi fell down di steps', iFell],
    ['dem better off without mi', withoutMe],
    ['her left arm', myLeftArm],
    ['his left arm', myLeftArm],
    ['they would all be better off without me', withoutMe],
    ['he says they are better off without him', withoutMe],
    ['better off without her around', withoutMe],
  ])('"%s" matches its first-person phrase', (text, expected) => {
    expect(index.scan(normalizeText(text).tokens).has(expected)).toBe(true);
  });

  it.each([
    ['kill the weeds, left arm'],
    // A written "my" is a possessive: never the object "me" of a phrase.
    ['am I better off without my knee brace'],
    ['better off without my physio'],
  ])('"%s" matches none', (text) => {
    expect(index.scan(normalizeText(text).tokens).size).toBe(0);
  });
});

describe('PhraseIndex', () => {
  const words = ['chest', 'pain', 'pains', 'no', 'fell', 'fellow', 'my', 'short', 'of', 'breath', 'breathing'];
  const patterns = ['chest pain*', 'pain|fell', 'short of breath*', 'fell*', 'my chest', 'no pain'];
  const phrases: Phrase[] = patterns.map((source) => {
    const parsed = parsePhrase(source);
    if (!parsed.ok) throw new Error(parsed.problem);
    return parsed.phrase;
  });
  const index = new PhraseIndex(phrases);

  it('finds exactly what a scan of every phrase at every position finds', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 30 }), (tokens) => {
        const found = index.scan(tokens);
        for (const phrase of phrases) {
          const expected = findPhrase(phrase, tokens);
          const actual = [...(found.get(phrase) ?? [])].sort((a, b) => a.start - b.start || a.end - b.end);
          const unique = expected.filter((span, position) => expected.findIndex((other) => other.start === span.start && other.end === span.end) === position);
          expect(actual).toEqual(unique);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('safety concepts: stories that are over, or someone else\'s, ask instead of blocking', () => {
  // The four required special concepts, a for-me concept, and a rule that asks when the message says it is over.
  const file = `${SAFETY_FILE_HEADER.replace('terms: [he|she|son|mate]', 'terms: [he|she|son|mate|brother|father|folks]')}
  - id: for-me
    label: the writer turning to their own reason for writing
    terms: [for me|anyway|i just want]
  - id: over-now
    label: it is over
    terms: [on the mend|all healed|my late|recovered]
  - id: joking
    label: a joke
    terms: [lol|haha|joking]
  - id: fracture
    label: a broken bone
    terms: [broke|broken]
  - id: injury
    label: an undated injury
    terms: [injured]
  - id: clot
    label: a clot
    terms: [clot]
  - id: heart-attack
    label: a heart attack
    terms: [heart attack]
  - id: chest
    label: the chest
    terms: [chest]
  - id: cancer
    label: cancer
    terms: [cancer]
  - id: breathless
    label: out of breath
    terms: [sin aire|can not breathe]
rules:
  - id: fracture
    level: red-flag
    askIfSomeoneElse: true
    askIfMessageSays: [OVER-NOW]
    label: a broken bone
    match: [FRACTURE]
    check: injury
  - id: clot
    level: red-flag
    label: a clot
    match: [CLOT]
    check: clot
  - id: heart-attack
    level: emergency
    askIfAlso: [JOKING]
    askIfMessageSays: [OVER-NOW]
    label: a heart attack named
    match: [HEART-ATTACK]
    check: chest
  - id: cancer
    level: red-flag
    askIfSomeoneElse: true
    label: cancer
    match: [CANCER]
    check: cancer
  - id: breathing
    level: emergency
    askIfAlso: [JOKING]
    label: trouble breathing
    match: [BREATHLESS]
    check: chest
checks:
  - { concept: injury, level: red-flag, askWhen: [INJURY], question: { en: "A fall or knock in the last few weeks?" } }
  - { concept: clot, level: red-flag, askWhen: [CLOT], question: { en: "Swollen calf after travel?" } }
  - { concept: chest, level: emergency, askWhen: [CHEST], question: { en: "Chest pain now?" } }
  - { concept: cancer, level: red-flag, askWhen: [CANCER], question: { en: "Cancer, now or before?" } }
`;
  const over = new SafetyDetector(loadSafetyRules(YamlFile.parse(file, 'over-test.yaml')));
  const verdict = (text: string): string => {
    const { findings, checks } = over.assess(normalizeText(text));
    return findings.length > 0 ? `fires ${findings.map((finding) => finding.ruleId).join(',')}` : checks.length > 0 ? `asks ${checks.map((check) => check.concept).join(',')}` : 'nothing';
  };

  it.each([
    // askIfMessageSays: a sign anywhere in the message that it is over, even a sentence away.
    ['my son broke his leg yesterday. he is on the mend now', 'asks injury'],
    ['my late father had a heart attack', 'asks chest'],
    ['i broke my wrist yesterday', 'fires fracture'],
    // Negated, it is no sign that it is over.
    ['i broke my wrist yesterday and it has not recovered', 'fires fracture'],
    ['my dad is having a heart attack', 'fires heart-attack'],
    // for-me: someone else's story, then the writer's own reason for writing.
    ['my brother broke his arm yesterday, for me it is just tight calves', 'asks injury'],
    ['my brother broke his arm yesterday', 'fires fracture'],
    // Something about now in their story makes it today's problem, in Spanish too ("ahora", "todavía").
    ['my brother broke his arm ahora', 'fires fracture'],
    ['i broke my arm yesterday, for me that is bad', 'fires fracture'],
    // "my" before a described person belongs to them: "my little brother", "my 7 year old son".
    ['my little brother broke his arm', 'asks injury'],
    ['my 7 year old son broke his arm', 'asks injury'],
    ['my little brother broke his arm yesterday', 'fires fracture'],
    // "what happens if" opens a hypothetical, as "what if" does.
    ['just wondering what happens if there is a clot', 'asks clot'],
    // A question may open after a lead-in word.
    ['like can it cause a clot', 'asks clot'],
    ['there is a clot', 'fires clot'],
    // A question ends where the writer starts a statement of their own, even without punctuation.
    ['can it cause a clot or anything i read about it online', 'asks clot'],
    ['can you see me i have a clot', 'fires clot'],
    // Spanish "si" opens "if"; before a named person (Tagalog "si lola") it is no general question.
    ['si there is a clot', 'asks clot'],
    ['si father has a clot', 'fires clot'],
    // A joke in the same clause makes a named emergency a question; in another clause it does not.
    ['almost had a heart attack lol', 'asks chest'],
    ['i think i am having a heart attack. lol', 'fires heart-attack'],
    // ... unless it is denied.
    ['not joking i am having a heart attack', 'fires heart-attack'],
    // A negative inside the match itself ("sin aire") does not deny the joke beside it.
    ['me dejo sin aire haha', 'asks chest'],
    ['me dejo sin aire', 'fires breathing'],
    // "so" before "hard" only strengthens it; "so i" starts a new statement.
    ['can not breathe so hard haha', 'asks chest'],
    ['can not breathe so i laughed haha', 'fires breathing'],
    // A present that says they are well ("he is all healed now") is still history; so is one about the clinic.
    ['my brother had cancer and he is all healed now', 'asks cancer'],
    ['my brother had cancer and he is in pain', 'fires cancer'],
    ['my brother had cancer, he says you are great', 'asks cancer'],
    ['my brother had cancer, he says it is bad', 'fires cancer'],
    // "folks" alone are people in general, so the question stays general; "my folks" are someone's.
    ['do you see folks who had cancer? she is asking', 'asks cancer'],
    ['my folks had cancer? she is asking', 'fires cancer'],
    // A question about what the treatment causes is the FAQ's to answer: no one's sign to ask about.
    ['can art cause a clot', 'nothing'],
    // An emergency is still asked about: "can massage give you a heart attack" may come from someone who has one.
    ['can massage ever give you a heart attack', 'asks chest'],
    // …and so is an emergency named only in a question about what causes it, whatever it names.
    ['can stress cause a heart attack', 'asks chest'],
    ['can stress cause a heart attack? my dad is having a heart attack', 'fires heart-attack'],
    // Not when it names no treatment, or asks about having the sign, or the writer has it too.
    ['can sitting cause a clot', 'asks clot'],
    ['is art safe with a clot', 'asks clot'],
    ['can art cause a clot? i have a clot', 'fires clot'],
    // A clause marked "?" or "¿" is a question however it opens, when it asks about the treatment or the clinic…
    ['art can cause a clot?', 'nothing'],
    ['¿art can cause a clot', 'nothing'],
    ['you screen for a clot first?', 'asks clot'],
    ['art can cause a clot', 'fires clot'],
    // …and a doubt about the writer's own sign when it names neither.
    ['maybe a clot?', 'fires clot'],
    // "if i get a clot" is a condition on the writer's future; "if i have a clot" may be today's.
    ['what if i get a clot after the session', 'asks clot'],
    ['if i have a clot can i come', 'fires clot'],
    // "the risk of a clot" is a possibility, asked about like a question; a clot of the writer's still fires.
    ['worried about the risk of a clot', 'asks clot'],
    ['worried about a clot', 'fires clot'],
    ['there is a clot, and the risk of a clot', 'fires clot'],
    // "a mate" is a particular person, as "my mate" is; "a" before anyone else is anyone ("a patient"). Their
    // history, and the writer turning to their own reason for writing, leaves nothing to ask.
    ['a mate broke a leg, i just want a massage', 'nothing'],
    ['my mate broke a leg, i just want a massage', 'nothing'],
    ['my brother broke his arm, for me it is just tight calves', 'nothing'],
    // Dialect "me" before a relation is "my"; before a pronoun it is the writer ("me he…" in Spanish is "I have").
    ['me brother broke his arm, for me it is just tight calves', 'nothing'],
    // Not when their story is recent, or today's.
    ['my brother broke his arm, he is in pain, for me it is just tight calves', 'asks injury'],
  ])('"%s" %s', (text, expected) => {
    expect(verdict(text)).toBe(expected);
  });

  it("keeps someone-else's own ignore list: \"son of a gun\" is nobody's son", () => {
    const withIgnore = file.replace('terms: [he|she|son|mate|brother|father|folks] }', 'terms: [he|she|son|mate|brother|father|folks], ignore: [son of a gun] }');
    expect(withIgnore).not.toBe(file);
    const detector = new SafetyDetector(loadSafetyRules(YamlFile.parse(withIgnore, 'ignore-test.yaml')));
    expect(verdict('broke the leg son of a gun')).toBe('asks injury');
    expect(detector.assess(normalizeText('broke the leg son of a gun')).findings.map((finding) => finding.ruleId)).toEqual(['fracture']);
    expect(detector.assess(normalizeText('my son broke the leg')).findings).toEqual([]);
  });

  it('needs a check to ask instead', () => {
    const withoutCheck = file.replace('    askIfMessageSays: [OVER-NOW]\n    label: a broken bone\n    match: [FRACTURE]\n    check: injury\n', '    askIfMessageSays: [OVER-NOW]\n    label: a broken bone\n    match: [FRACTURE]\n');
    expect(() => loadSafetyRules(YamlFile.parse(withoutCheck, 'over-test.yaml'))).toThrow('needs "check:" too');
  });
});
