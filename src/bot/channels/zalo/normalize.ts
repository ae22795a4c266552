/**
 * Zalo OA webhook events → `Inbound`. Event names and shapes follow the Zalo OA documentation
 * ("Webhook" → event list): user messages carry `sender.id`, `message.msg_id`, `message.text` and
 * `message.attachments[]`; `follow`/`unfollow` carry `follower.id`; `user_submit_info` carries
 * `info.{name, phone, ...}`. Echoes of our own messages (`oa_send_*`) and delivery/seen receipts
 * are ignored. Every id stays a string.
 *
 * @example
 * const r = normalizeZaloEvent({ event_name: 'user_send_text', sender: { id: '1' },
 *   message: { msg_id: 'm1', text: 'hi' }, timestamp: '1700000000000' });
 * // r = { event: { channel: 'zalo', eventId: 'm1', kind: 'text', text: 'hi', ... } }
 */
import type { Inbound, InboundKind } from '../../inbound.js';
import { toE164 } from './phone.js';

/** Our buttons' `oa.query.hide` payloads start with this, so a press is told apart from typing. */
export const ZALO_BUTTON_PREFIX = '#uom:';

export type ZaloNormalized =
  | { event: Inbound }
  /** Valid, but nothing for the bot (echo, receipt, an event we do not use). */
  | { ignored: string };

type Json = Record<string, unknown>;

const IGNORED_PREFIXES = ['oa_send_', 'user_received_message', 'user_seen_message', 'anonymous_', 'change_oa_', 'add_user_to_tag', 'shop_'];

const UNSUPPORTED_MEDIA: Record<string, string> = {
  user_send_sticker: 'sticker',
  user_send_gif: 'gif',
  user_send_audio: 'audio',
  user_send_video: 'video',
  user_send_link: 'link',
  user_send_business_card: 'business_card',
};

function obj(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/**
 * Reads one webhook body (already parsed with big integers kept as strings).
 *
 * @example
 * normalizeZaloEvent({ event_name: 'user_seen_message' }); // { ignored: 'user_seen_message' }
 */
export function normalizeZaloEvent(body: unknown): ZaloNormalized {
  const root = obj(body);
  const name = str(root?.event_name);
  if (!root || !name) return { ignored: 'no_event_name' };
  if (IGNORED_PREFIXES.some((p) => name.startsWith(p))) return { ignored: name };

  const timestamp = str(root.timestamp) ?? '0';
  if (name === 'follow' || name === 'unfollow') {
    const userId = str(obj(root.follower)?.id);
    if (!userId) return { ignored: 'no_follower' };
    const reachable = name === 'follow';
    return {
      event: base(`${name}:${userId}:${timestamp}`, userId, {
        kind: 'reachability',
        reachable,
        reason: reachable ? 'zalo_follow' : 'zalo_unfollow',
      }),
    };
  }

  const userId = str(obj(root.sender)?.id);
  if (!userId || !name.startsWith('user_')) return { ignored: name };
  const message = obj(root.message);
  const eventId = str(message?.msg_id) ?? `${name}:${userId}:${timestamp}`;

  if (name === 'user_submit_info') {
    const info = obj(root.info);
    const phone = toE164(str(info?.phone));
    const fullName = str(info?.name);
    if (!phone) return { event: base(eventId, userId, { kind: 'unsupported', what: 'zalo_info_without_phone' }) };
    return { event: base(eventId, userId, { kind: 'contact', phone, ...(fullName ? { name: fullName } : {}) }) };
  }
  if (name === 'user_send_text') {
    const text = typeof message?.text === 'string' ? message.text : '';
    if (text.startsWith(ZALO_BUTTON_PREFIX)) {
      return { event: base(eventId, userId, { kind: 'button', payload: text.slice(ZALO_BUTTON_PREFIX.length) }) };
    }
    return { event: base(eventId, userId, { kind: 'text', text }) };
  }

  const attachment = obj(Array.isArray(message?.attachments) ? message.attachments[0] : undefined);
  const payload = obj(attachment?.payload);
  const caption = typeof message?.text === 'string' && message.text !== '' ? { caption: message.text } : {};
  if (name === 'user_send_image') {
    const url = str(payload?.url);
    if (!url) return { event: base(eventId, userId, { kind: 'unsupported', what: 'image' }) };
    return { event: base(eventId, userId, { kind: 'image', file: { fileId: url, url }, ...caption }) };
  }
  if (name === 'user_send_file') {
    const url = str(payload?.url);
    if (!url) return { event: base(eventId, userId, { kind: 'unsupported', what: 'file' }) };
    const fileName = str(payload?.name);
    const size = Number(payload?.size);
    return {
      event: base(eventId, userId, {
        kind: 'file',
        file: { fileId: url, url, ...(fileName ? { fileName } : {}), ...(Number.isFinite(size) && size > 0 ? { size } : {}) },
        ...caption,
      }),
    };
  }
  if (name === 'user_send_location') {
    const coordinates = obj(payload?.coordinates);
    const latitude = Number(coordinates?.latitude);
    const longitude = Number(coordinates?.longitude);
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) {
      return { event: base(eventId, userId, { kind: 'unsupported', what: 'location' }) };
    }
    return { event: base(eventId, userId, { kind: 'location', latitude, longitude }) };
  }
  const what = UNSUPPORTED_MEDIA[name];
  if (what) return { event: base(eventId, userId, { kind: 'unsupported', what }) };
  return { ignored: name };
}

function base(eventId: string, userId: string, kind: InboundKind): Inbound {
  return { channel: 'zalo', eventId, chatId: userId, userId, chatType: 'private', ...kind };
}
