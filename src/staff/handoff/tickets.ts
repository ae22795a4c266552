/**
 * Tickets as the database returns them, and the read queries handoff uses during a turn.
 *
 * @example
 * const { active } = await ticketsForContact(store, contactId);
 * if (active) relay(active);
 */
import type { Locale } from '../../content/messages.js';
import type { Store } from '../../store/store.js';
import type { ChannelId } from '../../bot/inbound.js';
import type { TicketCategory, TicketReason } from './open-ticket.js';

export type TicketStatus = 'open' | 'assigned' | 'waiting' | 'resolved';

export interface Ticket {
  id: number;
  ticket_id: number;
  number: number;
  contact_id: number | null;
  conversation_id: number | null;
  channel: ChannelId;
  recipient: string;
  category: TicketCategory;
  reason: TicketReason;
  priority: 1 | 2 | 3;
  status: TicketStatus;
  assignee_telegram_user_id: string | null;
  founder_name: string | null;
  profile: Record<string, unknown>;
  last_messages: { direction: 'in' | 'out'; body: Record<string, unknown>; at: string }[];
  summary: string | null;
  locale: Locale;
  sla_due_at: string | null;
  first_response_at: string | null;
  staff_chat_id: string | null;
  topic_id: string | null;
  opened_at: string;
  resolved_at: string | null;
  resolved_by: 'founder' | 'staff' | null;
  csat_score: number | null;
  csat_comment: string | null;
  /** The founder is talking to staff (the bot stays silent); false for an application nobody answered yet. */
  engaged: boolean;
}

export interface TicketMessage {
  author: 'founder' | 'staff' | 'note' | 'system';
  staff_user_id: string | null;
  body: Record<string, unknown>;
  at: string;
}

/**
 * The founder's unresolved ticket and their latest resolved one.
 *
 * @example
 * const { active, recent } = await ticketsForContact(store, 7);
 */
export function ticketsForContact(store: Store, contactId: number): Promise<{ active: Ticket | null; recent: Ticket | null }> {
  return store.call('ticket_for_contact', { contact_id: contactId });
}

/**
 * The ticket of a staff group topic, or null (General topic, unknown topic).
 *
 * @example
 * await ticketByTopic(store, '-1001', '17');
 */
export function ticketByTopic(store: Store, staffChatId: string, topicId: string): Promise<Ticket | null> {
  return store.call('ticket_by_topic', { staff_chat_id: staffChatId, topic_id: topicId });
}

/**
 * A ticket by number with its thread, or null.
 *
 * @example
 * const ticket = await ticketByNumber(store, 12);
 */
export function ticketByNumber(store: Store, number: number): Promise<(Ticket & { messages: TicketMessage[] }) | null> {
  return store.call('ticket_get', { number });
}

/**
 * Unresolved tickets by SLA due time (with `all`, resolved ones after them).
 *
 * @example
 * for (const t of await listTickets(store)) console.log(t.number);
 */
export function listTickets(store: Store, all = false): Promise<Ticket[]> {
  return store.call('ticket_list', { all, limit: 200 });
}

/**
 * The readable text of a logged message body (an Inbound or an Outbound).
 *
 * @example
 * bodyText({ kind: 'button', payload: 'menu:staff', text: 'Gặp cán bộ' }); // 'Gặp cán bộ'
 */
export function bodyText(body: Record<string, unknown>): string {
  for (const key of ['text', 'caption', 'payload']) {
    const value = body[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return typeof body.kind === 'string' ? `[${body.kind}]` : '';
}
