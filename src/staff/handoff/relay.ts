/**
 * What crosses between a founder and the staff topic: founder messages become topic posts,
 * staff messages become founder messages on the founder's own platform. Files from Telegram are
 * passed on by file id to Telegram chats (the same bot can send them) and as a signed link to our
 * own server to other platforms (`fileUrl`, see channels/telegram/file-links.ts), so no URL
 * carrying the bot token ever leaves Telegram; without such a link the founder gets a notice.
 *
 * @example
 * const post = founderToStaff(turn.event, 'Lan', t); // { text: '👤 Lan: xin chào' }
 */
import type { Translator } from '../../content/messages.js';
import type { ChannelId, Inbound } from '../../bot/inbound.js';
import type { Attachment, Outbound } from '../../bot/outbound.js';

/** Turns a Telegram file id into a URL the receiving platform can fetch (or undefined). */
export type FileUrl = (fileId: string, to: ChannelId) => string | undefined;

/** A file the receiving platform can fetch: a public URL, or a Telegram file id for Telegram. */
function portableAttachment(event: Inbound, to: ChannelId, fileUrl?: FileUrl): Attachment | undefined {
  if (event.kind !== 'image' && event.kind !== 'file') return undefined;
  const { file } = event;
  const name = file.fileName ? { name: file.fileName } : {};
  const mime = file.mimeType ? { mimeType: file.mimeType } : {};
  if (event.channel === 'telegram') {
    if (to === 'telegram') return { url: file.fileId, ...name, ...mime };
    const url = fileUrl?.(file.fileId, to);
    return url ? { url, ...name, ...mime } : undefined;
  }
  if (file.url && /^https:\/\//i.test(file.url)) return { url: file.url, ...name, ...mime };
  return undefined;
}

/**
 * The topic post for a founder's message (text, photo or file), or null for events with nothing to relay.
 *
 * @example
 * founderToStaff({ kind: 'text', text: 'Chào' } as Inbound, 'Lan', t)?.text; // '👤 Lan: Chào'
 */
export function founderToStaff(event: Inbound, name: string, t: Translator): Outbound | null {
  if (event.kind === 'text') return { text: t('handoff.staff.from_founder', { name, text: event.text }) };
  if (event.kind === 'contact') return { text: t('handoff.staff.from_founder', { name, text: event.phone }) };
  if (event.kind === 'location') {
    return { text: t('handoff.staff.from_founder', { name, text: `https://maps.google.com/?q=${event.latitude},${event.longitude}` }) };
  }
  if (event.kind === 'image' || event.kind === 'file') {
    const caption = event.caption ?? event.file.fileName ?? t('handoff.staff.founder_attachment');
    const attachment = portableAttachment(event, 'telegram');
    const text = t('handoff.staff.from_founder', { name, text: attachment ? caption : `${caption} ${t('handoff.staff.founder_attachment')}` });
    if (!attachment) return { text };
    return event.kind === 'image' ? { text, image: attachment } : { text, file: attachment };
  }
  if (event.kind === 'button') return { text: t('handoff.staff.from_founder', { name, text: event.text ?? event.payload }) };
  return null;
}

/**
 * The founder's message for what a staff member wrote in the topic (`text` overrides the event's text, for canned replies).
 *
 * @example
 * staffToFounder(event, 'zalo', founderT)?.text; // '💬 Cán bộ: ...'
 */
export function staffToFounder(event: Inbound, to: ChannelId, t: Translator, text?: string, fileUrl?: FileUrl): Outbound | null {
  if (text !== undefined) return { text: t('handoff.from_staff', { text }) };
  if (event.kind === 'text') return { text: t('handoff.from_staff', { text: event.text }) };
  if (event.kind === 'image' || event.kind === 'file') {
    const attachment = portableAttachment(event, to, fileUrl);
    const caption = event.caption ? t('handoff.from_staff', { text: event.caption }) : '';
    if (!attachment) {
      const notice = t('handoff.file_from_staff', { name: event.file.fileName ?? event.kind });
      return { text: caption ? `${caption}\n${notice}` : notice };
    }
    return event.kind === 'image' ? { text: caption, image: attachment } : { text: caption, file: attachment };
  }
  return null;
}
