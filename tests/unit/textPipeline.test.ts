import fc from 'fast-check';
import { loadKnowledgeBase } from '../../knowledge/loading/loadKnowledgeBase';
import { MessageRouter } from '../../knowledge/routing/messageRouter';
import { ROUTES, type RoutingDecision } from '../../knowledge/routing/routingDecision';
import { SMALL_TALK_INTENTS } from '../../knowledge/schemas/conversationSchema';
import { isEnglishWord } from '../../knowledge/text/englishDictionary';
import { normalizeText } from '../../knowledge/text/normalizeText';
import { isSpanishWord } from '../../knowledge/text/spanishWords';
import { SpellingCorrector } from '../../knowledge/text/spellingCorrector';
import { SynonymExpander } from '../../knowledge/text/synonymExpander';
import { FIXTURE_KNOWLEDGE_DIR } from '../support/testConfig';

const tokensOf = (text: string): readonly string[] => normalizeText(text).tokens;

describe('normalizeText', () => {
  it.each([
    ['Café Crème brûlée', ['cafe', 'creme', 'brulee']],
    ['NAÏVE Ångström', ['naive', 'angstrom']],
    ['ﬁne', ['fine']],
    ['Does ART hurt?!', ['does', 'art', 'hurt']],
    ['rear-ended   on the\thighway', ['rear', 'ended', 'on', 'the', 'highway']],
  ])('folds case, accents and compatibility characters: %s', (text, tokens) => {
    expect(tokensOf(text)).toEqual(tokens);
  });

  it.each([
    ["can't", 'cant', 'can’t', ['can', 'not']],
    ["don't", 'dont', 'don’t', ['do', 'not']],
    ["didn't", 'didnt', 'didn‘t', ['did', 'not']],
    ["won't", 'wont', 'won`t', ['will', 'not']],
    ["I'm", 'im', 'I’m', ['i', 'am']],
  ])('expands %s, %s and %s alike', (straight, bare, curly, tokens) => {
    expect(tokensOf(straight)).toEqual(tokens);
    expect(tokensOf(bare)).toEqual(tokens);
    expect(tokensOf(curly)).toEqual(tokens);
  });

  it.each([
    ["we're", ['we', 'are']],
    ['they’ve', ['they', 'have']],
    ["you'll", ['you', 'will']],
    ['wanna', ['want', 'to']],
    ['gonna', ['going', 'to']],
    ['dunno', ['do', 'not', 'know']],
    ['wats fascia', ['what', 'is', 'fascia']],
    ['me duele xq me cai, q hago', ['me', 'duele', 'porque', 'me', 'cai', 'que', 'hago']],
    ['went numb outta nowhere, kinda scary', ['went', 'numb', 'out', 'of', 'nowhere', 'kind', 'of', 'scary']],
    ['hw', ['how']],
    ['tryna book, prolly this arvo', ['trying', 'to', 'book', 'probably', 'this', 'afternoon']],
    ['b4', ['before']],
    ['shud', ['should']],
    ["my doctor's advice", ['my', 'doctor', 'advice']],
    ['cannot', ['can', 'not']],
    // Scots and spoken British English.
    ['cannae get ma breath', ['can', 'not', 'get', 'my', 'breath']],
    ['banged ma heid, been boakin', ['banged', 'my', 'head', 'been', 'vomiting']],
    ['nothin swollen, nuthin hurts', ['nothing', 'swollen', 'nothing', 'hurts']],
    // Northern English.
    ['is there owt for it, nowt else helps', ['is', 'there', 'anything', 'for', 'it', 'nothing', 'else', 'helps']],
    ['wet mesen wi out knowin', ['wet', 'myself', 'without', 'knowing']],
    ['no he podido orinar, no ha podido', ['no', 'puedo', 'orinar', 'no', 'puede']],
    ['cyaan bend har neck, mi been tinkin', ['can', 'not', 'bend', 'her', 'neck', 'mi', 'been', 'thinking']],
    // Caribbean English.
    ['mi cyaan catch mi breath', ['mi', 'can', 'not', 'catch', 'mi', 'breath']],
    ['want to sleep and nuh wake up', ['want', 'to', 'sleep', 'and', 'not', 'wake', 'up']],
    ['mi bruk mi foot', ['mi', 'broke', 'mi', 'foot']],
    ['wah mi fi wear, do unno give likkle moves fi do', ['what', 'mi', 'to', 'wear', 'do', 'you', 'give', 'little', 'moves', 'to', 'do']],
    ['mi deh pon di table, dat a release enuh', ['mi', 'there', 'on', 'di', 'table', 'that', 'a', 'release', 'you', 'know']],
    // Nigerian Pidgin, with "no fit" (can't) and "no wan" (don't want) read as pairs.
    ['i no fit breathe, my pikin knack him head', ['i', 'can', 'not', 'breathe', 'my', 'child', 'knocked', 'him', 'head']],
    ['i no wan live, bone dey comot', ['i', 'do', 'not', 'want', 'live', 'bone', 'dey', 'come', 'out']],
    ['no fit', ['can', 'not']],
    ['no, fit', ['no', 'fit']],
    // Caribbean Spanish drops the d of "-ado".
    ['el brazo doblao, cacao', ['el', 'brazo', 'doblado', 'cacao']],
    // ... and of "-ido", told from "frío" and "tío" by the written accent.
    ['me he caío, hace frío', ['me', 'he', 'caido', 'hace', 'frio']],
    // Doric and other Scots: "bent the wrang wye", "worse at nicht an naethin eases it".
    ['bent the wrang wye, shouder worse at nicht, naethin eases it', ['bent', 'the', 'wrong', 'way', 'shoulder', 'worse', 'at', 'night', 'nothing', 'eases', 'it']],
    // "ill" before a verb is "I'll" without its apostrophe; "feel ill" stays ill.
    ['ill be on the road, i feel ill', ['i', 'will', 'be', 'on', 'the', 'road', 'i', 'feel', 'ill']],
    // Tagalog "di" before a particle is "hindi" (not); Spanish "me di un golpe" keeps its "di".
    ['di naman po ako nadulas, me di un golpe', ['hindi', 'naman', 'po', 'ako', 'nadulas', 'me', 'di', 'un', 'golpe']],
    // Caribbean Spanish writes an aspirated s as h: "ehtá hinchá".
    ['la herida ehtá fea', ['la', 'herida', 'esta', 'fea']],
    // French kept in English: "c'est quoi" is "what is it".
    ["active release c'est quoi", ['active', 'release', 'it', 'is', 'what']],
    // A dropped g is restored when the -ing form is a word and the typed one is not: "cousin" and "skin" stay.
    ['hes walkin again, goin fine, my cousin skin', ['hes', 'walking', 'again', 'going', 'fine', 'my', 'cousin', 'skin']],
    // "KO'd" is knocked out, not "KO would".
    ["got KO'd", ['got', 'knocked', 'out']],
    // A laughing emoji reads as "lol".
    ['gave me a heart attack 😂', ['gave', 'me', 'a', 'heart', 'attack', 'lol']],
    ['better aff withoot me', ['better', 'off', 'without', 'me']],
  ])('expands %s', (text, tokens) => {
    expect(tokensOf(text)).toEqual(tokens);
  });

  it.each([
    ['no fever, but my back aches at night', [['no', 'fever'], ['but', 'my', 'back', 'aches', 'at', 'night']]],
    ['no fever but my back aches', [['no', 'fever'], ['but', 'my', 'back', 'aches']]],
    ['not sure. it hurts; a lot: really! why? ok', [['not', 'sure'], ['it', 'hurts'], ['a', 'lot'], ['really'], ['why'], ['ok']]],
    ['first line\nsecond line', [['first', 'line'], ['second', 'line']]],
    // Brackets do not split: "(like 15 years ago)" belongs to what it follows.
    ['no swelling (just stiff)', [['no', 'swelling', 'just', 'stiff']]],
    // Spanish "pero" (but) too: "no tengo fiebre pero me duele la espalda".
    ['no tengo fiebre pero me duele', [['no', 'tengo', 'fiebre'], ['pero', 'me', 'duele']]],
    ['it is sore, however it is fine', [['it', 'is', 'sore'], ['however', 'it', 'is', 'fine']]],
    [',,, ... !!', []],
  ])('splits clauses on punctuation and words such as "but": %s', (text, clauses) => {
    const normalized = normalizeText(text);
    expect(normalized.clauses).toEqual(clauses);
    expect(normalized.tokens).toEqual(clauses.flat());
  });

  it.each([
    ['does it hurt? my back aches', [true, false]],
    // Spanish opens a question with "¿": the clause after it is asked, wherever its "?" is.
    ['una pregunta, ¿el art puede causar coagulos o algo asi', [false, true]],
    ['¿Duele?', [true]],
    ['no question here. none at all', undefined],
    ['why?? ok', [true, false]],
  ])('marks the clauses a writer asked: %s', (text, asked) => {
    expect(normalizeText(text).asked).toEqual(asked);
  });
});

describe('SpellingCorrector', () => {
  const vocabulary = ['painful', 'release', 'active', 'session', 'chiropractor', 'massage', 'hurt', 'neck'];
  const corrector = new SpellingCorrector(vocabulary, { fashia: 'fascia' }, isEnglishWord);

  it.each([
    ['painfull', 'painful'],
    ['relase', 'release'],
    ['actvie', 'active'],
    ['sesion', 'session'],
    ['chiropracter', 'chiropractor'],
    ['chirpractr', 'chiropractor'],
  ])('corrects the near-miss %s toward the vocabulary word %s', (typo, word) => {
    expect(corrector.correct(typo)).toBe(word);
  });

  it.each(vocabulary)('leaves the vocabulary word %s alone', (word) => {
    expect(corrector.correct(word)).toBe(word);
  });

  it('leaves ordinary dictionary words alone even when they are one letter from a vocabulary word', () => {
    expect(isEnglishWord('message')).toBe(true);
    expect(corrector.correct('message')).toBe('message');
    // Without the dictionary, the same word would be taken for a typo: the dictionary is what protects it.
    expect(new SpellingCorrector(vocabulary).correct('message')).toBe('massage');
  });

  it.each(['hurf', 'nekc', 'sesn'])('leaves the short word %s alone', (word) => {
    expect(corrector.correct(word)).toBe(word);
  });

  describe('with Spanish words known', () => {
    const spanishVocabulary = ['fractura', 'infarto', 'muslos', 'siento', 'caido', 'caliente', 'hinchado', 'dolor', 'rojo', 'bone', 'quieta', 'tobillo', 'izquierda', 'fuerza', 'fuera', 'hermana', 'huesos'];
    const spanish = new SpellingCorrector(spanishVocabulary, {}, isEnglishWord, { words: [], stems: [] }, isSpanishWord);

    it.each([
      // Real Spanish words are not typos of the rules' words: an invoice, cool, (it) sits.
      ['factura', 'factura'],
      ['chido', 'chido'],
      ['sienta', 'sienta'],
      // ... but may change number toward them.
      ['fracturas', 'fractura'],
      ['infartos', 'infarto'],
      ['muslo', 'muslos'],
      // A non-word is still a typo.
      ['fratcura', 'fractura'],
      // A diminutive reads as its base, when that is a Spanish word: not "bonito" (pretty) as "bone".
      ['calientita', 'caliente'],
      ['calientico', 'caliente'],
      ['hinchadita', 'hinchado'],
      ['dolorcito', 'dolor'],
      ['rojitas', 'rojo'],
      ['bonito', 'bonito'],
      ['quietecita', 'quieta'],
      // Spelled as it sounds: ll as y, z as s, a silent h, "gue" for "hue".
      ['tobiyo', 'tobillo'],
      ['isquierda', 'izquierda'],
      ['fuersa', 'fuerza'],
      ['ermana', 'hermana'],
      ['guesos', 'huesos'],
    ])('reads %s as %s', (word, expected) => {
      expect(spanish.correct(word)).toBe(expected);
    });

    it('knows Spanish words as messages spell them once folded', () => {
      expect(['factura', 'rodilla', 'pequeno', 'cada', 'quebre'].every((word) => isSpanishWord(word))).toBe(true);
      expect(['chst', 'fratcura', 'painfull'].some((word) => isSpanishWord(word))).toBe(false);
    });
  });

  it('leaves words too far from any vocabulary word alone', () => {
    expect(corrector.correct('xylophonic')).toBe('xylophonic');
    expect(corrector.correct('pantsful')).toBe('pantsful');
  });

  it('applies listed misspellings however far they are', () => {
    expect(corrector.correct('fashia')).toBe('fascia');
  });

  it('leaves words with digits alone', () => {
    expect(corrector.correct('sesion2')).toBe('sesion2');
  });
});

describe('SynonymExpander', () => {
  const expander = new SynonymExpander([
    // Shorter variants listed first on purpose: the longest must still win.
    { canonical: 'art', variants: ['active release', 'active release technique', 'a r t'] },
    { canonical: 'physical therapist', variants: ['physio', 'physical therapy'] },
    { canonical: 'foam roll', variants: ['Foam-Roller', 'foam rolling'] },
  ]);
  const expand = (text: string): string[] => expander.expand(tokensOf(text));

  it.each([
    ['what is active release technique', ['what', 'is', 'art']],
    ['does active release hurt', ['does', 'art', 'hurt']],
    ['is a r t safe', ['is', 'art', 'safe']],
    ['my physio said', ['my', 'physical', 'therapist', 'said']],
    ['i use a foam roller', ['i', 'use', 'a', 'foam', 'roll']],
    ['active release technique or physical therapy', ['art', 'or', 'physical', 'therapist']],
  ])('rewrites "%s", longest variant first', (text, words) => {
    expect(expand(text)).toEqual(words);
  });

  it.each([
    ['active and release', ['active', 'and', 'release']],
    ['release active', ['release', 'active']],
    ['foam', ['foam']],
  ])('only rewrites whole variants in order: "%s"', (text, words) => {
    expect(expand(text)).toEqual(words);
  });

  it('offers both sides of every synonym as vocabulary for spelling correction', () => {
    expect([...expander.vocabulary()]).toEqual(expect.arrayContaining(['active', 'release', 'technique', 'art', 'physio', 'physical', 'therapist', 'roller']));
  });
});

describe('properties over arbitrary text', () => {
  const knowledgeBase = loadKnowledgeBase(FIXTURE_KNOWLEDGE_DIR);
  const router = new MessageRouter(knowledgeBase);
  const faqIds = new Set(knowledgeBase.faq.map((entry) => entry.id));
  const ruleIds = new Set(knowledgeBase.safety.rules.map((rule) => rule.id));
  const smallTalkIds = new Set<string>([...SMALL_TALK_INTENTS, 'none-of-these']);

  /** Words the bot knows (FAQ, safety, small talk), negations and punctuation, so generated messages reach every route. */
  const knownWords = [
    ...new Set([
      ...knowledgeBase.faq.flatMap((entry) => [entry.question, ...entry.alternates.slice(0, 3)]).flatMap(tokensOf),
      ...knowledgeBase.conversation.smallTalk.flatMap((intent) => intent.phrases).flatMap(tokensOf),
      'chest', 'pain', 'fever', 'fell', 'numb', 'cancer', 'never', 'actve', 'relase', 'painfull',
    ]),
  ];
  const messages = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .array(fc.oneof(fc.constantFrom(...knownWords), fc.constantFrom('no', 'not', 'but', 'however', ',', '.', '?', '!', "can't", 'dont')), { maxLength: 25 })
      .map((words) => words.join(' ')),
  );

  /** Tens of thousands of characters, built by repetition (generating them one by one would be slow). */
  const hugeMessages = fc
    .tuple(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 40 })), fc.integer({ min: 250, max: 1_000 }))
    .map(([piece, times]) => piece.repeat(times));

  function checkDecision(decision: RoutingDecision): void {
    expect(ROUTES).toContain(decision.route);
    expect(decision.score).toBeGreaterThanOrEqual(0);
    expect(decision.score).toBeLessThanOrEqual(1);
    const scores = decision.candidates.map((candidate) => candidate.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const candidate of decision.candidates) {
      expect(faqIds.has(candidate.id)).toBe(true);
      expect(candidate.score).toBeGreaterThanOrEqual(0);
      expect(candidate.score).toBeLessThanOrEqual(1);
    }
    switch (decision.route) {
      case 'answer':
      case 'suggest':
        expect(faqIds.has(decision.id)).toBe(true);
        break;
      case 'fallback':
        expect(decision.id).toBeNull();
        break;
      case 'smalltalk':
        expect(smallTalkIds.has(decision.id)).toBe(true);
        break;
      case 'emergency':
      case 'red-flag':
        expect(ruleIds.has(decision.id)).toBe(true);
        expect(decision.findings.length).toBeGreaterThan(0);
        break;
    }
  }

  it('normalizeText never throws and returns lower-case word tokens grouped in non-empty clauses', () => {
    const breakWords = new Set(['but', 'however', 'although', 'though', 'except', 'yet']);
    fc.assert(
      fc.property(fc.oneof(messages, hugeMessages), (text) => {
        const { tokens, clauses, asked } = normalizeText(text);
        expect(tokens).toEqual(clauses.flat());
        if (asked !== undefined) expect(asked).toHaveLength(clauses.length);
        // Checked with plain code and asserted once: huge inputs have tens of thousands of tokens.
        expect(clauses.filter((clause) => clause.length === 0)).toEqual([]);
        // A word such as "but" always opens a new clause, so negation before it cannot reach past it.
        expect(clauses.filter((clause) => clause.slice(1).some((word) => breakWords.has(word)))).toEqual([]);
        expect(tokens.filter((token) => !/^[\p{L}\p{N}]+$/u.test(token) || token.toLowerCase() !== token)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('MessageRouter.route never throws and always returns a well-formed decision', () => {
    fc.assert(
      fc.property(messages, (text) => {
        checkDecision(router.route(text));
      }),
      { numRuns: 300 },
    );
  });

  // How long these take is measured by `npm run bench` (the huge-message rows), never here.
  it('routes a huge message without letters (emoji, symbols)', () => {
    checkDecision(router.route('🙂 ✔︎ … 🤷🏽‍♀️ '.repeat(10_000)));
  });

  it('routes a message that is one 8,000-letter "word" (a held-down key)', () => {
    checkDecision(router.route('ha'.repeat(4_000)));
  });

  it('routes a long pasted message (4,000 characters of ordinary text)', () => {
    // The kind of thing a patient pastes: a long account in everyday words. The bot answers on one
    // thread, so a slow message holds up every other patient's conversation.
    const prose = knowledgeBase.faq.map((entry) => entry.answer).join(' ');
    const message = prose.repeat(Math.ceil(4_000 / prose.length)).slice(0, 4_000);
    checkDecision(router.route(message));
  });
});
