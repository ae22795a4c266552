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

// Vietnamese syllables, folded: an initial, a vowel group Vietnamese spells, a final. "need",
// "meeting", "tomorrow", "just" cannot be one; "the", "an", "room" can.
const VIETNAMESE_SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?(?:uye|uya|uyu|ieu|yeu|oai|oay|oeo|uoi|uou|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])(?:ch|ng|nh|[cmnpt])?$/;
// Words that only say hello, thanks or ok: they tell nothing of the language a founder writes.
const SMALL_TALK = /(^| )(ok|okay|oke|oki|hi|hello|hey|thanks|thank you|thank|thx|ty|please|pls|bye|xin chao|chao|cam on|camon|tks|alo|da|vang|u)(?= |$)/g;
// The same with Vietnamese accents as written ("cảm ơn", "xin chào", "dạ", "vâng", "ừ").
const SMALL_TALK_WRITTEN = /(^| )(ok|okay|oke|oki|hi|hello|hey|thanks|thank you|thank|please|bye|xin chào|chào|cảm ơn|cám ơn|alo|dạ|vâng|ừ)(?= |$)/g;
// Vietnamese words that make a sentence (pronouns, verbs of asking and wanting, particles):
// none of them an English word, nor a syllable of a name as written ("Minh", "Anh", "Thị",
// "Nhung", "Thế" are names: "Lê Thị Hồng Nhung", "Trần Minh Anh" tell no language).
const VIETNAMESE_SENTENCE_WORDS = new Set([
  'tôi', 'mình', 'em', 'chị', 'bạn', 'muốn', 'cần', 'không', 'được', 'cho', 'của', 'là', 'có', 'với', 'nhé', 'nha',
  'giúp', 'hỏi', 'nhiêu', 'nào', 'gì', 'rồi', 'đi', 'đang', 'đã', 'sẽ', 'vậy', 'thì', 'mà', 'nhưng', 'làm', 'đặt',
  'xem', 'biết', 'phải', 'này', 'sao', 'về', 'ở', 'tại', 'và', 'ạ',
]);
// The same written without diacritics, less those that are also names or English ("minh",
// "anh", "la", "thi", "nhung", "lam", "dat", "tai", "the", "co").
const VIETNAMESE_SENTENCE_WORDS_FOLDED = new Set([
  'toi', 'mk', 'mik', 'em', 'ban', 'muon', 'khong', 'ko', 'duoc', 'dc', 'cho', 'cua', 'voi', 'nhe', 'nha', 'giup',
  'hoi', 'nhieu', 'nao', 'gi', 'roi', 'dang', 'se', 'vay', 'xem', 'biet', 'phai', 'nay', 'sao', 've', 'va',
]);
/**
 * A phrase plainly written in Vietnamese with its diacritics though it has fewer than two
 * sentence words ("dự án về du lịch cộng đồng", "sản phẩm mẫu rồi"): at least three words
 * accented, every one a Vietnamese syllable, most in lower case (a name, "Nguyễn Thị Hồng
 * Nhung", capitalises each word), and five words or more, or four with one sentence word (no
 * name has one: "nguyễn văn an" typed in lower case still tells nothing).
 */
function accentedPhrase(text: string, count: number, accented: number, syllables: number, sentence: number): boolean {
  if (count < (sentence > 0 ? 4 : 5) || accented < 3 || syllables < count) return false;
  const written = text.normalize('NFC').split(/[^\p{L}]+/u).filter(Boolean);
  const lower = written.filter((w) => w === w.toLocaleLowerCase('vi')).length;
  return lower * 2 > written.length;
}

/** Fewest words (besides hello, thanks, ok) a message needs to tell its language. */
const LANGUAGE_MIN_WORDS = 3;

// Words a Vietnamese founder does not use inside Vietnamese: English pronouns and the greetings
// of the day. With them, two English words tell English ("help me", "Good morning", "my booking").
const SHORT_ENGLISH_MARKERS = new Set(['i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'the', 'good', 'morning', 'afternoon', 'evening']);

/**
 * A message of two words plainly in English: no diacritics, no Vietnamese word, each word a common
 * English one or no Vietnamese syllable, one of them an English pronoun or greeting of the day
 * besides hello, thanks and ok ("Good morning", "help me"; "thank you" tells nothing).
 * A founder who writes English from the first message is answered in English from it; a
 * Vietnamese founder's "book room", "check in" or "ok thanks" tells nothing.
 */
function shortEnglish(words: readonly string[], accented: number): boolean {
  if (accented > 0) return false;
  if (words.length !== 2 || words.some((w) => VIETNAMESE_WORDS.has(w))) return false;
  if (!words.some((w) => SHORT_ENGLISH_MARKERS.has(w))) return false;
  return words.every((w) => ENGLISH_WORDS.has(w) || SHORT_ENGLISH_MARKERS.has(w) || !VIETNAMESE_SYLLABLE.test(w));
}

/**
 * The language a message is plainly written in, or undefined when it does not tell: at least
 * three words besides hello / thanks / ok, and then
 * - English: no Vietnamese diacritics or Vietnamese word, a common English word, two words or
 *   more no Vietnamese syllable spells ("need", "meeting"), and two thirds of the words English;
 *   (two words do with an English pronoun or greeting: "help me", "Good morning");
 * - Vietnamese: two Vietnamese sentence words ("mình", "muốn", "không", "giúp") and nearly all
 *   words Vietnamese syllables, with no common English word when written without diacritics.
 * "ok", "hi", "thanks", a name ("Nguyễn Văn Đạt", "Tran The An"), a code tell nothing.
 *
 * @example
 * plainLanguage('need the meeting room tomorrow at 3pm, just half an hour') // 'en'
 * plainLanguage('mình muốn đặt phòng họp chiều mai')                          // 'vi'
 * plainLanguage('thanks')                                                      // undefined
 */
export function plainLanguage(text: string): 'vi' | 'en' | undefined {
  const letters = text.normalize('NFC').toLowerCase().replace(/[^\p{L}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  const accented = letters.split(' ').filter((w) => w && fold(w) !== w).length;
  const words = fold(letters).replace(SMALL_TALK, ' ').split(' ').filter(Boolean);
  if (words.length < LANGUAGE_MIN_WORDS) return shortEnglish(words, accented) ? 'en' : undefined;
  const syllables = words.filter((w) => VIETNAMESE_SYLLABLE.test(w)).length;
  const common = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  if (accented === 0 && !words.some((w) => VIETNAMESE_WORDS.has(w)) && common > 0) {
    const foreign = words.length - syllables;
    const english = words.filter((w) => ENGLISH_WORDS.has(w) || !VIETNAMESE_SYLLABLE.test(w)).length;
    if (foreign >= 2 && english * 3 >= words.length * 2) return 'en';
  }
  const written = letters.replace(SMALL_TALK_WRITTEN, ' ').split(' ').filter(Boolean);
  const sentence = accented > 0
    ? written.filter((w) => VIETNAMESE_SENTENCE_WORDS.has(w)).length
    : words.filter((w) => VIETNAMESE_SENTENCE_WORDS_FOLDED.has(w)).length;
  if (sentence >= 2 && syllables * 4 >= words.length * 3 && (accented > 0 || common === 0)) return 'vi';
  if (accentedPhrase(text, words.length, accented, syllables, accented > 0 ? sentence : 0)) return 'vi';
  return undefined;
}
