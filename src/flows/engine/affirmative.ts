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
import { affirmation, type ShownButton } from './typed.js';

/**
 * Pairs of the bot's questions: the yes button's payload, the other one's. The first pair both
 * buttons fit decides. Kept by what each question asks (see the module comment).
 */
const QUESTIONS: readonly { yes: RegExp; other: RegExp }[] = [
  { yes: /^booking:cancel:\d+$/, other: /^booking:mine$/ }, // "cancel booking X?" / keep it
  { yes: /^booking:confirm:\d+$/, other: /^booking:cancel:\d+$/ }, // the reminder: "still coming?"
  { yes: /^account:forget_yes$/, other: /^account:forget_no$/ }, // "erase everything?"
  { yes: /^handoff:request(:|$)/, other: /^flow:_:continue$/ }, // "talk to staff?" / carry on
  { yes: /^flow:[^:]+:yes$/, other: /^flow:[^:]+:no$/ }, // a yes/no step
  { yes: /^flow:[^:]+:yes$/, other: /^flow:[^:]+:[^:]+$/ }, // a confirmation: "Đặt chỗ này nhé?"
];

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
