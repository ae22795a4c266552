/**
 * `Outbound` → the Bot API calls that show it on Telegram, in order. Pure (no I/O), so layout
 * rules are tested without a network. Limits from https://core.telegram.org/bots/api:
 * message text 4096 characters, caption 1024, callback_data 1-64 bytes.
 *
 * @example
 * renderOutbound('42', { text: 'Chọn:', buttons: [{ label: 'A', payload: 'a' }] });
 * // → [{ method: 'sendMessage', params: { chat_id: '42', text: 'Chọn:',
 * //       reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } } }]
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup } from 'grammy/types';
import type { Button, Outbound } from '../../outbound.js';

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const CALLBACK_DATA_LIMIT = 64;
/** Labels longer than this get a row of their own (two would be cut off on a phone). */
const SHORT_LABEL = 20;

export type TelegramMethod = 'sendMessage' | 'sendPhoto' | 'sendDocument';

export interface TelegramCallPlan {
  method: TelegramMethod;
  params: Record<string, unknown> & { chat_id: string };
}

export interface RenderResult {
  calls: TelegramCallPlan[];
  /** Buttons left out because their payload exceeds 64 bytes (a programming error to log). */
  dropped: Button[];
}

/**
 * Splits text into pieces of at most `limit` characters, preferring paragraph, line and word
 * boundaries, never cutting a surrogate pair.
 *
 * @example
 * splitText('a'.repeat(5000)).length; // 2
 */
export function splitText(text: string, limit = TEXT_LIMIT): string[] {
  const chars = Array.from(text);
  if (chars.length <= limit) return [text];
  const pieces: string[] = [];
  let rest = chars;
  while (rest.length > limit) {
    const window = rest.slice(0, limit).join('');
    let cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    const head = cut >= limit / 2 ? Array.from(window.slice(0, cut)) : rest.slice(0, limit);
    pieces.push(head.join('').trimEnd());
    rest = rest.slice(head.length);
    while (rest[0] === '\n' || rest[0] === ' ') rest = rest.slice(1);
  }
  if (rest.length > 0) pieces.push(rest.join(''));
  return pieces;
}

/** Inline keyboard: callback buttons (2 per row when all labels are short), then one row per link. */
function inlineKeyboard(message: Outbound): { markup?: InlineKeyboardMarkup; dropped: Button[] } {
  const dropped: Button[] = [];
  const usable = (message.buttons ?? []).filter((b) => {
    const bytes = Buffer.byteLength(b.payload, 'utf8');
    if (bytes >= 1 && bytes <= CALLBACK_DATA_LIMIT) return true;
    dropped.push(b);
    return false;
  });
  const perRow = usable.every((b) => Array.from(b.label).length <= SHORT_LABEL) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < usable.length; i += perRow) {
    rows.push(usable.slice(i, i + perRow).map((b) => ({ text: b.label, callback_data: b.payload })));
  }
  for (const link of message.links ?? []) rows.push([{ text: link.label, url: link.url }]);
  return { ...(rows.length > 0 ? { markup: { inline_keyboard: rows } } : {}), dropped };
}

function phoneKeyboard(label: string): ReplyKeyboardMarkup {
  return { keyboard: [[{ text: label, request_contact: true }]], one_time_keyboard: true, resize_keyboard: true };
}

/**
 * The calls that deliver `message` to `chatId`. The keyboard goes on the last call so it sits
 * under the whole message; a phone request together with buttons needs a second message,
 * since a Telegram message carries one keyboard.
 *
 * @example
 * renderOutbound('42', { text: 'Số điện thoại?', requestPhone: { label: '📱 Gửi số' } }).calls[0].params.reply_markup;
 * // { keyboard: [[{ text: '📱 Gửi số', request_contact: true }]], one_time_keyboard: true, resize_keyboard: true }
 */
export function renderOutbound(chatId: string, message: Outbound, publicUrl?: string): RenderResult {
  const common: Record<string, unknown> = {};
  if (message.threadId !== undefined && /^\d+$/.test(message.threadId)) common.message_thread_id = Number(message.threadId);
  const { markup, dropped } = inlineKeyboard(message);
  const calls: TelegramCallPlan[] = [];
  const attachment = message.image ?? message.file;
  const method: TelegramMethod = message.image ? 'sendPhoto' : 'sendDocument';
  let text = message.text;
  if (attachment) {
    const field = message.image ? 'photo' : 'document';
    const url = absoluteUrl(attachment.url, publicUrl);
    const captioned = text.length > 0 && Array.from(text).length <= CAPTION_LIMIT;
    calls.push({ method, params: { chat_id: chatId, [field]: url, ...common, ...(captioned ? { caption: text } : {}) } });
    if (captioned) text = '';
  }
  if (text.length > 0) {
    for (const piece of splitText(text)) calls.push({ method: 'sendMessage', params: { chat_id: chatId, text: piece, ...common } });
  }
  if (calls.length === 0) calls.push({ method: 'sendMessage', params: { chat_id: chatId, text: message.requestPhone?.label ?? '…', ...common } });
  const last = calls[calls.length - 1]!;
  if (markup) last.params.reply_markup = markup;
  if (message.requestPhone) {
    if (markup) calls.push({ method: 'sendMessage', params: { chat_id: chatId, text: message.requestPhone.label, ...common, reply_markup: phoneKeyboard(message.requestPhone.label) } });
    else last.params.reply_markup = phoneKeyboard(message.requestPhone.label);
  }
  return { calls, dropped };
}

/** Telegram fetches attachments itself: a path like `/files/a.pdf` needs the public origin. */
function absoluteUrl(url: string, publicUrl: string | undefined): string {
  if (/^https?:\/\//i.test(url) || !publicUrl || !url.startsWith('/')) return url;
  return new URL(url, publicUrl).toString();
}
