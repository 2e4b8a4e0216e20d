/**
 * Words of Scots, Caribbean and other spoken British, Irish and American English, in their standard spelling, so every
 * later step reads "cannae get ma breath" as "can not get my breath" and "banged ma heid, been
 * boakin" as "banged my head, been vomiting". Only forms with one clear meaning in a patient's
 * message: "wee" (small, or urine), "ken" (a name) and "ah" (an exclamation) are left alone.
 * Dropped final g's ("sittin") are put back by the spelling corrector.
 */
export const DIALECT_FORMS: Readonly<Record<string, readonly string[]>> = {
  // "can't" and its kin: cannae, dinnae, didnae…
  cannae: ['can', 'not'],
  canna: ['can', 'not'],
  cannie: ['can', 'not'],
  dinnae: ['do', 'not'],
  dinna: ['do', 'not'],
  didnae: ['did', 'not'],
  disnae: ['does', 'not'],
  doesnae: ['does', 'not'],
  isnae: ['is', 'not'],
  wasnae: ['was', 'not'],
  wernae: ['were', 'not'],
  wouldnae: ['would', 'not'],
  couldnae: ['could', 'not'],
  shouldnae: ['should', 'not'],
  willnae: ['will', 'not'],
  wullnae: ['will', 'not'],
  havenae: ['have', 'not'],
  hivnae: ['have', 'not'],
  hasnae: ['has', 'not'],
  gonnae: ['going', 'to'],
  nae: ['no'],
  naw: ['no'],
  // Pronouns ("me" for "my" is read by the safety rules, which know both).
  ma: ['my'],
  masel: ['myself'],
  mysel: ['myself'],
  hissel: ['himself'],
  hersel: ['herself'],
  yersel: ['yourself'],
  yer: ['your'],
  ye: ['you'],
  youse: ['you'],
  yous: ['you'],
  // Everyday words.
  heid: ['head'],
  oot: ['out'],
  aboot: ['about'],
  withoot: ['without'],
  doon: ['down'],
  roon: ['round'],
  aff: ['off'],
  wi: ['with'],
  fae: ['from'],
  tae: ['to'],
  mair: ['more'],
  aw: ['all'],
  noo: ['now'],
  whit: ['what'],
  dae: ['do'],
  daen: ['doing'],
  wrang: ['wrong'],
  wye: ['way'],
  nicht: ['night'],
  naethin: ['nothing'],
  naething: ['nothing'],
  intae: ['into'],
  ontae: ['onto'],
  affa: ['very'],
  shouder: ['shoulder'],
  shouther: ['shoulder'],
  yella: ['yellow'],
  roond: ['round'],
  wirkin: ['working'],
  giein: ['giving'],
  fitba: ['football'],
  laddie: ['boy'],
  lassie: ['girl'],
  bairn: ['child'],
  sair: ['sore'],
  awfy: ['very'],
  auld: ['old'],
  hame: ['home'],
  efter: ['after'],
  tellt: ['told'],
  hert: ['heart'],
  breith: ['breath'],
  hingin: ['hanging'],
  hinging: ['hanging'],
  greetin: ['crying'],
  greeting: ['crying'],
  boak: ['vomit'],
  boakin: ['vomiting'],
  boaking: ['vomiting'],
  boaked: ['vomited'],
  // Northern English: "is there owt i can do", "can i come tomoz". ("summat" is left alone: "will it snap summat" is a question, not a fracture.)
  owt: ['anything'],
  nowt: ['nothing'],
  // Yorkshire and Lancashire "-sen" for "-self": "wet mesen", "hurt hissen".
  mesen: ['myself'],
  missen: ['myself'],
  hisen: ['himself'],
  hissen: ['himself'],
  hersen: ['herself'],
  thisen: ['yourself'],
  theirsen: ['themselves'],
  tomoz: ['tomorrow'],
  tomoro: ['tomorrow'],
  // Caribbean English: "mi cyaan catch mi breath", "nuh wake up", "mi bruk mi foot".
  cyaan: ['can', 'not'],
  kyaan: ['can', 'not'],
  cyan: ['can', 'not'],
  caan: ['can', 'not'],
  nuh: ['not'],
  neva: ['never'],
  nevah: ['never'],
  bruk: ['broke'],
  tek: ['take'],
  wid: ['with'],
  haffi: ['have', 'to'],
  affi: ['have', 'to'],
  likkle: ['little'],
  pickney: ['child'],
  pikni: ['child'],
  gyal: ['girl'],
  bwoy: ['boy'],
  unnu: ['you'],
  tink: ['think'],
  tinkin: ['thinking'],
  tinking: ['thinking'],
  ting: ['thing'],
  har: ['her'],
  nutten: ['nothing'],
  nuttn: ['nothing'],
  // Its everyday function words: "wah mi fi wear", "do unno give homework", "mi deh pon the table".
  // ("di" is left alone: in Spanish it is "me di un golpe".)
  wah: ['what'],
  dis: ['this'],
  dat: ['that'],
  dem: ['them'],
  fi: ['to'],
  unno: ['you'],
  unuh: ['you'],
  yuh: ['you'],
  seh: ['say'],
  inna: ['in'],
  pon: ['on'],
  deh: ['there'],
  enuh: ['you', 'know'],
  gwan: ['going', 'on'],
  bout: ['about'],
  tings: ['things'],
  anyting: ['anything'],
  everyting: ['everything'],
  sumting: ['something'],
  nutting: ['nothing'],
  // Nigerian Pidgin: "my pikin knack him head", "bone dey comot" ("no fit", can't, is read as a pair: see normalizeText).
  pikin: ['child'],
  wetin: ['what'],
  comot: ['come', 'out'],
  knack: ['knocked'],
  // Andalusian and Caribbean Spanish "toas las pastillas": the dropped d of "todas" (see withDroppedDRestored).
  // Caribbean Spanish aspirates an s before a consonant and writes it as h: "ehtá", "uhtede".
  ehta: ['esta'],
  ehtoy: ['estoy'],
  ehtaba: ['estaba'],
  ehto: ['esto'],
  uhtede: ['ustedes'],
  uhtedes: ['ustedes'],
  // Chilean "no he podío", typed without its accent (with it, see withDroppedDInIdoRestored).
  podio: ['podido'],
  // "un lao", "pa'l lao": the dropped d of "lado", too short for withDroppedDRestored.
  lao: ['lado'],
  toa: ['toda'],
  toas: ['todas'],
  toos: ['todos'],
  // Negations, spelled out so that "nothin swollen" is read as "nothing swollen" by the safety rules too.
  // French words that English written by French speakers keeps: "c'est quoi" (what is it).
  cest: ['it', 'is'],
  quoi: ['what'],
  nothin: ['nothing'],
  nuthin: ['nothing'],
  nuffin: ['nothing'],
  nothink: ['nothing'],
};

/** Words that end in "ao" in their own right, not a Caribbean "-ado". */
const OWN_AO_WORDS: ReadonlySet<string> = new Set(['cacao', 'bacalao', 'callao']);

/**
 * Caribbean and Andalusian Spanish drop the d of "-ado": "doblao", "hinchao", "sentao", "mareao" are
 * "doblado", "hinchado", "sentado", "mareado". Spelled out so the Spanish safety words match them.
 */
export function withDroppedDRestored(word: string): string | undefined {
  if (word.length < 5 || !word.endsWith('ao') || OWN_AO_WORDS.has(word) || !/^[a-z]+$/.test(word)) return undefined;
  return `${word.slice(0, -2)}ado`;
}

/**
 * "walkin", "achin", "sleepin" are "walking", "aching", "sleeping" with the g dropped, as typed in many
 * dialects. Spelled out only when the word is not a word itself ("cousin", "skin") and the -ing form is, so
 * that every rule and ignore list ("walking again", "sleeping wrong") reads the typed form too.
 */
export function withDroppedGRestored(word: string, isWord: (word: string) => boolean): string | undefined {
  if (word.length < 4 || !word.endsWith('in') || !/^[a-z]+$/.test(word) || isWord(word)) return undefined;
  const restored = `${word}g`;
  return isWord(restored) ? restored : undefined;
}

/** Words that end in "ío" in their own right, not an Andalusian or Caribbean "-ido". */
const OWN_IO_WORDS: ReadonlySet<string> = new Set([
  'frío', 'tío', 'río', 'lío', 'mío', 'envío', 'vacío', 'crío', 'trío', 'rocío', 'desafío', 'sombrío', 'pío', 'navío',
  'gentío', 'hastío', 'estío', 'baldío', 'impío', 'regadío', 'caserío', 'poderío', 'griterío', 'extravío', 'amorío',
  'señorío', 'albedrío', 'bravío', 'tardío', 'cabrío', 'plantío', 'judío', 'resfrío', 'escalofrío', 'desvío',
]);

/**
 * "caío", "bebío", "dormío", "marío" are "caído", "bebido", "dormido", "marido" as Andalusian and
 * Caribbean Spanish say them. Only a written accent tells them from "frío" or "tío" (and from the past
 * tense "comió"), so this runs on the text as typed, before accents are folded away.
 */
export function withDroppedDInIdoRestored(text: string): string {
  if (!text.includes('ío') && !text.includes('Ío')) return text;
  return text.replace(/(\p{L}{2,})ío\b/giu, (whole: string, stem: string) => (OWN_IO_WORDS.has(whole.toLowerCase()) ? whole : `${stem}ido`));
}
