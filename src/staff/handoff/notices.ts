/**
 * Outbox items for a ticket's topic in the staff group (only once the topic exists).
 *
 * @example
 * turn.enqueue(...topicNotice(ticket, { text: 'Founder rated 5/5' }, `handoff:csat:${ticket.id}`));
 */
import type { Outbound } from '../../bot/outbound.js';
import type { OutboxItem } from '../../bot/turn.js';
import type { Ticket } from './tickets.js';

/**
 * Zero or one outbox item posting `payload` into the ticket's topic.
 *
 * @example
 * const items = topicNotice(ticket, { text: 'Đã kết thúc' }, 'handoff:resolved:12');
 */
export function topicNotice(ticket: Pick<Ticket, 'staff_chat_id' | 'topic_id'>, payload: Outbound, dedupeKey: string): OutboxItem[] {
  if (!ticket.staff_chat_id || !ticket.topic_id) return [];
  return [{
    channel: 'telegram',
    recipient: ticket.staff_chat_id,
    payload: { ...payload, threadId: ticket.topic_id },
    kind: 'staff',
    priority: 5,
    dedupe_key: dedupeKey,
  }];
}
