/**
 * Invitations for e-mail + password sign-in (`uom staff invite`): a one-time link, valid a week,
 * where the new staff member chooses a password (hashed with scrypt by the server).
 *
 * @example
 * const { url } = await inviteStaff(store, config, { email: 'lan@trungtam.vn', role: 'staff', name: 'Lan' });
 */
import type { Config } from '../../config.js';
import type { Store } from '../../store/store.js';
import { newToken, tokenHash } from './auth.js';
import { DEFAULT_CONSOLE_OPTIONS } from './context.js';

export interface InviteInput {
  email: string;
  role: 'staff' | 'admin';
  name?: string;
  telegramUserId?: string;
  ttlSeconds?: number;
}

/**
 * Creates (or updates) the staff member and returns the invitation link.
 *
 * @example
 * (await inviteStaff(store, config, { email: 'a@b.vn', role: 'admin' })).url; // 'http://localhost:3000/staff/invite?token=…'
 */
export async function inviteStaff(store: Store, config: Config, input: InviteInput): Promise<{ url: string; expiresInDays: number }> {
  const token = newToken();
  const ttl = input.ttlSeconds ?? DEFAULT_CONSOLE_OPTIONS.inviteSeconds;
  await store.call('console_invite_create', {
    email: input.email, role: input.role, display_name: input.name ?? null, telegram_user_id: input.telegramUserId ?? null,
    token_hash: tokenHash(token), ttl_seconds: ttl,
  });
  const origin = config.PUBLIC_URL?.replace(/\/+$/, '') ?? `http://localhost:${config.PORT}`;
  return { url: `${origin}/staff/invite?token=${token}`, expiresInDays: Math.round(ttl / 86400) };
}
