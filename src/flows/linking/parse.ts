/**
 * Recognises the linking commands, typed with or without diacritics:
 * `/link` or "liên kết" asks for a code; `/link 123456`, "lien ket 123 456" or "link 123456"
 * redeems one.
 *
 * @example
 * parseLinkCommand('/link'); // { action: 'create' }
 * parseLinkCommand('Liên kết 123 456'); // { action: 'redeem', code: '123456' }
 * parseLinkCommand('/link 12'); // { action: 'bad_format' }
 * parseLinkCommand('xin chào'); // null
 */
import { fold } from '../../nlu/fold.js';

export type LinkCommand = { action: 'create' } | { action: 'redeem'; code: string } | { action: 'bad_format' };

const COMMAND = /^(?:\/link(?:@[a-z0-9_]+)?|lien ket(?: tai khoan)?|ket noi tai khoan|link account)(?:[\s:]+(.*))?$/;
const BARE_LINK_WITH_CODE = /^link[\s:]+([\d\s]+)$/;

export function parseLinkCommand(text: string): LinkCommand | null {
  const folded = fold(text).replace(/[.!?]+$/, '');
  const bare = BARE_LINK_WITH_CODE.exec(folded);
  const match = bare ?? COMMAND.exec(folded);
  if (!match) return null;
  const arg = (match[1] ?? '').trim();
  if (arg === '') return { action: 'create' };
  const digits = arg.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? { action: 'redeem', code: digits } : { action: 'bad_format' };
}
