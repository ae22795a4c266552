/**
 * Signed links to Telegram files. A photo a staff member posts in the staff group must reach a
 * founder on Zalo, Bot Framework or the web chat, but Telegram's own download URL contains the bot
 * token. Instead we hand out `/files/telegram/<file id>?exp=…&sig=…`, signed with a key derived
 * from the token and valid for a limited time; the route (telegram-channel.ts) proxies the file.
 *
 * @example
 * const path = signFileLink(token, 'AgACAgIAAxk', new Date());
 * verifyFileLink(token, 'AgACAgIAAxk', url.searchParams, new Date()); // 'ok'
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../../config.js';
import type { ChannelId } from '../../inbound.js';

export const FILE_LINK_PREFIX = '/files/telegram/';
/** Long enough for a founder to open a relayed photo days later in the web chat. */
export const FILE_LINK_TTL_SECONDS = 7 * 24 * 60 * 60;

function keyOf(token: string): Buffer {
  return createHash('sha256').update(`uom-file-link:${token}`).digest();
}

function signatureOf(token: string, fileId: string, expires: number): string {
  return createHmac('sha256', keyOf(token)).update(`${fileId}\n${expires}`).digest('hex');
}

/** The path (with query) of a signed link to a Telegram file. */
export function signFileLink(token: string, fileId: string, now: Date, ttlSeconds = FILE_LINK_TTL_SECONDS): string {
  const expires = Math.floor(now.getTime() / 1000) + ttlSeconds;
  return `${FILE_LINK_PREFIX}${encodeURIComponent(fileId)}?exp=${expires}&sig=${signatureOf(token, fileId, expires)}`;
}

/** Checks a link's signature and expiry. */
export function verifyFileLink(token: string, fileId: string, query: URLSearchParams, now: Date): 'ok' | 'forged' | 'expired' {
  const expires = Number(query.get('exp'));
  const given = Buffer.from(query.get('sig') ?? '', 'hex');
  const expected = Buffer.from(signatureOf(token, fileId, expires), 'hex');
  if (!Number.isInteger(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  return expires * 1000 < now.getTime() ? 'expired' : 'ok';
}

/**
 * A URL the founder's platform can fetch for a Telegram file, or undefined when there is none:
 * the web chat takes a path on this server; Zalo and Bot Framework need `PUBLIC_URL`.
 */
export function telegramFileUrl(config: Config, fileId: string, to: ChannelId, now: Date): string | undefined {
  if (!config.TELEGRAM_BOT_TOKEN) return undefined;
  const path = signFileLink(config.TELEGRAM_BOT_TOKEN, fileId, now);
  if (to === 'web') return path;
  return config.PUBLIC_URL ? `${config.PUBLIC_URL.replace(/\/+$/, '')}${path}` : undefined;
}
