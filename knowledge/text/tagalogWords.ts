/**
 * The everyday words of Tagalog as Filipino patients and carers mix them into English ("Taglish":
 * "si lola po biglang hirap huminga"): pronouns, markers, particles, question words and time words.
 * They are words, not typos, so the safety speller leaves them alone, as it does Hinglish (see
 * hinglishWords.ts). Only closed-class words: the symptom words are safety.yaml's concepts.
 */
const TAGALOG_WORDS: ReadonlySet<string> = new Set([
  'ang', 'ng', 'nang', 'sa', 'si', 'ni', 'kay', 'mga', 'ako', 'ko', 'ikaw', 'ka', 'mo', 'siya', 'niya', 'nya', 'kami', 'tayo',
  'kayo', 'sila', 'nila', 'namin', 'natin', 'ninyo', 'niyo', 'nyo', 'ito', 'iyan', 'iyon', 'yan', 'yun', 'yung', 'dito', 'diyan',
  'doon', 'po', 'opo', 'ho', 'lang', 'lamang', 'din', 'rin', 'daw', 'raw', 'nga', 'naman', 'kasi', 'pero', 'ba', 'kung', 'kapag',
  'pag', 'kahit', 'para', 'dahil', 'ano', 'sino', 'saan', 'kailan', 'paano', 'bakit', 'ilan', 'magkano', 'hindi', 'wala', 'walang',
  'meron', 'mayroon', 'oo', 'sige', 'talaga', 'sobra', 'sobrang', 'medyo', 'konti', 'konting', 'lahat', 'ngayon', 'kanina',
  'kahapon', 'bukas', 'mamaya', 'kagabi', 'umaga', 'hapon', 'tapos', 'pagkatapos', 'ulit', 'lagi', 'palagi', 'minsan', 'yata',
  'sana', 'kaya', 'muna', 'nasaan', 'pwede', 'puwede', 'gusto', 'ayaw', 'ayoko', 'alam', 'galing', 'mula', 'hanggang', 'habang',
  'lola', 'lolo', 'anak', 'asawa', 'nanay', 'tatay', 'kapatid', 'bunso', 'ate', 'kuya', 'naku', 'grabe', 'parang', 'siguro',
]);

export function isTagalogWord(word: string): boolean {
  return TAGALOG_WORDS.has(word);
}
