/**
 * A greeting that comes with an introduction ("Chào bạn, mình mới tham gia nhóm", "Hello Ươm,
 * mình là Lan bên startup nông nghiệp", "hi, I'm Minh from a fintech team") is a greeting: the
 * founder says who they are before asking anything. Read word by word, the introduction's nouns
 * ("tham gia", "startup nông nghiệp") would send it to the programmes; this finds such messages so
 * the classifier reads only their greeting. A message that also asks for something or asks a
 * question is not one of them: its request is what matters.
 *
 * @example
 * greetingOfIntroduction('chao ban, minh moi tham gia nhom', COURTESY) // 'chao ban,'
 * greetingOfIntroduction('chao ad, minh la lan, dat phong hop mai', COURTESY) // undefined
 */

const GREETING_WORD = /^(?:chao|hi+|hello+|helo|hellu|hey|alo|good|morning)$/;
// The founder, their team or their company, then what introduces them: a name, where they come
// from, what they do, or that they have just arrived. "Mới/vừa" only with a verb of arriving:
// "mình mới đăng ký IPP2 hôm qua" is about an application.
const SELF = String.raw`(?:(?:da|vang) )?(?:ten (?:minh|em|toi) la|(?:minh|em|toi|tui|bon (?:minh|em|toi)|chung (?:minh|em|toi)|(?:ben|team|nhom|cong ty|startup|doanh nghiep) (?:minh|em|toi)))`;
const INTRODUCES = String.raw`(?:ten|la|moi (?:tham gia|vao|join|biet|den|ket ban|theo doi)|vua (?:tham gia|vao|join|biet|den)|den tu|tu|o|ben|lam (?:o|ben|ve|trong)|dang lam|thuoc|dai dien|hoat dong)`;
const VI_INTRODUCTION = new RegExp(String.raw`^${SELF} ${INTRODUCES}\b`);
const EN_INTRODUCTION = /^(?:i'?m|i am|my name is|my name's|this is|we are|we're|i just joined|we just joined|i'm new|new here)\b/;
// A request or a question anywhere in a clause makes it more than an introduction.
const ASKS = /\?|\b(?:gi|nao|khong|chua|sao|bao nhieu|bao gio|o dau|the nao|duoc|co the|muon|can|xin|nho|giup|cho (?:em|minh|toi)|hay|vui long|what|how|when|where|which|can|could|would|do you|is there|are there|want|need|please|pls|help)\b/;
// A clause after the introduction that starts with a verb of doing is a request ("…, hủy lịch mai").
const ACTION_START = /^(?:xem|dat|huy|doi|chuyen|xoa|tim|gap|dang ky|lam|check|book|cancel|show|find|delete|mo|bat|tat|dung|ngung|noi|reserve|move|apply|sign|register|stop|switch|speak)\b/;
const MAX_INTRODUCTION_WORDS = 25;

const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}']+/u).filter(Boolean);

/**
 * The greeting of a message that is only a greeting and an introduction, or undefined. `courtesy`
 * are the folded words of courtesy ("chao", "ban", "ad", …).
 */
export function greetingOfIntroduction(normalized: string, courtesy: ReadonlySet<string>): string | undefined {
  const isCourtesy = (words: readonly string[]) => words.length > 0 && words.every((w) => courtesy.has(w));
  const greets = (words: readonly string[]) => words.some((w) => GREETING_WORD.test(w));
  const greeting: string[] = [];
  let introduced = false;
  let introductionWords = 0;
  for (const clause of normalized.split(/(?<=[,.;!?\n])/)) {
    const words = wordsOf(clause);
    if (words.length === 0) continue;
    if (isCourtesy(words) && !introduced) {
      greeting.push(clause);
      continue;
    }
    // "chao ban minh moi tham gia nhom": a greeting and an introduction in one clause.
    const start = introduced ? 0 : introductionStart(words, isCourtesy, greets);
    if (start === undefined) return undefined;
    const rest = words.slice(start).join(' ');
    if (ASKS.test(rest) || ASKS.test(clause)) return undefined;
    if (introduced ? ACTION_START.test(rest) : !(VI_INTRODUCTION.test(rest) || EN_INTRODUCTION.test(rest))) return undefined;
    if (start > 0) greeting.push(words.slice(0, start).join(' '));
    introduced = true;
    introductionWords += words.length - start;
  }
  const said = greeting.join(' ');
  if (!introduced || !greets(wordsOf(said)) || introductionWords > MAX_INTRODUCTION_WORDS) return undefined;
  return said;
}

/** Where an introduction starts in a clause: 0, or after a greeting of courtesy words. */
function introductionStart(
  words: readonly string[],
  isCourtesy: (words: readonly string[]) => boolean,
  greets: (words: readonly string[]) => boolean,
): number | undefined {
  const rest = (k: number) => words.slice(k).join(' ');
  const introduces = (k: number) => VI_INTRODUCTION.test(rest(k)) || EN_INTRODUCTION.test(rest(k));
  if (introduces(0)) return 0;
  for (let k = 1; k < words.length; k += 1) {
    const head = words.slice(0, k);
    if (!isCourtesy(head)) return undefined;
    if (greets(head) && introduces(k)) return k;
  }
  return undefined;
}
