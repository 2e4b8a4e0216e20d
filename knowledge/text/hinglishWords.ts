/**
 * The everyday words of Hindi, Urdu and Punjabi as patients type them in Latin letters ("Hinglish":
 * "seene mein dard ho raha hai"): pronouns, postpositions, the verbs "to be", "to do" and "to go",
 * and their kin. They are words, not typos: without this list the safety speller read "nahi" (not)
 * as Tagalog "naihi" (wet oneself) and called an emergency on "chest mein koi dard nahi".
 * Only closed-class words: the symptom words themselves are safety.yaml's concepts, where a clinician
 * can add them.
 */
const HINGLISH_WORDS: ReadonlySet<string> = new Set([
  'hai', 'hain', 'ho', 'hoon', 'hun', 'tha', 'thi', 'raha', 'rahi', 'rahe', 'gaya', 'gayi', 'gaye', 'hua', 'hui', 'hue', 'hota',
  'hoti', 'hote', 'kya', 'kyu', 'kyun', 'kyon', 'kaise', 'kab', 'kahan', 'kaun', 'ka', 'ki', 'ke', 'ko', 'se', 'mein', 'mai',
  'aur', 'bhi', 'toh', 'pe', 'lekin', 'magar', 'sirf', 'ji', 'yaar', 'yar', 'bhai', 'bhaiya', 'didi', 'beta', 'beti', 'bahut',
  'bohot', 'bahot', 'thoda', 'thodi', 'zyada', 'jyada', 'abhi', 'aaj', 'kal', 'parso', 'subah', 'shaam', 'raat', 'din', 'nahi',
  'nahin', 'nai', 'haan', 'accha', 'acha', 'achha', 'theek', 'thik', 'sab', 'kuch', 'koi', 'kisi', 'apna', 'apni', 'apne',
  'mera', 'meri', 'mere', 'tera', 'teri', 'tumhara', 'aap', 'aapka', 'aapki', 'aapke', 'hum', 'humara', 'hamara', 'woh', 'wo',
  'yeh', 'unka', 'unki', 'unke', 'uska', 'uski', 'uske', 'iska', 'iski', 'lagta', 'lagti', 'laga', 'lagi', 'karna', 'karo',
  'kiya', 'kiye', 'karke', 'karta', 'karti', 'sakta', 'sakti', 'sakte', 'chahiye', 'chahta', 'chahti', 'wala', 'wali', 'wale',
  'liye', 'saath', 'baad', 'pehle', 'phir', 'fir', 'jab', 'tab', 'agar', 'matlab', 'shayad', 'zaroor', 'bilkul', 'arre', 'arey',
  'sahi', 'dekho', 'dekha', 'bola', 'boli', 'bolte', 'keh', 'kehti', 'kehta', 'pata', 'aaya', 'aayi', 'aaye', 'jaata', 'jaati',
  'jaana', 'milega', 'milegi', 'chalo', 'kaafi', 'mujhe', 'mujhko', 'unko', 'usko', 'hamesha', 'kabhi', 'aisa', 'aise', 'waise',
]);

export function isHinglishWord(word: string): boolean {
  return HINGLISH_WORDS.has(word);
}
