/**
 * What a founder's words say about the handoff itself, read from the normal form (folded, casual
 * spellings expanded: "ủa sao lại chuyển cán bộ" and "ua sao lai chuyen cb" read alike):
 * a complaint about being passed to staff, and a plain question.
 *
 * @example
 * transferComplaint('ủa sao lại chuyển cán bộ, e chỉ hỏi chỗ gửi xe thôi'); // { question: 'cho gui xe' }
 */
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';

function words(text: string): string {
  return foldWords(normalizeForMatching(text));
}

const PEOPLE = '(can bo|cb|nhan vien|nguoi that|nguoi|admin|tu van vien|staff|a human|human|a person|person|someone|an agent|agent|people)';
/** "sao lại chuyển (em sang) cán bộ", "ai bảo chuyển cán bộ", "why did you transfer me". */
const WHY_TRANSFERRED = new RegExp(
  `(^| )(sao|tai sao|vi sao|ai bao|ai cho)( lai| ma)? (chuyen|noi|ket noi|goi|dua)( [a-z]+){0,2}? (cho |sang |toi |qua |voi )?${PEOPLE}( |$)`
  + '|(^| )why (did|do|would|are|have) you( [a-z]+)? (transfer|transferring|transferred|connect|connecting|pass|passing|send|sending|put|hand)',
);
/** "em không cần gặp cán bộ", "mình đâu có hỏi nhân viên", "I didn't ask for a human". */
const NOT_ASKED = new RegExp(
  `(^| )(khong|chua|dau|dau co|co) (can|muon|co|he|doi|nho|bao|yeu cau|hoi) (gap |noi chuyen voi |chuyen |chuyen sang |hoi )?${PEOPLE}( |$)`
  + `|(^| )(didn t|did not|don t|do not|never) (ask|asked|want|need)( for| to talk to| to speak to| to speak with| to talk with)? ${PEOPLE}( |$)`,
);
/** What the founder says they only asked: "e chỉ hỏi chỗ gửi xe thôi", "I only asked about parking". */
const ONLY_ASKED = /(^| )(chi|chi la|chi muon|chi can)( hoi| hoi ve| muon hoi| can hoi)? (.+)$|(^| )(only|just) (asked|wanted to ask|want to ask|wanted to know|want to know)( about)? (.+)$/;
const TRAILING = /( (thoi|ma|a|nha|nhe|vay|the|admin|ad|ak|ah|thoi ma))+$/;

/**
 * Whether the words complain about being passed to staff rather than ask for it, with the
 * question the founder says they meant to ask (if any). A request phrase such as "chuyển cán
 * bộ" inside them is not a request for a person.
 *
 * @example
 * transferComplaint("why did you transfer me? I only asked about parking"); // { question: 'parking' }
 */
export function transferComplaint(text: string): { question?: string } | undefined {
  const folded = words(text);
  if (!WHY_TRANSFERRED.test(folded) && !NOT_ASKED.test(folded)) return undefined;
  const only = ONLY_ASKED.exec(folded);
  const asked = (only?.[4] ?? only?.[9] ?? '').replace(TRAILING, '').trim();
  return asked ? { question: asked } : {};
}

/** Question words and end particles, folded: "có … không", "ở đâu", "bao nhiêu", "what", "is there". */
const QUESTION_WORDS = /(^| )(gi|o dau|dau vay|bao nhieu|bao gio|khi nao|may gio|the nao|nhu nao|lam sao|lam the nao|co phai|duoc khong|nao)( |$)/;
const QUESTION_END = /( (khong|chua|hong|ha|a|khong admin|khong vay|chua admin))$/;
// Not "can" or "do": folded Vietnamese starts with them ("cán bộ …", "do …").
const ENGLISH_QUESTION = /^(is|are|does|did|could|will|would|what|where|when|how|which|who|why|should)( |$)/;

/**
 * Whether the text is put as a question: a question mark, a question word or the final "không /
 * chưa" particle ("có chỗ để xe máy ko", "wifi mạnh ko ad", "is there parking").
 *
 * @example
 * asksQuestion('có chỗ để xe máy ko'); // true
 */
export function asksQuestion(text: string): boolean {
  if (text.includes('?')) return true;
  const folded = words(text).replace(/( admin| ad| a| nha| nhe| vay)+$/, '');
  return QUESTION_WORDS.test(folded) || QUESTION_END.test(` ${folded}`) || ENGLISH_QUESTION.test(folded);
}
