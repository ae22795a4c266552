/**
 * A file in a staff reply from the console. The founder's platform needs a URL it can fetch (as
 * for files staff post in the Telegram topic, see staff/handoff/relay.ts): the file is kept in
 * the database (`console_files`, only the SHA-256 of the link's token) and served at
 * `/files/console/<token>/<name>` until it expires (30 days). The web chat takes that path on
 * this server; Telegram, Zalo and Bot Framework fetch it from `PUBLIC_URL`; without one they get
 * the same "staff sent a file this channel can't show" notice the topic relay gives.
 *
 * @example
 * const reply = fileReply(ctx, ticket, { name: 'mau-don.pdf', type: 'application/pdf', data }, 'Mẫu đơn đây ạ');
 * mountConsoleFiles(http, services);
 */
import type { ServerResponse } from 'node:http';
import type { ChannelId } from '../../bot/inbound.js';
import type { Attachment, Outbound } from '../../bot/outbound.js';
import type { Services } from '../../bot/services.js';
import { translator } from '../../content/messages.js';
import type { HttpRequest, HttpRouter } from '../../http/router.js';
import { newToken, tokenHash } from './auth.js';

export const CONSOLE_FILE_PREFIX = '/files/console/';
/** How long a founder can open a file staff sent (the link's lifetime). */
export const CONSOLE_FILE_TTL_SECONDS = 30 * 24 * 3600;

/** Images every channel shows inline; anything else goes as a document. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const TYPES: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  txt: 'text/plain', csv: 'text/csv', doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', zip: 'application/zip',
};

export interface StaffFile {
  name: string;
  /** The browser's type for the file ('' when it did not say). */
  type: string;
  data: Buffer;
}

/**
 * A file name safe for a URL path and a Content-Disposition header: no folders, no control
 * characters, at most 120 characters, never empty.
 *
 * @example
 * safeFileName('../../Mẫu đơn "mới".pdf'); // 'Mẫu đơn _mới_.pdf'
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '_').trim().slice(-120);
  return clean && clean !== '.' && clean !== '..' ? clean : 'file';
}

/**
 * The type a file is stored and served with: the browser's when it is a plain type, else by
 * extension, else application/octet-stream.
 *
 * @example
 * fileType({ name: 'a.PDF', type: '' }); // 'application/pdf'
 */
export function fileType(file: Pick<StaffFile, 'name' | 'type'>): string {
  if (/^[a-z]+\/[a-z0-9.+-]{1,100}$/i.test(file.type) && !/html|xml|javascript/i.test(file.type)) return file.type.toLowerCase();
  const ext = /\.([a-z0-9]{1,5})$/i.exec(file.name)?.[1]?.toLowerCase();
  return (ext && TYPES[ext]) || 'application/octet-stream';
}

/** The URL the founder's platform can fetch for a path on this server, or undefined. */
function reachableUrl(services: Services, path: string, to: ChannelId): string | undefined {
  if (to === 'web') return path;
  const base = services.config.PUBLIC_URL?.replace(/\/+$/, '');
  return base ? `${base}${path}` : undefined;
}

export interface PreparedFile {
  /** The row console_ticket_send_file stores. */
  row: { token_hash: string; name: string; mime_type: string; data: string; ttl_seconds: number };
  /** The founder's message in each language. */
  payloads: Record<'vi' | 'en', Outbound>;
  /** A link staff can open (relative, or absolute with PUBLIC_URL). */
  link: string;
}

/**
 * Prepares a reply carrying `file` for a founder on `channel`: the stored row (a fresh token)
 * and the founder's message in both languages, the caption going through `handoff.from_staff`
 * as every staff text does.
 *
 * @example
 * const prepared = prepareFile(services, 'zalo', file, { vi: 'Mẫu đơn', en: 'The form' });
 */
export function prepareFile(services: Services, channel: ChannelId, file: StaffFile, captions: Record<'vi' | 'en', string>): PreparedFile {
  const token = newToken();
  const name = safeFileName(file.name);
  const mimeType = fileType(file);
  const path = `${CONSOLE_FILE_PREFIX}${token}/${encodeURIComponent(name)}`;
  const url = reachableUrl(services, path, channel);
  const payload = (locale: 'vi' | 'en'): Outbound => {
    const t = translator(services.messages, locale);
    const caption = captions[locale] ? t('handoff.from_staff', { text: captions[locale] }) : '';
    if (!url) {
      const notice = t('handoff.file_from_staff', { name });
      return { text: caption ? `${caption}\n${notice}` : notice };
    }
    const attachment: Attachment = { url, name, mimeType };
    return INLINE_IMAGES.has(mimeType) ? { text: caption, image: attachment } : { text: caption, file: attachment };
  };
  return {
    row: { token_hash: tokenHash(token), name, mime_type: mimeType, data: file.data.toString('base64'), ttl_seconds: CONSOLE_FILE_TTL_SECONDS },
    payloads: { vi: payload('vi'), en: payload('en') },
    link: reachableUrl(services, path, 'telegram') ?? path,
  };
}

function sendFile(res: ServerResponse, file: { name: string; mime_type: string; data: string }): void {
  const data = Buffer.from(file.data, 'base64');
  const inline = INLINE_IMAGES.has(file.mime_type) || file.mime_type === 'application/pdf';
  res.writeHead(200, {
    'content-type': file.mime_type,
    'content-length': String(data.length),
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; img-src 'self'; sandbox",
    'cache-control': 'private, max-age=3600',
    'referrer-policy': 'no-referrer',
  });
  res.end(data);
}

/**
 * Serves console files by link (no session: the founder opens it; the token is the key).
 *
 * @example
 * mountConsoleFiles(bot.http, bot.services);
 */
export function mountConsoleFiles(http: HttpRouter, services: Services): void {
  http.get(CONSOLE_FILE_PREFIX, async (req: HttpRequest, res: ServerResponse) => {
    const token = /^\/files\/console\/([A-Za-z0-9_-]{43})(?:\/[^/]*)?$/.exec(req.url.pathname)?.[1];
    if (!token) return { status: 404, json: { error: 'not_found', message: 'No such file' } };
    const file = await services.store.call<{ name: string; mime_type: string; data: string } | null>('console_file_get', { token_hash: tokenHash(token) });
    if (!file) return { status: 404, json: { error: 'not_found', message: 'No such file, or the link expired' } };
    sendFile(res, file);
    return undefined;
  }, { prefix: true });
}
