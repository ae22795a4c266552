/**
 * What a founder types to "Leave <flow> for that, or carry on?" (`flows.switch.prompt`, asked when
 * a request for something else comes in the middle of a flow). The question offers to leave: a
 * "no" declines that offer, so "thôi", "thôi khỏi", "không", "ko, ở lại" mean stay (carry on with
 * the flow; the other request is dropped). Naming a way says it: "ở lại", "tiếp tục", "làm tiếp",
 * "stay", "carry on" stay; "làm việc mới", "chuyển đi", "leave", "switch" leave, even after a
 * "thôi" ("thôi, làm việc mới đi"). "hủy" still ends the flow (a universal word). A bare yes
 * ("ok", "ừ", "yes", "được") answers the question's first half, "Bạn muốn tạm dừng việc đang làm
 * để làm việc đó?": leave (it had been asked again, and founders answered "ok" again).
 *
 * @example
 * switchReply('thôi')           // 'stay'
 * switchReply('ko, ở lại')      // 'stay'
 * switchReply('ok chuyển đi')   // 'leave'
 * switchReply('ok')             // 'leave'
 * switchReply('mình ở Hà Nội')  // undefined
 * switchReply('switch to English please') // undefined: a request of its own
 * switchReply('đổi sang 2h chiều được ko') // undefined: a change the flow may take
 */
import { affirmation, labelKey } from './typed.js';
import { normalizeForMatching } from '../../nlu/index.js';

const STAY = /(^| )(o lai|tiep tuc|lam tiep|tiep di|giu nguyen|khong chuyen|ko chuyen|dung chuyen|stay|carry on|keep going|continue|don t switch|not now|thoi khoi|khoi)( |$)/;
const LEAVE = /(^| )(lam viec moi|viec moi|chuyen sang|chuyen di|chuyen|doi sang|lam cai moi|lam cai kia|viec kia|leave|switch|do the new thing|new thing|the new one)( |$)/;
/** A bare "thôi" (or "thôi bỏ", "thôi đi"): at this question, no to leaving. */
const JUST_THOI = /^(thoi|thoi bo|thoi di|thoi nhe|thoi a)$/;

/**
 * A language named: "chuyển sang tiếng Anh", "switch to English" ask for the language, not to
 * leave the flow ("chuyển sang", "switch" would read as leave).
 */
const LANGUAGE = /(^| )(tieng anh|tieng viet|english|vietnamese|tieng a|tieng v)( |$)/;

/**
 * "đổi sang 2h chiều", "chuyển sang thứ 6 nhé": a change to what the flow holds (a time, a
 * day, a number), not a way out of it, although "đổi sang" alone would read as leave.
 */
const CHANGES_A_VALUE = /(^| )(doi|chuyen|sua|dich|lui|move|change)( \S+)*? (sang|qua|thanh|lai|to)( \S+)*? (\d|mai|chieu|sang|toi|trua|thu|ngay|tuan|am|pm|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)/;

/** Words that end the flow whatever else is said ("thôi hủy"): left to the universal "cancel". */
const ENDS = /(^| )(huy|huy bo|cancel|thoat|ket thuc|quit|exit)( |$)/;

export function switchReply(text: string): 'leave' | 'stay' | undefined {
  const folded = labelKey(text);
  const casual = labelKey(normalizeForMatching(text));
  const forms = [folded, casual];
  if (forms.some((f) => ENDS.test(f) || LANGUAGE.test(f))) return undefined;
  if (forms.some((f) => STAY.test(f))) return 'stay';
  if (forms.some((f) => CHANGES_A_VALUE.test(f))) return undefined;
  if (forms.some((f) => LEAVE.test(f))) return 'leave';
  if (forms.some((f) => JUST_THOI.test(f)) || affirmation(text) === 'no') return 'stay';
  if (affirmation(text) === 'yes') return 'leave';
  return undefined;
}
