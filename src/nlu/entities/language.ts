/**
 * The language a founder asks for: the last language named that is not negated, so "mình không
 * đọc được tiếng Anh, nói tiếng Việt thôi" is Vietnamese and "switch from Vietnamese to English"
 * is English.
 *
 * @example
 * findLanguage(matcher, 'noi tieng viet di') // 'vi'
 */
import { fold } from '../fold.js';
import type { PhraseMatcher } from './phrases.js';
import { wordsOf } from './phrases.js';

const NEGATORS = new Set(['khong', 'dung', 'not', 'dont', 'no', 'chang', 'khoi']);
const FROM = new Set(['tu', 'from']);
// "dùng" is left out: folded it is also "đừng" (don't).
const TARGETS = new Set(['noi', 'sang', 'qua', 'bang', 'speak', 'in', 'to', 'use', 'reply', 'answer']);

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
  // A language right after a verb or preposition of choosing ("nói tiếng Việt", "speak
  // Vietnamese", "sang tiếng Anh", "reply in English") is the one asked for, whatever else the
  // message says about the other ("…, tiếng Anh mình đọc không kịp").
  const targeted = wanted.filter((m) => TARGETS.has(words[m.start - 1] ?? ''));
  const chosen = (targeted.length > 0 ? targeted : wanted.length > 0 ? wanted : mentions).at(-1)!;
  return chosen.id === 'en' ? 'en' : 'vi';
}

// Common English words founders type in short messages ("I agree", "yes please", "which
// programmes fit…"); greetings and "ok" are left out, Vietnamese founders type them too.
const ENGLISH_WORDS = new Set([
  'i', 'agree', 'accept', 'yes', 'yeah', 'sure', 'please', 'the', 'to', 'an', 'and', 'of', 'for', 'in', 'my', 'me',
  'we', 'you', 'it', 'is', 'are', 'do', 'does', 'what', 'which', 'how', 'want', 'need', 'would', 'like', 'can', 'this',
  'that', 'with', 'about', 'fine', 'thanks', 'thank', 'go', 'ahead',
]);
// Vietnamese syllables that also spell as plain letters ("dong y", "toi dong y", "co", "minh").
const VIETNAMESE_WORDS = new Set([
  'toi', 'minh', 'ban', 'dong', 'y', 'co', 'khong', 'ko', 'duoc', 'dc', 'nhe', 'nha', 'la', 'va', 'em', 'anh', 'chi',
  'roi', 'di', 'vang', 'da', 'u', 'oke', 'mik', 'voi', 'cho', 'nhan', 'luon',
]);

/**
 * Whether a short message is written in English: no Vietnamese diacritics, no Vietnamese word
 * spelled without them, and at least one common English word. "I agree" is; "dong y", "ok" and
 * "hi" are not (they say nothing about the language).
 *
 * @example
 * writtenInEnglish('I agree') // true
 * writtenInEnglish('ok')      // false
 */
export function writtenInEnglish(text: string): boolean {
  const letters = text.normalize('NFC').toLowerCase().replace(/[^\p{L}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (fold(letters) !== letters) return false; // diacritics or đ: Vietnamese
  const words = letters.match(/[a-z]+/g) ?? [];
  if (words.length === 0 || words.some((w) => VIETNAMESE_WORDS.has(w))) return false;
  return words.some((w) => ENGLISH_WORDS.has(w));
}
