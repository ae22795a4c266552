/**
 * Recognises the linking commands, typed with or without diacritics:
 * `/link` or "liên kết" asks for a code; `/link K7QM3-XPA9R`, "lien ket k7qm3 xpa9r" or
 * "link K7QM3-XPA9R" redeems one; `/unlink` or "huỷ liên kết" undoes the latest link.
 *
 * @example
 * parseLinkCommand('/link'); // { action: 'create' }
 * parseLinkCommand('Liên kết k7qm3 xpa9r'); // { action: 'redeem', code: 'K7QM3XPA9R' }
 * parseLinkCommand('/link 12'); // { action: 'bad_format' }
 * parseLinkCommand('/unlink'); // { action: 'undo' }
 * parseLinkCommand('xin chào'); // null
 */
import { fold } from '../../nlu/fold.js';
import { LINK_CODE_LENGTH, normalizeLinkCode } from './code.js';

export type LinkCommand =
  | { action: 'create' }
  | { action: 'redeem'; code: string }
  | { action: 'bad_format' }
  | { action: 'undo' };

const COMMAND = /^(?:\/link(?:@[a-z0-9_]+)?|lien ket(?: tai khoan)?|ket noi tai khoan|link account)(?:[\s:]+(.*))?$/;
const UNDO = /^(?:\/unlink(?:@[a-z0-9_]+)?|huy lien ket(?: tai khoan)?|go lien ket|unlink(?: account)?)$/;
/** "link <code>" without the slash: only when the rest looks like a code (5+5, with a digit). */
const BARE_LINK_WITH_CODE = new RegExp(`^link[\\s:]+([0-9a-z]{5}[\\s-]?[0-9a-z]{${LINK_CODE_LENGTH - 5}})$`);

export function parseLinkCommand(text: string): LinkCommand | null {
  const folded = fold(text).trim().replace(/[.!?]+$/, '');
  if (UNDO.test(folded)) return { action: 'undo' };
  const bare = BARE_LINK_WITH_CODE.exec(folded);
  // Without a slash, only something shaped like a shown code (the dash, or a digit) is one.
  if (bare && !bare[1]!.includes('-') && !/\d/.test(bare[1]!)) return null;
  const match = bare ?? COMMAND.exec(folded);
  if (!match) return null;
  const arg = (match[1] ?? '').trim();
  if (arg === '') return { action: 'create' };
  const code = normalizeLinkCode(arg);
  return code ? { action: 'redeem', code } : { action: 'bad_format' };
}
