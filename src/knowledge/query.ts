/**
 * Turns a founder's question into what search needs: the language, the casual spellings read
 * as words (`src/nlu/casual.ts`, the one shared list), the kind of fact asked (answer-type.ts),
 * the concepts the question is about (each with its alternative wordings from the thesaurus or,
 * for English, the glossary; names and numbers marked as anchors), and the weighted search terms
 * (folded words, two-syllable phrases, accented words, synonyms, hints of the answer kind).
 *
 * @example
 * const q = queryTerms('Can a project use the coworking hall?');
 * q.language // 'en'; q.terms include { term: 'hoi_truong', kind: 'bigram' }
 */
import { isSeriesNoun } from './variant.js';
import { loadCasualSpellings, expandCasual, withDialect, type CasualSpellings } from '../nlu/casual.js';
import { fullForm } from './abbreviations.js';
import { superlativeOf } from './superlative.js';
import { answerKind, KIND_WORDS, type AnswerKindInfo } from './answer-type.js';
import { accentTokens, fold, foldTokens, hasDiacritics } from '../nlu/fold.js';
import { isSyllable } from '../nlu/telex.js';
import { englishBaseForms, glossaryLookup } from './inflection.js';
import { DEFAULT_CONTENT_DIR, loadLexicon, type Lexicon } from './lexicon.js';
import { isRomanLabel, viOrdinalsAsNumbers, withOtherNumerals } from './numeral.js';
import { EN_STOPWORDS, VI_ACCENTED_QUESTION_WORDS, VI_FUNCTION_SPELLINGS, VI_FUNCTION_WORDS, VI_GENERIC_WORDS, VI_QUESTION_PHRASES, VI_QUESTION_WORDS } from './stopwords.js';
import { ACCENT_PREFIX, BIGRAM_JOINER, splitClockHours } from './terms.js';

export interface QueryTerm {
  term: string;
  weight: number;
  kind: 'word' | 'bigram' | 'accent' | 'hint' | 'synonym';
}

/** One thing the question is about. */
export interface Concept {
  /** Alternative wordings as folded words; the first is the question's own. */
  alternatives: string[][];
  /** How many of the alternatives (from the start) are the question's own wording or its translation. */
  own: number;
  /** The accented spelling the founder typed for a one-word concept (null when typed without). */
  accent: string | null;
  /** How many alternatives after the own ones are typo corrections (nearest indexed syllables). */
  typos?: number;
  /** For a word of several syllables grown from the question: each syllable's typed accented form (null when typed without). */
  accents?: (string | null)[];
  /** A name, code or number: the answer has to be about exactly this. */
  anchor: 'name' | 'number' | null;
  /** Only restates the kind of fact asked ("hạn chót" of a date): weighs as a generic word. */
  kindWord?: boolean;
  /**
   * A period a rate is asked by ("theo năm", "mỗi tháng"): weighed as its phrase is rare, not as
   * its common words, since an answer for another period ("giảm 30%" of a monthly price) is not one.
   */
  period?: boolean;
  /**
   * An English word outside the glossary that the documents write only as a Vietnamese syllable
   * ("pho" of "cook pho" is "Phó Giám đốc" there): not the documents' word, so it matches
   * nothing and counts as missing (set by search, which knows the index).
   */
  foreign?: boolean;
  /** An English word outside the glossary, searched as typed (a name in the documents, or no match). */
  untranslated?: boolean;
  /**
   * A word of daily speech (`content/lexicon/everyday-words.yaml`, set by search, which knows
   * the documents' spellings): where a text lacks it, it costs what a generic word weighs (everyday.ts).
   */
  everyday?: boolean;
}

export interface SearchQuery {
  terms: QueryTerm[];
  /** The folded question without question words. */
  folded: string;
  /** Language the question is written in (answers follow it). */
  language: 'vi' | 'en';
  /** The folded words searched for, after translation (shown by `uom kb search --json`). */
  words: string[];
  /** What the question asks about (see `Concept`). */
  concepts: Concept[];
  /** The kind of fact asked for. */
  answer: AnswerKindInfo;
  /** The question asks for a quantity, a date or a time. */
  expectsNumber: boolean;
  /** The question asks for the highest or lowest of something ("điểm cao nhất"), or null. */
  superlative: 'max' | 'min' | null;
  /** The question was typed with diacritics (its syllables are not ambiguous once folded). */
  typedAccents: boolean;
}

export interface QueryOptions {
  /** Content folder with `lexicon/` and `nlu/casual.yaml` (default: the repository's `content/`). */
  contentDir?: string;
  /**
   * Whether two folded syllables are one word in the documents: the phrase occurs and most
   * passages with the content syllable `of` have it in this phrase (search passes its index).
   */
  phraseExists?: (a: string, b: string, of: string) => boolean;
}

const ACCENT_WEIGHT = 0.35;
const SYNONYM_WEIGHT = 0.45;
const EXPANSION_WEIGHT = 0.4;
const HINT_WEIGHT = 0.25;

/** Words an answer of a kind tends to contain: they help ranking, never coverage. */
const KIND_HINTS: Partial<Record<AnswerKindInfo['kind'], string[]>> = {
  money: ['dong', 'trieu', 'phi', 'gia', 'mien_phi'],
  percent: ['%', 'phan_tram'],
  duration: ['thoi_gian', 'ngay', 'thang', 'nam', 'phut'],
  datetime: ['ngay', 'thang', 'gio', 'thoi_gian', 'han'],
  phone: ['dien_thoai', 'lien_he', 'hotline'],
  email: ['email', 'lien_he'],
  website: ['trang', 'truc_tuyen', 'website'],
  place: ['dia_chi', 'tai', 'tang', 'phong'],
};

/** Units that name the kind of fact asked ("bao nhiêu phần trăm", "mấy tiền"), folded. */
const KIND_NOUNS: Partial<Record<AnswerKindInfo['kind'], ReadonlySet<string>>> = {
  percent: new Set(['phan tram']),
  money: new Set(['tien']),
  // "mấy tiếng": the documents count hours in "giờ" ("12 giờ máy mỗi tuần"), never "tiếng".
  duration: new Set(['tieng']),
  // "chị … tên là gì": the name asked is the kind of fact; sentences name people without "tên".
  // "ai là người ký", "người nào phụ trách": "người" is the "who" asked; the answer names the
  // person ("(đã ký) Lê Thị Hoa"), and "người" would match any "người" of the text.
  person: new Set(['ten', 'nguoi']),
};

/** The noun of a count of times ("mấy lần"), folded. */
const TIMES_NOUNS: ReadonlySet<string> = new Set(['lan']);

/** The kind of place asked by name ("nước nào", "which country"), folded: the name answers it. */
const NAMED_PLACE_NOUNS: ReadonlySet<string> = new Set(['nuoc', 'quoc gia', 'tinh', 'thanh pho', 'country', 'countries', 'city', 'cities', 'province']);

const casualCache = new Map<string, CasualSpellings>();
function casualOf(contentDir: string): CasualSpellings {
  let casual = casualCache.get(contentDir);
  if (!casual) casualCache.set(contentDir, (casual = loadCasualSpellings(contentDir)));
  return casual;
}

/**
 * Guesses whether a question is English: no Vietnamese diacritics and most words are English
 * stop words, glossary terms or English-looking words.
 *
 * @example
 * questionLanguage('how many women get training') // 'en'
 * questionLanguage('bao nhieu doanh nghiep') // 'vi'
 */
export function questionLanguage(question: string, lexicon: Lexicon = loadLexicon()): 'vi' | 'en' {
  const words = foldTokens(question);
  if (words.length === 0) return 'vi';
  // Words typed with diacritics are Vietnamese: in an English question, the names of Vietnamese
  // things ("the Chồi tier", "Sơn Kha"); a Vietnamese question then needs English function
  // words around them to read as English.
  const accented = accentTokens(question).filter(hasDiacritics).length;
  const english = words.filter((w) => EN_STOPWORDS.has(w) || lexicon.glossary.has(w) || /^[a-z]+(ing|tion|ed|ly|s|'s)$/.test(w) || /[fjwz]/.test(w)).length;
  if (accented > 0 && new Set(words.filter((w) => EN_STOPWORDS.has(w))).size < MIN_ENGLISH_FUNCTION_WORDS) return 'vi';
  return english / words.length >= 0.5 ? 'en' : 'vi';
}

/** English function words ("the", "of", "is") a question with Vietnamese names needs to be English. */
const MIN_ENGLISH_FUNCTION_WORDS = 2;

/** Words that address the bot or its staff ("ad ơi", "anh chị"): never the topic. */
// "e" is "em" typed short ("nhom e nghi hoc …"): the founder, no topic.
const ADDRESS_WORDS = new Set(['admin', 'anh', 'chi', 'em', 'e', 'oi', 'shop', 'bot']);
const isContentWord = (w: string) => !VI_QUESTION_WORDS.has(w) && !VI_FUNCTION_WORDS.has(w) && !ADDRESS_WORDS.has(w);

/**
 * Whether a question's token carries a topic. A function or address word is recognised on its
 * folded form, but typed with other diacritics than the function word's own it is another
 * syllable: "thẻ" (a card) is not "thế", "cơ bản" not "có bạn", "ảnh hưởng" not "anh".
 *
 * @example
 * isContentToken({ folded: 'the', accent: 'thẻ' }) // true
 * isContentToken({ folded: 'the', accent: null }) // false
 */
export function isContentToken(t: { folded: string; accent: string | null }): boolean {
  if (isContentWord(t.folded)) return true;
  // Typed without diacritics ("Sau" opening the question keeps its capital), it is the function word.
  if (!t.accent || t.accent === t.folded || VI_QUESTION_WORDS.has(t.folded)) return false;
  return (VI_FUNCTION_WORDS.has(t.folded) || ADDRESS_WORDS.has(t.folded)) && !VI_FUNCTION_SPELLINGS.has(t.accent);
}

/** Casual spellings read as such even in a question typed with diacritics. */
const CASUAL_EVEN_ACCENTED = new Set(['ko', 'hok', 'mik', 'ad', 'oke', 'okie']);
/** The weekdays by number, folded as the documents write them in words ("thứ 2" is "thứ Hai"). */
const WEEKDAY_NUMBERS: Readonly<Record<string, string>> = { '2': 'hai', '3': 'ba', '4': 'tu', '5': 'nam', '6': 'sau', '7': 'bay' };

/** Casual spellings that in a knowledge question are more likely the word itself ("5 ty", "cong ty"). */
const KB_NOT_CASUAL = new Set(['ty']);

/**
 * Words before "tiếng" that make it a number of hours, not a language or a sound. Not "mấy" or
 * "bao nhiêu": "mấy tiếng" asks how long, "mấy giờ" what time (answer-type.ts tells them apart).
 */
const HOUR_COUNT_WORDS = new Set(['mot', 'moi', 'vai', 'nua', 'hai', 'ba', 'bon', 'nam', 'sau', 'bay', 'tam', 'chin', 'muoi', 'tung', 'theo']);

/**
 * Shorthands a knowledge question may mean several ways, folded: "dk" is "đăng ký" ("dk o
 * dau") or "điều kiện" ("dk de lam co van la gi"), and the shared list's "được" only where a
 * verb goes. The question is searched with every reading, as one concept whose own wordings
 * they all are: the documents say which one was meant.
 */
const KB_SHORTHAND_READINGS: Readonly<Record<string, readonly string[]>> = { dk: ['dang ky', 'dieu kien'], hv: ['hoi vien', 'hoc vien'] };
/** Words before the shorthand that make it the verb "được" ("co dk", "ko dk", "se dk"), folded. */
const MODAL_BEFORE = new Set(['co', 'ko', 'k', 'khong', 'hok', 'kg', 'khg', 'chua', 'se', 'van', 'cung', 'deu', 'moi', 'lam', 'nao', 'sao']);
/** Words after it that make it "được" ("dk ko", "dk chua", "dk k ad"), folded; also the end. */
const MODAL_AFTER = new Set(['', 'ko', 'k', 'khong', 'hok', 'kg', 'khg', 'chua', 'hong', 'ha', 'a', 'ak', 'nhe', 'nha', 'khoong', 'roi']);

/** A typed token: its folded form, its accented form when typed with diacritics, and its case. */
interface Token {
  folded: string;
  accent: string | null;
  capital: boolean;
  /** Written in capitals, or letters mixed with digits ("CIH", "IPP2"): an acronym or a code. */
  acronym: boolean;
  /** A capital inside the word ("AgriSense"): a brand's name, even opening the question. */
  camel?: boolean;
  index: number;
  /**
   * On the first token of a shorthand read several ways ("dk": đăng ký or điều kiện): every
   * reading as folded words, the first being the one the tokens spell.
   */
  readings?: string[][];
}

/**
 * The question's tokens with casual spellings read as words. Accents and capitals are kept for
 * tokens the expansion leaves alone; "5 ty" stays "tỷ" (a number before it), not "cảm ơn".
 */
function tokensOf(question: string, casual: CasualSpellings): Token[] {
  // Tokens as passages are tokenised (terms.ts): a separator joins only digits ("31/7/2025",
  // "5.000"), so "VR/AR" and "CIH-Guest" are two words each, as in the index; e-mail and web
  // addresses stay whole.
  // Regional words first ("ở mô", "làm răng", "bữa ni"), as the NLU reads them: folded they are other words.
  const typed = withDialect(question.normalize('NFC'), casual).match(/[\p{L}\p{N}]+(?:[.-][\p{L}\p{N}]+)*@[\p{L}\p{N}]+(?:[.-][\p{L}\p{N}]+)+|[\p{L}\p{N}]+(?:[.,/\-:][\p{N}]+)*\p{L}*%?/gu) ?? [];
  // "24h" is "24 giờ", as passages are read (terms.ts).
  const raw = typed.flatMap((token) => (/^\d{1,2}[hH]\d{0,2}$/.test(token) ? splitClockHours([token.toLowerCase()]) : [token]));
  const out: Token[] = [];
  const accented = raw.some(hasDiacritics);
  raw.forEach((token, i) => {
    const folded = fold(token);
    const prev = raw[i - 1] ? fold(raw[i - 1]!) : '';
    const next = raw[i + 1] ? fold(raw[i + 1]!) : '';
    const typedAccent = hasDiacritics(token) && !/^đ[a-z]{0,2}$/iu.test(token);
    let words = [folded];
    // "2 tiếng", "mấy tiếng", "mỗi tiếng": hours, as the documents write them ("giờ").
    if (folded === 'tieng' && (/^\d/.test(prev) || HOUR_COUNT_WORDS.has(prev))) words = ['gio'];
    // "thứ 7", "t7" is the day the documents write in words ("thứ Bảy"), not a numbered thing.
    if (WEEKDAY_NUMBERS[folded] && prev === 'thu') words = [WEEKDAY_NUMBERS[folded]!];
    else if (/^t[2-7]$/.test(folded)) words = ['thu', WEEKDAY_NUMBERS[folded.slice(1)]!];
    // In a question typed with diacritics only spellings no Vietnamese syllable has are casual
    // ("dc", "k", "ko"): "công ty" keeps its "ty".
    const casualHere = accented ? /^[^aeiouy]+$/.test(folded) || CASUAL_EVEN_ACCENTED.has(folded) : !KB_NOT_CASUAL.has(folded);
    if (!typedAccent && casualHere && casual.words.has(folded) && !/\d/.test(prev)) {
      // The shared expansion decides with the neighbouring words (e.g. "bn tiền" vs "bn ơi"); a
      // sentinel keeps it from dropping a final particle of this small window.
      const expand = (text: string) => (text ? expandCasual(`${text} zzz`, casual).split(' ').slice(0, -1) : []);
      const full = expand(`${prev || 'x'} ${folded} ${next}`.trim());
      const middle = full.slice(expand(prev || 'x').length, full.length - expand(next).length);
      if (middle.length) words = middle;
    }
    // A shorthand of several meanings: every reading, unless the shared list read the verb
    // "được" where a verb goes.
    const meanings = KB_SHORTHAND_READINGS[folded];
    let readings: string[][] | undefined;
    if (meanings && !typedAccent && casualHere && !(words.join(' ') === 'duoc' && (MODAL_BEFORE.has(prev) || MODAL_AFTER.has(next)))) {
      // The shared list's reading first; a shorthand it does not know ("hv") reads as the first meaning.
      const first = words.join(' ') === 'duoc' || words.join(' ') === folded ? meanings[0]! : words.join(' ');
      readings = [first, ...meanings.filter((m) => m !== first)].map((m) => m.split(' '));
      words = readings[0]!;
    }
    words.forEach((w, k) => {
      const capital = /^\p{Lu}/u.test(token) && words.length === 1;
      const acronym = words.length === 1 && /\p{L}/u.test(token) && (/^[\p{Lu}\d]{2,}$/u.test(token) || (/\d/.test(token) && /^\p{Lu}/u.test(token)));
      const camel = words.length === 1 && /^\p{Lu}\p{Ll}+\p{Lu}/u.test(token);
      out.push({ folded: w, accent: typedAccent && words.length === 1 ? token.toLowerCase() : null, capital, acronym, ...(camel ? { camel } : {}), index: i, ...(readings && k === 0 ? { readings } : {}) });
    });
  });
  return out;
}

/** Words that ask for the sort of a thing before "gì" / "nào": "loại nấm gì", "kiểu nào", "dạng gì". */
const SORT_WORDS: ReadonlySet<string> = new Set(['loai', 'kieu', 'dang']);

/**
 * Whether the token asks which sort ("HTX … trồng loại nấm gì?", "hỗ trợ những loại chi phí
 * nào"): with "gì" or "nào" one or two words after it, "loại" is the question, as "what kind
 * of" is, not a topic the answer must write ("nấm sò" answers it). "dang" only typed "dạng"
 * ("đang" is a tense word, "đăng" to post).
 */
function asksTheSort(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (!SORT_WORDS.has(t.folded) || (t.folded === 'dang' && t.accent !== 'dạng')) return false;
  return [tokens[i + 1], tokens[i + 2]].some((n) => n !== undefined && (n.folded === 'gi' || n.folded === 'nao'));
}

/** Drops question words; for folded text, question words are recognised with the word next to them. */
function dropQuestionWords(typed: Token[]): Token[] {
  const tokens = withoutClosingVocative(typed);
  return tokens.filter((t, i) => {
    if (t.accent && VI_ACCENTED_QUESTION_WORDS.has(t.accent)) return false;
    if (asksTheSort(tokens, i)) return false;
    const next = tokens[i + 1]?.folded;
    const prev = tokens[i - 1]?.folded;
    // "chiếm bao nhiêu phần kinh phí": "phần" is the share asked (a percentage), no topic;
    // "phần trăm" stays the word the thesaurus knows.
    if (t.folded === 'phan' && (prev === 'nhieu' || prev === 'may') && next !== 'tram') return false;
    if (next && VI_QUESTION_PHRASES[`${t.folded} ${next}`] === t.folded && !(t.accent && t.accent !== 'mấy' && t.folded === 'may')) return false;
    if (prev && VI_QUESTION_PHRASES[`${prev} ${t.folded}`] === t.folded) return false;
    return true;
  });
}

/** The comparison words of a superlative ("cao nhất", "ít nhất", "highest"), folded. */
const SUPERLATIVE_WORDS: ReadonlySet<string> = new Set(['cao', 'nhieu', 'lon', 'dong', 'manh', 'thap', 'it', 'nho', 're', 'highest', 'largest', 'biggest', 'greatest', 'lowest', 'smallest', 'fewest', 'cheapest']);

/** Whom a question closes by addressing ("… vậy mọi người", "… z mn", "… cả nhà ơi"), folded. */
const CLOSING_VOCATIVES: readonly string[][] = [['moi', 'nguoi'], ['ca', 'nha']];

/**
 * The tokens without the people addressed at the end of the question ("ct … kéo dài bao lâu z
 * mn"): "mọi người" there is no topic, but as a concept "người" was the rarest word missing from
 * every answer. Only at the end, after the last content word, with particles after it.
 *
 * @example
 * withoutClosingVocative(tokensOf('han nop la ngay nao v mn', casual)) // without "moi nguoi"
 */
function withoutClosingVocative(tokens: Token[]): Token[] {
  let end = tokens.length;
  while (end > 0 && !isContentWord(tokens[end - 1]!.folded) && !NUMBER.test(tokens[end - 1]!.folded)) end--;
  for (const vocative of CLOSING_VOCATIVES) {
    const start = end - vocative.length;
    // A question of three words or fewer ("mọi người") keeps them: it says nothing else.
    if (start < 3 || !vocative.every((w, k) => tokens[start + k]!.folded === w && !tokens[start + k]!.capital)) continue;
    return [...tokens.slice(0, start), ...tokens.slice(end)];
  }
  return tokens;
}

/**
 * The folded words of a question without the question words that are ambiguous once folded.
 *
 * @example
 * withoutQuestionWords('Mấy giờ mở cửa?') // ['gio', 'mo', 'cua']
 */
export function withoutQuestionWords(question: string, contentDir: string = DEFAULT_CONTENT_DIR): string[] {
  return dropQuestionWords(tokensOf(question, casualOf(contentDir))).map((t) => t.folded);
}

const NUMBER = /\d/;
/** Nouns a number after them names ("đợt 3", "vòng 2", "tầng 5"), even before a unit ("đợt 3 năm 2025"). */
const ORDINAL_NOUNS = new Set(['dot', 'vong', 'giai', 'doan', 'khoa', 'so', 'phong', 'tang', 'muc', 'dieu', 'khoan', 'chuong', 'loai', 'bang', 'nhom', 'lop', 'ky', 'quy']);
/** Series nouns that close a capitalised name before a number ("Quỹ Bản Mẫu Đợt 2", "Cuộc thi X Vòng 1"). */
const SERIES_NUMBER_NOUNS: ReadonlySet<string> = new Set(['dot', 'vong', 'khoa', 'ky', 'mua', 'lan', 'phien']);
/** Units after a number: "1 lần", "6 tháng", "14 tuổi", "5 triệu" (folded). */
const QUANTITY_UNITS = new Set(['lan', 'luot', 'ngay', 'gio', 'tieng', 'phut', 'tuan', 'thang', 'nam', 'tuoi', 'buoi', 'phien', 'nguoi', 'khach', 'trieu', 'ty', 'nghin', 'ngan', 'dong', 'h']);
/** English words that open a question: capitalised at the start, never a name. */
const EN_QUESTION_OPENERS = new Set(['what', 'when', 'where', 'who', 'which', 'how', 'why', 'can', 'could', 'is', 'are', 'do', 'does', 'did', 'will', 'should', 'may', 'once', 'if', 'i']);
/** English question phrases that only ask (their words are not the topic): "what time", "how long". */
const EN_QUESTION_PHRASES = /\b(what time|what date|which day|what day|how long|how soon|how much|how many|how often|what share|what percentage|what kind of|what type of)\b/gi;

/** Words that make a period a rate: "theo năm", "mỗi tháng", "hằng tuần" (folded). */
const RATE_WORDS: ReadonlySet<string> = new Set(['theo', 'moi', 'hang']);
/** Periods a rate is given by (folded). */
const PERIOD_UNITS: ReadonlySet<string> = new Set(['nam', 'thang', 'tuan', 'ngay', 'gio', 'quy']);

/**
 * Pronouns and classifiers recognisable only with their diacritics ("họ" they, but "ho" is also hồ
 * sơ, hỗ trợ, hộ; "vị lãnh đạo", "căn phòng", "chiếc máy"): no topic of their own. Where the
 * documents write one as part of a word ("đơn vị", "căn cước") it stays in that word.
 */
// "khỏi" as "để khỏi mất phí", "khỏi phải xếp hàng" (so as not to): a negation, no topic; "ra khỏi" of the
// documents (out of) is another word.
const VI_ACCENTED_FUNCTION_WORDS: ReadonlySet<string> = new Set(['họ', 'nó', 'ấy', 'chúng', 'vị', 'cái', 'chiếc', 'căn', 'tấm', 'bức', 'quyển', 'cuốn', 'khỏi']);

/** Plural markers (folded): never a syllable of the word after them. */
const PLURAL_MARKERS: ReadonlySet<string> = new Set(['cac', 'nhung']);

/** Words between "chưa" and what is not yet so ("chưa là thành viên", "chưa được cấp"). */
const NOT_YET_LINKS = new Set(['la', 'co', 'duoc']);

/** A wording's words: a multi-word wording is kept whole ("cố vấn", "đóng cửa"), a single function word dropped. */
function wordingWords(words: string[]): string[] {
  return words.length > 1 ? words : words.filter(isContentWord);
}

/** Vietnamese: runs of words, concepts with thesaurus alternatives, anchors from names and numbers. */
function vietnamese(tokens: Token[], lexicon: Lexicon, phraseExists: (a: string, b: string, of: string) => boolean): { runs: string[][]; concepts: Concept[]; synonyms: string[][] } {
  const words = tokens.map((t) => t.folded);
  const runs: string[][] = [words];
  const concepts: Concept[] = [];
  const synonyms: string[][] = [];
  const firstIndex = tokens[0]?.index ?? 0;
  const isName = (i: number) => {
    const t = tokens[i];
    return Boolean(t && t.capital && (t.index !== firstIndex || tokens[i + 1]?.capital || t.acronym || t.camel) && (!NUMBER.test(t.folded) || t.acronym));
  };
  // How strongly two syllables form one word in the documents: 2 when most passages with either
  // have the phrase, 1 when most with one of them do, 0 otherwise.
  const bond = (a: string, b: string) => (phraseExists(a, b, a) ? 1 : 0) + (phraseExists(a, b, b) ? 1 : 0);
  // Whether a thesaurus wording of two or more syllables starts at token `k`.
  const startsWording = (k: number) => {
    for (let n = Math.min(lexicon.synonymMaxWords, tokens.length - k); n >= 2; n--) if (lexicon.synonyms.has(words.slice(k, k + n).join(' '))) return true;
    return false;
  };
  // A plain concept (no thesaurus wording, no anchor) of fewer than four syllables ending with `word`.
  const canGrow = (c: Concept, word: string) => c.anchor === null && c.alternatives.length === 1 && c.alternatives[0]!.length < 4 && c.alternatives[0]!.at(-1) === word;
  for (let i = 0; i < tokens.length; ) {
    // A run of capitalised words inside the sentence is one name ("Tây Đô", "Demo Day Cần Thơ").
    if (isName(i) && (isName(i + 1) || tokens[i]!.folded.length <= 2 || tokens[i]!.camel || /^\p{Lu}+$/u.test(tokens[i]!.accent ?? ''))) {
      const start = i;
      while (isName(i)) i++;
      // "Quỹ Bản Mẫu Đợt 2": the series noun closing the run belongs to the number after it (the
      // round asked), not to the name, so the answer must be about that round ("đợt 2").
      const numbered = i - start >= 2 && SERIES_NUMBER_NOUNS.has(words[i - 1]!) && tokens[i] && NUMBER.test(tokens[i]!.folded) && !tokens[i]!.acronym;
      if (numbered) i--;
      concepts.push({ alternatives: [words.slice(start, i)], own: 1, accent: i - start === 1 ? tokens[start]!.accent : null, anchor: 'name' });
      if (numbered) {
        concepts.push({ alternatives: [[words[i]!, words[i + 1]!]], own: 1, accent: null, anchor: 'number' });
        i += 2;
      }
      continue;
    }
    // "1 ngày rưỡi", "2 tiếng rưỡi": the half belongs to the quantity the founder supposes, which
    // is no word of the question (see the quantity below); alone it weighs as a rare topic.
    if (words[i] === 'ruoi' && i >= 2 && QUANTITY_UNITS.has(words[i - 1]!) && NUMBER.test(words[i - 2]!)) {
      i++;
      continue;
    }
    // A variant named by a word after its kind ("đợt Xuân", "gói Chồi", "lab Điện tử"): one name,
    // as "đợt 2" is one numbered thing, so the answer must be about that variant (variant.ts).
    if (isSeriesNoun(tokens[i]!.accent ?? tokens[i]!.folded) && tokens[i + 1]?.capital && !tokens[i + 1]!.acronym && !NUMBER.test(tokens[i + 1]!.folded)) {
      const start = i;
      i++;
      while (tokens[i]?.capital && !NUMBER.test(tokens[i]!.folded)) i++;
      concepts.push({ alternatives: [words.slice(start, i)], own: 1, accent: null, anchor: 'name' });
      continue;
    }
    // A shorthand of several meanings is one concept: each reading is the question's own
    // wording, and their thesaurus wordings are its synonyms.
    const readings = tokens[i]!.readings;
    if (readings) {
      const others = readings.flatMap((r) => lexicon.synonyms.get(r.join(' ')) ?? []).filter((o) => !readings.some((r) => r.join(' ') === o.join(' ')));
      concepts.push({ alternatives: [...readings, ...others.map(wordingWords).filter((o) => o.length)], own: readings.length, accent: null, anchor: null });
      // The other readings are searched as the question's words; their wordings as synonyms.
      runs.push(...readings.slice(1));
      synonyms.push(...others);
      i += readings[0]!.length;
      continue;
    }
    // The longest thesaurus wording starting here is one concept with its other wordings.
    let taken = 0;
    for (let n = Math.min(lexicon.synonymMaxWords, tokens.length - i); n >= 1 && !taken; n--) {
      const span = tokens.slice(i, i + n);
      const key = words.slice(i, i + n).join(' ');
      let others = lexicon.synonyms.get(key);
      if (!others) continue;
      // Accent-aware: "đổi" is not "đội"; a lone syllable typed without diacritics is too ambiguous.
      if (span.every((t) => t.accent !== null || !hasDiacritics(t.folded))) {
        // A syllable whose only mark is "đ" ("đa" of "tối đa") is read as typed without
        // diacritics, so it matches the wording's "đ" or "d" alike.
        const typedAs = span.map((t) => t.accent ?? t.folded).join(' ');
        const spellings = lexicon.synonymSpellings.get(key);
        const typed = [...(spellings ?? [])].find((s) => s.replace(/đ/gu, 'd') === typedAs.replace(/đ/gu, 'd')) ?? typedAs;
        if (span.some((t) => t.accent) && spellings && !spellings.has(typed)) continue;
        // Typed with its diacritics: only the groups of that spelling ("dùng" is not "dừng").
        if (span.some((t) => t.accent)) others = lexicon.synonymsBySpelling.get(typed) ?? others;
      }
      if (n === 1 && !span[0]!.accent && [...(lexicon.synonymSpellings.get(key) ?? [])].some(hasDiacritics)) continue;
      const own = wordingWords(words.slice(i, i + n));
      if (own.length === 0) continue;
      concepts.push({ alternatives: [own, ...others.map(wordingWords).filter((o) => o.length)], own: 1, accent: n === 1 ? span[0]!.accent : null, anchor: null });
      synonyms.push(...others);
      taken = n;
    }
    if (taken) {
      i += taken;
      continue;
    }
    const t = tokens[i]!;
    const next = tokens[i + 1];
    // "chưa" before a word is "not yet" ("chưa là thành viên", "chưa thành lập doanh nghiệp"):
    // it says who is asked about, so the answer is the rule for them, not the general one. At the
    // end it only asks ("… chưa?").
    // "theo năm", "mỗi tháng", "hằng tuần": the period a price or a count is asked by.
    if (RATE_WORDS.has(t.folded) && next && PERIOD_UNITS.has(next.folded) && !(tokens[i + 2] && NUMBER.test(tokens[i + 2]!.folded))) {
      const unit = next.folded;
      concepts.push({ alternatives: [[t.folded, unit], ...[...RATE_WORDS, 'mot', 'dong'].filter((w) => w !== t.folded).map((w) => [w, unit])], own: 1, accent: null, anchor: null, period: true });
      i += 2;
      continue;
    }
    const negated = (k: number) => Boolean(tokens[k] && (isContentToken(tokens[k]!) || (NOT_YET_LINKS.has(tokens[k]!.folded) && tokens[k + 1] && isContentToken(tokens[k + 1]!))));
    if (t.folded === 'chua' && negated(i + 1) && (t.accent === null || t.accent === 'chưa')) {
      concepts.push({ alternatives: [['chua']], own: 1, accent: t.accent, anchor: null });
      i++;
      continue;
    }
    if ((!isContentToken(t) || (t.accent !== null && VI_ACCENTED_FUNCTION_WORDS.has(t.accent))) && !NUMBER.test(t.folded)) {
      // A function syllable that forms a word with its neighbour in the documents ("chủ nhật",
      // "đăng ký", "cố vấn") belongs to that word's concept.
      // Not a plural marker ("các làng nghề" is "làng nghề"), nor the first syllable of a
      // wording of the thesaurus ("có | mất phí", though the documents often write "có mặt").
      if (next && isContentToken(next) && !PLURAL_MARKERS.has(t.folded) && !startsWording(i + 1) && phraseExists(t.folded, next.folded, next.folded) && !lexicon.synonyms.has(`${t.folded} ${next.folded}`)) {
        concepts.push({ alternatives: [[t.folded, next.folded]], own: 1, accent: null, anchor: null });
        i += 2;
        continue;
      }
      const last = concepts.at(-1);
      const prev = tokens[i - 1];
      // A generic word ending in a function syllable ("diễn ra") is one word even where the
      // documents seldom write it: alone, "diễn" would weigh as a rare topic the answer lacks.
      if (last && prev && last.alternatives.length === 1 && last.alternatives[0]!.length === 1 && last.alternatives[0]![0] === prev.folded && (phraseExists(prev.folded, t.folded, prev.folded) || VI_GENERIC_WORDS.has(`${prev.folded} ${t.folded}`))) {
        last.alternatives[0] = [prev.folded, t.folded];
        last.accent = null;
      }
      i++;
      continue;
    }
    // Two numbers typed side by side ("cố vấn 1 1", "hỗ trợ 24 7") are the one the documents
    // write with a joiner ("1-1", "24/7"): a phone keyboard drops the dash, the number stays one.
    if (/^\d+$/.test(t.folded) && !t.acronym && next && /^\d+$/.test(next.folded) && !next.acronym) {
      const pair = ['-', '/', ':'].map((joiner) => [`${t.folded}${joiner}${next.folded}`]);
      concepts.push({ alternatives: pair, own: pair.length, accent: null, anchor: 'number' });
      i += 2;
      continue;
    }
    // A number before a unit is a quantity the founder supposes ("đổi 1 lần", "trước 1 ngày",
    // "14 tuổi"): the documents state their own ("hằng tuần", "24 giờ", "dưới 16 tuổi"), so it
    // is not a name the answer must repeat; the unit stays a word of the question.
    const afterNext = tokens[i + 2];
    const ordinal = tokens[i - 1] && ORDINAL_NOUNS.has(tokens[i - 1]!.folded);
    if (NUMBER.test(t.folded) && !t.acronym && !ordinal && next && QUANTITY_UNITS.has(next.folded) && !(afterNext && NUMBER.test(afterNext.folded))) {
      i++;
      continue;
    }
    // A number is about the word before it ("đợt 3", "năm 2024"): one concept, as a phrase.
    const last = concepts.at(-1);
    const prevToken = tokens[i - 1];
    if (NUMBER.test(t.folded) && !t.acronym && last && prevToken && !last.anchor && last.alternatives.length === 1 && last.alternatives[0]!.length === 1 && last.alternatives[0]![0] === prevToken.folded) {
      last.alternatives[0] = [prevToken.folded, t.folded];
      last.anchor = 'number';
      last.accent = null;
      i++;
      continue;
    }
    const code = t.capital && /^\p{Lu}{1,2}$/u.test((t.accent ?? t.folded).toUpperCase()) && (t.accent ?? t.folded).length <= 2 && t.index !== firstIndex;
    // Vietnamese words are written as syllables: two content syllables that the documents mostly
    // write together ("phát triển", "sản phẩm", "hỗ trợ") are one word, one concept, so a rare
    // syllable of a common word does not outweigh the rest. A syllable goes with the neighbour
    // it is bound to more strongly ("phiếu | hỗ trợ", not "phiếu hỗ | trợ").
    if (last && prevToken && !NUMBER.test(t.folded) && !code && !isName(i) && canGrow(last, prevToken.folded) && isContentToken(prevToken)) {
      // A generic word of two syllables ("tham dự", "tổ chức") is one word even where the
      // documents seldom write it: as one it weighs as the generic word it is, not as a rare syllable.
      const left = VI_GENERIC_WORDS.has(`${prevToken.folded} ${t.folded}`) ? 2 : bond(prevToken.folded, t.folded);
      const right = next && isContentToken(next) && !NUMBER.test(next.folded) ? bond(t.folded, next.folded) : 0;
      if (left > 0 && left >= right) {
        last.accents = [...(last.accents ?? last.alternatives[0]!.map((_, k) => (k === 0 ? last.accent : null))), t.accent];
        last.alternatives[0] = [...last.alternatives[0]!, t.folded];
        last.accent = null;
        i++;
        continue;
      }
    }
    concepts.push({
      alternatives: [[t.folded]],
      own: 1,
      accent: t.accent,
      // A lone capitalised word is a name only as an acronym or code ("CIH", "IPP2"); "Trung tâm",
      // "Giải Nhất" are capitalised common words.
      anchor: NUMBER.test(t.folded) && !t.acronym ? 'number' : code || (isName(i) && t.acronym) ? 'name' : null,
    });
    i++;
  }
  return { runs, concepts, synonyms };
}

const EN_MONTHS: ReadonlySet<string> = new Set(['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

/** English ordinals, as the number Vietnamese documents write after the thing ("đợt 2", "vòng 1"). */
const EN_ORDINALS: Readonly<Record<string, string>> = {
  first: '1', second: '2', third: '3', fourth: '4', fifth: '5', sixth: '6', '1st': '1', '2nd': '2', '3rd': '3', '4th': '4', '5th': '5', '6th': '6',
};
/** Things counted in sequence, which an ordinal before them numbers ("the second round"). */
const EN_SEQUENCED = new Set(['round', 'phase', 'stage', 'batch', 'cohort', 'intake', 'call', 'wave', 'session', 'class', 'course', 'season', 'edition', 'term']);

/**
 * "the second (application) round" as "(application) round 2": an ordinal before a thing counted
 * in sequence, within two words, is that thing's number, as "đợt 2" is in the documents. A
 * glossary phrase with the ordinal ("first prize" = "giải nhất") is left to the glossary.
 */
function ordinalsAsLabels(tokens: Token[], lexicon: Lexicon): Token[] {
  const out = [...tokens];
  for (let i = 0; i < out.length; i++) {
    const n = EN_ORDINALS[out[i]!.folded];
    if (!n || lexicon.glossary.has(`${out[i]!.folded} ${out[i + 1]?.folded ?? ''}`)) continue;
    const at = [1, 2, 3].map((k) => i + k).find((k) => out[k] && EN_SEQUENCED.has(out[k]!.folded.replace(/s$/, '')));
    if (at === undefined) continue;
    out.splice(at + 1, 0, { ...out[i]!, folded: n, accent: null, capital: false, acronym: false });
    out.splice(i, 1);
  }
  return out;
}

/**
 * A glossary word or phrase followed by its label — a number, or one capital letter ("Package
 * A", "round 2"; not the article "a") — as one anchored concept: its translations with the label.
 */
function labelledThing(tokens: readonly Token[], i: number, lexicon: Lexicon): { concept: Concept; length: number } | null {
  for (let n = Math.min(lexicon.glossaryMaxWords, tokens.length - i - 1); n >= 1; n--) {
    const label = tokens[i + n]!;
    const digit = /^\d{1,2}$/.test(label.folded);
    // "round II", "phase IV"; "round I" only at the question's end ("I" is also the pronoun).
    const roman = label.capital && isRomanLabel(label.folded.toUpperCase()) && (label.folded !== 'i' || i + n === tokens.length - 1);
    if (!digit && !roman && !(label.capital && /^[a-z]$/.test(label.folded) && label.folded !== 'i')) continue;
    const typed = tokens.slice(i, i + n).map((t) => t.folded);
    const translations = glossaryLookup(lexicon.glossary, typed);
    if (!translations) continue;
    const alternatives = [...translations.map((t) => [...wordingWords(t.split(' ')), label.folded]), [...typed, label.folded]];
    return { concept: { alternatives, own: alternatives.length, accent: null, anchor: digit || roman ? 'number' : 'name' }, length: n + 1 };
  }
  return null;
}

/**
 * English: glossary phrases become concepts whose alternatives are their translations; names
 * (capitalised words inside the sentence, "Can Tho", "Tay Do") are kept even when they fold to
 * an English stop word; other words are searched as typed (they may be names in the documents).
 */
function english(typedTokens: Token[], lexicon: Lexicon): { runs: string[][]; concepts: Concept[]; synonyms: string[][] } {
  const tokens = ordinalsAsLabels(typedTokens, lexicon);
  const runs: string[][] = [];
  const concepts: Concept[] = [];
  let run: string[] = [];
  const endRun = () => {
    if (run.length) runs.push(run);
    run = [];
  };
  const firstIndex = tokens[0]?.index ?? 0;
  const isName = (i: number) => {
    const t = tokens[i]!;
    if (!t.capital || t.folded === 'i' || EN_QUESTION_OPENERS.has(t.folded) && t.index === firstIndex) return false;
    if (t.index !== firstIndex) return true;
    return Boolean(tokens[i + 1]?.capital && tokens[i + 1]!.folded !== 'i'); // "Demo Day …" at the start is still a name
  };
  for (let i = 0; i < tokens.length; ) {
    // A month ("in April 2027") is when the thing asked happens, which the documents write as a
    // date ("09/4/2027"), never as a name: no anchor, no topic (the year stays a number).
    if (EN_MONTHS.has(tokens[i]!.folded)) {
      endRun();
      i++;
      continue;
    }
    // A thing with its label ("Package A", "round 2", "cohort 3"): the documents write the
    // translation with the same label ("Gói A", "đợt 2"), and the label anchors it.
    const labelled = labelledThing(tokens, i, lexicon);
    if (labelled) {
      endRun();
      runs.push(...labelled.concept.alternatives);
      concepts.push(labelled.concept);
      i += labelled.length;
      continue;
    }
    if (isName(i)) {
      // A run of capitalised words is one name, searched as its syllables and phrases.
      const start = i;
      while (i < tokens.length && isName(i)) i++;
      const name = tokens.slice(start, i).map((t) => t.folded);
      const translated = lexicon.glossary.get(name.join(' '));
      endRun();
      runs.push(name);
      if (translated) runs.push(...translated.map((t) => t.split(' ')));
      concepts.push({ alternatives: [name, ...(translated ?? []).map((t) => t.split(' '))], own: 1 + (translated?.length ?? 0), accent: null, anchor: 'name' });
      continue;
    }
    let matched = 0;
    for (let n = Math.min(lexicon.glossaryMaxWords, tokens.length - i); n >= 1 && !matched; n--) {
      const translations = glossaryLookup(lexicon.glossary, tokens.slice(i, i + n).map((t) => t.folded));
      if (!translations) continue;
      endRun();
      for (const t of translations) runs.push(t.split(' '));
      const alternatives = translations.map((t) => wordingWords(t.split(' '))).filter((a) => a.length);
      // The English wording too, for the centre's English pages ("12 weeks", "USD 800"), unless
      // a word of it is also a Vietnamese syllable the Vietnamese documents hold ("ban", "tan").
      const typed = tokens.slice(i, i + n).map((t) => t.folded);
      if (typed.every((w) => !isSyllable(w))) {
        runs.push(typed);
        alternatives.push(typed);
        // Vietnamese text writes an English loanword uninflected ("12 startup được chọn"): the
        // typed plural is also searched bare.
        for (const bare of singulars(typed[typed.length - 1]!)) {
          const wording = [...typed.slice(0, -1), bare];
          runs.push(wording);
          alternatives.push(wording);
        }
      }
      if (alternatives.length) concepts.push({ alternatives, own: alternatives.length, accent: null, anchor: null });
      matched = n;
    }
    if (matched) {
      i += matched;
      continue;
    }
    const w = tokens[i]!.folded;
    if (EN_STOPWORDS.has(w)) endRun();
    else {
      run.push(w);
      const bare = singulars(w).map((b) => [b]);
      concepts.push({ alternatives: [[w], ...bare], own: 1 + bare.length, accent: null, anchor: NUMBER.test(w) ? 'number' : null, untranslated: true });
    }
    i++;
  }
  endRun();
  return { runs, concepts, synonyms: [] };
}

/**
 * The bare forms of a typed English plural ("startups" → "startup", "boxes" → "box"): the
 * Vietnamese documents write English loanwords without an ending. None for a word that is no
 * plural or a Vietnamese syllable.
 *
 * @example
 * singulars('startups') // ['startup']
 */
export function singulars(word: string): string[] {
  return word.endsWith('s') ? englishBaseForms(word) : [];
}

/**
 * A name the founder sets aside ("Dự án X (không phải Y)", "X, chứ không phải Y", "X (not Y)")
 * is what the answer is NOT about: searched, it made the rows of both names, and any sentence
 * naming Y, as good as the one asked. The aside is dropped from the question.
 *
 * @example
 * withoutExcludedNames('Dự án Sen Hồng (không phải Sen Trắng) được bao nhiêu?') // 'Dự án Sen Hồng  được bao nhiêu?'
 */
export function withoutExcludedNames(question: string): string {
  const name = String.raw`\p{Lu}[\p{L}\p{N}-]*(?:\s+\p{Lu}[\p{L}\p{N}-]*)*`;
  return question
    .normalize('NFC')
    .replace(new RegExp(String.raw`\(\s*(?:chứ\s+)?(?:không|ko|k)\s+phải(?:\s+là)?\s+(?:dự án|đội|nhóm|công ty|chương trình)?\s*${name}\s*\)|,?\s*chứ\s+không\s+phải(?:\s+là)?\s+${name}`, 'gu'), ' ')
    .replace(new RegExp(String.raw`\(\s*not\s+(?:the\s+)?${name}\s*\)|,\s*not\s+${name}(?=\s*[,?.]|$)`, 'gu'), ' ');
}

/** Builds the search query of a question (see the module comment). */
export function queryTerms(question: string, options: QueryOptions = {}): SearchQuery {
  const contentDir = options.contentDir ?? DEFAULT_CONTENT_DIR;
  const lexicon = loadLexicon(contentDir);
  const language = questionLanguage(question, lexicon);
  const asked = withoutExcludedNames(question);
  const allTokens = tokensOf(language === 'en' ? asked.replace(EN_QUESTION_PHRASES, ' , ') : viOrdinalsAsNumbers(asked), casualOf(contentDir));
  const tokens = language === 'vi' ? dropQuestionWords(allTokens) : allTokens;
  const phraseExists = options.phraseExists ?? (() => false);
  const expandedQuestion = allTokens.map((t) => t.folded).join(' ');
  const weights = new Map<string, QueryTerm>();
  const add = (term: string, kind: QueryTerm['kind'], weight: number) => {
    const seen = weights.get(term);
    if (!seen || seen.weight < weight) weights.set(term, { term, kind, weight });
  };
  const { runs, concepts, synonyms } = language === 'vi' ? vietnamese(tokens, lexicon, phraseExists) : english(tokens, lexicon);
  // An abbreviation typed in capitals ("KHCN") or one no syllable could be ("dmst") also
  // searches for its full form.
  const expansions: string[][] = [];
  const typedCaps = new Set((question.normalize('NFC').match(/\b[\p{Lu}]{2,}\b/gu) ?? []).map(fold));
  for (const concept of concepts) {
    const own = concept.alternatives[0]!;
    const at = own.findIndex((w) => fullForm(w) !== undefined && (typedCaps.has(w) || !/[aeiouy]/.test(w)));
    if (at < 0) continue;
    const expansion = fullForm(own[at]!)!.split(' ');
    expansions.push(expansion);
    concept.alternatives.push([...own.slice(0, at), ...expansion, ...own.slice(at + 1)]);
  }
  // A numbered thing also in its other numerals ("kỳ 1" / "Kỳ I"; numeral.ts): a sentence that
  // writes either covers it. Not searched as words: the ranking of every numbered question
  // would move with a spelling most documents lack.
  for (const concept of concepts) {
    if (concept.anchor !== null) concept.alternatives = withOtherNumerals(concept.alternatives);
  }
  const searched: string[] = [];
  // Syllables that fold to a function word but were typed as another word ("thẻ") are searched.
  const typedContent = new Set(tokens.filter((t) => !isContentWord(t.folded) && isContentToken(t)).map((t) => t.folded));
  const addRun = (run: string[], weight: number, kind: 'word' | 'synonym') => {
    run.forEach((w, i) => {
      const prev = run[i - 1];
      if (isContentWord(w) || typedContent.has(w) || NUMBER.test(w)) {
        add(w, kind, weight);
        if (kind === 'word') searched.push(w);
      }
      if (prev && !VI_QUESTION_WORDS.has(prev) && !VI_QUESTION_WORDS.has(w)) add(`${prev}${BIGRAM_JOINER}${w}`, kind === 'word' ? 'bigram' : 'synonym', weight);
    });
  };
  for (const run of runs) addRun(run, 1, 'word');
  for (const run of expansions) addRun(run, EXPANSION_WEIGHT, 'synonym');
  for (const run of synonyms) addRun(run, SYNONYM_WEIGHT, 'synonym');
  if (language === 'vi') {
    for (const t of tokens) {
      if (t.accent && isContentToken(t)) add(`${ACCENT_PREFIX}${t.accent}`, 'accent', ACCENT_WEIGHT);
    }
  }
  // The kind asked, read from the question as typed, or from its casual spellings read as words
  // when that says more ("bn tien" → "bao nhieu tien").
  let answer = answerKind(question);
  if (language === 'vi' && expandedQuestion !== fold(question) && (answer.kind === 'other' || answer.kind === 'yesno')) {
    const expanded = answerKind(expandedQuestion);
    if (expanded.kind !== 'other') answer = expanded;
  }
  // "bn" is "bạn" or "bao nhiêu"; the shared list reads "bạn" before a noun ("it nhat bn thanh
  // vien"), but a knowledge question that asks nothing else asks a quantity.
  // A question that names a channel ("gửi về email trong bn ngày") asks the time when "bn" is read so.
  const channel = answer.kind === 'email' || answer.kind === 'phone' || answer.kind === 'website';
  if (language === 'vi' && (answer.kind === 'other' || answer.kind === 'yesno' || channel) && /(^|[^\p{L}])bn([^\p{L}]|$)/iu.test(question)) {
    const quantity = answerKind(question.replace(/(^|[^\p{L}])bn(?=[^\p{L}]|$)/giu, '$1bao nhiêu'));
    if (quantity.kind !== 'other' && quantity.kind !== 'yesno' && (!channel || quantity.kind === 'duration' || quantity.kind === 'datetime')) answer = quantity;
  }
  // An English counted noun ("how many women …") is not the documents' word, and its translation
  // need not follow the number ("200 học viên là phụ nữ"): any number answers the count.
  if (language === 'en' && answer.kind === 'count') answer = { kind: 'count', countWords: [] };
  for (const hint of KIND_HINTS[answer.kind] ?? []) add(hint, 'hint', HINT_WEIGHT);
  if (answer.countWords.length) {
    answer.countAlternatives = [answer.countWords.join(' '), ...answer.countWords]
      .flatMap((w) => lexicon.synonyms.get(w) ?? [])
      .filter((a) => a.length > 0);
  }
  // "bao nhiêu phần trăm", "bao nhiêu tiền": the unit asked is the kind of fact (checked on the
  // quoted sentence: "30%", "5 triệu đồng"), not a topic the passage must be about.
  // "mấy lần" counts times, which the documents tell in their own nouns ("giải ngân hai đợt",
  // "mỗi tháng một lần"): "lần" is the kind asked, not a topic.
  const countsTimes = language === 'vi' && answer.kind === 'count' && answer.countWords.join(' ') === 'lan';
  const kindNouns = answer.named ? NAMED_PLACE_NOUNS : countsTimes ? TIMES_NOUNS : language === 'vi' ? KIND_NOUNS[answer.kind] : undefined;
  const topical = kindNouns ? concepts.filter((c) => c.anchor !== null || !kindNouns.has(c.alternatives[0]!.join(' '))) : concepts;
  const kindWords = KIND_WORDS[answer.kind];
  if (kindWords) for (const c of topical) if (c.anchor === null && kindWords.has(c.alternatives[0]!.join(' '))) c.kindWord = true;
  // "đạt điểm cao nhất": the row with the highest score answers (superlative.ts), and it never
  // writes "cao"; the comparison word only says which row, so it weighs as a generic word.
  const superlative = superlativeOf(fold(question));
  if (superlative) for (const c of topical) if (c.anchor === null && SUPERLATIVE_WORDS.has(c.alternatives[0]!.join(' '))) c.kindWord = true;
  const words = [...new Set(searched)];
  return {
    terms: [...weights.values()],
    folded: words.join(' '),
    language,
    words,
    concepts: topical.filter((c) => c.alternatives.length > 0 && c.alternatives[0]!.length > 0),
    answer,
    expectsNumber: ['money', 'percent', 'count', 'duration', 'datetime'].includes(answer.kind),
    superlative,
    typedAccents: hasDiacritics(question),
  };
}

/**
 * True when the question asks for a number, a date or a time.
 *
 * @example
 * asksForNumber('Có mấy phòng họp?') // true
 */
export function asksForNumber(question: string): boolean {
  return queryTerms(question).expectsNumber;
}
