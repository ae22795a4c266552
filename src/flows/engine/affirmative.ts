/**
 * A bare yes ("ok", "oke", "uk", "ừ", "yes", "được") typed to a question with two buttons: which
 * button it means. The bot's two-button questions each ask whether to do one thing, and the yes
 * is the button that does it: "Hủy lịch K7QX2M?" → ✖️ Hủy lịch (not ↩️ Giữ lịch), the reminder's
 * "Bạn vẫn đến chứ?" → 👍 Tôi sẽ đến, "Bạn muốn nói chuyện với cán bộ?" → 🙋 Gặp cán bộ, a yes/no
 * step → Có. Read from the payloads (what the buttons do), never from the labels' wording.
 * Two buttons of which none is the yes ("Người khởi nghiệp / Cán bộ hỗ trợ", "Làm việc mới /
 * Tiếp tục") have none: the caller names the choices instead.
 *
 * @example
 * affirmativeButton([{ label: '✖️ Hủy lịch K7QX2M', payload: 'booking:cancel:7' }, { label: '↩️ Giữ lịch', payload: 'booking:mine' }])
 * // 'booking:cancel:7'
 */
import { normalizeForMatching } from '../../nlu/index.js';
import { affirmation, labelKey, type ShownButton } from './typed.js';

/**
 * Pairs of the bot's questions: the yes button's payload, the other one's. The first pair both
 * buttons fit decides. Kept by what each question asks (see the module comment).
 */
const QUESTIONS: readonly { yes: RegExp; other: RegExp; keeps?: true }[] = [
  { yes: /^booking:cancel:\d+$/, other: /^booking:mine$/, keeps: true }, // "cancel booking X?" / keep it
  { yes: /^booking:confirm:\d+$/, other: /^booking:cancel:\d+$/ }, // the reminder: "still coming?"
  { yes: /^account:forget_yes$/, other: /^account:forget_no$/, keeps: true }, // "erase everything?"
  { yes: /^handoff:request(:|$)/, other: /^flow:_:continue$/, keeps: true }, // "talk to staff?" / carry on
  { yes: /^flow:[^:]+:yes$/, other: /^flow:[^:]+:no$/ }, // a yes/no step
  { yes: /^flow:[^:]+:yes$/, other: /^flow:[^:]+:[^:]+$/ }, // a confirmation: "Đặt chỗ này nhé?"
];

/**
 * The payload of the "no" button of two, when saying no there only keeps things as they are
 * ("Giữ lịch", "Giữ lại", "Tiếp tục"): a bare "không" / "thôi" presses it. Not where the other
 * button undoes something (the reminder's "Hủy lịch": a "no" to "still coming?" is pressed, not
 * typed), nor at a yes/no step (which reads its own "no").
 *
 * @example
 * keepingButton([{ label: '✖️ Hủy lịch K7QX2M', payload: 'booking:cancel:7' }, { label: '↩️ Giữ lịch', payload: 'booking:mine' }]) // 'booking:mine'
 */
export function keepingButton(buttons: readonly ShownButton[]): string | undefined {
  if (buttons.length !== 2) return undefined;
  const [a, b] = buttons as [ShownButton, ShownButton];
  for (const { yes, other, keeps } of QUESTIONS) {
    if (yes.test(a.payload) && other.test(b.payload)) return keeps ? b.payload : undefined;
    if (yes.test(b.payload) && other.test(a.payload)) return keeps ? a.payload : undefined;
  }
  return undefined;
}

/**
 * The button a bare no ("không", "ko", "thôi", "thôi khỏi", "no") typed to two buttons presses:
 * the one that keeps things as they are (`keepingButton`). Undefined for anything else.
 *
 * @example
 * noToTwo(buttons, 'thôi') // 'booking:mine' to "Hủy lịch K7QX2M?"
 */
export function noToTwo(buttons: readonly ShownButton[], text: string): string | undefined {
  return buttons.length === 2 && saysJustNo(text) ? keepingButton(buttons) : undefined;
}

/** Only a no and particles: "không", "ko ạ", "thôi", "thôi khỏi", "no thanks". */
function saysJustNo(text: string): boolean {
  const words = labelKey(normalizeForMatching(text)).split(' ').filter(Boolean);
  return words.length > 0 && words.length <= 4 && affirmation(text) === 'no'
    && words.every((w) => JUST_NO.has(w));
}

const JUST_NO = new Set(['khong', 'ko', 'k', 'thoi', 'khoi', 'no', 'nope', 'nah', 'a', 'nhe', 'nha', 'di', 'thanks', 'cam', 'on', 'can', 'dau', 'em', 'minh']);

/**
 * The payload of the yes button of two, or undefined (not two buttons, or no yes among them).
 *
 * @example
 * affirmativeButton([{ label: 'Có', payload: 'flow:ok:yes' }, { label: 'Không', payload: 'flow:ok:no' }]) // 'flow:ok:yes'
 */
export function affirmativeButton(buttons: readonly ShownButton[]): string | undefined {
  if (buttons.length !== 2) return undefined;
  const [a, b] = buttons as [ShownButton, ShownButton];
  for (const { yes, other } of QUESTIONS) {
    if (yes.test(a.payload) && other.test(b.payload)) return a.payload;
    if (yes.test(b.payload) && other.test(a.payload)) return b.payload;
  }
  return undefined;
}

/**
 * The button a yes typed to two buttons presses: "ok", "oke", "uk", "ừ", "yes", "được", "dạ vâng
 * ạ", "ok luôn nhé" to a question whose yes is known. Undefined for anything else.
 *
 * @example
 * yesToTwo(buttons, 'oke nha') // the yes button's payload
 */
export function yesToTwo(buttons: readonly ShownButton[], text: string): string | undefined {
  return buttons.length === 2 && affirmation(text) === 'yes' ? affirmativeButton(buttons) : undefined;
}
