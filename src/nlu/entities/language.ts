/**
 * The language a founder asks for: the last language named that is not negated, so "mình không
 * đọc được tiếng Anh, nói tiếng Việt thôi" is Vietnamese and "switch from Vietnamese to English"
 * is English.
 *
 * @example
 * findLanguage(matcher, 'noi tieng viet di') // 'vi'
 */
import type { PhraseMatcher } from './phrases.js';
import { wordsOf } from './phrases.js';

const NEGATORS = new Set(['khong', 'dung', 'not', 'dont', 'no', 'chang', 'khoi']);
const FROM = new Set(['tu', 'from']);

/**
 * The language asked for in a message, if any.
 *
 * @example
 * findLanguage(matcher, 'chuyen tu tieng viet sang tieng anh') // 'en'
 */
export function findLanguage(matcher: PhraseMatcher, text: string | readonly string[]): 'vi' | 'en' | undefined {
  const words = typeof text === 'string' ? wordsOf(text) : text;
  const mentions = matcher.findAll(words);
  if (mentions.length === 0) return undefined;
  const wanted = mentions.filter((m) => {
    const before = words.slice(Math.max(0, m.start - 4), m.start);
    const lastBefore = words[m.start - 1] ?? '';
    const lastTwo = words.slice(Math.max(0, m.start - 2), m.start);
    return !before.some((w) => NEGATORS.has(w)) && !FROM.has(lastBefore) && !lastTwo.some((w) => FROM.has(w) && lastBefore === 'tieng');
  });
  const chosen = (wanted.length > 0 ? wanted : mentions).at(-1)!;
  return chosen.id === 'en' ? 'en' : 'vi';
}
