/**
 * What a founder types instead of pressing: a button's label (any casing, with or without
 * diacritics, casual spellings, a unique prefix, or its number), and yes / no in their many
 * forms ("đúng, gửi đi", "ok luôn", "dạ vâng", "thôi không"). The engine remembers the buttons of
 * the last message it sent in a flow, so this works for every step and notice, including the
 * ones computed by `act` steps (booking times, alternatives).
 *
 * @example
 * matchShownButton([{ label: '✅ Gửi', payload: 'flow:confirm:yes' }], 'gui') // 'flow:confirm:yes'
 * affirmation('Đúng, gửi đi') // 'yes'
 */
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';

/** A button as remembered in the flow state (label and payload only). */
export interface ShownButton {
  label: string;
  payload: string;
}

/** The comparable form of a label or a typed text: folded words, emoji and punctuation off. */
export function labelKey(text: string): string {
  return foldWords(text).replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** The typed text in both comparable forms: as folded, and with casual spellings expanded. */
function typedForms(text: string): string[] {
  const plain = labelKey(text);
  const casual = labelKey(normalizeForMatching(text));
  return plain === casual ? [plain] : [plain, casual];
}

const ORDINALS: Readonly<Record<string, number>> = {
  'dau tien': 1, 'thu nhat': 1, first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5,
};
/**
 * Words before a pick that ask to see it ("xem chi tiết", "cho mình xem", "tell me more about",
 * "show me"): "tell me more about number 2" under a list is its second entry.
 */
const SEE = String.raw`(?:(?:cho (?:toi|minh|em|mk|tui) )?(?:(?:toi|minh|em|mk|tui) )?(?:(?:muon|can|de) )?(?:xem(?: thu)?(?: them)?(?: chi tiet| thong tin)?(?: ve)?|chi tiet(?: ve)?|thong tin(?: ve)?|tim hieu(?: them)?(?: ve)?|(?:can you |please )?tell me(?: more)?(?: about)?|more (?:about|on)|(?:can you |please )?show(?: me)?|open|(?:the )?details?(?: of| on| for| about)?|info(?: on| about)?|what about|how about) )?`;
/** Who picks, and the verb of picking ("mình chọn", "I'll take"). */
const PICK = String.raw`(?:(?:toi|minh|em|mk|i) )?(?:(?:chon|lay|pick|choose|take|select) )?`;
/** What is picked, named before its number ("chương trình 2", "programme 2"). */
const THING = String.raw`(?:(?:chuong trinh|programme|program|item|space|phong|lich|booking|khong gian|slot) )?`;
/** Words naming an entry of a list before "thứ <n>" ("cái thứ hai"): then it is no weekday ("xem lịch thứ 2", "đặt phòng thứ 2" still are). */
const ENTRY = String.raw`(?:cai|muc|lua chon|phuong an|dap an|chuong trinh|so|khong gian)`;
const SPELLED_POSITION: Readonly<Record<string, number>> = {
  mot: 1, hai: 2, ba: 3, tu: 4, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
};
// "cái thứ hai", "chương trình thứ ba", "số hai", "number two", "option three": the position in
// words, written as its digit. After an entry word only: "thứ hai" alone is Monday.
const SPELLED_AFTER_ENTRY = new RegExp(String.raw`\b(${ENTRY} thu|${ENTRY} so|so|number|option|choice|no) (mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi|one|two|three|four|five|six|seven|eight|nine|ten)(?= |$)`, 'g');
/** The n-th shown, said with a word before the number ("chọn 2", "cái thứ 2", "cái số 2", "option 2", "số 2", "#2", "xem ct số 2", "mình muốn xem cái số 2"). */
const NUMBERED = new RegExp(String.raw`^${SEE}${PICK}${THING}(?:(?:the )?(?:cai|lua chon|phuong an|muc|dap an|so|option|number|choice|no|#) ?)?(?:(?:so|thu) )?(\d{1,3})(?: (?:nhe|nha|a|di|ak|ah|nhen|please|thanks))*$`);
/** The same with an ordinal word ("cái đầu tiên", "thứ nhất", "the first one", "second option", "cái cuối"). */
const ORDINAL = new RegExp(String.raw`^${SEE}${PICK}(?:the )?${THING}(?:(?:cai|lua chon|phuong an|muc|dap an|chuong trinh) )?(dau tien|thu nhat|first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|cuoi|cuoi cung|last)(?: (?:one|option|choice|cai|chuong trinh|programme|program|nhe|nha|a|di|please))*$`);

/**
 * The first or last entry named by an entry word and "đầu" / "trên cùng" / "dưới cùng" ("cái
 * đầu", "lựa chọn đầu nhé", "cái dưới cùng"): "đầu" alone is no pick ("đầu tư" is investment).
 */
const ENDS_NAMED = new RegExp(String.raw`^${PICK}(?:(?:cai|lua chon|phuong an|muc|dap an|y|dong) )(dau|tren cung|duoi cung)(?: (?:nhe|nha|a|di|ak|ah|nhen|thoi|luon|do|ay))*$`);

/**
 * The position a typed reply picks among numbered choices: "2", "số 2", "chọn 2", "cái thứ 2",
 * "lựa chọn 1 nhé", "option 2", "#2", "cái đầu tiên", "thứ nhất", "the first one", "the last
 * one" (with `count`), also asked to be shown ("xem chi tiết ct số 2", "tell me more about
 * number 2"). Undefined when the text is not such a pick. "thứ 2" alone is not one (a
 * weekday).
 *
 * @example
 * pickedNumber('cai thu 2')      // 2
 * pickedNumber('the last one', 4) // 4
 */
export function pickedNumber(text: string, count?: number): number | undefined {
  const typed = labelKey(normalizeForMatching(text))
    .replace(/^(?:u|uh|ok|oke|da|vang|thi) /, '')
    .replace(SPELLED_AFTER_ENTRY, (_, before: string, word: string) => `${before} ${SPELLED_POSITION[word]}`);
  const numbered = NUMBERED.exec(typed);
  // "thứ 2" is a weekday unless a word says it is an entry ("cái thứ 2", "mục thứ 2").
  const weekday = / ?thu \d/.test(typed) && !new RegExp(String.raw`${ENTRY} thu \d`).test(typed);
  if (numbered && !weekday) return Number(numbered[1]);
  const ordinal = ORDINAL.exec(typed)?.[1] ?? ENDS_NAMED.exec(typed)?.[1];
  if (!ordinal) return undefined;
  if (ordinal === 'dau' || ordinal === 'tren cung') return 1;
  if (ordinal === 'duoi cung') return count;
  if (ordinal === 'cuoi' || ordinal === 'cuoi cung' || ordinal === 'last') return count;
  return ORDINALS[ordinal];
}

export interface MatchOptions {
  /** A typed "2" picks the second button (default true). */
  numbers?: boolean;
  /** A unique beginning of a label (3 characters or more) picks it (default true). */
  prefix?: boolean;
}

/**
 * The payload of the button a typed text names, or undefined when none or several do.
 *
 * @example
 * matchShownButton(buttons, '2')         // the second button's payload
 * matchShownButton(buttons, 'dong y')    // the "Đồng ý" button's payload
 */
export function matchShownButton(buttons: readonly ShownButton[], text: string, options: MatchOptions = {}): string | undefined {
  if (buttons.length === 0) return undefined;
  const forms = typedForms(text).filter(Boolean);
  if (forms.length === 0) return undefined;
  if (options.numbers !== false) {
    const number = pickedNumber(text, buttons.length);
    if (number !== undefined) return buttons[number - 1]?.payload;
  }
  const keys = buttons.map((b) => labelKey(b.label));
  const exact = unique(buttons.filter((_, i) => forms.includes(keys[i]!)));
  if (exact) return exact;
  if (options.prefix === false) return undefined;
  const long = forms.filter((f) => f.length >= 3);
  if (long.length === 0) return undefined;
  return unique(buttons.filter((_, i) => long.some((f) => keys[i]!.startsWith(f) || wordPrefix(keys[i]!, f))));
}

/** "phong hop" is a prefix of the words of "dat phong hop" after the first word ("Đặt phòng họp"). */
function wordPrefix(key: string, typed: string): boolean {
  const words = key.split(' ');
  for (let i = 1; i < words.length; i++) if (words.slice(i).join(' ').startsWith(typed) && typed.includes(' ')) return true;
  return false;
}

function unique(buttons: readonly ShownButton[]): string | undefined {
  const payloads = [...new Set(buttons.map((b) => b.payload))];
  return payloads.length === 1 ? payloads[0] : undefined;
}

const YES_WORDS = new Set([
  'co', 'vang', 'da', 'u', 'uh', 'um', 'ok', 'oke', 'okay', 'dung', 'duoc', 'chuan', 'chinh', 'xac', 'gui', 'dong', 'y',
  'chac', 'chan', 'roi', 'luon', 'di', 'nhe', 'nha', 'a', 'ah', 'yes', 'yeah', 'yep', 'sure', 'send', 'submit', 'confirm',
  'correct', 'right', 'it', 'agree', 'please', 'nhan', 'the', 'vay', 'lam', 'on', 'ban', 'em', 'anh', 'chi', 'minh',
  'toi', 'cam', 'thanks', 'dat', 'book', 'uk', 'uki', 'oki', 'okie', 'okey', 'okela', 'yup', 'ya',
  // "chốt" (settled, as a buyer confirms an order), casual spellings and the admin particle.
  'chot', 'okok', 'oce', 'okla', 'lun', 'admin', 'nhen', 'uhm', 'don',
  // Praise that agrees at a yes/no question ("perfect, book it", "tuyệt, đặt luôn").
  'perfect', 'great', 'fine', 'alright', 'cool', 'good', 'tuyet', 'then',
]);
const YES_HEADS = new Set(['perfect', 'great', 'fine', 'alright', 'cool', 'good', 'tuyet', 'chot', 'okok', 'oce', 'okla', 'uhm', 'um', 'co', 'vang', 'u', 'uh', 'uk', 'uki', 'ok', 'oke', 'oki', 'okie', 'okey', 'okela', 'okay', 'yup', 'ya', 'dung', 'duoc', 'chuan', 'chinh', 'gui', 'dong', 'chac', 'yes', 'yeah', 'yep', 'sure', 'send', 'submit', 'confirm', 'correct', 'right', 'agree', 'xac']);
const NO_WORDS = new Set(['khong', 'ko', 'k', 'hong', 'chua', 'sai', 'thoi', 'no', 'nope', 'nah', 'not', 'wrong']);

/** A word typed with its last letter held ("okkk", "yesss", "uhhh") as the word, when that is a yes or no word. */
function unstretched(word: string): string {
  const short = word.replace(/(.)\1+$/, '$1');
  return short !== word && (YES_WORDS.has(short) || NO_WORDS.has(short)) ? short : word;
}

/**
 * Whether a short typed answer says yes or no, or neither. Yes needs a yes word first and
 * nothing but yes words and particles after it ("đúng, gửi đi", "ok luôn nhé"); any negation
 * ("không đúng", "chưa") makes it no.
 *
 * @example
 * affirmation('dạ đúng rồi ạ') // 'yes'
 * affirmation('không, sửa lại') // 'no'
 */
export function affirmation(text: string): 'yes' | 'no' | undefined {
  const words = labelKey(normalizeForMatching(text)).split(' ').filter(Boolean).map(unstretched);
  if (words[0] === 'ua' && southernYes(text, words.length)) words[0] = 'u';
  if (words.length === 0 || words.length > 8) return undefined;
  if (asksYesNo(words)) return undefined; // "có wifi ko": a question to the bot, not a "no"
  if (words.some((w) => NO_WORDS.has(w))) return NO_WORDS.has(words[0]!) || words.length <= 4 ? 'no' : undefined;
  if (!YES_HEADS.has(words[0]!) && !(words[0] === 'da' && words.length > 1)) return undefined;
  return words.every((w) => YES_WORDS.has(w)) ? 'yes' : undefined;
}

/**
 * "ừa" (Southern "ừ": yes) leading an answer, which folds to "ua" as "ủa" (huh?) does: the accented
 * "ừa", or "ua" without accents before more words ("ua dung roi"); never "ủa" / "uả".
 */
function southernYes(text: string, words: number): boolean {
  const first = text.trim().normalize('NFC').toLowerCase().split(/[\s,.!]+/u)[0] ?? '';
  return first === 'ừa' || (first === 'ua' && words > 1);
}

/** Yes words that may lead a longer answer ("có, e làm full", "yes, me", "yes move it"). */
const LEADING_YES = new Set(['co', 'vang', 'yes', 'yeah', 'yep', 'yup', 'ya', 'ok', 'oke', 'okay', 'u', 'uh', 'uk', 'dung', 'sure', 'correct', 'right', 'absolutely', 'definitely']);
/** No words that may lead a longer answer ("không, chỉ có mình em part-time", "no, just me"). */
const LEADING_NO = new Set(['khong', 'ko', 'k', 'hong', 'chua', 'no', 'nope', 'nah']);
/**
 * Words that, after "có" or "không", make it no answer: "có lẽ / có thể / có khi / có vẻ / có
 * lúc" (maybe, sometimes), "không biết / không rõ / không chắc / không sao" (unsure, or "never
 * mind"), "có ai / có gì" (asking).
 */
const NOT_AN_ANSWER_AFTER = new Set(['le', 'the', 'khi', 've', 'luc', 'ai', 'gi', 'biet', 'bit', 'ro', 'chac', 'nho', 'sao', 'hieu']);
/** Question words anywhere in the text, folded: such a text asks ("có chương trình nào …"). */
const ASKING = new Set(['nao', 'gi', 'sao', 'dau', 'bao', 'may', 'what', 'which', 'how', 'why', 'where', 'when', 'who']);

/**
 * A yes or no that leads a longer answer, for a yes/no question: "có, e làm full", "yes, me",
 * "yes move it", "không, chỉ có mình em part-time", "no, just me". A whole short yes or no
 * (`affirmation`) first. Never a question ("có ai làm toàn thời gian không?", "có chương trình
 * nào cho sinh viên"), "có lẽ" / "có thể" (maybe), "không biết", nor a yes that is taken back
 * ("có, nhưng không …").
 *
 * @example
 * leadingYesNo('có, e làm full') // 'yes'
 * leadingYesNo('có wifi ko')     // undefined
 */
export function leadingYesNo(text: string): 'yes' | 'no' | undefined {
  if (saysUnknown(text)) return undefined;
  const words = labelKey(normalizeForMatching(text)).split(' ').filter(Boolean).map(unstretched);
  const [head, second] = [words[0] ?? '', words[1] ?? ''];
  if ((LEADING_YES.has(head) || LEADING_NO.has(head)) && NOT_AN_ANSWER_AFTER.has(second)) return undefined;
  const said = affirmation(text);
  if (said) return said;
  if (text.includes('?') || words.length < 2 || words.length > 25 || asksYesNo(words)) return undefined;
  if (words.some((w) => ASKING.has(w))) return undefined;
  const rest = words.slice(1);
  if (LEADING_YES.has(head)) return rest.some((w) => NO_WORDS.has(w) || w === 'nhung' || w === 'but') ? undefined : 'yes';
  if (LEADING_NO.has(head)) return 'no';
  return undefined;
}

// A refused cancellation, then what to do instead ("không hủy đâu, đặt đi", "đừng hủy nhé, gửi
// luôn", "don't cancel, book it"): folded words, punctuation gone.
const REFUSED_CANCEL = /^(?:(?:minh|em|toi|tui|i) )?(?:khong|dung|chua|don t|dont|do not)(?: (?:muon|can|phai|want to|need to))? (?:huy|cancel|huy bo)(?: (?:dau|nha|nhe|a|it|nua|lich))*(?: (?:ma|but|chi|cu|just))* (.+)$/;
// Words that go ahead with what is being confirmed.
const PROCEED = /^(?:(?:cu|cho (?:minh|em|toi)) )?(?:dat|book|gui|send|submit|xac nhan|confirm|tiep tuc|tiep|lam tiep|go ahead|continue|keep going|proceed)(?: |$)/;

/**
 * Whether a text refuses to cancel and says to go ahead ("không hủy đâu, đặt đi", "don't cancel,
 * book it", "ko hủy, gửi luôn"): a yes to a summary, where "không" alone would be a no. Only
 * for questions whose yes goes ahead (a booking's or an application's summary), never a
 * question whose yes cancels.
 *
 * @example
 * goesAheadAfterNotCancelling('không hủy đâu, đặt đi') // true
 * goesAheadAfterNotCancelling('không hủy')             // false
 */
export function goesAheadAfterNotCancelling(text: string): boolean {
  const rest = REFUSED_CANCEL.exec(labelKey(normalizeForMatching(text)))?.[1];
  return rest !== undefined && (PROCEED.test(rest) || affirmation(rest) === 'yes');
}

/**
 * Whether folded words are a Vietnamese yes/no question, "có … không" / "… được không" with
 * something between ("có wifi ko", "có chỗ để xe không", "mang đồ ăn vào được không"): asked,
 * not answered.
 */
function asksYesNo(words: readonly string[]): boolean {
  const last = words[words.length - 1];
  if (words.length < 3 || NO_WORDS.has(words[0]!) || (last !== 'khong' && last !== 'ko' && last !== 'k' && last !== 'hong')) return false;
  return words.includes('co') || words[words.length - 2] === 'duoc';
}

/** Words around a typed yes that name nothing ("ừ hủy đi", "ok xóa luôn nhé", "dạ giữ lại ạ"). */
const PARTICLES = new Set([
  'u', 'uh', 'um', 'ok', 'oke', 'okay', 'vang', 'da', 'co', 'dung', 'duoc', 'roi', 'luon', 'di', 'nhe', 'nha', 'a', 'ah',
  'lai', 'the', 'vay', 'giup', 'minh', 'toi', 'em', 'anh', 'chi', 'ban', 'yes', 'yeah', 'yep', 'sure', 'please', 'it', 'now',
]);

/**
 * The button a yes that names it picks: to "✖️ Hủy lịch K7QX2M / ↩️ Giữ lịch", "ừ hủy đi" is the
 * first and "ok giữ lại nhé" (or "thôi giữ lại") the second; to "🗑 Xóa hết / Giữ lại", "ừ xóa đi" is the first. The
 * text starts with a yes, has no negation, and every other word is in the label of one button
 * only. Undefined otherwise (a bare "ok" to two buttons says neither).
 *
 * @example
 * affirmedButton([{ label: '✖️ Hủy lịch K7QX2M', payload: 'booking:cancel:7' }, { label: '↩️ Giữ lịch', payload: 'booking:mine' }], 'ừ hủy đi') // 'booking:cancel:7'
 */
export function affirmedButton(buttons: readonly ShownButton[], text: string): string | undefined {
  const words = labelKey(normalizeForMatching(text)).split(' ').filter(Boolean);
  if (words.length < 2 || words.length > 8 || /đừng|chẳng/iu.test(text.normalize('NFC'))) return undefined;
  // "thôi" first says "never mind, then …": "thôi giữ lại" keeps, "thôi hủy đi" cancels; any
  // other negation ("không hủy", "thôi khỏi hủy") says what not to do, so no button.
  const thoi = words[0] === 'thoi';
  if (words.some((w, i) => (NO_WORDS.has(w) && !(thoi && i === 0)) || w === 'khoi')) return undefined;
  if (!YES_HEADS.has(words[0]!) && words[0] !== 'da' && !thoi) return undefined;
  const named = words.filter((w, i) => !PARTICLES.has(w) && !(thoi && i === 0));
  if (named.length === 0) return undefined;
  const labels = buttons.map((b) => new Set(labelKey(b.label).split(' ')));
  return unique(buttons.filter((_, i) => named.every((w) => labels[i]!.has(w))));
}

/**
 * Whether a short text says the founder has none of what is asked: "không", "ko có", "chưa có
 * ạ", "mik ko có email", "no", "none", "no email", "I don't have one". Not "không biết" (a
 * wrong answer to re-ask, with a person offered after three).
 *
 * @example
 * saysNone('mik ko có email') // true
 * saysNone('không biết')      // false
 */
export function saysNone(text: string): boolean {
  const words = labelKey(normalizeForMatching(text)).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  const rest = words.slice(1).filter((w) => !PARTICLES.has(w));
  if (['khong', 'chua', 'no', 'none', 'nope', 'nah'].includes(words[0]!) && rest.length === 0) return true;
  if (words[0] === 'no' || words[0] === 'none') return true; // "no email", "none yet"
  const said = ` ${words.join(' ')} `;
  return / (khong|chua) co /.test(said) || / (don t|do not|dont) have /.test(said);
}

/**
 * "There is no name yet", folded: who ("mình", "bên em", "dự án"), then "chưa / không / ko",
 * then "có / đặt / nghĩ ra" and "tên" ("chưa có tên", "ko có tên ạ", "chưa đặt tên", "dự án chưa
 * có tên nữa"), or in English "no name (yet)", "we don't have a name yet", "not named yet",
 * "haven't named it".
 */
const NO_NAME = new RegExp([
  String.raw`^(?:(?:minh|em|e|toi|tui|mk|mik|ben (?:em|minh|toi)|bon (?:em|minh)|du an|startup|cong ty|nhom)(?: (?:minh|em|toi))? )*(?:(?:van|cung|hien|hien tai|tam) )*(?:khong|chua|hong) (?:co |dat |nghi |nghi ra |dat duoc |co duoc )?ten(?: (?:gi|goi|chinh thuc|du an|startup|cong ty|nua|dau|ca|het|a|ak|ah|nhe|nha|ad|oi|luon|ban oi))*$`,
  String.raw`^(?:(?:it has|there s|there is|we have|i have|still|currently) )?(?:no|not a) name(?: (?:yet|for now|at the moment|so far|sorry))*$`,
  String.raw`^(?:(?:we|i|it) )?(?:don t|do not|dont|doesn t|does not|haven t|have not|hasn t) (?:have a name|got a name|named it|have one|have a project name|have a startup name)(?: (?:yet|for now|so far))*$`,
  String.raw`^(?:(?:it s|it is|its) )?(?:not|un)(?: yet)? ?named(?: (?:yet|for now))*$`,
].join('|'));

/**
 * Whether a reply to a name question says there is no name yet ("chưa có tên", "ko có tên",
 * "chưa đặt tên", "no name yet"): the question is skipped, never the name "ko có tên".
 *
 * @example
 * saysNoName('ko có tên')   // true
 * saysNoName('Tên Lửa Xanh') // false
 */
export function saysNoName(text: string): boolean {
  return NO_NAME.test(labelKey(text)) || NO_NAME.test(labelKey(normalizeForMatching(text)));
}

/** A reply that does not know the answer, folded: "không biết", "ko bít", "chưa rõ", "not sure". */
const UNKNOWN = /^(?:(?:minh|em|toi|mk|e|i) )?(?:(?:cung|van) )?(?:khong|ko|k|chua|hong) (?:biet|bit|ro|nho|chac)(?: (?:lam|nua|a|ak|ah|nhe|nha|ad|oi|chinh xac|ro))*$|^(?:i )?(?:don t|do not|dont) (?:know|remember)(?: yet)?$|^(?:not sure|no idea|idk|dunno|unsure)(?: yet)?$/;

/**
 * Whether a reply says the founder does not know ("ko biết nữa", "chưa rõ lắm", "not sure",
 * "idk"): at an optional question, no answer; at a required one, a wrong answer to re-ask.
 *
 * @example
 * saysUnknown('ko biet nua') // true
 * saysUnknown('không biết đặt ở đâu') // false
 */
export function saysUnknown(text: string): boolean {
  return UNKNOWN.test(labelKey(text)) || UNKNOWN.test(labelKey(normalizeForMatching(text)));
}

/** Words asking why the bot asks, folded ("tại sao phải trả lời", "hỏi để làm gì", "why"). */
const WHY = /(?:^| )(?:tai sao|vi sao|sao phai|de lam gi|lam gi vay|hoi lam gi|hoi chi|why)(?: |$)/;

/**
 * Whether a reply asks why the question is asked ("tại sao phải trả lời câu này", "hỏi cái này
 * để làm gì", "why do you need this?"): answered, not counted as a wrong answer.
 *
 * @example
 * asksWhy('tai sao phai tra loi cau nay') // true
 */
export function asksWhy(text: string): boolean {
  const words = labelKey(normalizeForMatching(text));
  const count = words.split(' ').length;
  // A longer "why" must be about the question ("tại sao phòng họp đóng cửa chủ nhật" is not).
  return WHY.test(words) && (count <= 4 || (count <= 12 && ABOUT_THE_QUESTION.test(words)));
}

/** Words pointing at the question asked ("câu này", "phải trả lời", "this", "need"), folded. */
const ABOUT_THE_QUESTION = /(?:^| )(?:cau nay|cai nay|cau hoi|hoi|tra loi|thong tin nay|dien|khai|this|that|need|ask|answer)(?: |$)/;

/** Words of a reply that gives nothing ("không có gì", "ko ạ", "no thanks", "nothing more"), folded. */
const NOTHING_WORDS = new Set([
  'khong', 'chua', 'co', 'gi', 'them', 'nua', 'het', 'roi', 'y', 'kien', 'gop',
  'no', 'none', 'nothing', 'nope', 'nah', 'thanks', 'thank', 'you', 'more', 'else', 'na', 'n', 'cam', 'on',
]);
const NOTHING_HEADS = new Set(['khong', 'chua', 'no', 'none', 'nothing', 'nope', 'nah', 'na']);

/**
 * Whether a reply to an optional free-text question (a comment, a startup's name) says there is
 * nothing to give: "không", "ko có gì", "không có góp ý gì thêm ạ", "chưa có", "no", "nothing",
 * "no thanks". Stricter than `saysNone`: "không có chỗ gửi xe" is a comment, and is kept.
 *
 * @example
 * saysNothing('ko co gi a')          // true
 * saysNothing('không có chỗ gửi xe') // false
 */
export function saysNothing(text: string): boolean {
  const words = labelKey(normalizeForMatching(text)).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 8 || !NOTHING_HEADS.has(words[0]!)) return false;
  return words.every((w) => NOTHING_WORDS.has(w) || PARTICLES.has(w));
}
