/**
 * Yes or no in Vietnamese and English, with or without diacritics ("có", "vâng", "ok", "không",
 * "ko", "no").
 *
 * @example
 * parseYesNo('Vâng ạ') // { ok: true, value: true }
 * parseYesNo('ko')     // { ok: true, value: false }
 */
import { foldWords } from '../../nlu/fold.js';
import { fail, ok, type Parsed } from './result.js';

const YES = new Set(['co', 'co a', 'vang', 'vang a', 'da', 'da co', 'u', 'uh', 'um', 'ok', 'oke', 'okay', 'dong y', 'duoc', 'dung', 'dung roi', 'chac chan', 'yes', 'y', 'yeah', 'yep', 'sure', 'agree', 'correct', 'right']);
const NO = new Set(['khong', 'khong a', 'ko', 'k', 'kg', 'hong', 'khong co', 'khong dong y', 'khong can', 'thoi', 'chua', 'sai', 'no', 'n', 'nope', 'nah', 'not']);

/**
 * Parses a yes/no answer, or says why not.
 *
 * @example
 * parseYesNo('không') // { ok: true, value: false }
 */
export function parseYesNo(text: string): Parsed<boolean> {
  const folded = foldWords(text);
  if (!folded) return fail('empty');
  if (YES.has(folded)) return ok(true);
  if (NO.has(folded)) return ok(false);
  return fail('invalid');
}
