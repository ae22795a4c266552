/**
 * What kind of fact a question asks for (an amount of money, a share, a count of something, a
 * duration, a date or time, a phone number, an e-mail, a website, a place, a person or an
 * organisation, yes/no, a procedure), recognised from the question in Vietnamese (with or
 * without diacritics, casual spellings already expanded) or English; and whether a sentence
 * holds a fact of that kind. Search prefers passages with such a sentence, and an extractive
 * answer only quotes sentences that hold one: "bao nhiêu tiền" is not answered by a sentence
 * without an amount, whatever words it shares with the question.
 *
 * @example
 * answerKind('phi gui xe may bao nhieu tien') // { kind: 'money', … }
 * sentenceHasKind('Phí gửi xe là 5.000 đồng/lượt.', { kind: 'money', countWords: [] }) // true
 */
import { fold } from '../nlu/fold.js';
import { asksFunding, statesFree, withoutFree } from './free-of-charge.js';
import { roleAsked, roleOfOther, type RoleAsked } from './role-owner.js';

export type AnswerKind =
  | 'money'
  | 'percent'
  | 'count'
  | 'duration'
  | 'datetime'
  | 'phone'
  | 'email'
  | 'website'
  | 'code'
  | 'place'
  | 'person'
  | 'yesno'
  | 'procedure'
  | 'other';

export interface AnswerKindInfo {
  kind: AnswerKind;
  /** For `count`: the folded words of the thing counted ("nha dau tu" in "bao nhiêu nhà đầu tư"). */
  countWords: string[];
  /** Other wordings of the thing counted (thesaurus), any of which a sentence may use. */
  countAlternatives?: string[][];
  /** For `place`: a named place is asked ("nước nào", "which city"): a sentence naming one holds it. */
  named?: boolean;
  /**
   * For `place`: the question's own words, folded. "Tại Ngày Demo, …" answers no "where is Ngày
   * Demo held?": after "tại"/"ở", the thing asked about is an occasion, not a place.
   */
  askedWords?: string[];
  /**
   * For `person`: the common noun the question calls the one asked for ("Ngân hàng … tên là
   * gì" → ['ngan', 'hang']), folded: a sentence that writes it without a name after it ("do
   * Ngân hàng đối tác tài trợ") does not say which.
   */
  namedNoun?: string[];
  /**
   * For `datetime`: a clock time or a day is asked ("mấy giờ", "thứ mấy", "những ngày nào", "what
   * time"): an event the time hangs on ("ngay khi vừa xuống tàu", "sau khi ký") does not tell it.
   */
  stated?: boolean;
  /**
   * For `datetime`: the question asks when a document was issued or signed ("quyết định … ban
   * hành ngày nào"), so the date a sentence gives a document it cites ("theo Quyết định số
   * 07/QĐ-UBND ngày 28/12/2026") may answer it; any other date question is not answered by one.
   */
  issued?: boolean;
  /**
   * For `duration`: the units a length asked in a unit may be told in ("mấy tiếng", "how many
   * hours a week" → giờ, tiếng, phút, h): "6 tháng" does not answer it. None for "bao lâu".
   */
  units?: readonly string[];
  /**
   * For `duration`: the question asks how often ("bao lâu một lần", "how often"), so a number of
   * times ("mỗi tháng 2 lần") answers it; "bao lâu" alone asks a length, which "tối đa 1 lần" is not.
   */
  often?: boolean;
  /**
   * For `money`: the money asked is received, not paid ("hỗ trợ bao nhiêu tiền", "how much
   * funding"): "không thu phí" does not answer it (free-of-charge.ts).
   */
  funding?: boolean;
  /**
   * For `person`: the role asked and whose it is ("giám đốc trung tâm"): the same role of
   * another named organisation ("Giám đốc NIC") does not answer it (role-owner.ts).
   */
  role?: RoleAsked;
}

/** Kinds whose fact can be recognised in a sentence (the others accept any sentence). */
export const CHECKABLE_KINDS: ReadonlySet<AnswerKind> = new Set(['money', 'percent', 'count', 'duration', 'datetime', 'phone', 'email', 'website', 'code', 'place', 'person']);

/** Nouns counted after "mấy" ("mấy gói", "mấy phiên"), folded; multi-word ones as written. */
const COUNTED_NOUNS: ReadonlySet<string> = new Set([
  'nguoi', 'lan', 'buoi', 'phien', 'doi', 'giai', 'cho', 'phong', 'suat', 'bang', 'vong', 'khach', 'cong ty',
  'doanh nghiep', 'startup', 'du an', 'nha', 'thanh vien', 'loai', 'hang', 'muc', 'giai doan', 'goi', 'khoa',
  'lop', 'nhom', 'ho so', 'bai', 'trang', 'mau', 'phieu', 'dot', 'may', 'ban',
]);

// Patterns over the folded question (" … " padded), most specific first.
const RULES: readonly [AnswerKind, RegExp][] = [
  // A code asked for by what it is ("mã số thuế … là gì", "mật khẩu wifi là gì", "what is the
  // wifi password"): the answer must show one, not a sentence that merely mentions it.
  ['code', / (ma so thue|mst|ma so|mat khau|pass|password|so tai khoan|stk|ma) (?:[^ ]+ ){0,6}(la gi|la j|la bao nhieu|la so nao|la so may)( |$)|(what is|what s|what are) (?:[^ ]+ ){0,4}(password|tax code|tax number|account number|code) /],
  // "the call for applications / proposals" is a notice, not a phone call.
  // "xe bus số mấy", "phòng số mấy" (typed without diacritics) ask which number the thing has, not a phone.
  ['phone', / (so dien thoai|dien thoai|sdt|hotline|goi so|(?<!(?:xe|bus|buyt|tuyen|phong|tang|cong|ban|nha|duong|lo|khu|quay|cua|ghe|ve|lop|toa|gian|hang|ky|dot|khoa|vong) )so may|phone|call(?! for)|telephone) /],
  ['email', / (email|e mail|thu dien tu|mail|dia chi thu) /],
  ['website', / (trang nao|trang web|website|web nao|link|duong dan|cong nao|dia chi web|url|which site|what site) /],
  // "bao nhiêu phần (chi phí, thời gian)" asks what share of it, answered by a percentage, and
  // so does "bao nhiêu %" / "bn %" typed with the sign.
  // An interest rate is stated as a percentage ("lãi suất bao nhiêu 1 tháng": 0,6%/tháng).
  ['percent', / (lai suat (?:[^ ]+ ){0,2}(?:la )?(?:bao nhieu|may)|interest rate|how much interest|bao nhieu phan tram|may phan tram|ty le|ty trong|what share|what percentage|what percent|how many percent|(?:bao nhieu|may) phan(?! mem| thuong| qua| viec| an)|(?:bao nhieu|bn|may) ?%) /],
  // "có mất phí gì không", "có mất học phí không", "có bị trừ tiền không": whether one is charged is answered by an
  // amount or by "miễn phí" / "không mất phí", so the quote must state one. "báo trước bao lâu để khỏi mất phí":
  // the fee is the purpose, the length is asked.
  // amount or by "miễn phí" / "không mất phí", so the quote must state one.
  // "bị thu bao nhiêu" is charged how much; "bao nhiêu 1 lượt", "bao nhiêu một giờ" is a price per go, per hour.
  ['money', / (?<!(?:khoi|tranh|khong bi|khoi bi|de khong) )(mat|ton|thu|tinh|tru|bi thu|bi tinh) (?:hoc |le )?(phi|tien(?! mat))( |$)|phi (gi|j) | bi (thu|tinh|tru|phat) (bao nhieu|may)|bao nhieu (?:1|mot|moi) (?:luot|gio|tieng|ngay|dem|tuan|thang|nam|buoi|lan|nguoi|trang|ve|suat|cai|chiec|ky|khoa|m2)( |$)|(bao nhieu tien|may tien|het bao nhieu|ton bao nhieu|mat bao nhieu|tra bao nhieu|gia bao nhieu|phi bao nhieu|gia thue|muc phi|le phi|bao nhieu dong|bao nhieu usd|(?:bao nhieu|may) (?:ty|trieu|nghin|ngan|dong|usd|vnd|k|von|kinh phi|ngan sach)|how much|cost|costs|price|fee|fees|charge|(?<!(?:grant|fund|funding|budget|money|support|programme|program|scheme) (?:be used to |help |)?)pay|budget|fund size|size of the fund|amount|worth|total value) /],
  ['duration', / (bao lau|trong bao lau|may ngay|may tuan|may thang|may nam|may tieng|may phut|bao nhieu ngay|bao nhieu tuan|bao nhieu thang|bao nhieu nam|bao nhieu phut|bao nhieu gio|bao nhieu tieng|how long|how soon|how many days|how many weeks|how many months|how many years|how many minutes|how many hours) /],
  ['datetime', / (khi nao|bao gio|ngay nao|luc nao|may gio|gio nao|thoi gian nao|hom nao|thang nao|nam nao|thu may|ngay may|han chot|han cuoi|when|what time|what date|which day|which date|what day|deadline|what year|which year|opening hours|open hours|what hours) /],
  ['place', / (o dau|tai dau|dia chi|dia diem|noi nao|cho nao|o cho nao|phong nao|tang nao|nuoc nao|quoc gia nao|tinh nao|thanh pho nao|xa nao|huyen nao|phuong nao|quan nao|duong nao|so nha nao|thon nao|where|which venue|what venue|address|location|which countr(?:y|ies)|what countr(?:y|ies)|which cit(?:y|ies)|which province) /],
  // "Who can join", "ai được tham gia": who is eligible, answered by a condition, not a name.
  ['other', / (who can|who may|who is eligible|who are eligible|who qualifies|who should|ai duoc|ai co the|doi tuong nao|dieu kien) /],
  // "Who owns the rights / the product", "thuộc về ai", "ai sở hữu": whose it is, answered by a
  // rule ("Thành viên giữ toàn bộ quyền …", "sau 24 tháng thuộc về nhóm"), seldom by a name.
  ['other', / (who owns|who own|who holds|who keeps|whose is|thuoc ve ai|thuoc quyen ai|ai so huu|ai giu quyen|ai nam quyen) /],
  // "chị … tên là gì", "what is her name": a person's name. "không ai", "chẳng ai", "ai cũng"
  // are nobody and anybody ("đi học ko ai trông thì sao"): they ask no one's name.
  ['person', / (ten (?:la )?(?:gi|j)|ten chi|ten anh|what is (?:his|her|their|the person s) name|what s (?:his|her) name|(?<! (?:khong|ko|k|kg|hong|hok|chang|cha|chua|cung) )ai(?! cung)|nguoi nao|don vi nao|to chuc nao|quy nao|cong ty nao|startup nao|doanh nghiep nao|du an nao|doi nao|co quan nao|who|whom|which startup|which company|which fund|which organisation|which organization|which team|which project) /],
  // "what's the maximum revenue": a quantity, whatever its noun.
  ['count', new RegExp(` (what is the (?:maximum|minimum|max|min|highest|lowest)|what s the (?:maximum|minimum|max|min|highest|lowest)|bao nhieu|how many|so luong|team size|group size|size of the team|may (?:${[...COUNTED_NOUNS].join('|')})) `)],
  ['procedure', / (lam the nao|nhu the nao|the nao de|lam sao|cach nao|cach|thu tuc|quy trinh|lam gi|can gi|how do|how can|how to|what should|what steps) /],
  ['yesno', / (co|duoc|phai|can) .*(khong|ko|chua|hong)( |$)|( duoc khong | khong )$|^ (can|could|is|are|do|does|will|may|must|should|am) /],
];

/**
 * Words that restate the kind of fact asked (folded): "hạn chót … ngày nào" asks for a date,
 * and the sentence that gives it says "nhận hồ sơ … đến ngày 31/8", not "hạn chót". Such a word
 * is searched but weighs as a generic word: a passage without it lacks no topic. (Only the
 * deadline words: "số điện thoại", "địa chỉ", "giá" are topics as often as kinds.)
 */
export const KIND_WORDS: Partial<Record<AnswerKind, ReadonlySet<string>>> = {
  // "đến mấy giờ … thì hết hạn": "giờ" of "mấy giờ" and "hết hạn" restate the time asked, which
  // the answer writes "17h00 ngày 28/02".
  datetime: new Set(['han', 'han chot', 'han cuoi', 'han nop', 'thoi han', 'het han', 'gio', 'deadline']),
  // "How long does the programme last": the verb only restates the duration asked ("Length: 12 weeks").
  duration: new Set(['keo dai', 'thoi gian', 'thoi luong', 'cuoi', 'last', 'lasts', 'length', 'duration']),
  // "ở link nào", "email là gì": the word names the kind of fact, which the answer shows, not says.
  website: new Set(['link', 'trang web', 'website', 'web', 'duong dan', 'dia chi web', 'url', 'trang']),
  email: new Set(['email', 'mail', 'e mail', 'thu dien tu', 'dia chi', 'dia chi email', 'address']),
};

/** "bao lâu một lần", "mấy tháng 1 lần", "how often" (folded): a frequency, told in times. */
const OFTEN_ASKED = / (?:(?:bao lau|may (?:ngay|tuan|thang|nam)) (?:[^ ]+ ){0,6}(?:mot|1) lan|how often) /;

const DURATION_RULE = RULES.find(([kind]) => kind === 'duration')![1];

/** The unit a length is asked in ("mấy tiếng", "bao nhiêu ngày", "how many hours"), folded. */
const DURATION_UNIT_ASKED = / (?:may|bao nhieu|how many) (phut|gio|tieng|ngay|tuan|thang|nam|minutes|hours|days|weeks|months|years) /;
const UNIT_OF: Readonly<Record<string, string>> = {
  phut: 'minute', minutes: 'minute', gio: 'hour', tieng: 'hour', hours: 'hour', ngay: 'day', days: 'day',
  tuan: 'week', weeks: 'week', thang: 'month', months: 'month', nam: 'year', years: 'year',
};
/** The units a length asked in one unit is told in: itself and its neighbours ("90 phút" is hours enough). */
const UNITS_ANSWERING: Readonly<Record<string, readonly string[]>> = {
  minute: ['phút', 'giờ', 'tiếng', 'h', 'minutes?', 'hours?'],
  hour: ['giờ', 'tiếng', 'phút', 'h', 'buổi', 'hours?', 'minutes?'],
  day: ['ngày', 'tuần', 'days?', 'weeks?'],
  week: ['tuần', 'ngày', 'tháng', 'weeks?', 'days?', 'months?'],
  month: ['tháng', 'tuần', 'năm', 'months?', 'weeks?', 'years?'],
  year: ['năm', 'tháng', 'years?', 'months?'],
};
const DATETIME_RULE = RULES.find(([kind]) => kind === 'datetime')![1];

/** A website as the thing made ("làm website", "thiết kế trang web", "build a website"), folded. */
const WEBSITE_MADE = / (lam|xay dung|thiet ke|tao|lap|dung|phat trien|build|building|make|making|design|designing|create|creating|develop|developing) (?:(?:a|an|the|cho|mot|1) )?(website|trang web|web)( |$)/;

/** A place asked by the kind of place it is, answered by its name: "nước nào", "which city". */
const NAMED_PLACE = / (nuoc nao|quoc gia nao|tinh nao|thanh pho nao|which countr(?:y|ies)|what countr(?:y|ies)|which cit(?:y|ies)|which province) /;

/**
 * The common nouns of organisations a question may ask the name of, folded. Words of two
 * syllables only: folded, "truong" is "trưởng" (a head) as well as "trường", and "quy" starts
 * "quy định".
 */
const ORG_NOUNS: readonly string[] = ['ngan hang', 'cong ty', 'doanh nghiep', 'to chuc', 'nha tai tro', 'co quan'];

/** English nouns of money right after "the maximum / minimum" ("maximum support per project"). */
const EN_MONEY_NOUN = /^ (?:[^ ]+ )?(support|grant|grants|funding|fund|amount|budget|loan|prize|award|subsidy|investment|salary|fee|price|cost|payment|allowance)( |$)/;

/** Words that end the counted noun phrase ("bao nhiêu nhà đầu tư tham dự" → "nha dau tu"). */
const COUNT_STOP = new Set(['tham', 'duoc', 'co', 'da', 'dang', 'se', 'la', 'trong', 'tai', 'o', 'cua', 'cho', 'moi', 'va', 'nhan', 'den', 'khi', 'thi', 'ma', 'ho', 'are', 'were', 'will', 'did', 'do', 'does', 'have', 'has', 'in', 'at', 'of', 'for', 'get', 'to']);

/**
 * The kind of fact a question asks for.
 *
 * @example
 * answerKind('Demo Day có bao nhiêu nhà đầu tư tham dự?') // { kind: 'count', countWords: ['nha', 'dau', 'tu'] }
 */
export function answerKind(question: string): AnswerKindInfo {
  const info = kindOf(question);
  if (info.kind !== 'money' && info.kind !== 'person') return info;
  const folded = ` ${fold(question).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim()} `;
  if (info.kind === 'person') {
    const role = roleAsked(folded);
    return role ? { ...info, role } : info;
  }
  return asksFunding(folded) ? { ...info, funding: true } : info;
}

function kindOf(question: string): AnswerKindInfo {
  // Typed with its diacritics, only "mấy" asks a number: "Xưởng Mây nằm ở …" (a place named Mây) folds to "may nam"
  // ("mấy năm", a duration), so another accented spelling of "may" (mây, máy, mày, …) is marked.
  const marked = question
    .normalize('NFC')
    // "thứ mấy", "ngày mấy", "tháng mấy" ask a day or a month, not a number.
    .replace(/(?<!(?:thứ|ngày|tháng)\s+)mấy(?!\s+giờ)/giu, 'bao nhiêu')
    .replace(/(?<![\p{L}\p{N}])m(?:â|ầ|ẩ|ẫ|ậ|à|ả|ã|ạ|á|ă|ằ|ẳ|ẵ|ặ|ắ)y(?![\p{L}\p{N}])/giu, 'maymoc');
  const folded = ` ${fold(marked).replace(/[^\p{L}\p{N}%@. ]/gu, ' ').replace(/[.]+( |$)/g, ' ').replace(/\s+/g, ' ').trim()} `;
  for (const [kind, pattern] of RULES) {
    const match = pattern.exec(folded);
    if (!match) continue;
    // "gửi về email trong bao nhiêu ngày", "link mở đến khi nào": the channel is named, the time asked.
    if ((kind === 'email' || kind === 'website' || kind === 'phone') && (DURATION_RULE.test(folded) || DATETIME_RULE.test(folded))) continue;
    // "có hỗ trợ làm website không": a website made is the service asked about, not an address.
    if (kind === 'website' && WEBSITE_MADE.test(folded)) continue;
    if (kind === 'count') {
      // "What is the maximum support / grant per project": an amount of money.
      if (match[1]!.startsWith('what')) return EN_MONEY_NOUN.test(folded.slice(match.index + match[0].length - 1)) ? { kind: 'money', countWords: [] } : { kind: 'count', countWords: [] };
      // "bao nhiêu" after a money or time word asks for that ("giá … bao nhiêu").
      // Not when a counted thing follows: "tối đa mấy gói" counts packages.
      // Not a bare "tối đa": "tối đa bao nhiêu" is any quantity ("nặng tối đa bao nhiêu", "tối đa mấy người").
      const priced = / (gia|phi|tien|chi phi|kinh phi|ngan sach|gia tri|tri gia|giai thuong|von|ho tro toi da|thue) [^ ]* ?[^ ]* ?(la )?(bao nhieu|may)( [^ ]+)?/.exec(folded);
      if (priced && !COUNTED_NOUNS.has((priced[4] ?? '').trim())) return { kind: 'money', countWords: [] };
      const tail = match[0].trim().split(' ');
      const after = [...(tail[0] === 'may' ? tail.slice(1) : []), ...folded.slice(match.index + match[0].length).trim().split(' ')];
      const countWords: string[] = [];
      for (const w of after) {
        // "bao nhiêu cố vấn": a first "co" is the noun's syllable, not "có".
        if (!w || (COUNT_STOP.has(w) && !(w === 'co' && countWords.length === 0)) || countWords.length >= 3) break;
        countWords.push(w);
      }
      // "X là bao nhiêu" names no counted thing: X says what is asked ("tổng giá trị giải
      // thưởng … là bao nhiêu" is an amount, "thời gian … là bao nhiêu" a duration).
      if (countWords.length === 0 && / (gia|phi|tien|chi phi|kinh phi|ngan sach|gia tri|tri gia|von|muc ho tro|hoc phi|le phi|luong) /.test(folded)) return { kind: 'money', countWords: [] };
      if (countWords.length === 0 && / (thoi gian|thoi han|thoi luong) /.test(folded)) return { kind: 'duration', countWords: [] };
      if (countWords.length === 0 && / (tong|so) /.test(folded)) return { kind: 'count', countWords: [] };
      return { kind: 'count', countWords };
    }
    if (kind === 'person') {
      const noun = ORG_NOUNS.find((n) => folded.indexOf(` ${n} `) >= 0 && folded.indexOf(` ${n} `) < match.index + 1);
      return noun ? { kind, countWords: [], namedNoun: noun.split(' ') } : { kind, countWords: [] };
    }
    if (kind === 'duration') {
      const unit = DURATION_UNIT_ASKED.exec(folded)?.[1];
      const units = unit ? UNITS_ANSWERING[UNIT_OF[unit]!] : undefined;
      const often = OFTEN_ASKED.test(folded) ? { often: true } : {};
      return units ? { kind, countWords: [], units, ...often } : { kind, countWords: [], ...often };
    }
    if (kind === 'place') {
      const askedWords = folded.trim().split(' ');
      return NAMED_PLACE.test(folded) ? { kind, countWords: [], named: true, askedWords } : { kind, countWords: [], askedWords };
    }
    if (kind === 'datetime') {
      const issued = ISSUE_ASKED.test(folded);
      const stated = STATED_TIME_ASKED.test(folded);
      return { kind, countWords: [], ...(stated ? { stated } : {}), ...(issued ? { issued } : {}) };
    }
    return { kind, countWords: [] };
  }
  return { kind: 'other', countWords: [] };
}

const NUMBER_WORDS = '(?:một|hai|ba|bốn|tư|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nửa|vài|hàng chục|one|two|three|four|five|six|seven|eight|nine|ten)';

/** A number of times ("1 lần", "hai lần"), which tells no length of time. */
const TIMES = new RegExp(`(?:\\d+|${NUMBER_WORDS})\\s*lần(?![\\p{L}])`, 'giu');
/** Counted nouns that sentences name in other words ("bao nhiêu người" → "80 chỗ ngồi"). */
const GENERIC_COUNTED = new Set(['nguoi', 'lan', 'cai', 'con']);
/** Things counted that a percentage measures as well ("bao nhiêu cổ phần", "bao nhiêu vốn góp"). */
const SHARE_NOUNS = new Set(['co phan', 'co phieu', 'phan von', 'von gop', 'von']);
const NUMBER_WORD = new RegExp(`^${NUMBER_WORDS}$`, 'u');
// A unit letter ends where no letter follows: `\b` is ASCII-only, so "4 kênh" or "2 kỳ" would
// read as "4k", "2k" (an amount), and "3 học viên" as "3h" (a time). A time may be told by an
// event: "sau khi bị đình chỉ", "hết thời hạn này" answer "khi nào phải học lại".
/** A clock time or a day asked, folded: "mấy giờ", "lúc mấy giờ", "thứ mấy", "(những) ngày nào", "what time", "which day". */
// A deadline asked ("hạn chót lúc nào", "deadline") is a day or hour too: "5 ngày kể từ khi hết hạn nộp" hangs a
// time on the deadline and does not tell it.
const STATED_TIME_ASKED = / (may gio|may h|gio nao|thu may|ngay may|ngay nao|hom nao|what time|which days?|what days?|what date|han chot|han cuoi|han nop|han dang ky|deadline) /;
/** A question about a document itself, folded: when it was issued, signed, dated. */
const ISSUE_ASKED = / (ban hanh|ky|quyet dinh|thong bao|cong van|van ban|nghi dinh|thong tu|chi thi|so hieu|issued|signed|decision|decree|dated|letter) /;
/**
 * The date of a document a sentence cites, after its number ("Quyết định số 07/QĐ-QPNKN ngày
 * 28/12/2026", "Công văn 123/2026/SKHCN-VP, ngày 5 tháng 3 năm 2026"): the document's own date,
 * which the opening of any administrative text repeats, not the date of what it announces.
 */
const CITED_DOCUMENT_DATE = /\d+(?:\/\d{2,4})?\/[\p{Lu}][\p{Lu}\p{N}]*(?:-[\p{Lu}\p{N}]+)*\s*,?\s*(?:ký\s+)?ngày\s+\d{1,2}(?:\s*\/\s*\d{1,2}\s*\/\s*\d{2,4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4})/gu;
/** A time told by an event ("ngay khi", "sau khi", "hết hạn"), which answers "khi nào" but tells no clock time or day. */
/**
 * A quarter or a year alone ("Đợt 2 trong quý III", "năm 2027"): no day or hour, so it tells no
 * "ngày nào" or deadline. A full date keeps its year ("09/4/2027" is still a date).
 */
const NO_DAY = /(?<![\p{L}])quý\s+(?:[IV]+|\d)(?:\s*\/\s*\d{4})?(?![\p{L}\p{N}])|(?<![\p{N}/.-])(?:năm\s+)?(?:19|20)\d{2}(?![\p{N}/])/giu;
const RELATIVE_TIME = /(?<![\p{L}])(?:sau|trước|ngay) khi(?![\p{L}])|hết (?:thời )?hạn/giu;
const SENTENCE_RULES: Readonly<Record<string, RegExp>> = {
  money: new RegExp(`\\d[\\d.,]*\\s*(?:triệu|tỷ|tỉ|nghìn|ngàn|đồng|đ(?![\\p{L}\\p{N}])|vnđ|vnd|usd|\\$|k(?![\\p{L}\\p{N}])|trăm)|(?:usd|us\\$|vnđ|vnd)\\s?\\d|miễn phí|không (?:phải )?(?:thu|mất|tính|trả|đóng|bị trừ|bị tính) (?:bất kỳ khoản )?(?:lệ |học |chi |mức )?(?:phí|tiền|gì)|\\d+\\s*% (?:phí|chi phí|giá|kinh phí|học phí|lệ phí|số tiền|tiền|số vốn|vốn|khoản|tổng|dự toán|ngân sách|giá trị|thu nhập|doanh thu|lợi nhuận)|${NUMBER_WORDS} (?:triệu|tỷ|nghìn) đồng|\\((?:(?:triệu|tỷ|tỉ|nghìn|ngàn)(?: đồng)?|(?:tr|trđ|tỷ)\\.?\\s?(?:đ|đồng)?|đồng|vnđ|vnd|usd)\\)\\s*:\\s*\\d`, 'iu'),
  percent: /\d\s*%|phần trăm|percent/iu,
  duration: new RegExp(`(?:\\d+|${NUMBER_WORDS})\\s*(?:phút|giờ|tiếng|ngày|tuần|tháng|năm|buổi|phiên|lần|minutes?|hours?|days?|weeks?|months?|years?)|\\d+h\\d*|hằng tuần|mỗi tuần|hằng tháng|mỗi tháng|vĩnh viễn`, 'iu'),
  datetime: /\d{1,2}\/\d{1,2}|\d{1,2}\s*h\s*\d{0,2}(?![\p{L}\p{N}])|\d{1,2}:\d{2}|thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật|tháng \d+|năm \d{4}|ngày \d|hằng tuần|mỗi tuần|hằng năm|hằng tháng|quý [IV\d]|(?<![\p{L}])(?:sáng|chiều|tối|trưa)(?![\p{L}])(?! (?:tạo|kiến|lập|chế|đa|thiểu|ưu|giản|tác))|đầu tháng|cuối tháng|\b(?:19|20)\d{2}\b|(?<![\p{L}])(?:sau|trước|ngay) khi(?![\p{L}])|hết (?:thời )?hạn/iu,
  phone: /(?:\+?84|\b0)\d{1,4}[ .-]?\d{3,4}[ .-]?\d{3,4}\b/u,
  email: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/u,
  website: /https?:\/\/|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|org|net|io|gov|edu)\b/iu,
  // A place, or where something is done: "qua trợ lý Ươm", "trên cổng …", a website.
  place: /(?:^|[^\p{L}])(?:tầng|phòng \p{Lu}|phòng \d|hội trường|số \d+|đường|phố|phường|quận|huyện|khách sạn|tòa nhà|nhà \p{Lu}\d|địa chỉ|địa điểm:|trực tuyến|online|(?:tại|ở) (?:\p{Lu}|số)|qua (?:trợ lý|cổng|chatbot|website|trang|ứng dụng|app|email|zalo|điện thoại|\p{Lu})|trên (?:cổng|trang|website|ứng dụng|nền tảng))|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|org|net)\b/u,
};

/** A resolution ("4K", "8K"; one digit, a capital K): prices in thousands are written "50k", "200K". */
const RESOLUTION = /(?<![\p{N}.,])[1-9]K(?![\p{L}\p{N}])/gu;

/** An ordinal or a weekday ("thứ ba", "thứ 3", "lần thứ hai"): a rank, not a number of things. */
const ORDINAL = new RegExp(`(?<![\\p{L}])thứ\\s+(?:\\d+|nhất|${NUMBER_WORDS})(?![\\p{L}\\p{N}])`, 'giu');

/** A date in words ("ngày 28 tháng 6 năm 2027", "28 tháng 6", "tháng 6 năm 2027", "năm 2027"). */
const WORDED_DATE = /(?:ngày\s+)?\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?|tháng\s+\d{1,2}\s+năm\s+\d{4}|năm\s+\d{4}/giu;

/**
 * A code in a sentence: a token of five or more characters with a digit that is no amount
 * ("30.000"), date ("31/7/2025"), time ("14h00") or short number: "1801234567", "CIH@2025".
 */
function hasCode(text: string): boolean {
  return (text.match(/[\p{L}\d@#._\/-]{5,}/gu) ?? []).some((raw) => {
    const token = raw.replace(/[.,]+$/, '');
    if (!/\d/.test(token) || token.length < 5) return false;
    if (/^\d{1,3}(?:[.,]\d{3})+$/.test(token) || /^\d{1,2}\/\d/.test(token) || /^\d{1,2}h\d*$/i.test(token)) return false;
    return !/^\d+$/.test(token) || token.length >= 7;
  });
}

/** Two or more capitalised words in a row, not only at the sentence start: a name. */
const NAME = /(?:^|[^\p{L}])(\p{Lu}[\p{Ll}\p{Lu}]*(?:[ -]\p{Lu}[\p{Ll}\p{Lu}]*)+|\p{Ll}*\p{Lu}\p{Ll}+\p{Lu}\p{L}*)/u;

/** A place word and the capitalised name after it ("TP. Hồ Chí Minh", "tại Nhật Bản"). */
const PLACE_NAME = /(?:^|[^\p{L}])(?:TP\.?|[Tt]hành phố|[Tt]ỉnh|[Hh]uyện|[Qq]uận|[Pp]hường|[Xx]ã|[Tt]ại|[Ởở]|[Đđ]ường|[Ss]ân bay|[Kk]hách sạn|[Nn]ước)\s+(?:TP\.?\s*)?\p{Lu}[\p{L}]*(?:[ -]\p{Lu}[\p{L}]*)*/gu;

/**
 * The sentence without "tại/ở <Name>" where the name is the thing the question asks about
 * ("Tại Ngày Demo, ba doanh nghiệp …" for "Ngày Demo tổ chức ở đâu?"): there it names the
 * occasion, and the sentence says nothing of where it is.
 */
function withoutAskedOccasion(text: string, askedWords: readonly string[] | undefined): string {
  if (!askedWords?.length) return text;
  const asked = new Set(askedWords);
  return text.replace(/(^|[^\p{L}])([Tt]ại|[Ởở])\s+(\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*)*)/gu, (whole, before: string, _at: string, name: string) =>
    name.split(/\s+/).every((w) => asked.has(fold(w))) ? `${before} ` : whole);
}

/**
 * Whether a text writes the noun asked about ("ngân hàng") and never with a capitalised name or
 * acronym right after it ("Ngân hàng Sao Việt", "Công ty ABC"): "do Ngân hàng đối tác tài trợ"
 * says a bank pays, not which.
 *
 * @example
 * writesNounWithoutName('do Ngân hàng đối tác tài trợ', ['ngan', 'hang']) // true
 */
export function writesNounWithoutName(text: string, noun: readonly string[]): boolean {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  const folded = words.map((w) => fold(w));
  let written = false;
  for (let i = 0; i + noun.length <= words.length; i++) {
    if (!noun.every((w, k) => folded[i + k] === w)) continue;
    written = true;
    const next = words[i + noun.length];
    if (next && /^[\p{Lu}\p{N}]/u.test(next)) return false;
  }
  return written;
}

/**
 * True when a sentence holds a fact of the kind asked ("any sentence" for yes/no, procedures and
 * other questions).
 *
 * @example
 * sentenceHasKind('Liên hệ chị Trâm, 0292 3868 127.', { kind: 'phone', countWords: [] }) // true
 */
export function sentenceHasKind(sentence: string, info: AnswerKindInfo): boolean {
  const text = sentence.normalize('NFC');
  switch (info.kind) {
    case 'money':
    case 'percent':
    case 'phone':
    case 'email':
    case 'website':
    case 'datetime':
      if (info.kind === 'datetime') {
        const undocumented = info.issued ? text : text.replace(CITED_DOCUMENT_DATE, ' ');
        return SENTENCE_RULES.datetime!.test(info.stated ? undocumented.replace(RELATIVE_TIME, ' ').replace(NO_DAY, ' ') : undocumented);
      }
      // "máy chiếu 4K", "máy quay 6K": a picture's resolution, not four thousand đồng.
      // Money received is not answered by "free"; a price is, in any wording (free-of-charge.ts).
      if (info.kind === 'money') return SENTENCE_RULES.money!.test((info.funding ? withoutFree(text) : text).replace(RESOLUTION, ' ')) || (!info.funding && statesFree(text));
      return SENTENCE_RULES[info.kind]!.test(text);
    case 'code':
      return hasCode(text);
    case 'duration':
      // A date written in words is no length of time: "ngày 28 tháng 6 năm 2027" is not "28 tháng".
      // "đổi cố vấn tối đa 1 lần" counts times: it answers "bao lâu một lần", not "bao lâu".
      if (!info.units) return SENTENCE_RULES.duration!.test(info.often ? text.replace(WORDED_DATE, ' ') : text.replace(WORDED_DATE, ' ').replace(TIMES, ' '));
      return new RegExp(`(?:\\d+(?:[.,]\\d+)?|${NUMBER_WORDS})\\s*(?:${info.units.join('|')})(?![\\p{L}])`, 'iu').test(text.replace(WORDED_DATE, ' '));
    case 'place': {
      const told = withoutAskedOccasion(text, info.askedWords);
      // Place words open sentences and list items in capitals too ("Tầng 5 …").
      if (info.named && NAME.test(told.replace(/^\s*\p{Lu}\p{Ll}*\s/u, ' '))) return true;
      return SENTENCE_RULES.place!.test(told.replace(/(^|[.!?:;]\s+|^[-•*]\s*)(\p{Lu})/gu, (m) => m.toLowerCase()));
    }
    case 'count': {
      // An ordinal or a weekday counts nothing: "năm thứ ba Quỹ hoạt động", "thứ 2 hằng tuần".
      const counted = text.replace(ORDINAL, ' ');
      if (!new RegExp(`\\d|\\b${NUMBER_WORDS}\\b`, 'iu').test(counted)) return false;
      if (info.countWords.length === 0) return true;
      // The counted thing is named right after a number ("38 nhà đầu tư", "30 điểm", "05 đơn
      // vị"), at most one word between: "12 startup … trước nhà đầu tư" does not count investors.
      // Number words are read with their diacritics ("bảy", not "bay").
      // A date or a clock time counts nothing ("Chiều 20/6/2025, tại khách sạn" has no guests).
      const undated = counted.replace(/\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|\d{1,2}[:h]\d{0,2}(?![\p{L}\p{N}])/gu, ' ');
      const words = undated.toLowerCase().match(/[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu) ?? [];
      const folded = words.map(fold);
      const isNumber = (w: string) => /^\d/.test(w) || NUMBER_WORD.test(w);
      const at = (phrase: string[], from: number) => phrase.every((p, k) => folded[from + k] === p);
      const follows = (phrase: string[]) => phrase.length > 0 && words.some((w, n) => isNumber(w) && (at(phrase, n + 1) || at(phrase, n + 2)));
      // People and times are counted in many nouns ("80 chỗ ngồi", "một buổi"): any number will do.
      if (GENERIC_COUNTED.has(info.countWords.join(' '))) return true;
      // A stake is told as a share as often as in shares ("bao nhiêu cổ phần": "3% vốn điều lệ").
      if (SHARE_NOUNS.has(info.countWords.slice(0, 2).join(' ')) && /\d\s*%/u.test(text)) return true;
      // A labelled value counts what its label names ("Điểm: 84,0" of a table row, "Số chỗ: 80").
      const labelled = (phrase: string[]) => phrase.length > 0 && new RegExp(`(?:^|[^\\p{L}\\p{N}])${phrase.join('\\s+')}\\s*:\\s*\\d`, 'u').test(fold(undated).toLowerCase());
      return follows(info.countWords.slice(0, 1)) || (info.countAlternatives ?? []).some(follows) || labelled(info.countWords.slice(0, 1)) || (info.countAlternatives ?? []).some(labelled);
    }
    case 'person': {
      if (info.role && roleOfOther(text, info.role)) return false;
      if (info.namedNoun && writesNounWithoutName(text, info.namedNoun)) return false;
      // A name after a place word is a place ("tại TP. Hồ Chí Minh", "tỉnh Lai Châu"), no one.
      const people = text.replace(PLACE_NAME, ' ');
      return NAME.test(people.replace(/^\s*\p{Lu}\p{Ll}*\s/u, ' ')) || /\b(?:ông|bà|anh|chị|công ty|quỹ|sở|trường)\s+\p{Lu}/u.test(text);
    }
    default:
      return true;
  }
}

/**
 * The kind as staff and founders read it, for "the documents do not say …" (a message key
 * suffix in content/messages/knowledge.yaml).
 *
 * @example
 * kindLabelKey('phone') // 'kb.kind.phone'
 */
export function kindLabelKey(kind: AnswerKind): string {
  return `kb.kind.${kind}`;
}
