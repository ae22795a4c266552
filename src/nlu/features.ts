/**
 * The features the intent classifier sees for a normalised message:
 * - words and word pairs, with the words inside a negation ("không phải hủy", "đừng gửi") marked,
 *   so "không phải hủy đâu, mình muốn đặt" does not read as a cancellation; "hủy/bỏ/thôi" negate
 *   a following "nhận/theo dõi" ("hủy nhận tin" is not a subscription);
 * - character n-grams of the negated words apart ("nc:"), so "I don't want announcements" is
 *   still about announcements;
 * - character 2–4-grams of the text, which survive typos and missing diacritics;
 * - which slots were found (a code, a date, a time, a length, a space, a programme, a language);
 * - the domain cues: words of the centre's knowledge domain against out-of-scope topics
 *   (`content/nlu/domain.yaml`), so a question about gold prices does not go to the documents.
 *
 * @example
 * extractFeatures('khong phai huy dau, minh muon dat phong', { flags: ['space'], domain })
 */
import type { FeatureVector } from './classifier.js';
import type { DomainLexicon } from './domain.js';
import { greetingOfIntroduction } from './introduction.js';

/** What besides the text the features depend on. */
export interface FeatureContext {
  /** Slots found in the message ('code', 'date', …). */
  flags: readonly string[];
  domain: DomainLexicon;
}

// Negations and verbs of stopping ("ngừng nhận", "tắt thông báo"): what follows is not wanted.
const NEGATORS = new Set(['khong', 'chang', 'cha', 'dung', 'not', 'dont', "don't", 'never', 'no', 'chua', 'khoi', 'ngung', 'tat', 'stop']);
// Verbs of ending that negate only a verb of receiving or following: "hủy nhận tin", "bỏ theo
// dõi", "thôi nhận thông báo" (but "hủy lịch" is a cancellation, and "cán bộ nhận" is staff).
const ENDING = new Set(['huy', 'bo', 'thoi']);
const RECEIVING = new Set(['nhan', 'theo', 'receive', 'follow']);
// After "không", these words make it a question particle or an answer ("được không ạ", "không ạ").
const AFTER_QUESTION = new Set([
  'a', 'ah', 'em', 'e', 'minh', 'toi', 'admin', 'ad', 'vay', 'nhi', 'nhe', 'ha', 'the', 'ban', 'anh', 'chi',
  'oi', 'nha', 'ne', 'neu', 'thi', 'roi', 'hay', 'hoac', 'or', 'nua', 'vs', 'voi', 'ta', 'hả', 'ho',
]);
// "không biết / không rõ / không hiểu / không nhớ / không chắc …" asks about what follows ("em
// không biết đăng ký thế nào", "em không nhớ đã đặt lịch nào"), it does not refuse it.
const NOT_KNOWING = new Set(['biet', 'ro', 'hieu', 'nho', 'chac', 'know', 'understand', 'sure', 'remember']);
// Folded negators that are also syllables of other words: "khởi nghiệp" (startup), "khởi
// động", "khỏi hệ thống" (out of the system) are "khoi" like "khỏi" (no need to); "sử dụng",
// "áp dụng", "nội dung" are "dung" like "đừng"; "tất cả" (all) is "tat" like "tắt" (turn off).
// Not negations there: "chương trình hỗ trợ khởi nghiệp nào" asks about programmes.
const NOT_NEGATING_BEFORE: Readonly<Record<string, ReadonlySet<string>>> = {
  khoi: new Set(['nghiep', 'dong', 'tao', 'su', 'cong', 'dau', 'xuong', 'he', 'danh']),
  tat: new Set(['ca']),
};
const NOT_NEGATING_AFTER: Readonly<Record<string, ReadonlySet<string>>> = {
  dung: new Set(['su', 'ap', 'noi', 'ung', 'tuyen', 'tin', 'vien', 'tieu', 'trung']),
};

/** Whether the token at `i` negates what follows. */
function negates(tokens: readonly string[], i: number): boolean {
  const token = tokens[i]!;
  if (!NEGATORS.has(token)) return false;
  if (NOT_NEGATING_BEFORE[token]?.has(tokens[i + 1] ?? '')) return false;
  if (NOT_NEGATING_AFTER[token]?.has(tokens[i - 1] ?? '')) return false;
  return true;
}

const SCOPE_ENDS = new Set(['ma', 'nhung', 'but', 'chi', 'thoi', 'just', 'only', 'instead']);
// "không phải hủy đâu, mình muốn đặt": a pronoun followed by a verb of wanting starts a new thought.
const PRONOUNS = new Set(['minh', 'em', 'toi', 'i', 'we', 'chung']);
const WANTING = new Set(['muon', 'can', 'dinh', 'se', 'thich', 'want', 'need', 'would', 'chi']);
const SCOPE_LENGTH = 6;
// Cues are single yes/no facts; at full weight the model leans on them over the words.
const CUE_WEIGHT = 0.35;
const CHAR_WEIGHT = 1;
const WORD_WEIGHT = 1;
const NEGATED_CHAR_WEIGHT = 1;

/** Word tokens with negation marks ("n:huy"); punctuation ends a negation's scope. @example markedWords('khong dong y') // ['khong', 'n:dong', 'n:y'] */
export function markedWords(normalized: string): string[] {
  const out: string[] = [];
  const pieces = normalized.split(/([,.;!?\n]+)/);
  for (const piece of pieces) {
    if (/^[,.;!?\n]+$/.test(piece)) continue;
    const tokens = clockUnits(piece.split(/[^\p{L}\p{N}#']+/u).filter(Boolean)).map(shape);
    let scope = 0;
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i]!;
      if (scope > 0 && (SCOPE_ENDS.has(token) || (PRONOUNS.has(token) && WANTING.has(tokens[i + 1] ?? '')))) scope = 0;
      out.push(scope > 0 ? `n:${token}` : token);
      if (scope > 0) scope -= 1;
      // "hủy đăng ký nhận tin" ends the receiving as "hủy nhận tin" does.
      const receivingAt = tokens[i + 1] === 'dang' && tokens[i + 2] === 'ky' ? i + 3 : i + 1;
      const endsReceiving = ENDING.has(token) && RECEIVING.has(tokens[receivingAt] ?? '') && !(token === 'bo' && tokens[i - 1] === 'can');
      if (endsReceiving) scope = SCOPE_LENGTH;
      else if (negates(tokens, i)) {
        const next = tokens[i + 1];
        scope = next !== undefined && !AFTER_QUESTION.has(next) && !NOT_KNOWING.has(next) ? SCOPE_LENGTH : 0;
      }
    }
  }
  return out;
}

// "giờ" after a number is a clock's unit ("8 giờ đến 11 giờ" is "8h đến 11h"), not the word of
// "đổi giờ" (change the time), which would read a booking with its hours as a move.
function clockUnits(tokens: string[]): string[] {
  return tokens.map((t, i) => (t === 'gio' && i > 0 && /^\d{1,2}$/.test(tokens[i - 1]!) ? '#clock' : t));
}

// Numbers and codes by their shape, so "15/12" and "20/11" are the same feature.
function shape(token: string): string {
  if (/^\d+$/.test(token)) return '#n';
  if (/^\d+[a-z]{1,3}\d*$/.test(token)) return '#nu';
  return token;
}

// Words of courtesy: "Dạ chào anh chị", "Em cảm ơn nhiều ạ", "Kính gửi (quý) trung tâm", "thanks".
export const COURTESY: ReadonlySet<string> = new Set([
  'chao', 'xin', 'cam', 'on', 'cám', 'a', 'ah', 'da', 'vang', 'em', 'e', 'anh', 'chi', 'admin', 'ad', 'trung', 'tam',
  'oi', 'nhieu', 'lam', 'thanks', 'thank', 'thx', 'you', 'hi', 'hello', 'kinh', 'gui', 'moi', 'nguoi', 'ca', 'nha', 'nhe',
  'minh', 'ban', 'so', 'much', 'dear', 'team', 'cac', 'truoc', 'nhe', 'ak', 'ha', 'hey', 'alo', 'toi', 'xin', 'va',
  'rat', 'chuc', 'ngay', 'tot', 'lanh', 'vui', 've', 'uom', 'bot', 'can', 'bo', 'thay', 'co', 'sir', 'madam', 'thanh',
  // "Kính gửi quý Trung tâm", "quý anh chị": the honorific of formal letters.
  'quy',
]);

// The address line of a letter, whoever it names: "Kính gửi Ban quản lý,", "Thưa quý anh chị,",
// "Dear Sir or Madam,". A clause of at most eight words that starts so says nothing of the request.
const SALUTATION = /^\s*(?:kinh gui|kinh thua|thua|dear)\b(?:\s+[^\s,.;!?]+){0,6}\s*[,.;!?\n]+\s*$/;

/**
 * Drops the clauses of a message that are only courtesy ("Chào anh chị,", "Em cảm ơn ạ.") when
 * something else is said: a long polite request to erase one's data is about the data, not a
 * thank-you. A message of courtesy only is kept whole.
 *
 * @example
 * withoutCourtesy('chao anh chi, xoa giup em du lieu. em cam on') // ' xoa giup em du lieu.'
 */
export function withoutCourtesy(normalized: string): string {
  // A greeting with an introduction only ("chào bạn, mình là Lan bên startup nông nghiệp") is read
  // by its greeting.
  const greeting = greetingOfIntroduction(normalized, COURTESY);
  if (greeting !== undefined) return greeting;
  const clauses = normalized.split(/(?<=[,.;!?\n])/);
  if (clauses.length < 2) return normalized;
  const isCourtesy = (clause: string) => {
    const words = clause.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return (words.length > 0 && words.every((w) => COURTESY.has(w))) || SALUTATION.test(clause);
  };
  const core = clauses.filter((c) => !isCourtesy(c));
  const rest = core.join(' ');
  // Courtesy goes only when enough is left to say something ("ok, cảm ơn nhé" is a thank-you).
  return (rest.match(/[\p{L}\p{N}]+/gu) ?? []).length >= 3 ? rest : normalized;
}

/**
 * Formal letters ask with "đề nghị" / "kính đề nghị" (we request) where a founder types "xin";
 * the examples are written the founders' way.
 *
 * @example
 * formalAsks('cong ty de nghi duoc huy lich') // 'cong ty xin duoc huy lich'
 */
export function formalAsks(normalized: string): string {
  return normalized.replace(/\b(?:kinh\s+)?de nghi\b/g, 'xin');
}

/**
 * The sparse feature vector of a normalised message.
 *
 * @example
 * extractFeatures('dat phong hop mai', { flags: ['space', 'date'], domain }).has('w:phong') // true
 */
export function extractFeatures(normalized: string, context: FeatureContext): FeatureVector {
  const features = new Map<string, number>();
  const core = withoutCourtesy(formalAsks(normalized));
  const words = markedWords(core);
  const wordFeatures: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    wordFeatures.push(`w:${words[i]}`);
    if (i + 1 < words.length) wordFeatures.push(`b:${words[i]}_${words[i + 1]}`);
  }
  if (words.length > 0) {
    wordFeatures.push(`first:${words[0]}`);
    wordFeatures.push(`last:${words[words.length - 1]}`);
  }
  addGroup(features, wordFeatures, WORD_WEIGHT);
  const text = ` ${words.filter((w) => !w.startsWith('n:')).join(' ')} `;
  const grams: string[] = [];
  for (let n = 2; n <= 4; n += 1) {
    for (let i = 0; i + n <= text.length; i += 1) grams.push(`c:${text.slice(i, i + n)}`);
  }
  addGroup(features, grams, CHAR_WEIGHT);
  // The negated words keep their own character n-grams ("nc:"), apart from the wanted ones: a
  // message that is mostly negation ("I don't want to receive announcements anymore", "không
  // cần nói chuyện với nhân viên nữa") says what it is about only there, and typos and missing
  // diacritics of the negated words are as common as anywhere.
  const negated = words.filter((w) => w.startsWith('n:')).map((w) => w.slice(2));
  if (negated.length > 0) {
    const negatedText = ` ${negated.join(' ')} `;
    const negatedGrams: string[] = [];
    for (let n = 3; n <= 4; n += 1) {
      for (let i = 0; i + n <= negatedText.length; i += 1) negatedGrams.push(`nc:${negatedText.slice(i, i + n)}`);
    }
    addGroup(features, negatedGrams, NEGATED_CHAR_WEIGHT);
  }
  const cues: string[] = context.flags.map((f) => `slot:${f}`);
  for (const cue of context.domain.cues(words)) cues.push(`dom:${cue}`);
  const length = words.length;
  cues.push(length <= 2 ? 'len:short' : length <= 6 ? 'len:mid' : length <= 15 ? 'len:long' : 'len:verylong');
  if (/\?/.test(normalized)) cues.push('punct:?');
  if (core !== normalized) cues.push('courtesy');
  for (const cue of cues) features.set(cue, CUE_WEIGHT);
  return features;
}

// A group's features share a unit of weight, so a long message does not drown the cues.
function addGroup(features: Map<string, number>, names: readonly string[], weight: number): void {
  if (names.length === 0) return;
  const value = weight / Math.sqrt(names.length);
  for (const name of names) features.set(name, (features.get(name) ?? 0) + value);
}
