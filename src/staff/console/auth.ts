/**
 * Console credentials: random tokens (sign-in links, invitations, sessions) of which the database
 * keeps only a SHA-256 hash, passwords hashed with scrypt (memory-hard; N=2^15, r=8, p=1 is
 * 32 MiB per hash, OWASP's recommended floor), session cookies with their flags, and the CSRF
 * check. Verification is constant-time.
 *
 * @example
 * const token = newToken();                       // goes into the link
 * await store.call('console_link_request', { token_hash: tokenHash(token), ... });
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Name of the session cookie; `__Host-` pins it to this origin over https. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-uom_staff' : 'uom_staff';
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/** 32 MiB of memory per hash: slow for a guesser, fine for a sign-in. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 };

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, params.keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * A fresh random token, URL-safe (256 bits).
 *
 * @example
 * newToken().length; // 43
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The SHA-256 hash the database stores for a token (a leaked table gives no working link).
 *
 * @example
 * tokenHash('abc'); // 'ba7816bf…'
 */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Hashes a password: `scrypt$N$r$p$salt$key` (base64url parts).
 *
 * @example
 * const stored = await hashPassword('correct horse battery staple');
 */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Whether `password` matches a stored scrypt hash (false for anything malformed).
 *
 * @example
 * await verifyPassword('pw', await hashPassword('pw')); // true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await scrypt(password, Buffer.from(parts[4]!, 'base64url'), { N, r, p, keyLength: expected.length });
  return expected.length > 0 && timingSafeEqual(key, expected);
}

/**
 * Constant-time comparison of two strings (CSRF tokens).
 *
 * @example
 * sameSecret('a', 'a'); // true
 */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/**
 * The Set-Cookie value of the session: HttpOnly, SameSite=Strict, Path=/ (the `__Host-` form
 * requires it), Secure when served over https, expiring with the session.
 *
 * @example
 * sessionCookie('tok', { secure: true, maxAgeSeconds: 43200 });
 */
export function sessionCookie(value: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${sessionCookieName(options.secure)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${options.maxAgeSeconds}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * A Set-Cookie value that removes the session cookie.
 *
 * @example
 * clearSessionCookie(false); // 'uom_staff=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0'
 */
export function clearSessionCookie(secure: boolean): string {
  return sessionCookie('', { secure, maxAgeSeconds: 0 });
}

/**
 * Reads one cookie from a Cookie header.
 *
 * @example
 * readCookie('a=1; uom_staff=xyz', 'uom_staff'); // 'xyz'
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}
