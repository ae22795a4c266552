/**
 * Questions a founder deserves a straight answer to, whatever the model reads: "are you a bot or
 * a person?" ("bạn là người thật hay máy vậy", "am I talking to a human?") gets "an automatic
 * assistant; a person is one button away", and a question about what happens to one's data ("các
 * bạn có bán dữ liệu cho ai không", "what do you do with my data?") gets the privacy notice's own
 * answer (kept for what, never sold or shared, how long, /me and /forget), before consent too.
 *
 * @example
 * asksIfBot('bạn là người thật hay máy vậy')           // true
 * asksAboutPrivacy('các bạn có bán dữ liệu cho ai không') // true
 */
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';

function forms(text: string): string[] {
  return [foldWords(normalizeForMatching(text)), foldWords(text)];
}

/** "Bot or person?", folded. */
const BOT_OR_PERSON = new RegExp([
  String.raw`nguoi that hay (?:may|bot|robot|ai|tu dong)`,
  String.raw`(?:may|bot|robot|chatbot) hay (?:la )?nguoi(?: that)?`,
  String.raw`(?:^| )(?:ban|em|ad|admin|uom|day) (?:co phai )?la (?:bot|robot|chatbot|may|nguoi that|nguoi hay may|ai that)(?: (?:a|ha|hay sao|vay|khong|ko|phai khong|z|day|nhi))*$`,
  String.raw`(?:^| )co phai (?:la )?(?:bot|robot|chatbot|may tra loi|tra loi tu dong|nguoi that)`,
  String.raw`(?:^| )(?:are you|r u|is this|am i (?:talking|chatting|speaking) (?:to|with)) (?:a |an )?(?:bot|robot|chatbot|human|real person|person|machine|ai|real)(?: |$)`,
].join('|'));

/** Whether a text asks if the bot is a person. @example asksIfBot('are you a bot?') // true */
export function asksIfBot(text: string): boolean {
  return forms(text).some((f) => BOT_OR_PERSON.test(f));
}

/** One's data, folded. */
const DATA = /(?:^| )(?:du lieu|thong tin ca nhan|thong tin cua (?:minh|em|toi|tui)|bao mat|quyen rieng tu|privacy|personal data|my data|my information|my info|my details)(?: |$)/;
/** What is asked of it: selling, sharing, what for, how long, how safe. */
const CONCERN = /(?:^| )(?:ban|chia se|dung vao|dung de|dung lam|lam gi|viec gi|muc dich|bao lau|an toan|bao ve|ai xem|cho ai|ben thu ba|sell|sold|share|shared|used? for|do with|how long|who (?:can )?sees?|safe|secure|protect|third part(?:y|ies))(?: |$)/;

/**
 * Whether a text asks what happens to one's data (not a request to see or erase it).
 *
 * @example
 * asksAboutPrivacy('dữ liệu của mình dùng vào việc gì, có bán cho ai không') // true
 * asksAboutPrivacy('xóa dữ liệu của mình')                                 // false
 */
export function asksAboutPrivacy(text: string): boolean {
  return forms(text).some((f) => DATA.test(f) && CONCERN.test(f));
}
