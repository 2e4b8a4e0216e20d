import { stemWord } from '../text/stemWord';

/**
 * Politeness, terms of address and sentence particles in the Englishes patients write: Filipino "po",
 * Indian "ji", "sir", "ma'am", "mate", Scouse "la", Singlish and Malaysian "lah", "anot" ("once a month
 * enough anot"). They never name a topic (filler to the FAQ matcher) and may pad small talk ("thanks la").
 */
export const TERMS_OF_ADDRESS: ReadonlySet<string> = new Set([
  'po', 'opo', 'ko', 'ji', 'sir', 'maam', 'mam', 'madam', 'dear', 'kindly', 'mate', 'pal', 'buddy', 'bro', 'dude', 'bru', 'boet',
  'la', 'lar', 'lad', 'hun', 'luv', 'yall', 'innit', 'fam', 'bud', 'eh', 'ah', 'aye',
  'anot', 'sia', 'lah', 'leh', 'lor', 'meh', 'hor', 'liao',
]);

/**
 * Words that say nothing about which question was asked. Question words such as
 * "how", "long", "often" and "many" are kept on purpose: they separate
 * "how long is a session" from "how many sessions" and "how often". So is "not":
 * "who should not get ART" is a different question from "who does ART".
 */
const FILLER_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'i', 'me', 'my', 'mine', 'you', 'your', 'we', 'us', 'our', 'it', 'is', 'am', 'are', 'was', 'were', 'be',
  'been', 'being', 'this', 'that', 'these', 'those', 'to', 'of', 'in', 'on', 'at', 'for', 'and', 'or', 'so', 'just',
  'about', 'some', 'any', 'there', 'here', 'hi', 'hello', 'hey', 'please', 'pls', 'plz', 'thanks', 'thank', 'ok', 'okay',
  'um', 'uh', 'like', 'really', 'very', 'actually', 'also', 'too', 'then', 'than', 'if', 'would', 'could', 'should',
  'will', 'shall', 'may', 'might', 'must', 'do', 'does', 'did', 'have', 'has', 'had', 'get', 'got', 'know', 'wonder',
  'wondering', 'question', 'ask', 'asking', 'tell', 'someone', 'anyone', 'thing', 'things', 'lol', 'tbh', 'im', 'kind', 'sort',
  'no', 'yes', 'yeah', 'u', 'ur', 'he', 'she', 'they', 'them', 'his', 'her', 'their', 'by', 'from', 'with', 'as', 'but',
  'want', 'wanted', 'think',
  // Chatty intensifiers and hedges: patients pad messages with them, and they never name a topic.
  'honestly', 'literally', 'basically', 'totally', 'pretty', 'super', 'quite', 'kinda', 'sorta', 'maybe', 'probably',
  'definitely', 'seriously', 'haha', 'hmm', 'lmao', 'omg', 'btw', 'idk', 'guys', 'stuff', 'wanna', 'gonna', 'gotta',
  'sorry', 'excuse', 'pardon',
  // Formal courtesy ("please revert", "do the needful", "respected madam", "thanks in advance"): Indian and formal English.
  'revert', 'respected', 'needful', 'advise', 'regards', 'greetings', 'appreciate', 'appreciated', 'grateful', 'advance',
  'approximately', 'details', 'detail',
  // Texting asides ("for real", "not gonna lie", "low-key"): they colour a message, never name a topic.
  'fr', 'frfr', 'ngl', 'lowkey', 'highkey', 'deadass', 'bruh', 'tho', 'smh', 'istg', 'imo', 'imho', 'tbf', 'ikr', 'af', 'lmfao',
  'rofl', 'fyi', 'fwiw', 'xx', 'xo',
  // Caribbean "mi" (I, me, my) and "di" (the), which the dialect forms leave alone as they are Spanish
  // too ("me di un golpe"); Indian English "itself" ("today itself"); "summat" (something).
  'mi', 'di', 'itself', 'ugh', 'summat',
  ...TERMS_OF_ADDRESS,
]);

export function isFillerWord(word: string): boolean {
  return FILLER_WORDS.has(word);
}

/**
 * Words that shape the question ("how long", "when", "best") or carry the sentence ("said",
 * "even") but say nothing about whether it is about this clinic's topics: "how long does a cold
 * last" is not a question about sessions. They still count when ranking entries.
 */
const QUESTION_WORDS: ReadonlySet<string> = new Set([
  'how', 'what', 'when', 'where', 'why', 'who', 'which', 'whether', 'not', 'can', 'cannot', 'go', 'going', 'goes', 'went',
  'long', 'many', 'much', 'often', 'soon', 'far', 'time', 'times', 'best', 'good', 'better', 'bad', 'worse', 'help', 'helps',
  'work', 'works', 'need', 'needs', 'take', 'takes', 'use', 'make', 'try', 'normal', 'ok', 'okay', 'fine', 'safe', 'right',
  'wrong', 'new', 'first', 'last', 'next', 'before', 'after',
  'honest', 'even', 'ever', 'still', 'already', 'now', 'else', 'anything', 'something', 'everything', 'nothing', 'sure',
  'curious', 'let', 'explain', 'mean', 'means', 'meant', 'said', 'says', 'say', 'heard', 'hear', 'read', 'saw', 'seen', 'told',
  'keep', 'keeps', 'one', 'ones', 'own', 'way', 'bit', 'lot', 'lots', 'all', 'every', 'each', 'other', 'another', 'same',
  'whole', 'actual', 'real', 'thing', 'things', 'type', 'come', 'coming', 'came', 'feel', 'feels',
]);

/** True for words that shape a question ("how", "when", "best") without saying what it is about. */
export function isQuestionWord(word: string): boolean {
  return QUESTION_WORDS.has(word);
}

/**
 * Words that only set the scene: who else is involved, when, and where on the body. They belong to
 * in-scope and out-of-scope questions alike ("my daughter's knee", "since yesterday"), so they
 * neither confirm nor deny that a message is about the clinic's topics.
 */
const CONTEXT_WORDS: ReadonlySet<string> = new Set([
  // people
  'husband', 'wife', 'partner', 'boyfriend', 'girlfriend', 'son', 'daughter', 'kid', 'kids', 'child', 'children', 'mom', 'mum',
  'dad', 'mother', 'father', 'parent', 'parents', 'friend', 'friends', 'coworker', 'colleague', 'boss', 'family', 'people',
  'person', 'everyone', 'everybody', 'somebody', 'nobody', 'guy', 'girl', 'man', 'woman', 'men', 'women', 'student',
  'grandma', 'grandpa', 'grandmother', 'grandfather', 'gran', 'granny', 'nan', 'nana', 'lola', 'lolo', 'aunt', 'auntie',
  'aunty', 'uncle', 'da', 'neighbour', 'neighbor', 'employer', 'employee', 'lady', 'gentleman', 'elderly', 'oke',
  // time
  'today', 'tonight', 'tomorrow', 'yesterday', 'yesterdays', 'morning', 'afternoon', 'evening', 'evenings', 'night', 'nights',
  'day', 'days', 'week', 'weeks', 'weekend', 'month', 'months', 'year', 'years', 'ago', 'since', 'until', 'till',
  'recently', 'lately', 'later', 'usually', 'sometimes', 'always', 'never', 'once', 'twice', 'hour', 'hours',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'weds', 'thu',
  'thur', 'thurs', 'fri', 'sat', 'sun',
  // body
  'body', 'head', 'neck', 'shoulder', 'shoulders', 'arm', 'arms', 'elbow', 'forearm', 'wrist', 'hand', 'hands', 'finger',
  'fingers', 'thumb', 'chest', 'rib', 'ribs', 'back', 'spine', 'hip', 'hips', 'glute', 'glutes', 'butt', 'leg', 'legs', 'thigh',
  'thighs', 'knee', 'knees', 'shin', 'shins', 'calf', 'calves', 'ankle', 'ankles', 'foot', 'feet', 'heel', 'toe', 'toes', 'jaw',
  'upper', 'lower', 'left', 'side', 'sides', 'joint', 'joints', 'bone', 'bones', 'tendon', 'tendons', 'ligament', 'ligaments',
]);

/** True for words that neither confirm nor deny that a message is about the clinic's topics. */
export function isNeutralWord(word: string): boolean {
  return FILLER_WORDS.has(word) || QUESTION_WORDS.has(word) || CONTEXT_WORDS.has(word) || /\d/.test(word);
}

/**
 * Words by which a patient points at the treatment under discussion without naming it
 * ("does it hurt", "will this help"). In a chat about one therapy they are a reference to it.
 */
const REFERENCE_WORDS: ReadonlySet<string> = new Set(['it', 'this', 'that', 'these']);

export function isReferenceWord(word: string): boolean {
  return REFERENCE_WORDS.has(word);
}

/**
 * The terms a text is compared on: the stems of its meaningful words, plus each pair of neighbouring
 * stems so word order ("how long" vs "long how") counts for something.
 */
export function matchingTerms(words: readonly string[]): string[] {
  const content = words.filter((word) => !isFillerWord(word)).map(stemWord);
  const terms = new Set(content);
  for (let index = 0; index + 1 < content.length; index += 1) terms.add(`${content[index]} ${content[index + 1]}`);
  return [...terms];
}
