/**
 * The staff side: events from the staff supergroup (`STAFF_CHAT_ID`). In a ticket's topic,
 * what a staff member writes is relayed to the founder (an outbox row to the founder's own
 * channel, deduplicated by the inbox event); `/note` keeps an internal note, `/t <name>` sends a
 * canned reply, `/resolve` closes the ticket; the card's Claim / Resolve buttons do the same.
 * `/tickets` lists open tickets anywhere in the group. Only people on the roster may act; others'
 * commands are refused and their messages are not relayed. The General topic is not a ticket.
 *
 * @example
 * if (isStaffChat(turn)) return handleStaffTurn(turn, next);
 */
import { handoffPayloads } from '../handoff/payloads.js';
import { translator } from '../../content/messages.js';
import { telegramFileUrl } from '../../bot/channels/telegram/file-links.js';
import { csatQuestion } from '../handoff/csat.js';
import { topicNotice } from '../handoff/notices.js';
import { staffToFounder } from '../handoff/relay.js';
import { staffSettings } from '../handoff/settings.js';
import { listTickets, ticketByNumber, ticketByTopic, type Ticket } from '../handoff/tickets.js';
import type { ChannelId } from '../../bot/inbound.js';
import type { Outbound } from '../../bot/outbound.js';
import type { Turn } from '../../bot/turn.js';
import { loadCannedReplies } from './canned.js';
import { ticketListText } from './card.js';
import { staffRole } from './roster.js';

type Command = { name: 'note' | 't' | 'resolve' | 'tickets' | 'claim'; arg: string };

const COMMANDS = new Set(['note', 't', 'resolve', 'tickets', 'claim']);

/**
 * Whether the turn comes from the configured staff group.
 *
 * @example
 * isStaffChat(turn); // true for telegram events in STAFF_CHAT_ID
 */
export function isStaffChat(turn: Turn): boolean {
  const staffChat = turn.services.config.STAFF_CHAT_ID;
  return Boolean(staffChat) && turn.event.channel === 'telegram' && turn.event.chatId === staffChat;
}

function parseCommand(text: string): Command | null {
  const match = /^\/([a-z]+)(?:@\S+)?(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match || !COMMANDS.has(match[1]!.toLowerCase())) return null;
  return { name: match[1]!.toLowerCase() as Command['name'], arg: (match[2] ?? '').trim() };
}

function threadOf(turn: Turn): string | undefined {
  const id = turn.event.meta?.threadId;
  return id === undefined || id === null ? undefined : String(id);
}

/** Replies in the same topic of the staff group. */
function answer(turn: Turn, payload: Outbound): void {
  const threadId = threadOf(turn);
  turn.reply({ ...payload, ...(threadId ? { threadId } : {}) });
}

function staffName(turn: Turn): string {
  return turn.event.userName || turn.event.userId;
}

function founderItem(ticket: Ticket, payload: Outbound, dedupeKey: string) {
  return {
    channel: ticket.channel,
    recipient: ticket.recipient,
    ...(ticket.conversation_id !== null ? { conversation_id: ticket.conversation_id } : {}),
    ...(ticket.contact_id !== null ? { contact_id: ticket.contact_id } : {}),
    payload,
    kind: 'relay' as const,
    priority: 5,
    dedupe_key: dedupeKey,
  };
}

/**
 * Resolves a ticket as staff: the founder gets the closing message with the rating question.
 *
 * @example
 * resolveAsStaff(turn, ticket, 'Lan');
 */
export function resolveAsStaff(turn: Turn, ticket: Ticket, name: string): void {
  const st = translator(turn.services.messages, staffSettings(turn.services).staff_locale);
  const ft = translator(turn.services.messages, ticket.locale);
  turn.effect('fx_ticket_resolve', {
    ticket_id: ticket.id,
    by: 'staff',
    staff_user_id: turn.event.userId,
    outbox: [
      founderItem(ticket, csatQuestion(ft, ticket.id, ft('handoff.resolved_by_staff')), `handoff:csatq:${turn.inboxId}`),
      ...topicNotice(ticket, { text: st('handoff.staff.resolved', { number: ticket.number, by: st('handoff.staff.by_staff', { staff: name }) }) },
        `handoff:resolved:${turn.inboxId}`),
    ],
  });
}

/**
 * Handles an event from the staff group; passes what is not handoff's (e.g. another feature's commands in General) on.
 *
 * @example
 * await handleStaffTurn(turn, next);
 */
export async function handleStaffTurn(turn: Turn, next: () => Promise<void>): Promise<void> {
  const { event, services } = turn;
  const settings = staffSettings(services);
  const st = translator(services.messages, settings.staff_locale);
  turn.logInbound = false; // staff chatter is kept on tickets, not in a founder's message log
  const staffChat = services.config.STAFF_CHAT_ID!;
  const threadId = threadOf(turn);
  const text = event.kind === 'text' ? event.text : '';
  const command = parseCommand(text);
  const pressed = event.kind === 'button' ? handoffPayloads.decode(event.payload) : null;
  const button = pressed && (pressed.action === 'claim' || pressed.action === 'resolve') ? pressed : null;
  const ticket = threadId ? await ticketByTopic(services.store, staffChat, threadId) : null;

  if (!command && !button && !ticket) return next(); // General topic chatter or another feature's
  const role = await staffRole(services.store, event.userId);
  if (!role) {
    if (command || button) answer(turn, { text: st('handoff.staff.not_staff', { user: event.userId }) });
    return; // not relayed
  }

  if (command?.name === 'tickets') {
    answer(turn, { text: ticketListText(await listTickets(services.store), st, settings, services.clock()) });
    return;
  }
  const target = button ? await ticketByNumber(services.store, Number(button.args[0])) : ticket;
  if (!target) {
    answer(turn, { text: st('handoff.staff.general_topic') });
    return;
  }
  const name = staffName(turn);
  if (button?.action === 'claim' || command?.name === 'claim') {
    turn.effect('fx_ticket_claim', { ticket_id: target.id, staff_user_id: event.userId });
    for (const item of topicNotice(target, { text: st('handoff.staff.claimed', { staff: name, number: target.number }) }, `handoff:claimed:${turn.inboxId}`)) {
      turn.enqueue(item);
    }
    return;
  }
  if (button?.action === 'resolve' || command?.name === 'resolve') {
    if (target.status === 'resolved') {
      answer(turn, { text: st('handoff.staff.ticket_closed', { number: target.number }) });
      return;
    }
    resolveAsStaff(turn, target, name);
    return;
  }
  if (command?.name === 'note') {
    turn.effect('fx_ticket_staff_message', {
      ticket_id: target.id, staff_user_id: event.userId, author: 'note', body: { text: command.arg }, event_key: `inbox:${turn.inboxId}`,
    });
    answer(turn, { text: st('handoff.staff.note_saved') });
    return;
  }

  // A reply for the founder: typed, canned, or a photo/file.
  const ft = translator(services.messages, target.locale);
  let payload: Outbound | null;
  if (command?.name === 't') {
    const canned = loadCannedReplies(services.config.CONTENT_DIR);
    const reply = canned.get(command.arg.toLowerCase());
    if (!reply) {
      answer(turn, { text: st('handoff.staff.canned_unknown', { name: command.arg, names: [...canned.keys()].join(', ') }) });
      return;
    }
    payload = staffToFounder(event, target.channel, ft, reply[target.locale]);
  } else {
    if (text.trim().startsWith('/')) return next(); // someone else's command
    const fileUrl = (fileId: string, to: ChannelId) => telegramFileUrl(services.config, fileId, to, services.clock());
    payload = staffToFounder(event, target.channel, ft, undefined, fileUrl);
  }
  if (!payload) return;
  if (target.status === 'resolved') {
    answer(turn, { text: st('handoff.staff.ticket_closed', { number: target.number }) });
    return;
  }
  turn.effect('fx_ticket_staff_message', {
    ticket_id: target.id,
    staff_user_id: event.userId,
    author: 'staff',
    body: payload,
    event_key: `inbox:${turn.inboxId}`,
    outbox: [founderItem(target, payload, `handoff:s2f:${turn.inboxId}`)],
  });
}
