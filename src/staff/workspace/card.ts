/**
 * The ticket card that opens each topic, the topic's name, and the `/tickets` list.
 *
 * @example
 * const card = ticketCard(ticket, t, settings); // { text, buttons: [Claim, Resolve] }
 */
import { handoffPayloads } from '../handoff/payloads.js';
import type { Translator } from '../../content/messages.js';
import type { StaffSettings } from '../handoff/settings.js';
import { formatLocal } from '../handoff/sla.js';
import { bodyText, type Ticket } from '../handoff/tickets.js';
import type { Outbound } from '../../bot/outbound.js';

const TOPIC_NAME_LIMIT = 128; // Telegram's limit for forum topic names

function clip(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * `#12 · Lan · Tài chính`, clipped to Telegram's 128 characters.
 *
 * @example
 * topicName(ticket, t); // '#12 · Nguyễn Lan · Tài chính'
 */
export function topicName(ticket: Ticket, t: Translator): string {
  const name = clip(ticket.founder_name ?? t('handoff.unknown_founder'), 60);
  return clip(t('handoff.staff.topic_name', { number: ticket.number, name, category: t(`handoff.category.${ticket.category}`) }), TOPIC_NAME_LIMIT);
}

function dueText(ticket: Ticket, t: Translator, settings: StaffSettings): string {
  return ticket.sla_due_at ? formatLocal(new Date(ticket.sla_due_at), settings, settings.staff_locale) : t('handoff.staff.no_due');
}

/**
 * The card: profile, channel, reason, last messages, SLA, with Claim and Resolve buttons.
 *
 * @example
 * ticketCard(ticket, t, settings).buttons?.map((b) => b.payload); // ['handoff:claim:12', 'handoff:resolve:12']
 */
export function ticketCard(ticket: Ticket, t: Translator, settings: StaffSettings): Outbound {
  const profile = Object.entries(ticket.profile ?? {})
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `• ${k}: ${clip(typeof v === 'string' ? v : JSON.stringify(v), 120)}`)
    .join('\n');
  const messages = (ticket.last_messages ?? [])
    .map((m) => `${m.direction === 'in' ? '👤' : '🤖'} ${clip(bodyText(m.body), 200)}`)
    .join('\n');
  return {
    text: t('handoff.staff.card', {
      number: ticket.number,
      category: t(`handoff.category.${ticket.category}`),
      priority: t(`handoff.priority.${ticket.priority}`),
      name: ticket.founder_name ?? t('handoff.unknown_founder'),
      channel: ticket.channel,
      profile,
      reason: t(`handoff.reason.${ticket.reason}`),
      summary: ticket.summary ? clip(ticket.summary, 1000) : '',
      due: dueText(ticket, t, settings),
      messages: messages || t('handoff.staff.no_messages'),
    }).replace(/\n{3,}/g, '\n\n'),
    buttons: [
      { label: t('handoff.staff.claim'), payload: handoffPayloads.encode('claim', ticket.number) },
      { label: t('handoff.staff.resolve'), payload: handoffPayloads.encode('resolve', ticket.number) },
    ],
  };
}

/**
 * Open tickets by SLA, one line each, overdue ones marked.
 *
 * @example
 * ticketListText(await listTickets(store), t, settings, new Date());
 */
export function ticketListText(tickets: readonly Ticket[], t: Translator, settings: StaffSettings, now: Date): string {
  if (tickets.length === 0) return t('handoff.staff.tickets_none');
  const lines = tickets.map((ticket) =>
    t('handoff.staff.tickets_line', {
      number: ticket.number,
      name: clip(ticket.founder_name ?? t('handoff.unknown_founder'), 40),
      category: t(`handoff.category.${ticket.category}`),
      status: t(`handoff.status.${ticket.status}`),
      due: dueText(ticket, t, settings),
      overdue: ticket.sla_due_at && !ticket.first_response_at && Date.parse(ticket.sla_due_at) < now.getTime()
        ? t('handoff.staff.overdue_mark') : '',
    }),
  );
  return `${t('handoff.staff.tickets_header')}\n${lines.join('\n')}`;
}
