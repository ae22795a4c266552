/**
 * The inbox: a webhook stores the normalized event (deduplicated on channel + event id) and is
 * answered at once; the dispatcher processes it later.
 *
 * @example
 * const { duplicate } = await acceptInbound(store, event);
 */
import type { Store } from '../store/store.js';
import type { AcceptResult } from './channels/channel.js';
import type { Inbound } from './inbound.js';

export async function acceptInbound(store: Store, event: Inbound): Promise<AcceptResult> {
  const result = await store.call<{ inbox_id: number; duplicate: boolean }>('inbox_put', {
    channel: event.channel,
    event_id: event.eventId,
    chat_id: event.chatId,
    user_id: event.userId,
    payload: event,
    chat_type: event.chatType ?? 'private',
    locale: event.locale?.slice(0, 2).toLowerCase() ?? null,
  });
  return { inboxId: result.inbox_id, duplicate: result.duplicate };
}
