/**
 * A question about the consent itself ("sao phải đồng ý z", "tại sao cần đồng ý", "đồng ý để làm
 * gì", "không đồng ý thì sao", "why do I have to agree?", "what if I don't accept") asks for the
 * reasons, it does not agree: the NLU read "sao phải đồng ý z" as `consent_accept` from its
 * "đồng ý" and the founder's consent was recorded. Such a question gets the full notice and the
 * buttons again. And only words that agree count as agreeing (`agreeingWords`): the model's
 * guess alone is not consent.
 *
 * @example
 * asksWhyConsent('sao phải đồng ý z') // true
 * asksWhyConsent('ok vậy đồng ý')     // false
 */
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';

/** The subject of the notice, folded: agreeing, the terms, the data. */
const CONSENT_SUBJECT = /(?:^| )(?:dong y|chap nhan|dieu khoan|thong bao|bao mat|du lieu|thong tin ca nhan|consent|agree|agreeing|accept|terms|privacy|data)(?= |$)/;
/** Asking why, what for, or what happens otherwise, folded. "sao cũng được" (whatever) is no question. */
const ASKING_WHY = /(?:^| )(?:(?:tai |vi |la )?sao(?! cung)|de lam gi|lam gi|de chi|bat buoc|co can|can gi|the nao|nhu the nao|ra sao|why|what for|what happens|what if|how come|do i (?:have|need) to|must i|is it (?:required|mandatory|necessary|needed)|neu (?:khong|toi khong|minh khong|em khong|tu choi)|if i (?:don t|do not|refuse|decline|say no))(?= |$)/;

function folded(text: string): string[] {
  return [foldWords(text), foldWords(normalizeForMatching(text))];
}

/**
 * Whether the text asks about the consent (why it is needed, what it is for, what happens
 * without it) rather than answering it.
 *
 * @example
 * asksWhyConsent('why do I have to agree?') // true
 */
export function asksWhyConsent(text: string): boolean {
  return folded(text).some((f) => CONSENT_SUBJECT.test(f) && (ASKING_WHY.test(f) || (text.trim().endsWith('?') && !/^(?:ok|oke|okay|vang|da|co|yes|u) /.test(f))));
}

/** Words of agreeing, folded ("đồng ý", "ok", "chấp nhận", "được", "I agree", "sure"). */
const AGREEING = /(?:^| )(?:dong y|dong y het|nhat tri|chap nhan|cho phep|ok|oke|okay|oki|okie|duoc|dc|vang|da|co|u|uh|um|chiu|agree|agreed|accept|accepted|yes|yeah|yep|yup|sure|fine|alright|go ahead|of course|why not|tat nhien)(?= |$)/;

/**
 * Whether the text has a word that agrees: what the NLU reads as agreeing must say so too.
 *
 * @example
 * agreeingWords('dạ em đồng ý ạ') // true
 * agreeingWords('environment')    // false
 */
export function agreeingWords(text: string): boolean {
  return folded(text).some((f) => AGREEING.test(f));
}
