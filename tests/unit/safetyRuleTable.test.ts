import { fixtureKnowledge } from '../support/knowledgeBaseFixture';

/**
 * One row per rule and per check question of the clinic's safety.yaml: what must fire it, and the
 * negated, long-ago, idiom and someone-else forms that must not. A content check: when a clinic
 * rewrites a rule, this table says what the rule was for.
 */
const { router, knowledgeBase } = fixtureKnowledge();
const route = (text: string) => router.route(text);

interface RuleRow {
  readonly rule: string;
  readonly fires: readonly string[];
  readonly doesNotFire: readonly string[];
}

const RULES: readonly RuleRow[] = [
  { rule: 'chest-pain', fires: ['crushing pain in my chest', 'feels like a weight on my sternum', 'me aprieta el pecho'], doesNotFire: ['no chest pain at all', 'my chest is fine, just sore pecs from chest day'] },
  { rule: 'heart-attack', fires: ['i think im having a heart attack', 'my dad is having a heart attack'], doesNotFire: ['this job is giving me a heart attack lol', 'had a heart attack in 2012, fully recovered'] },
  { rule: 'trouble-breathing', fires: ['i can barely breathe', 'SOB at rest', 'no puedo respirar bien', 'her inhaler is not helping at all'], doesNotFire: ['no shortness of breath', 'breathing is fine'] },
  { rule: 'loss-of-bladder-or-bowel-control', fires: ['i wet myself and did not feel it', 'cant control my bladder since my back went', 'me hice pipi encima sin darme cuenta', 'had an accident with my bowels and my back went'], doesNotFire: ['no problems with my bladder or bowels', 'my roof is leaking', 'i had an accident yesterday'] },
  { rule: 'saddle-numbness', fires: ['numb between my legs', 'cant feel it when i wipe'], doesNotFire: ['no numbness in my groin'] },
  { rule: 'legs-numb-or-paralysed', fires: ['i cant feel my legs', 'both legs keep giving way'], doesNotFire: ['my legs are not numb'] },
  { rule: 'sudden-one-sided-weakness', fires: ['suddenly my arm went weak', 'the whole left side of her body is numb', 'his right hand went weak in the last half hour'], doesNotFire: ['no weakness anywhere'] },
  { rule: 'stroke', fires: ['i think he is having a stroke'], doesNotFire: ['my gran had a stroke years ago, she is fine now'] },
  { rule: 'face-droop-or-slurred-speech', fires: ['his face is drooping on one side', 'her speech is slurred', 'he cant get his words out'], doesNotFire: ['speech is normal'] },
  { rule: 'thunderclap-headache', fires: ['worst headache of my life', 'sudden excruciating headache'], doesNotFire: ['i get mild headaches from my neck'] },
  { rule: 'deformed-or-dislocated-limb', fires: ['i dislocated my shoulder', 'my finger is bent at a weird angle', 'bone sticking out of his leg'], doesNotFire: ['dislocated my shoulder 10 years ago, all fine since'] },
  { rule: 'head-injury-with-warning-signs', fires: ['hit my head and now im throwing up', 'took an elbow to the head and was knocked out'], doesNotFire: ['had a concussion as a kid'] },
  { rule: 'swollen-calf-with-breathlessness', fires: ['my calf is swollen and im short of breath'], doesNotFire: ['my calf is tight from running'] },
  { rule: 'coughing-up-blood', fires: ['coughing up blood'], doesNotFire: ['no blood when i cough'] },
  { rule: 'fainting', fires: ['i fainted this morning', 'she collapsed at training'], doesNotFire: ['i have never fainted', 'my arches collapsed'] },
  { rule: 'suicidal-thoughts-or-self-harm', fires: ['i want to kill myself', 'been cutting my arms again', 'ya no quiero vivir', 'my flatmate says she has taken all her pills', 'i have been putting my tablets aside'], doesNotFire: ['im not suicidal, just fed up with my back', 'i want this pain to die down', 'i take all my tablets with breakfast'] },
  { rule: 'recent-trauma', fires: ['fell off my bike yesterday', 'got tackled hard at rugby on saturday', 'me caí ayer', 'me he caído hoy'], doesNotFire: ['i did not fall', 'fell in love with running', 'had a car accident in 2009', 'no me he caído ni nada'] },
  { rule: 'suspected-fracture', fires: ['i think i broke my wrist', 'it could be a hairline fracture'], doesNotFire: ['nothing is broken, the xray was clear', 'im broke lol how much is it'] },
  { rule: 'hot-red-swollen', fires: ['my knee is hot and swollen', 'rodilla roja e hinchada'], doesNotFire: ['should i use hot or cold packs'] },
  { rule: 'fever-or-feeling-unwell', fires: ['i have a fever and my back hurts', 'temp of 39 and aching all over'], doesNotFire: ['no fever', 'hay fever season again'] },
  { rule: 'unexplained-weight-loss', fires: ['lost 8kg without trying', 'my clothes are getting loose though i eat normally'], doesNotFire: ['i have not lost any weight without trying'] },
  { rule: 'cancer-history', fires: ['i had breast cancer 5 years ago', 'finished chemo in march'], doesNotFire: ['never had cancer'] },
  { rule: 'night-or-rest-pain', fires: ['the pain wakes me up every night', 'pain does not ease no matter what position'], doesNotFire: [] },
  { rule: 'infected-or-open-wound', fires: ['the cut on my shin is infected', 'the wound is weeping yellow stuff'], doesNotFire: ['no infection, the scar healed years ago'] },
  { rule: 'possible-blood-clot', fires: ['my calf is swollen and sore after a long flight', 'i think i have a dvt'], doesNotFire: ['no blood clots, i checked with my doctor'] },
  { rule: 'recent-surgery', fires: ['had acl surgery 5 weeks ago', 'i am 2 weeks post op from a knee replacement'], doesNotFire: ['had my appendix out when i was 12', 'is surgery the only option for carpal tunnel'] },
];

const CHECKS: readonly (readonly [concept: string, text: string])[] = [
  ['chest', 'my chest feels a bit weird'],
  ['breathing', 'i get wheezy on the stairs'],
  ['one-side', 'my left arm feels numb'],
  ['headache', 'i have a terrible migraine'],
  ['joint-out', 'my kneecap keeps popping out'],
  ['self-harm', 'i cant cope anymore'],
  ['injury', 'i injured my shoulder'],
  ['serious-injury', 'i injured my shoulder and i feel dizzy'],
  ['swelling', 'my ankle is swollen'],
  ['unwell', 'feeling a bit under the weather'],
  ['weight-loss', 'i have been losing weight'],
  ['night-rest', 'my back hurts at night'],
  ['wound', 'i have a cut on my hand'],
  ['clot', 'my calf is swollen'],
  ['surgery', 'is ART ok after surgery'],
  ['cancer', 'can you do myofascial release on cancer patients'],
];

describe('safety.yaml rules, one row each', () => {
  it('has a row for every rule', () => {
    expect(RULES.map((row) => row.rule).sort()).toEqual(knowledgeBase.safety.rules.map((rule) => rule.id).sort());
  });

  it.each(RULES.flatMap((row) => row.fires.map((text) => [row.rule, text] as const)))('%s fires on "%s"', (rule, text) => {
    const decision = route(text);
    expect(decision.route === 'emergency' || decision.route === 'red-flag' ? decision.findings.map((finding) => finding.ruleId) : []).toContain(rule);
  });

  it.each(RULES.flatMap((row) => row.doesNotFire.map((text) => [row.rule, text] as const)))('%s does not fire on "%s"', (rule, text) => {
    const decision = route(text);
    expect(decision.route === 'emergency' || decision.route === 'red-flag' ? decision.findings.map((finding) => finding.ruleId) : []).not.toContain(rule);
  });
});

describe('safety.yaml check questions, one row each', () => {
  it('has a row for every check question', () => {
    expect(CHECKS.map(([concept]) => concept).sort()).toEqual(knowledgeBase.safety.checks.filter((check) => !['bladder-bowel', 'speech', 'head'].includes(check.concept)).map((check) => check.concept).sort());
  });

  it.each(CHECKS)('%s is asked about "%s"', (concept, text) => {
    expect(route(text)).toMatchObject({ route: 'safety-check', id: concept });
  });

  it('asks the crisis question, not the wound one, about a cut that may be self-harm', () => {
    expect(route('cut myself again last night, pretty deep')).toMatchObject({ route: 'safety-check', id: 'self-harm' });
  });
});
