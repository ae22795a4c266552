/**
 * The one normal form every matcher compares: NFC, folded (diacritics off, lower case), casual
 * phone spellings expanded ("ko dc" → "khong duoc"). The classifier, the entity parsers and the
 * flows' button matching all read text through here so "Đặt phòng", "dat phong" and "đạt fòng"
 * land as close as the data allows.
 *
 * @example
 * normalizeForMatching('Ad ơi, bn tiền z?') // 'admin oi, bao nhieu tien vay?'
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { fold } from './fold.js';
import { expandCasual, loadCasualSpellings, withDialect, type CasualSpellings } from './casual.js';

/** The project's own content folder, used when a caller does not give its casual spellings. */
export const DEFAULT_CONTENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../content');

let defaultCasual: CasualSpellings | undefined;

/** The casual spellings of the project's own content folder, read once. */
export function casualOfDefaultContent(): CasualSpellings {
  defaultCasual ??= loadCasualSpellings(DEFAULT_CONTENT_DIR);
  return defaultCasual;
}

/**
 * NFC → regional words (`withDialect`) → fold → `expandCasual`. Pass the casual spellings of the centre's content folder; without
 * them the project's `content/nlu/casual.yaml` is read once.
 *
 * @example
 * normalizeForMatching('Hủy lịch giúp mik nhé') // 'huy lich giup minh'
 */
export function normalizeForMatching(text: string, casual: CasualSpellings = casualOfDefaultContent()): string {
  return expandCasual(fold(withDialect(text.normalize('NFC'), casual)), casual);
}
