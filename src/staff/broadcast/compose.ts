/**
 * Turns what an admin wrote into the stored broadcast: the message in both languages (the
 * admin's text as written, the buttons in the recipient's language: RSVP when asked for, and
 * always an unsubscribe button), then creates it in the database. `{name}` in the text is filled
 * per recipient when the delivery rows are created.
 *
 * @example
 * const created = await createBroadcast(store, messages, {
 *   createdBy: 'cli', text: 'Chào {name}! Lớp gọi vốn 1/12.', audience: 'stage=idea', rsvp: true,
 *   eventAt: new Date('2026-12-01T02:00:00Z'),
 * });
 * console.log(created.id, created.audience.total);
 */
import { ID, PLACEHOLDER, payloadCodec } from '../../bot/payload.js';
import { translator, type Locale, type MessageCatalog } from '../../content/messages.js';
import type { Store } from '../../store/store.js';
import type { Outbound } from '../../bot/outbound.js';
import { parseAudience, type AudienceSpec } from './audience.js';

/** Button payloads on announcements (Telegram allows 64 bytes). */
/** The broadcast feature's button payloads (founders' subscription and RSVP, staff composing). */
export const broadcastPayloads = payloadCodec('bc', {
  stop: [],
  subscribe: [],
  /** `bc:rsvp:{id}` is written into a broadcast's message; SQL puts the broadcast's id in its place. */
  rsvp: [or(ID, PLACEHOLDER)],
  compose: [/^(?:send|cancel)$/],
});

export interface BroadcastDraft {
  createdBy: string;
  text: string;
  /** The text for founders who read English; without it they get `text` with a note that it is in Vietnamese. */
  textEn?: string;
  /** Shown in lists and reports; defaults to the first line of the text. */
  title?: string;
  imageUrl?: string;
  link?: { label: string; url: string };
  /** The filter language (audience.ts). */
  audience: string;
  rsvp?: boolean;
  eventAt?: Date;
  /** Default: now. */
  sendAt?: Date;
  /** Telegram staff chat that gets the progress message. */
  progressChatId?: string;
}

export interface AudienceCount {
  total: number;
  by_channel: Record<string, number>;
}

export interface CreatedBroadcast {
  id: number;
  audience: AudienceCount;
}

/** The longest title kept; a longer one is cut at a word, never inside one ("18/1…" read as a date). */
const TITLE_MAX = 80;

/**
 * A title as founders and staff read it: a greeting to `{name}` that opens it is left out
 * ("Chào {name}! Buổi kết nối…" → "Buổi kết nối…"), any other `{name}` too, and a long one is cut
 * at the last whole word.
 *
 * @example
 * readableTitle('Chào {name}! Trung tâm tổ chức buổi kết nối nhà đầu tư') // 'Trung tâm tổ chức buổi kết nối nhà đầu tư'
 */
export function readableTitle(line: string): string {
  const greeting = /^\s*(?:(?:xin )?chào|kính chào|thân chào|hi|hello|hey|dear)\s*(?:bạn\s*)?\{name\}\s*[!,.:;–-]*\s*/iu;
  const rest = line.replace(greeting, '').replace(/\s*\{name\}\s*/g, ' ').replace(/\s+/g, ' ').trim();
  const title = rest === '' ? line.replace(/\{name\}/g, '').trim() : rest;
  if (title.length <= TITLE_MAX) return title;
  const cut = title.slice(0, TITLE_MAX - 1);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), TITLE_MAX / 2)).replace(/[\s,;:–-]+$/u, '');
  return `${atWord}…`;
}

/** The title of an announcement: its first non-empty line, without Markdown heading marks, made readable. */
export function titleOf(text: string): string {
  const line = text.split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find((l) => l !== '') ?? '';
  return readableTitle(line);
}

/**
 * The announcement in one language, with an RSVP button when asked for and always an
 * unsubscribe button.
 *
 * @example
 * announcement(messages, 'vi', { text: 'Xin chào {name}' }).buttons; // [unsubscribe]
 */
export function announcement(
  messages: MessageCatalog,
  locale: Locale,
  draft: Pick<BroadcastDraft, 'text' | 'textEn' | 'imageUrl' | 'link'>,
  rsvp = false,
): Outbound {
  const t = translator(messages, locale);
  return {
    text: textFor(t, locale, draft),
    buttons: [
      ...(rsvp ? [{ label: t('broadcast.rsvp_button'), payload: broadcastPayloads.encode('rsvp', '{id}') }] : []),
      { label: t('broadcast.unsubscribe_button'), payload: broadcastPayloads.encode('stop') },
    ],
    ...(draft.link ? { links: [draft.link] } : {}),
    ...(draft.imageUrl ? { image: { url: draft.imageUrl } } : {}),
  };
}

/**
 * The announcement's text in one language: the English text for English readers when there is
 * one; else the text as written, said to be in Vietnamese around it for English readers.
 */
function textFor(t: (key: string) => string, locale: Locale, draft: Pick<BroadcastDraft, 'text' | 'textEn'>): string {
  if (locale !== 'en') return draft.text.trim();
  if (draft.textEn?.trim()) return draft.textEn.trim();
  return `${t('broadcast.only_vietnamese')}\n\n${draft.text.trim()}`;
}

/**
 * Counts an audience without creating anything (the admin sees it before confirming).
 *
 * @example
 * const { total } = await countAudience(store, 'channel=telegram');
 */
export async function countAudience(store: Store, audience: string | AudienceSpec): Promise<AudienceCount> {
  const spec = typeof audience === 'string' ? parseAudience(audience) : audience;
  return store.call<AudienceCount>('broadcast_audience_count', { spec });
}

/**
 * The database record of a draft (validated; the audience parsed), for `broadcast_create` or
 * the `fx_broadcast_create` effect.
 *
 * @example
 * const record = broadcastRecord(messages, { createdBy: 'cli', text: 'Hi {name}', audience: 'all' });
 */
export function broadcastRecord(messages: MessageCatalog, draft: BroadcastDraft): Record<string, unknown> {
  const spec = parseAudience(draft.audience);
  // The RSVP button's payload names the broadcast; broadcast_create fills in the id.
  const payloads = Object.fromEntries((['vi', 'en'] as const).map((l) => [l, announcement(messages, l, draft, draft.rsvp)]));
  // The polite word goes into the text the reader gets: English readers of a Vietnamese-only text read "Chào bạn!".
  const fallbackLocale = (l: Locale): Locale => (l === 'en' && !draft.textEn?.trim() ? 'vi' : l);
  const nameFallback = Object.fromEntries((['vi', 'en'] as const).map((l) => [l, translator(messages, fallbackLocale(l))('broadcast.name_fallback')]));
  return {
    created_by: draft.createdBy,
    title: draft.title ?? titleOf(draft.text),
    payloads,
    name_fallback: nameFallback,
    audience: draft.audience.trim() || 'all',
    audience_spec: spec,
    rsvp: Boolean(draft.rsvp),
    event_at: draft.eventAt?.toISOString() ?? null,
    send_at: (draft.sendAt ?? new Date()).toISOString(),
    progress_chat_id: draft.progressChatId ?? null,
  };
}

/**
 * Validates the draft, stores the broadcast (scheduled for `sendAt`) and returns its id and
 * audience size. Delivery rows are created by the broadcast runner when it is due.
 *
 * @example
 * await createBroadcast(store, messages, { createdBy: 'cli', text: 'Hi {name}', audience: 'all' });
 */
export async function createBroadcast(store: Store, messages: MessageCatalog, draft: BroadcastDraft): Promise<CreatedBroadcast> {
  return store.call<CreatedBroadcast>('broadcast_create', { broadcast: broadcastRecord(messages, draft) });
}

/** A payload argument matching either shape. */
function or(a: RegExp, b: RegExp): RegExp {
  return new RegExp(`(?:${a.source})|(?:${b.source})`);
}
