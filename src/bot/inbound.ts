/**
 * `Inbound`: what a founder (or staff member) did, in channel-neutral terms. Channel adapters
 * produce it from a platform payload; everything after the inbox sees only this type.
 *
 * @example
 * const event: Inbound = {
 *   channel: 'telegram', eventId: '1234', chatId: '42', userId: '42', kind: 'text', text: 'xin chào',
 * };
 */
import type { ChannelId } from './channels/index.js';

export type { ChannelId };

export interface InboundBase {
  channel: ChannelId;
  /** The platform's id of this event (update_id, msg_id, activity id): duplicates are dropped. */
  eventId: string;
  /** Where replies go on the platform (chat id, Zalo user id, Bot Framework conversation id). */
  chatId: string;
  /** The platform's id of the person who acted. */
  userId: string;
  chatType?: 'private' | 'group';
  /** The platform's language tag for the person, e.g. `vi` or `en-US`. */
  locale?: string;
  /** Display name as the platform reports it; only stored on the contact after consent. */
  userName?: string;
  /** Platform-specific details the rest of the bot may need (topic id, reply-to, ...). */
  meta?: Record<string, string | number | boolean | null>;
}

export interface FileRef {
  /** Platform file id or URL, enough for the adapter to fetch or forward it. */
  fileId: string;
  url?: string;
  fileName?: string;
  mimeType?: string;
  size?: number;
}

export type InboundKind =
  | { kind: 'text'; text: string }
  /** A press of one of our buttons; `payload` is what we put on it. */
  | { kind: 'button'; payload: string; text?: string }
  | { kind: 'contact'; phone: string; name?: string }
  | { kind: 'location'; latitude: number; longitude: number }
  | { kind: 'image'; file: FileRef; caption?: string }
  | { kind: 'file'; file: FileRef; caption?: string }
  /** The person (un)followed or (un)blocked the bot. */
  | { kind: 'reachability'; reachable: boolean; reason: string }
  /** Anything else (stickers, polls, ...): the bot answers politely, never crashes. */
  | { kind: 'unsupported'; what: string };

export type Inbound = InboundBase & InboundKind;

/** The text a person typed, or the text of a pressed button's label; empty otherwise. */
export function inboundText(event: Inbound): string {
  if (event.kind === 'text') return event.text;
  if (event.kind === 'button') return event.text ?? '';
  if (event.kind === 'image' || event.kind === 'file') return event.caption ?? '';
  return '';
}
