/**
 * E-mail addresses: trimmed, validated with zod, the domain lower-cased (the local part is kept
 * as typed: some servers treat it case-sensitively).
 *
 * @example
 * parseEmail(' Lan.Nguyen@Example.VN ') // { ok: true, value: 'Lan.Nguyen@example.vn' }
 */
import { z } from 'zod';
import { fail, ok, type Parsed } from './result.js';

const emailSchema = z.string().max(254).email();

/**
 * Parses an e-mail address, or says why not.
 *
 * @example
 * parseEmail('lan@') // { ok: false, reason: 'invalid' }
 */
export function parseEmail(text: string): Parsed<string> {
  const trimmed = text.trim().replace(/^mailto:/i, '');
  if (!trimmed) return fail('empty');
  if (!emailSchema.safeParse(trimmed).success) return fail('invalid');
  const at = trimmed.lastIndexOf('@');
  return ok(`${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`);
}

/**
 * The one e-mail address written inside a sentence ("email mình là lan@example.vn nhé",
 * "it's lan@example.vn, thanks"), parsed, or undefined when there is none or several.
 *
 * @example
 * findEmailIn('email: Lan@Example.vn ạ') // { ok: true, value: 'Lan@example.vn' }
 */
export function findEmailIn(text: string): Parsed<string> | undefined {
  const found = new Set<string>();
  for (const written of text.match(/[^\s@,;:<>()]+@[^\s@,;:<>()]+\.[^\s@,;:<>()]+/g) ?? []) {
    const parsed = parseEmail(written.replace(/[.)!?]+$/, ''));
    if (parsed.ok) found.add(parsed.value);
  }
  return found.size === 1 ? ok([...found][0]!) : undefined;
}
