/**
 * The founder's side of a handoff. While a ticket is open the bot does not answer: every
 * message is recorded on the ticket and relayed to its topic (an outbox row, committed with the
 * turn); the "end" button resolves it and asks for a rating. After resolve, the rating buttons
 * and an optional comment are stored; a later message within the reopen window reopens the ticket.
 * A request for a person opens a ticket (founders who have not consented go on to the consent gate).
 *
 * @example
 * if (await handleFounderTurn(turn)) return; // handled
 */
import { translator } from '../../content/messages.js';
import { foldWords } from '../../nlu/fold.js';
import { isGreeting } from '../../flows/menu.js';
import type { Turn } from '../../bot/turn.js';
import { CSAT_PATTERN, CSAT_SKIP_PATTERN, csatQuestion } from './csat.js';
import { topicNotice } from './notices.js';
import { END_HANDOFF_PAYLOAD, handoffOpenedMessage, openTicket, priorityFor } from './open-ticket.js';
import { founderToStaff } from './relay.js';
import { handoffRequest } from './request.js';
import { loadStaffSettings } from './settings.js';
import { addBusinessMinutes } from './sla.js';
import { ticketsForContact, type Ticket } from './tickets.js';

interface HandoffState {
  /** Ticket whose rating was given and whose optional comment we wait for. */
  commentFor?: number;
}

function staffT(turn: Turn) {
  return translator(turn.services.messages, loadStaffSettings(turn.services.config.CONTENT_DIR).staff_locale);
}

function founderName(turn: Turn, ticket: Ticket | null): string {
  return ticket?.founder_name ?? turn.contact?.displayName ?? staffT(turn)('handoff.unknown_founder');
}

/** Records the event on the ticket and relays it to the topic. */
function relayToStaff(turn: Turn, ticket: Ticket, extra: Record<string, unknown> = {}): void {
  const post = founderToStaff(turn.event, founderName(turn, ticket), staffT(turn));
  turn.effect('fx_ticket_founder_message', {
    ticket_id: ticket.id,
    body: post ? { ...turn.event } : { kind: turn.event.kind },
    ...(post ? { relay: post } : {}),
    event_key: `inbox:${turn.inboxId}`,
    ...extra,
  });
}

function resolveByFounder(turn: Turn, ticket: Ticket): void {
  const st = staffT(turn);
  turn.effect('fx_ticket_resolve', {
    ticket_id: ticket.id,
    by: 'founder',
    outbox: [
      { payload: csatQuestion(turn.t, ticket.id, turn.t('handoff.ended_by_founder')), dedupe_key: `handoff:csatq:${turn.inboxId}` },
      ...topicNotice(ticket, { text: st('handoff.staff.resolved', { number: ticket.number, by: st('handoff.staff.by_founder') }) },
        `handoff:resolved:${turn.inboxId}`),
    ],
  });
}

/** `/forget`, `/me`, `/profile`, `/lang` and the account buttons: handled by their feature, never relayed. */
function isAccountCommand(turn: Turn): boolean {
  const { event } = turn;
  if (event.kind === 'button') return event.payload.startsWith('account:');
  return event.kind === 'text' && /^\/(forget|me|profile|lang)\b/i.test(event.text.trim());
}

/** Whether a message after resolve is a new matter for staff (not a greeting, command or button). */
function reopens(turn: Turn): boolean {
  const { event } = turn;
  if (event.kind === 'image' || event.kind === 'file') return true;
  if (event.kind !== 'text') return false;
  const text = event.text.trim();
  return text.length > 0 && !text.startsWith('/') && !isGreeting(text) && foldWords(text) !== '';
}

/**
 * Handles the turn when it belongs to a handoff; returns false to let other features answer.
 *
 * @example
 * const handled = await handleFounderTurn(turn);
 */
export async function handleFounderTurn(turn: Turn): Promise<boolean> {
  const { event, services } = turn;
  const contactId = turn.conversation.contactId;
  // Tickets are only opened after consent (and closed by /forget): skip the lookup for everyone else.
  if (event.kind === 'reachability' || contactId === null || !turn.contact?.consentedAt) return false;
  const settings = loadStaffSettings(services.config.CONTENT_DIR);
  const state = (turn.state.handoff ?? {}) as HandoffState;
  const { active, recent } = await ticketsForContact(services.store, contactId);

  if (active) {
    // The founder's data rights come first, even mid-conversation (Decree 13/2023).
    if (isAccountCommand(turn)) return false;
    if (event.kind === 'button' && event.payload === END_HANDOFF_PAYLOAD) {
      resolveByFounder(turn, active);
      return true;
    }
    const request = handoffRequest(event, settings.request_phrases);
    if (!active.engaged) {
      // An application's ticket: the bot keeps answering until the founder asks for a person.
      if (!request) return false;
      relayToStaff(turn, active);
      turn.reply(handoffOpenedMessage(turn));
      return true;
    }
    if (request && event.kind === 'button') {
      turn.reply({ ...handoffOpenedMessage(turn), text: turn.t('handoff.already_open') });
      return true;
    }
    relayToStaff(turn, active);
    return true;
  }

  // The rating and its optional comment.
  if (event.kind === 'button') {
    const rating = CSAT_PATTERN.exec(event.payload);
    if (rating) {
      const ticketId = Number(rating[1]);
      const score = Number(rating[2]);
      turn.effect('fx_ticket_csat', { ticket_id: ticketId, score });
      if (recent && recent.id === ticketId) {
        const st = staffT(turn);
        for (const item of topicNotice(recent, { text: st('handoff.staff.csat', { number: recent.number, score }) }, `handoff:csat:${turn.inboxId}`)) {
          turn.enqueue(item);
        }
      }
      turn.state.handoff = { commentFor: ticketId } satisfies HandoffState;
      turn.reply({ text: turn.t('handoff.csat_thanks'), buttons: [{ label: turn.t('handoff.csat_skip'), payload: `handoff:csat_skip:${ticketId}` }] });
      return true;
    }
    if (CSAT_SKIP_PATTERN.test(event.payload)) {
      delete turn.state.handoff;
      turn.reply({ text: turn.t('handoff.csat_done') });
      return true;
    }
    if (event.payload === END_HANDOFF_PAYLOAD) {
      // The ticket was already closed (by staff or a double press): nothing left to end.
      turn.reply({ text: turn.t('handoff.csat_done') });
      return true;
    }
  }
  if (state.commentFor !== undefined) {
    delete turn.state.handoff;
    if (event.kind === 'text' && !event.text.trim().startsWith('/') && !isGreeting(event.text)) {
      turn.effect('fx_ticket_csat', { ticket_id: state.commentFor, comment: event.text.trim() });
      if (recent && recent.id === state.commentFor) {
        const st = staffT(turn);
        for (const item of topicNotice(recent, { text: st('handoff.staff.csat_comment', { number: recent.number, comment: event.text.trim() }) }, `handoff:csatc:${turn.inboxId}`)) {
          turn.enqueue(item);
        }
      }
      turn.reply({ text: turn.t('handoff.csat_comment_thanks') });
      return true;
    }
  }

  const request = handoffRequest(event, settings.request_phrases);
  if (request) {
    openTicket(turn, request);
    return true;
  }

  // A new message soon after resolve continues the same ticket.
  if (recent?.resolved_at && reopens(turn)) {
    const resolvedAt = Date.parse(recent.resolved_at);
    const now = services.clock().getTime();
    if (now - resolvedAt <= settings.reopen_days * 86_400_000) {
      const due = addBusinessMinutes(services.clock(), settings.first_response_minutes[priorityFor(recent.reason)], settings);
      relayToStaff(turn, recent, { reopen_sla_due_at: due.toISOString() });
      const st = staffT(turn);
      for (const item of topicNotice(recent, { text: st('handoff.staff.reopened', { number: recent.number }) }, `handoff:reopen:${turn.inboxId}`)) {
        turn.enqueue(item);
      }
      turn.reply(handoffOpenedMessage(turn));
      return true;
    }
  }
  return false;
}
