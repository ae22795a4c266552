/**
 * Casual phone spellings ("ko dc", "bn tiền", "mik", "ad ơi") read as the words they stand for,
 * in one place for the whole bot: the intent classifier, the flows and the knowledge base all call
 * `expandCasual` on folded text. The word list is data (`content/nlu/casual.yaml`) so a centre adds
 * a spelling without a deploy; the few rules that need the next word live here.
 *
 * @example
 * const casual = loadCasualSpellings('content');
 * expandCasual('phi thue bn tien z ad', casual) // 'phi thue bao nhieu tien vay admin'
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { readsAsEnglish, untelex } from './telex.js';
import { splitJoined } from './joined.js';
import { fold } from './fold.js';

const CasualFile = z.object({
  words: z.record(z.string(), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])),
  particles: z.array(z.string()).default([]),
  dialect: z.record(z.string().min(1), z.string().min(1)).default({}),
});

/** The casual spellings of a content folder, ready for `expandCasual`. */
export interface CasualSpellings {
  /** Folded spelling → its readings; the first is the default. */
  readonly words: ReadonlyMap<string, readonly string[]>;
  /** Folded particles dropped at the end of a message. */
  readonly particles: ReadonlySet<string>;
  /** Folded words of the names in `nlu/entities.yaml` ("mekong"): never cut into syllables. */
  readonly names: ReadonlySet<string>;
  /**
   * Regional words as typed, accents and all ("chiều ni", "dợ", "ở mô"), with the standard words
   * they stand for: read before folding (`withDialect`), since folded many are standard words
   * ("dợ" would be "đó", "tui" "túi").
   */
  readonly dialect: ReadonlyMap<string, string>;
}

/**
 * Reads `<contentDir>/nlu/casual.yaml`. Throws with the file name when it is malformed, so a bad
 * edit stops start-up with one clear line.
 */
export function loadCasualSpellings(contentDir: string): CasualSpellings {
  const file = path.join(contentDir, 'nlu', 'casual.yaml');
  const parsed = CasualFile.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const words = new Map<string, readonly string[]>();
  for (const [spelling, reading] of Object.entries(parsed.data.words)) {
    words.set(spelling.toLowerCase(), Array.isArray(reading) ? reading : [reading]);
  }
  const dialect = new Map(Object.entries(parsed.data.dialect).map(([said, meant]) => [said.normalize('NFC').toLowerCase(), meant.normalize('NFC')]));
  return { words, particles: new Set(parsed.data.particles), names: namesOf(contentDir), dialect };
}

// One pattern per dialect list (a content folder's list is read once and kept).
const DIALECT_PATTERNS = new WeakMap<ReadonlyMap<string, string>, RegExp | null>();

function dialectPattern(dialect: ReadonlyMap<string, string>): RegExp | null {
  let pattern = DIALECT_PATTERNS.get(dialect);
  if (pattern === undefined) {
    // Longest first, so "ở mô" is read as a whole before a shorter entry inside it.
    const said = [...dialect.keys()].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'));
    pattern = said.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${said.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
    DIALECT_PATTERNS.set(dialect, pattern);
  }
  return pattern;
}

/**
 * NFC text with its regional words read as the standard ones (`dialect` of casual.yaml): the step
 * before `fold` wherever text is normalised, so dates, slots and intents all read "chiều ni" as
 * "chiều nay" and "booking của tui đâu hết rồi dợ" as "… của tôi … vậy".
 *
 * @example
 * withDialect('đặt phòng chiều ni 3 giờ nghe', casual) // 'đặt phòng chiều nay 3 giờ nghe'
 * withDialect('phòng họp ở mô', casual)               // 'phòng họp ở đâu'
 */
export function withDialect(nfcText: string, casual: CasualSpellings): string {
  const pattern = dialectPattern(casual.dialect);
  if (!pattern) return nfcText;
  return nfcText.replace(pattern, (said) => casual.dialect.get(said.toLowerCase().replace(/\s+/g, ' ')) ?? said);
}

/** The folded words of every name in `<contentDir>/nlu/entities.yaml` (none if there is no file). */
function namesOf(contentDir: string): Set<string> {
  const file = path.join(contentDir, 'nlu', 'entities.yaml');
  if (!existsSync(file)) return new Set();
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') for (const word of fold(value).split(/[^a-z0-9]+/)) if (word) names.add(word);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(parseYaml(readFileSync(file, 'utf8')));
  return names;
}

// Words after which "bn" asks "how much/many" rather than meaning "you" (bạn).
const QUANTITY_NEXT = new Set([
  'tien', 'dong', 'trieu', 'ty', 'nghin', 'ngan', 'k', 'usd', 'nguoi', 'ngay', 'thang', 'nam',
  'tuan', 'gio', 'phut', 'tieng', 'lau', 'phan', 'lan', 'cho', 'suat', 've', 'giai', 'doi',
  'chuong', 'ct', 'ctr', 'm2', 'met', 'phong', 'ban', 'mon', 'buoi', 'khoa',
]);
const QUANTITY_PREV = new Set(['la', 'het', 'mat', 'gia', 'phi', 'co', 'duoc', 'dc', 'toi', 'tong']);
// Words after which "dk" means đăng ký (register) rather than được.
const REGISTER_NEXT = new Set([
  'chuong', 'ct', 'ctr', 'ho', 'hs', 'khoa', 'lich', 'phong', 'nhan', 'tai', 'the', 'thanh', 'ten',
  'ipp2', 'du', 'hoc', 'xong', 'roi', 'online', 'vao',
]);
const REGISTER_PREV = new Set(['cach', 'muon', 'de', 'can', 'da', 'dang', 'han', 'mau', 'form', 'don', 'phieu', 'lam', 'huong']);
// "dk" is điều kiện (a condition) after "đủ / các / những / đáp ứng" ("đủ dk", "các dk") and before
// "để / là / xét / áp dụng / bắt buộc / gì / nào / gồm" ("dk để tham gia", "dk xét tuyển", "dk gì"), ...
const CONDITION_PREV = new Set(['du', 'cac', 'nhung', 'ung']);
const CONDITION_NEXT = new Set(['de', 'la', 'xet', 'ap', 'bat', 'gi', 'nao', 'gom']);
// ... and in a clause that asks what it is: "dk tham gia chương trình X là gì", "dk gồm những gì".
// Not "cần (những) gì": "dk cần gì" asks how to register.
const ASKS_WHAT_IT_IS = /(?:^| )(?:la gi|la nhung gi|gom (?:nhung )?gi)$/;
// Before a verb of joining ("dk tham gia", "dk ứng tuyển") both read: "điều kiện tham gia" is what it
// takes to join, "đăng ký tham gia" the joining. A clause asking what or how ("dk tham gia ntn", "…
// ra sao", "… gì", or ending in "?") asks for the conditions; a request or a plain statement ("dk tham gia IPP2 cho
// mình", "dk tham gia khóa ươm tạo") registers. The conditions are the safer reading of the
// question: their answer carries the Apply button, while the other would start an application.
const JOINING_NEXT = new Set(['tham', 'ung']);
const ASKS_WHAT_OR_HOW = /(?:^| )(?:nhu the nao|the nao|ra sao|(?<!khi |luc |cho )nao|sao|gi)$/;
// A request, or "can I … ?" ("dk tham gia IPP2 được không?"), is about registering.
const REQUESTS = /(?:^| )(?:cho (?:em|minh|toi|tui|anh|chi)|giup|gium|dum|ho|voi|di)(?: |$)|(?:^| )duoc (?:khong|chua)$/;
// Where nothing decides between đăng ký and điều kiện ("dk ở đâu", "dk khi nào", "dk cho em"), both
// are read: the classifier averages the two readings (`casualAlternative`), so when they point to
// different intents the bot is unsure and asks rather than guess.
const OPEN_NEXT = new Set(['o', 'khi', 'bao', 'luc', 'cho']);
/** What `chooseReading` gives when the neighbours decide nothing: both of `OPEN_READINGS` are read. */
const OPEN = '\u0000open';
const OPEN_READINGS: Readonly<Record<string, readonly [string, string]>> = { dk: ['dang ky', 'dieu kien'] };

// "mun" (mún) is muốn (to want) where a wish goes: before a verb, or after a person, "không" or an
// adverb ("e mun", "ko mun", "cung mun"). Elsewhere it is "mụn" (acne: "trị mụn", "mụn trứng cá").
const WISH_NEXT = new Set([
  'dat', 'dang', 'dk', 'huy', 'doi', 'xem', 'hoi', 'tim', 'gap', 'lam', 'noi', 'biet', 'hoc', 'tham', 'nhan',
  'xin', 'duoc', 'dc', 'book', 'di', 'den', 've', 'thue', 'su', 'gui', 'nop', 'chuyen', 'sua', 'xoa', 'tu', 'lien', 'tro',
  'kiem', 'check', 'ra', 'vao', 'co', 'nghe', 'thu', 'mo', 'dung', 'bo', 'thay', 'them', 'mua', 'ngung', 'tat', 'bat',
  'chon', 'giu', 'lay', 'cap', 'cho', 'ket', 'khao', 'order', 'cancel', 'change', 'move', 'see',
]);
const WISH_PREV = new Set([
  'em', 'e', 'minh', 'mk', 'mik', 'toi', 't', 'tui', 'to', 'anh', 'a', 'chi', 'c', 'ban', 'bn', 'ko', 'khong', 'k', 'hok',
  'cung', 'van', 'dang', 'rat', 'chua', 'hong', 'ai', 'nhom', 'cty', 'that', 'lai',
]);

/**
 * Expands casual spellings in already folded text (see `fold`), token by token. Unknown words
 * and punctuation-free structure are kept; particles at the very end are dropped.
 *
 * @example
 * expandCasual('co dc ko a', casual) // 'co duoc khong'
 * expandCasual('bn oi', casual)      // 'ban oi'
 * expandCasual('xoa giup em a. em cam on', casual) // 'xoa giup em . em cam on'
 */
export function expandCasual(folded: string, casual: CasualSpellings): string {
  return expand(folded, casual, 0).text;
}

/**
 * The other reading of a text whose casual spelling its neighbours leave open ("dk ở đâu": đăng
 * ký or điều kiện), or undefined when every spelling was decided. The classifier averages both.
 *
 * @example
 * casualAlternative('dk o dau', casual)      // 'dieu kien o dau' (expandCasual gives 'dang ky o dau')
 * casualAlternative('dk tham gia ntn', casual) // undefined
 */
export function casualAlternative(folded: string, casual: CasualSpellings): string | undefined {
  const { text, open } = expand(folded, casual, 1);
  return open ? text : undefined;
}

function expand(folded: string, casual: CasualSpellings, openReading: 0 | 1): { text: string; open: boolean } {
  let open = false;
  const tokens = folded.split(' ').filter(Boolean);
  const labelAt = (i: number) => isLabel(stripPunctuation(tokens[i]!), stripPunctuation(tokens[i - 1] ?? ''));
  while (tokens.length > 1 && casual.particles.has(stripPunctuation(tokens[tokens.length - 1]!)) && !labelAt(tokens.length - 1)) tokens.pop();
  const telex = !readsAsEnglish(tokens.map(stripPunctuation));
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const raw = tokens[i]!;
    const word = stripPunctuation(raw);
    if (labelAt(i)) {
      out.push(raw);
      continue;
    }
    // A particle closing a clause ("… trên hệ thống ạ. Em cảm ơn") is politeness, not "anh".
    if (word !== '' && casual.particles.has(word) && /[.,;!?]$/.test(raw) && i > 0) {
      out.push(raw.slice(raw.lastIndexOf(word) + word.length));
      continue;
    }
    // "9r", "2r chiều": the hour and a half ("9 rưỡi"), typed short like "r" for "rồi".
    if (/^\d{1,2}r$/.test(word)) {
      out.push(raw.replace(word, `${word.slice(0, -1)} ruoi`));
      continue;
    }
    // A word typed with Telex marks left in ("ddawng kys") is the syllable it stands for; one
    // typed without its spaces ("datphonghop") the syllables.
    const plain = casual.words.has(word) || !telex ? word : splitJoined(untelex(word), casual.names);
    if (plain !== word) {
      out.push(raw.replace(word, plain.split(' ').map((w) => casual.words.get(w)?.[0] ?? w).join(' ')));
      continue;
    }
    const readings = casual.words.get(word);
    // In an English sentence "a" before a word is the article ("book a desk", "an hour and a
    // half"), not "anh"; at the end it is still the particle ("thanks a").
    const article = word === 'a' && !telex && raw === word && stripPunctuation(tokens[i + 1] ?? '') !== '';
    if (!readings || word === '' || article) {
      out.push(raw);
      continue;
    }
    const next = stripPunctuation(tokens[i + 1] ?? '');
    const prev = stripPunctuation(tokens[i - 1] ?? '');
    let reading = chooseReading(word, readings, { prev, next, clauseRest: clauseAfter(tokens, i, casual), asks: clauseAsks(tokens, i) });
    if (reading === OPEN) {
      open = true;
      reading = OPEN_READINGS[word]?.[openReading] ?? readings[0]!;
    }
    out.push(raw.replace(word, reading));
  }
  return { text: out.join(' '), open };
}

// Words around "tt" that make it trung tâm (a place) rather than thông tin.
const CENTRE_PREV = new Set(['cua', 'o', 'tai', 'den', 'toi', 'gap', 'len', 've', 'qua', 'trong', 'gui']);
const CENTRE_NEXT = new Set(['mo', 'dong', 'lam', 'nam', 'o', 'co']);

// Words around "dt" that make it doanh thu (revenue) rather than điện thoại.
const REVENUE_NEXT = new Set(['nam', 'thang', 'quy', 'ty', 'trieu', 'tren', 'duoi', 'toi', 'dat', 'khoang', 'bao', 'bn', 'hang']);
const REVENUE_PREV = new Set(['co', 'chua', 've', 'muc', 'tong', 'tang', 'giam']);

/**
 * Nouns after which a single letter names one of a kind ("phiếu A", "bảng B", "gói C", "tầng
 * E"), so it is neither "anh"/"em" nor the particle "ạ". Not "phòng", "đây", "bạn": "đặt phòng
 * ạ", "đây ạ", "cảm ơn bạn ạ" are far more often typed than "phòng A".
 */
const LABEL_PREV = new Set([
  'phieu', 'bang', 'goi', 'loai', 'hang', 'nhom', 'khu', 'tang', 'muc', 'dot', 'vong', 'cap', 'lop',
  'toa', 'mau', 'diem', 'khoi',
]);

/** Whether a token is a single-letter label after a noun ("phieu a", "bang b."). */
function isLabel(word: string, prev: string): boolean {
  return /^[a-z]$/.test(word) && LABEL_PREV.has(prev);
}

// "ty" is "tỷ" (a billion: "2 ty", "ty le", "ty gia") or "công ty" more often than the casual
// "thank you": that reading only where a thanks goes, alone or beside "ok" and a form of address.
const THANKS_BEFORE = new Set(['', 'ok', 'oke', 'okie', 'oki', 'da', 'vang', 'uh', 'um', 'ah', 'em', 'e', 'minh', 'mik']);
const THANKS_AFTER = new Set(['', 'ad', 'admin', 'ban', 'bn', 'shop', 'nhe', 'nha', 'nhen', 'a', 'ak', 'ah', 'anh', 'chi', 'em', 'e', 'mn', 'nhieu', 'nhiu', 'lun', 'luon']);

/** The words around a casual spelling that decide its reading. */
interface Neighbours {
  prev: string;
  next: string;
  /** The rest of its clause (to the next punctuation), folded and expanded, final particles off. */
  clauseRest: string;
  /** Whether its clause ends with a question mark. */
  asks?: boolean;
}

/** Whether the clause of token `i` ends with "?" ("dk tham gia IPP2?"). */
function clauseAsks(tokens: readonly string[], i: number): boolean {
  for (let k = i; k < tokens.length; k += 1) if (/[.,;!?]$/.test(tokens[k]!)) return tokens[k]!.endsWith('?');
  return false;
}

// Words that close a question without changing it: "… là gì vậy ad", "… là gì thế anh".
const CLOSING_WORDS = new Set(['vay', 'the', 'nhi', 'ha', 'oi', 'admin', 'ban', 'anh', 'chi', 'em']);

/** The words after token `i` up to the end of its clause, read with the word list (no rules). */
function clauseAfter(tokens: readonly string[], i: number, casual: CasualSpellings): string {
  if (/[.,;!?]$/.test(tokens[i]!)) return '';
  const words: string[] = [];
  for (let k = i + 1; k < tokens.length; k += 1) {
    const word = stripPunctuation(tokens[k]!);
    if (word) words.push(...(casual.words.get(word)?.[0] ?? word).split(' '));
    if (/[.,;!?]$/.test(tokens[k]!)) break;
  }
  while (words.length > 0 && (casual.particles.has(words[words.length - 1]!) || CLOSING_WORDS.has(words[words.length - 1]!))) words.pop();
  return words.join(' ');
}

function chooseReading(word: string, readings: readonly string[], neighbours: Neighbours): string {
  const { prev, next } = neighbours;
  if (word === 'ty') return THANKS_BEFORE.has(prev) && THANKS_AFTER.has(next) ? readings[0]! : word;
  if (word === 'bn' && readings.includes('bao nhieu')) {
    return QUANTITY_NEXT.has(next) || QUANTITY_PREV.has(prev) || next === '' ? 'bao nhieu' : readings[0]!;
  }
  if (word === 'dk' && readings.includes('dieu kien') && readings.includes('dang ky')) return registerOrCondition(readings, neighbours);
  if (word === 'mun' && readings.includes('muon')) return WISH_NEXT.has(next) || WISH_PREV.has(prev) ? 'muon' : word;
  // "dt" is điện thoại ("so dt", "dt lien he") unless an amount or a period follows: "dt 2 ty",
  // "dt nam ngoai" is doanh thu (revenue).
  if (word === 'dt' && readings.includes('doanh thu')) {
    return /^\d/.test(next) || REVENUE_NEXT.has(next) || REVENUE_PREV.has(prev) ? 'doanh thu' : readings[0]!;
  }
  // "tt" is thông tin ("xin tt", "tt lien he") unless it is a place: "cua tt", "den tt", "tt mo cua".
  if (word === 'tt' && readings.includes('trung tam')) {
    return CENTRE_PREV.has(prev) || CENTRE_NEXT.has(next) ? 'trung tam' : readings[0]!;
  }
  // "kh cn" / "kh&cn" is khoa học công nghệ, not "không".
  if (word === 'kh' && (next === 'cn' || next.startsWith('&'))) return word;
  return readings[0]!;
}

/**
 * "dk" between được, đăng ký and điều kiện, by its neighbours (see the sets above); an open case
 * gives `OPEN` (đăng ký read first, điều kiện as the alternative).
 *
 * @example
 * registerOrCondition(['duoc', 'dang ky', 'dieu kien'], { prev: '', next: 'tham', clauseRest: 'tham gia nhu the nao' }) // 'dieu kien'
 */
function registerOrCondition(readings: readonly string[], { prev, next, clauseRest, asks }: Neighbours): string {
  if (CONDITION_PREV.has(prev)) return 'dieu kien';
  if (REGISTER_PREV.has(prev)) return 'dang ky';
  if (CONDITION_NEXT.has(next) || ASKS_WHAT_IT_IS.test(clauseRest)) return 'dieu kien';
  if (JOINING_NEXT.has(next)) return (asks || ASKS_WHAT_OR_HOW.test(clauseRest)) && !REQUESTS.test(clauseRest) ? 'dieu kien' : 'dang ky';
  if (REGISTER_NEXT.has(next)) return 'dang ky';
  if (OPEN_NEXT.has(next)) return OPEN;
  return readings[0]!;
}

function stripPunctuation(token: string): string {
  return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}
