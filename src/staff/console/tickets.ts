/**
 * Ticket actions from the console, built exactly as the Telegram staff workspace and the CLI
 * build them (the founder's text through `handoff.from_staff` in their language, the CSAT
 * question, a notice in the ticket's Telegram topic so the group stays in step) and committed by
 * one console_* SQL call that checks the session and goes through fx_ticket_*.
 *
 * @example
 * await replyToTicket(ctx, ticket, { text: 'Chào bạn', key: 'k1' });
 */
import { csatQuestion } from '../handoff/csat.js';
import { topicNotice } from '../handoff/notices.js';
import { loadStaffSettings } from '../handoff/settings.js';
import type { Ticket, TicketMessage } from '../handoff/tickets.js';
import type { Outbound } from '../../bot/outbound.js';
import type { OutboxItem } from '../../bot/turn.js';
import { translator, type Translator } from '../../content/messages.js';
import type { ConsoleContext } from './context.js';
import { prepareFile, type StaffFile } from './files.js';

/** A ticket as console_ticket returns it. */
export interface ConsoleTicket extends Ticket {
  assignee: string | null;
  overdue: boolean;
  messages: (TicketMessage & { id: number; staff: string | null })[];
  history: { direction: 'in' | 'out'; body: Record<string, unknown>; at: string; channel: string }[];
  founder: {
    contact_id: number; name: string | null; locale: string; phone: string | null; email: string | null;
    profile: Record<string, unknown>; consent_version: string | null; consented_at: string | null;
    consent_channel: string | null; subscribed: boolean;
    channels: { channel: string; reachable: boolean }[];
    applications: { id: number; programme_id: string; status: string; created_at: string }[];
  } | null;
}

function staffT(ctx: ConsoleContext): Translator {
  const settings = loadStaffSettings(ctx.deps.services.config.CONTENT_DIR);
  return translator(ctx.deps.services.messages, settings.staff_locale);
}

function founderT(ctx: ConsoleContext, ticket: Ticket): Translator {
  return translator(ctx.deps.services.messages, ticket.locale === 'en' ? 'en' : 'vi');
}

function founderItem(ticket: Ticket, payload: Outbound, dedupeKey: string): OutboxItem {
  return {
    channel: ticket.channel,
    recipient: ticket.recipient,
    ...(ticket.conversation_id !== null ? { conversation_id: ticket.conversation_id } : {}),
    ...(ticket.contact_id !== null ? { contact_id: ticket.contact_id } : {}),
    payload,
    kind: 'relay',
    priority: 5,
    dedupe_key: dedupeKey,
  };
}

/**
 * Loads a ticket by number (null when there is none); `brief` skips the thread and the founder.
 *
 * @example
 * const ticket = await loadTicket(ctx, 12);
 */
export async function loadTicket(ctx: ConsoleContext, number: number, brief = false): Promise<ConsoleTicket | null> {
  if (!brief) return ctx.call<ConsoleTicket | null>('console_ticket', { number });
  // Actions need the ticket's routing only (channel, recipient, topic, language), not its thread.
  const ticket = await ctx.call<Ticket | null>('console_ticket_brief', { number });
  return ticket ? { ...ticket, assignee: null, overdue: false, messages: [], history: [], founder: null } : null;
}

/**
 * Sends a staff reply (the founder gets it on their channel, in their language; the topic gets a
 * copy) or keeps an internal note (copied to the topic), in one database call by ticket number.
 * `key` makes a resubmitted form a no-op.
 *
 * @example
 * await replyToTicket(ctx, 12, { texts: { vi: 'Chào bạn', en: 'Hello' }, key: 'k1', note: false });
 */
export async function replyToTicket(
  ctx: ConsoleContext, number: number, input: { texts: Record<'vi' | 'en', string>; key: string; note: boolean },
): Promise<{ ok: boolean; code?: string }> {
  const st = staffT(ctx);
  const name = ctx.staff.name;
  const shown = input.texts.vi;
  const payloads = input.note
    ? { note: { text: shown } }
    : Object.fromEntries((['vi', 'en'] as const).map((l) => [l, { text: translator(ctx.deps.services.messages, l)('handoff.from_staff', { text: input.texts[l] }) }]));
  const topic = { text: st(input.note ? 'console.topic.note' : 'console.topic.reply', { staff: name, text: shown }) };
  const result = await ctx.call<{ ok: boolean; code?: string }>('console_ticket_send', {
    number, author: input.note ? 'note' : 'staff', payloads, topic, event_key: `console:${input.key}`,
  });
  ctx.deps.services.wakeSender();
  return result;
}

/**
 * Sends a staff reply carrying a file (and an optional caption): the file is kept behind an
 * unguessable link and the founder gets it on their own channel, in their language, like a file
 * staff post in the ticket's Telegram topic; the topic gets a copy with the file's name.
 *
 * @example
 * await replyWithFile(ctx, 12, { captions: { vi: 'Mẫu đơn', en: 'The form' }, file, key: 'k3' });
 */
export async function replyWithFile(
  ctx: ConsoleContext, number: number, input: { captions: Record<'vi' | 'en', string>; file: StaffFile; key: string },
): Promise<{ ok: boolean; code?: string }> {
  const ticket = await loadTicket(ctx, number, true);
  if (!ticket) return { ok: false, code: 'not_found' };
  const prepared = prepareFile(ctx.deps.services, ticket.channel, input.file, input.captions);
  const st = staffT(ctx);
  const shown = [input.captions.vi, `📎 ${prepared.row.name}`].filter(Boolean).join(' ');
  const topic = { text: st('console.topic.reply', { staff: ctx.staff.name, text: shown }) };
  const result = await ctx.call<{ ok: boolean; code?: string }>('console_ticket_send_file', {
    number, file: prepared.row, payloads: prepared.payloads, topic, event_key: `console:${input.key}`,
  });
  ctx.deps.services.wakeSender();
  return result;
}

/**
 * Claims the ticket for the signed-in staff member (the topic is told).
 *
 * @example
 * await claimTicket(ctx, ticket);
 */
export async function claimTicket(ctx: ConsoleContext, ticket: ConsoleTicket, key: string): Promise<{ ok: boolean }> {
  const st = staffT(ctx);
  const result = await ctx.call<{ ok: boolean }>('console_ticket_claim', {
    ticket_id: ticket.id,
    outbox: topicNotice(ticket, { text: st('handoff.staff.claimed', { staff: ctx.staff.name, number: ticket.number }) }, `handoff:claimed:console:${key}`),
  });
  ctx.deps.services.wakeSender();
  return result;
}

/**
 * Resolves the ticket: the founder gets the closing message with the rating question.
 *
 * @example
 * await resolveTicket(ctx, ticket, 'k2');
 */
export async function resolveTicket(ctx: ConsoleContext, ticket: ConsoleTicket, key: string): Promise<{ ok: boolean }> {
  const st = staffT(ctx);
  const ft = founderT(ctx, ticket);
  const question = csatQuestion(ft, ticket.id, ft('handoff.resolved_by_staff'));
  const result = await ctx.call<{ ok: boolean }>('console_ticket_resolve', {
    ticket_id: ticket.id,
    outbox: [
      founderItem(ticket, question, `handoff:csatq:console:${key}`),
      ...topicNotice(ticket, { text: st('handoff.staff.resolved', { number: ticket.number, by: st('handoff.staff.by_staff', { staff: ctx.staff.name }) }) },
        `handoff:resolved:console:${key}`),
    ],
  });
  ctx.deps.services.wakeSender();
  return result;
}
