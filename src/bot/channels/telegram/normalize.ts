/**
 * Telegram `Update` → `Inbound` (https://core.telegram.org/bots/api#update). Only what the bot
 * acts on becomes an event; updates it never asked for (channel posts, inline queries) give
 * `null` and are acknowledged without being stored.
 *
 * @example
 * normalizeUpdate({ update_id: 7, message: { message_id: 1, date: 0, chat: { id: 42, type: 'private' },
 *   from: { id: 42, is_bot: false, first_name: 'Lan' }, text: '/start survey-3' } });
 * // → { channel: 'telegram', eventId: '7', chatId: '42', userId: '42', kind: 'text', text: '/start survey-3', ... }
 */
import type { Chat, Message, Update, User } from 'grammy/types';
import type { Inbound, InboundBase, InboundKind } from '../../inbound.js';

/** Message fields that mean "a kind of message we cannot handle", in the order Telegram lists them. */
const UNSUPPORTED_MESSAGE_FIELDS = [
  'sticker', 'poll', 'dice', 'game', 'venue', 'video_note', 'animation', 'story', 'invoice',
  'successful_payment', 'new_chat_members', 'left_chat_member', 'new_chat_title', 'new_chat_photo',
  'pinned_message', 'forum_topic_created', 'forum_topic_closed', 'forum_topic_reopened',
] as const;

function chatTypeOf(chat: Chat): 'private' | 'group' | undefined {
  if (chat.type === 'private') return 'private';
  if (chat.type === 'group' || chat.type === 'supergroup') return 'group';
  return undefined; // channels: the bot does not converse there
}

function userName(user: User): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ');
}

/** The base of every event from a chat; `undefined` for channels and messages without a sender. */
function baseOf(updateId: number, chat: Chat, from: User | undefined, message?: Message): InboundBase | undefined {
  const chatType = chatTypeOf(chat);
  if (!chatType || !from || from.is_bot) return undefined;
  const meta: NonNullable<InboundBase['meta']> = {};
  if (message) {
    meta.messageId = message.message_id;
    if (message.message_thread_id !== undefined) meta.threadId = message.message_thread_id;
    if (message.is_topic_message) meta.isTopicMessage = true;
    if (message.reply_to_message) meta.replyToMessageId = message.reply_to_message.message_id;
  }
  return {
    channel: 'telegram',
    eventId: String(updateId),
    chatId: String(chat.id),
    userId: String(from.id),
    chatType,
    ...(from.language_code ? { locale: from.language_code } : {}),
    userName: userName(from),
    ...(Object.keys(meta).length > 0 ? { meta } : {}),
  };
}

/**
 * A phone number as E.164 (`+84901234567`); Telegram sends it with or without the plus.
 *
 * @example
 * toE164('84901234567'); // '+84901234567'
 */
export function toE164(phone: string): string | undefined {
  const digits = phone.replace(/[^\d]/g, '');
  return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : undefined;
}

/** `/start@uom_bot payload` → `/start payload`: the bot's own name after a command is noise. */
function stripBotMention(text: string): string {
  return text.replace(/^(\/[A-Za-z0-9_]{1,32})@[A-Za-z0-9_]{3,64}\b/, '$1');
}

function messageKind(message: Message): InboundKind {
  if (message.text !== undefined) return { kind: 'text', text: stripBotMention(message.text) };
  const caption = message.caption !== undefined ? { caption: message.caption } : {};
  if (message.contact) {
    const phone = toE164(message.contact.phone_number);
    // Only the person's own number (the reply keyboard's request_contact) counts as theirs.
    if (phone && message.contact.user_id === message.from?.id) {
      const name = [message.contact.first_name, message.contact.last_name].filter(Boolean).join(' ');
      return { kind: 'contact', phone, ...(name ? { name } : {}) };
    }
    return { kind: 'unsupported', what: 'contact' };
  }
  if (message.location) return { kind: 'location', latitude: message.location.latitude, longitude: message.location.longitude };
  if (message.photo && message.photo.length > 0) {
    const largest = message.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    return {
      kind: 'image',
      file: { fileId: largest.file_id, ...(largest.file_size !== undefined ? { size: largest.file_size } : {}) },
      ...caption,
    };
  }
  const file = message.document ?? message.video ?? message.audio ?? message.voice;
  if (file) {
    const named = file as { file_name?: string; mime_type?: string; file_size?: number };
    return {
      kind: 'file',
      file: {
        fileId: file.file_id,
        ...(named.file_name ? { fileName: named.file_name } : {}),
        ...(named.mime_type ? { mimeType: named.mime_type } : {}),
        ...(named.file_size !== undefined ? { size: named.file_size } : {}),
      },
      ...caption,
    };
  }
  const what = UNSUPPORTED_MESSAGE_FIELDS.find((field) => field in message);
  return { kind: 'unsupported', what: what ?? 'message' };
}

/** The label of the inline button whose callback_data is `data`, from the message it was on. */
function buttonLabel(message: Message | undefined, data: string): string | undefined {
  const keyboard = message?.reply_markup?.inline_keyboard ?? [];
  for (const row of keyboard) {
    for (const button of row) {
      if ('callback_data' in button && button.callback_data === data) return button.text;
    }
  }
  return undefined;
}

/**
 * Normalizes one Update; `null` when there is nothing for the bot to do.
 *
 * @example
 * const event = normalizeUpdate(update);
 * if (event) await ctx.accept(event);
 */
export function normalizeUpdate(update: Update): Inbound | null {
  const id = update.update_id;
  if (update.message) {
    const base = baseOf(id, update.message.chat, update.message.from, update.message);
    return base ? ({ ...base, ...messageKind(update.message) } as Inbound) : null;
  }
  if (update.edited_message) {
    const base = baseOf(id, update.edited_message.chat, update.edited_message.from, update.edited_message);
    return base ? { ...base, kind: 'unsupported', what: 'edited_message' } : null;
  }
  if (update.callback_query) {
    const query = update.callback_query;
    // date 0 marks an InaccessibleMessage (too old): it has a chat but no keyboard to read.
    const message = query.message && query.message.date !== 0 ? (query.message as Message) : undefined;
    // An inline-mode message has no chat: answer the person privately.
    const chat: Chat = query.message?.chat ?? { id: query.from.id, type: 'private', first_name: query.from.first_name };
    const base = baseOf(id, chat, query.from, message);
    if (!base) return null;
    if (query.data === undefined) return { ...base, kind: 'unsupported', what: 'game_callback' };
    const label = buttonLabel(message, query.data);
    return { ...base, kind: 'button', payload: query.data, ...(label ? { text: label } : {}) };
  }
  if (update.my_chat_member) {
    const change = update.my_chat_member;
    const base = baseOf(id, change.chat, change.from);
    if (!base) return null;
    // In a group the change says nothing about one person's reachability.
    if (base.chatType === 'group') return { ...base, kind: 'unsupported', what: 'my_chat_member' };
    const status = change.new_chat_member.status;
    if (status === 'kicked' || status === 'left') return { ...base, kind: 'reachability', reachable: false, reason: 'blocked' };
    return { ...base, kind: 'reachability', reachable: true, reason: 'unblocked' };
  }
  return null;
}

/**
 * Whether a parsed JSON body has the shape of an Update (an object with a non-negative integer
 * `update_id` and only object-valued other fields).
 *
 * @example
 * isUpdate({ update_id: 1, message: {} }); // true
 * isUpdate([1, 2]); // false
 */
export function isUpdate(body: unknown): body is Update {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { update_id: updateId, ...rest } = body as Record<string, unknown>;
  if (typeof updateId !== 'number' || !Number.isSafeInteger(updateId) || updateId < 0) return false;
  return Object.values(rest).every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
}

/**
 * Whether a parsed JSON body carries a Telegram `update_id` (an object with a non-negative safe
 * integer there), whatever its other fields hold.
 *
 * @example
 * hasUpdateId({ update_id: 1, callback_query: [] }); // true
 * hasUpdateId([1, 2]); // false
 */
export function hasUpdateId(body: unknown): body is { update_id: number } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const updateId = (body as Record<string, unknown>).update_id;
  return typeof updateId === 'number' && Number.isSafeInteger(updateId) && updateId >= 0;
}
