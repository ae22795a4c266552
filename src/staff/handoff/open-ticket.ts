/**
 * Opening a ticket from any feature: queues `fx_ticket_open` (idempotent per founder) with the
 * SLA due time and the founder-facing confirmation, committed with the turn.
 *
 * @example
 * import { openTicket } from './open-ticket.js';
 * openTicket(turn, { category: 'programme', reason: 'application', summary: 'Đơn đăng ký VIISA', sourceId: 12 });
 */
import { handoffPayloads } from './payloads.js';
import type { Outbound } from '../../bot/outbound.js';
import type { Turn } from '../../bot/turn.js';
import { staffSettings } from './settings.js';
import { addBusinessMinutes } from './sla.js';
import { nextOpening, openingWords } from './after-hours.js';

export type TicketCategory = 'programme' | 'booking' | 'funding' | 'other';
export type TicketReason = 'requested' | 'kb_unanswered' | 'flow_failed' | 'application';

export interface OpenTicketOptions {
  category: TicketCategory;
  reason: TicketReason;
  summary?: string;
  /** The id of what caused it (an application, a knowledge-base question). */
  sourceId?: number;
}

/** Button payload with which a founder ends the conversation with staff. */
export const END_HANDOFF_PAYLOAD = handoffPayloads.encode('end');

/**
 * Priority a reason gets (same rule as the SQL): 1 urgent, 2 normal, 3 low.
 *
 * @example
 * priorityFor('flow_failed'); // 1
 */
export function priorityFor(reason: TicketReason): 1 | 2 | 3 {
  return reason === 'flow_failed' ? 1 : reason === 'kb_unanswered' ? 3 : 2;
}

/**
 * The confirmation a founder gets when a ticket opens, with the "end" button.
 *
 * @example
 * turn.reply(handoffOpenedMessage(turn));
 */
export function handoffOpenedMessage(turn: Pick<Turn, 't' | 'services' | 'locale'>): Outbound {
  const settings = staffSettings(turn.services);
  const hours = turn.t('handoff.hours', { start: settings.business_hours.start, end: settings.business_hours.end });
  // Outside office hours "the next working day" leaves the founder guessing (a holiday, a
  // weekend): they are told when, and how to go back to the assistant meanwhile.
  const opens = nextOpening(turn.services.clock(), settings);
  const later = opens ? `\n\n${turn.t('handoff.opened_after_hours', { when: openingWords(opens, settings, turn.locale) })}` : '';
  return {
    text: `${turn.t('handoff.opened', { hours })}${later}`,
    buttons: [{ label: turn.t('handoff.end_button'), payload: END_HANDOFF_PAYLOAD }],
  };
}

/**
 * A founder's typed request for a person, in their words ("gặp cán bộ về hồ sơ bị trả lại"), as
 * the summary of the ticket it opens: it tells staff why on the card, in the console's inbox and
 * in `uom tickets show`, where nothing else would (the turn's message is not yet in the
 * conversation the ticket copies). Whichever feature read the request (the handoff's phrases,
 * the NLU's `handoff_request`), the event is the founder's text.
 */
function requestWords(turn: Turn, reason: TicketReason): string | null {
  if (reason !== 'requested' || turn.event.kind !== 'text') return null;
  return turn.event.text.trim().slice(0, 500) || null;
}

/**
 * Queues the opening of a ticket for the turn's founder and the confirmation reply (sent only
 * when a ticket is really created; an already open ticket is returned as it is).
 *
 * @example
 * openTicket(turn, { category: 'other', reason: 'kb_unanswered', summary: question });
 */
export function openTicket(turn: Turn, options: OpenTicketOptions): void {
  const settings = staffSettings(turn.services);
  // The database sends an effect's messages before the turn's replies: when this turn already
  // said something ("Cảm ơn bạn đã đồng ý!" before the request typed with the consent), the
  // confirmation is a reply after it. Such a turn cannot find a ticket already open (the handoff
  // feature answers every turn of an open conversation with staff), so it is not sent twice.
  const saidBefore = turn.outbox.some((item) => !item.channel && !item.recipient);
  const due = addBusinessMinutes(turn.services.clock(), settings.first_response_minutes[priorityFor(options.reason)], settings);
  turn.effect('fx_ticket_open', {
    category: options.category,
    reason: options.reason,
    summary: options.summary ?? requestWords(turn, options.reason),
    source_id: options.sourceId ?? null,
    sla_due_at: due.toISOString(),
    founder_name: turn.event.userName ?? null,
    locale: turn.locale,
    outbox: saidBefore ? [] : [{ payload: handoffOpenedMessage(turn), kind: 'reply', dedupe_key: `handoff:opened:${turn.inboxId}` }],
  });
  if (saidBefore) turn.reply(handoffOpenedMessage(turn));
}
