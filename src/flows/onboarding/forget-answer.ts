/**
 * What a typed answer to "erase all your data?" means. Erasing cannot be undone, so only a plain
 * "yes, erase" erases: anything that keeps, hesitates or negates ("giữ lại", "thôi đừng xoá",
 * "không xóa nữa", "wait, no", "keep it") keeps, and a question ("booking của mình có bị hủy
 * không?", "will my booking be cancelled too?") is answered with the confirmation left open. Any
 * other text leaves the confirmation (nothing erased) and is handled as usual.
 *
 * @example
 * forgetAnswer('thôi đừng xoá, giữ lại')                                   // 'keep'
 * forgetAnswer('hmm wait, will my meeting room booking be cancelled too?') // 'question'
 * forgetAnswer('ừ xóa hết đi')                                             // 'erase'
 */
import { normalizeForMatching } from '../../nlu/index.js';
import { labelKey } from '../engine/typed.js';
import { parseYesNo } from '../parse/yesno.js';

export type ForgetAnswer = 'erase' | 'keep' | 'question';

/** Words that keep or hold back, folded; "dung" is left out (folded it is both "đừng" and "đúng"). */
const KEEP_WORDS = new Set([
  'giu', 'keep', 'khong', 'ko', 'k', 'hong', 'chua', 'thoi', 'khoi', 'huy', 'cancel', 'stop', 'no', 'not', 'nope', 'nah',
  'don', 'dont', 'wait', 'doi', 'chang', 'never', 'mind', 'sai', 'nham', 'lon', 'quay', 'back',
]);
/** Words of a plain erase ("xóa", "ừ xóa hết đi", "yes delete everything"), folded. */
const ERASE_WORDS = new Set(['xoa', 'erase', 'delete', 'remove', 'forget']);
/** Words allowed around an erase word without making it anything else. */
const ERASE_FILLERS = new Set([
  'het', 'di', 'luon', 'tat', 'ca', 'du', 'lieu', 'cua', 'minh', 'em', 'toi', 'tui', 'nhe', 'nha', 'a', 'u', 'uh', 'ok', 'oke',
  'okay', 'co', 'vang', 'da', 'dong', 'y', 'chac', 'chan', 'yes', 'sure', 'please', 'it', 'all', 'everything', 'my', 'data',
  'them', 'erase', 'delete', 'remove', 'forget', 'xoa', 'giup', 'gium', 'ban', 'ad', 'admin', 'roi',
]);
/** A question's form, folded: a question word anywhere, or a Vietnamese question ending. */
const QUESTION = /(^| )(sao|tai sao|the nao|ra sao|bao gio|khi nao|co bi|bi huy|will|would|does|is|are|can|what|how|why|when|which|happens?)( |$)|(^| )(khong|ko|k|chua|ha|hong|nhi)$/;

/**
 * Reads one typed answer at the erase confirmation; undefined when it is about something else.
 *
 * @example
 * forgetAnswer('giữ lại') // 'keep'
 */
export function forgetAnswer(text: string): ForgetAnswer | undefined {
  const words = labelKey(normalizeForMatching(text)).split(' ').filter(Boolean);
  if (words.length === 0) return undefined;
  const folded = words.join(' ');
  const raw = text.normalize('NFC').toLowerCase();
  if (text.includes('?') || (words.length >= 3 && QUESTION.test(folded))) return 'question';
  if (/đừng|chẳng|chưa/u.test(raw) || words.some((w) => KEEP_WORDS.has(w))) return 'keep';
  const yesNo = parseYesNo(text);
  if (yesNo.ok) return yesNo.value ? 'erase' : 'keep';
  // "ừ xóa hết đi", and the button's label typed ("🗑 Xóa hết" folds to "xoa het").
  if (words.some((w) => ERASE_WORDS.has(w)) && words.every((w) => ERASE_FILLERS.has(w))) return 'erase';
  return undefined;
}
