/**
 * Words that work in every step of every flow, in Vietnamese and English, with or without
 * diacritics: menu, back, cancel, help, talk to staff, skip (optional questions), done (multiple
 * choice), continue / start over (after a long pause).
 *
 * @example
 * universalWord('Hủy')         // 'cancel'
 * universalWord('gap can bo')  // 'staff'
 */
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';

export type UniversalWord = 'menu' | 'back' | 'cancel' | 'help' | 'staff' | 'skip' | 'done' | 'continue' | 'restart';

const WORDS: Record<UniversalWord, readonly string[]> = {
  menu: ['menu', '/menu', 'menu chinh', 'trang chu', 'main menu', 've menu', 'quay ve menu'],
  back: [
    'back', 'go back', 'quay lai', 'tro lai', 'lui lai', 'lui', 'cau truoc', 'previous', '/back',
    'quay lai cau truoc', 'tro lai cau truoc', 've cau truoc', 'previous question', 'go back one', 'back one', 'the previous question',
    'sua cau truoc', 'sua lai cau truoc', 'sua cau tren', 'sua lai cau tren', 'doi cau truoc', 'doi lai cau truoc',
    'edit the previous answer', 'change my previous answer', 'change the previous answer',
  ],
  cancel: [
    'huy', 'huy bo', 'thoi huy', 'dung lai', 'thoat', 'cancel', 'stop', 'quit', 'exit', 'abort', '/cancel',
    'ket thuc', 'ket thuc di', 'thoi', 'thoi khoi', 'thoi bo', 'thoi dung lai', 'khong lam nua', 'thoi khong lam nua',
    'dung lai di', 'end', 'stop it',
  ],
  help: ['help', 'tro giup', 'giup', 'giup toi', 'giup do', 'huong dan', '/help', 'can giup'],
  staff: [
    'gap can bo', 'can bo', 'gap nhan vien', 'nhan vien', 'noi chuyen voi nguoi', 'gap nguoi that', 'nguoi that',
    'tu van vien', 'gap tu van vien', 'lien he can bo', 'talk to staff', 'staff', 'human', 'talk to a person',
    'real person', 'agent', 'operator', '/staff',
  ],
  skip: ['bo qua', 'skip', 'khong tra loi', 'de sau', 'next', '/skip'],
  done: ['xong', 'xong roi', 'done', 'finish', 'finished'],
  continue: ['tiep tuc', 'tiep', 'continue', 'resume', 'lam tiep'],
  restart: ['lam lai', 'bat dau lai', 'lam lai tu dau', 'start over', 'restart', 'again'],
};

const LOOKUP: ReadonlyMap<string, UniversalWord> = new Map(
  (Object.entries(WORDS) as [UniversalWord, readonly string[]][]).flatMap(([word, forms]) => forms.map((f) => [f, word])),
);

// The forms that cannot be anything else, spelled as typed (accents kept): at a free-text step
// (a name, a company, a comment) only these leave the step, so "Huy" stays a name while "hủy",
// "/cancel" and the button still cancel.
const UNAMBIGUOUS: Record<UniversalWord, readonly string[]> = {
  menu: ['menu', '/menu', 'menu chính', 'về menu', 'main menu'],
  back: ['quay lại', 'trở lại', 'câu trước', 'sửa câu trước', 'sửa lại câu trước', 'sửa câu trên', 'back', 'go back', '/back'],
  cancel: [
    'hủy', 'huỷ', 'hủy bỏ', 'huỷ bỏ', 'thôi hủy', 'dừng lại', 'thoát', 'cancel', 'quit', 'exit', 'abort', '/cancel',
    'kết thúc', 'thôi', 'thôi khỏi', 'thôi bỏ', 'không làm nữa', 'thôi không làm nữa', 'stop',
    // Without accents, the forms no name spells: several words, or "thoi" in lower case (phones
    // type "thoi" for "thôi"; a name "Thôi" is rare and would come capitalised more often).
    'huy bo', 'thoi huy', 'dung lai', 'ket thuc', 'thoi khoi', 'thoi bo', 'khong lam nua', 'thoi khong lam nua',
  ],
  help: ['trợ giúp', 'giúp tôi', 'hướng dẫn', 'help', '/help'],
  staff: ['gặp cán bộ', 'gặp nhân viên', 'gặp người thật', 'talk to staff', 'talk to a person', '/staff'],
  skip: ['bỏ qua', 'để sau', 'skip', '/skip'],
  done: ['xong', 'xong rồi', 'done', 'finish'],
  continue: ['tiếp tục', 'làm tiếp', 'continue', 'resume'],
  restart: ['làm lại', 'bắt đầu lại', 'start over', 'restart'],
};

/**
 * Cancel forms that are also a "no" ("thôi"): at a yes/no or choice question that reads them as
 * its answer they answer it; elsewhere they end the flow like "hủy".
 */
const ALSO_AN_ANSWER: ReadonlySet<string> = new Set(['thoi', 'thoi khoi', 'thoi bo']);

/**
 * Whether a universal word typed as `text` should give way to the step's own reading of it.
 *
 * @example
 * yieldsToAnswer('Thôi') // true
 * yieldsToAnswer('hủy')  // false
 */
export function yieldsToAnswer(text: string): boolean {
  return ALSO_AN_ANSWER.has(foldWords(text));
}

const STRICT: ReadonlyMap<string, UniversalWord> = new Map(
  (Object.entries(UNAMBIGUOUS) as [UniversalWord, readonly string[]][]).flatMap(([word, forms]) => forms.map((f) => [f.normalize('NFC'), word])),
);

/**
 * The universal word a text is only in its unambiguous form (accents as written, or a command),
 * for free-text steps where "Huy" is a name and "hủy" still cancels.
 *
 * @example
 * strictUniversalWord('Huy')  // undefined
 * strictUniversalWord('Hủy!') // 'cancel'
 * strictUniversalWord('thoi') // 'cancel' ('Thoi' stays a name)
 */
export function strictUniversalWord(text: string): UniversalWord | undefined {
  const trimmed = text.normalize('NFC').replace(/[.!?…\s]+$/u, '').replace(/\s+/g, ' ').trim();
  if (trimmed === 'thoi') return 'cancel';
  // "hủyy", "thôii": the last letter held or typed twice, as phones do.
  return STRICT.get(trimmed.toLowerCase()) ?? STRICT.get(trimmed.toLowerCase().replace(/(\p{L})\1+$/u, '$1'));
}

/**
 * The universal word a text is (the whole text, folded), or undefined.
 *
 * @example
 * universalWord('Quay lại') // 'back'
 */
export function universalWord(text: string): UniversalWord | undefined {
  const folded = foldWords(text);
  // Both forms: casual spellings expanded ("ko"), and as typed (English words the expansion splits).
  return LOOKUP.get(folded) ?? (GIVING_UP.test(foldWords(normalizeForMatching(text))) || GIVING_UP.test(folded) ? 'cancel' : undefined);
}

/**
 * "Not any more" said of what the flow is doing: "thôi ko đặt nữa", "không đăng ký nữa đâu",
 * "thôi khỏi đặt", "thôi khỏi tìm chương trình", "ko cần tìm nữa", "never mind", "forget it", "I don't want to book anymore", or put off: "thôi
 * để mai tính", "để lúc khác nhé", "maybe later" (folded, casual spellings expanded). Whole
 * sentences of giving up, so "không" alone stays a no ("để sau" alone stays a skip).
 */
const GIVING_UP_SENTENCE = (
  String.raw`(?:(?:a |u |thoi |vay |the )?(?:thoi )?(?:minh |em |toi )?(?:khong|chua|khoi) (?:can |muon )?(?:dat|lam|dang ky|tra loi|book|dat cho|dat phong|khao sat|tim|xem)(?: \S+){0,3} nua(?: dau| a| nhe| nha| roi)*`
  // Stopping what the flow does, named: "dừng khảo sát", "tạm dừng nhé", "dừng lại việc đặt chỗ", "pause the survey"; or "làm sau", "để làm sau nhé".
  + String.raw`|(?:thoi )?(?:tam dung(?: lai)?(?: (?:viec )?(?:khao sat|lam|dat cho|dat phong|dat|dang ky|tim|tra loi)(?: \S+){0,2})?|dung(?: lai)? (?:viec )?(?:khao sat|lam|dat cho|dat phong|dat|dang ky|tim|tra loi)(?: \S+){0,2})(?: nhe| nha| a| di| da)*`
  + String.raw`|(?:thoi )?(?:de )?(?:minh |em |toi )?(?:lam|tra loi|dien) sau(?: nhe| nha| a| di| vay)*|pause(?: the survey| it| for now)?`
  // "thôi khỏi tìm chương trình", "khỏi đặt phòng nữa": the flow's own thing named after "khỏi".
  + String.raw`|(?:thoi )?khoi (?:dat|lam|dang ky|tim|xem)(?: \S+){0,3}?(?: nua)?(?: nhe| nha| a| di)*`
  // Putting it off: "thôi để mai tính", "để lúc khác nhé", "thôi để sau đi", "maybe later".
  + String.raw`|(?:thoi )?de (?:mai|hom khac|luc khac|khi khac|dip khac|bua khac|sau)(?: (?:minh |em |toi )?(?:tinh|tinh sau|tinh tiep|quyet|xem lai|lam|dat|dat sau|dat lai|hoi lai))?(?: nhe| nha| a| di| vay)*`
  // Not "later" or "another time" alone: at a booking's times they ask for a later or another one.
  + String.raw`|(?:ok |okay )?maybe later(?: then| thanks)*|(?:ok|okay) later(?: then| thanks)*|(?:i ll|i will|let me) (?:do it|decide|book|think about it|come back)(?: \S+)?(?: later| another time)`
  // Carrying on another day: "thôi mai làm tiếp", "để mai làm tiếp nhé", "mai trả lời tiếp", "I'll continue tomorrow".
  + String.raw`|(?:ok |oke |u |vay |thoi )*(?:de )?(?:minh |em |toi )?(?:mai|hom khac|luc khac|khi khac|toi mai|chieu mai|lat nua) (?:minh |em |toi )?(?:lam|tra loi|dien|tinh|noi chuyen) (?:tiep|sau|not|tiep nhe)(?: nhe| nha| a| di| ad| nhen)*`
  + String.raw`|(?:ok |okay |so |thanks )?(?:i ll|i will|let me|we ll) (?:continue|finish|carry on|come back)(?: \S+){0,2}? (?:tomorrow|later|another day|another time)`
  // A goodbye in the middle of a flow, with "thôi / thôi khỏi / thanks" before it: "thôi khỏi, bye ad", "thanks, bye!".
  + String.raw`|(?:(?:thoi|thoi khoi|thoi bo|ok|okay|thanks|thank you|cam on|cam on nhe) )*(?:bye|bye bye|bai|bai bai|goodbye|tam biet)`
  + String.raw`|never ?mind|forget (?:it|about it)|i (?:don t|do not) want (?:to \S+ )?(?:it )?any ?more|no longer needed`
  // Putting it off in so many words: "I'll apply later", "để mình đăng ký sau", "mình sẽ làm sau".
  + String.raw`|(?:i ll|i will|we ll|we will|let me|let us) (?:apply|register|sign up|fill (?:it|this) in|do (?:it|this|that)|finish|continue)(?: \S+){0,2}? (?:later|another time|another day|tomorrow)`
  + String.raw`|(?:de )?(?:minh|em|toi|tui|mk|mik|e) (?:se )?(?:dang ky|lam|dien|tra loi|nop|hoi) (?:sau|lai sau|tiep sau|hom khac|luc khac))`
);
/** A hesitation before giving up ("hmm never mind", "à thôi"), folded. */
const HESITATION = String.raw`(?:(?:hmm+|hm+|uhm*|um+|ah|oh|well|a|o|u|ok|okay|oke|thoi) )*`;
const GIVING_UP = new RegExp(
  String.raw`^${HESITATION}${GIVING_UP_SENTENCE}(?: ${GIVING_UP_SENTENCE})?`
  // A goodbye after giving up or putting off: "thôi mai làm tiếp, bye", "maybe later, bye".
  + String.raw`(?: (?:bye|bye bye|bai|goodbye|tam biet|thanks|thank you|cam on|nhe|nha|ad|admin|a))*$`,
);

/**
 * Whether a sentence gives up or puts off what the flow is doing ("hmm never mind, I'll apply
 * later", "thôi để mình đăng ký sau"): at a free-text step too, where single words stay answers
 * ("Huy" is a name), no answer to "what problem does it solve?" says so.
 *
 * @example
 * givesUp("hmm never mind, I'll apply later") // true
 * givesUp('Huy')                              // false
 */
export function givesUp(text: string): boolean {
  return GIVING_UP.test(foldWords(normalizeForMatching(text))) || GIVING_UP.test(foldWords(text));
}

/**
 * "Let's continue" said as more than the word ("ok let's continue the application", "ok tiếp
 * tục nhé"), folded: at a question it asks to go on, so the question comes again; it is no yes.
 */
const CONTINUING = /^(?:(?:ok|okay|oke|u|vay|thoi|da|alright|well|yes|yeah) )*(?:(?:let s|lets|let us|minh|em|cho minh|we can|can we) )?(?:continue|carry on|go on|keep going|tiep tuc|lam tiep)(?: (?:the|my|this|with|it|application|registration|booking|survey|questions|don|dang ky|ho so|khao sat|di|nhe|nha|a|now|then|please|thoi|nao))*$/;

/**
 * Whether a text asks to go on with the flow (see `CONTINUING`).
 *
 * @example
 * saysContinue("ok let's continue the application") // true
 */
export function saysContinue(text: string): boolean {
  return CONTINUING.test(foldWords(text));
}
