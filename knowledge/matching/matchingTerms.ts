import { stemWord } from '../text/stemWord';

/**
 * Words that say nothing about which question was asked. Question words such as
 * "how", "long", "often" and "many" are kept on purpose: they separate
 * "how long is a session" from "how many sessions" and "how often".
 */
const FILLER_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'i', 'me', 'my', 'mine', 'you', 'your', 'we', 'us', 'our', 'it', 'is', 'am', 'are', 'was', 'were', 'be',
  'been', 'being', 'this', 'that', 'these', 'those', 'to', 'of', 'in', 'on', 'at', 'for', 'and', 'or', 'so', 'just',
  'about', 'some', 'any', 'there', 'here', 'hi', 'hello', 'hey', 'please', 'pls', 'plz', 'thanks', 'thank', 'ok', 'okay',
  'um', 'uh', 'like', 'really', 'very', 'actually', 'also', 'too', 'then', 'than', 'if', 'would', 'could', 'should',
  'will', 'shall', 'may', 'might', 'must', 'do', 'does', 'did', 'have', 'has', 'had', 'get', 'got', 'know', 'wonder',
  'wondering', 'question', 'ask', 'asking', 'tell', 'someone', 'anyone', 'thing', 'things', 'lol', 'tbh', 'im', 'kind', 'sort',
  'not', 'no', 'yes', 'yeah', 'u', 'ur', 'he', 'she', 'they', 'them', 'his', 'her', 'their', 'by', 'from', 'with', 'as', 'but', 'want', 'wanted', 'think',
]);

export function isFillerWord(word: string): boolean {
  return FILLER_WORDS.has(word);
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
