/**
 * The founder's side of a handoff. While a ticket is open the bot does not answer: every
 * message is recorded on the ticket and relayed to its topic (an outbox row, committed with the
 * turn); the "end" button resolves it and asks for a rating. After resolve, the rating buttons
 * (pressed or typed) and an optional comment are stored (a button label typed is the press, not
 * a comment); a later message reopens the ticket only when it replies to a staff message or
 * comes within the short reopen window, and is not a bot command, a menu label, a flow answer or
 * a request the bot handles. During a handoff "kết thúc" ends it and "menu", "/menu" and other
 * commands are answered by the bot, never relayed.
 * A request for a person opens a ticket (founders who have not consented go on to the consent gate).
 *
 * @example
 * if (await handleFounderTurn(turn)) return; // handled
 */
import { z } from 'zod';
import { translator } from '../../content/messages.js';
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { isGreeting, mainMenu } from '../../flows/menu.js';
import { lastButtons, treatAsPress, treatAsText } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { matchShownButton } from '../../flows/engine/typed.js';
import { csatQuestion } from './csat.js';
import { nextOpening, openingWords } from './after-hours.js';
import { asksQuestion, transferComplaint } from './founder-words.js';
import { handoffPayloads } from './payloads.js';
import { accountPayloads } from '../../flows/onboarding/payloads.js';
import { accountStateSchema, askForget } from '../../flows/onboarding/account.js';
import { forgetAnswer } from '../../flows/onboarding/forget-answer.js';
import { namesErasing } from '../../flows/intents/careful.js';
import { MENU_PAYLOADS } from '../../flows/menu.js';
import { activeFlow, endFlow } from '../../flows/engine/engine.js';
import { changeLanguage, followWrittenLanguage, typedLanguageChoice } from '../../flows/language.js';
import { getFlow } from '../../flows/engine/registry.js';
import { topicNotice } from './notices.js';
import { END_HANDOFF_PAYLOAD, handoffOpenedMessage, openTicket, priorityFor } from './open-ticket.js';
import { founderToStaff } from './relay.js';
import { handoffButton, handoffRequest } from './request.js';
import { staffSettings } from './settings.js';
import { addBusinessMinutes } from './sla.js';
import { ticketsForContact, type Ticket } from './tickets.js';

/** The handoff's slice of the conversation state (`turn.state.handoff`). */
export const handoffStateSchema = z.object({
  /** Ticket whose rating was given and whose optional comment we wait for. */
  commentFor: z.number().int().positive().optional(),
  /** Ticket the founder was just asked to rate (again, after a reopen): a typed "4" is its rating. */
  rateFor: z.number().int().positive().optional(),
  /** Ticket closed without the rating question (the founder had not meant to talk to staff). */
  unrated: z.number().int().positive().optional(),
  /** Outside office hours: the ticket and time of the last "staff answer from …" note. */
  waitNote: z.object({ ticket: z.number().int().positive(), at: z.string() }).optional(),
  /** A request for the bot typed while waiting for staff, carried out if the founder leaves. */
  pending: z.object({ ticket: z.number().int().positive(), text: z.string().max(500) }).optional(),
});
type HandoffState = z.infer<typeof handoffStateSchema>;

function staffT(turn: Turn) {
  return translator(turn.services.messages, staffSettings(turn.services).staff_locale);
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
  // Nobody from staff ever answered: there is no help to rate. The founder is told the request
  // is closed and how to reach staff again; staff are told it ended unanswered. A reopened
  // ticket starts its first response afresh, so one staff took (an assignee) or that was rated
  // before was answered in an earlier round: asked again, as before.
  if (!ticket.first_response_at && !ticket.assignee_telegram_user_id && ticket.csat_score === null) {
    turn.effect('fx_ticket_resolve', {
      ticket_id: ticket.id,
      by: 'founder',
      outbox: [
        { payload: { text: turn.t('handoff.ended_unanswered'), buttons: [handoffButton(turn.t)] }, dedupe_key: `handoff:ended:${turn.inboxId}` },
        ...topicNotice(ticket, { text: st('handoff.staff.ended_unanswered', { number: ticket.number }) }, `handoff:resolved:${turn.inboxId}`),
      ],
    });
    turn.state.handoff = { unrated: ticket.id } satisfies HandoffState;
    return;
  }
  // The rating question follows: a typed "4" is its answer, even for a ticket rated before a reopen.
  turn.state.handoff = { rateFor: ticket.id } satisfies HandoffState;
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

/**
 * Closes a ticket the founder did not mean to keep (asked for by mistake, or left for the bot
 * while still waiting): no rating question, since staff did not help; staff are told why.
 */
function withdraw(turn: Turn, ticket: Ticket): void {
  const st = staffT(turn);
  turn.effect('fx_ticket_resolve', {
    ticket_id: ticket.id,
    by: 'founder',
    outbox: topicNotice(ticket, { text: st('handoff.staff.left', { number: ticket.number }) }, `handoff:left:${turn.inboxId}`),
  });
  turn.state.handoff = { unrated: ticket.id } satisfies HandoffState;
}

/** `/forget`, `/me`, `/profile`, `/lang` and the account buttons: handled by their feature, never relayed. */
function isAccountCommand(turn: Turn): boolean {
  const { event } = turn;
  if (event.kind === 'button') return accountPayloads.owns(event.payload);
  return event.kind === 'text' && /^\/(forget|me|profile|lang)\b/i.test(event.text.trim());
}

/**
 * An erasure asked in words while talking to staff ("actually delete all my data", "xoá dữ liệu
 * của tôi"): the bot asks to confirm, as for /forget; passed on to staff it waited for them
 * overnight and the data stayed.
 */
function asksErasure(turn: Turn): boolean {
  if (turn.event.kind !== 'text') return false;
  const read = intentOf(turn);
  return Boolean(read && !read.unsure && read.intent === 'forget_me' && namesErasing(turn.event.text));
}

/** A typed answer to the bot's "erase everything?" question ("yes", "xóa hết đi", "giữ lại"). */
function answersForget(turn: Turn): boolean {
  const asked = accountStateSchema.safeParse(turn.state.account).data?.forgetAsked === true;
  return asked && turn.event.kind === 'text' && forgetAnswer(turn.event.text) !== undefined;
}

// Typed ways to end the conversation with staff (the NLU's `handoff_end` reads the rest).
const END_WORDS = new Set(['ket thuc', 'ket thuc tro chuyen', 'ket thuc chat', 'ket thuc hoi thoai', 'end', 'end chat', '/end', 'end the chat', 'finish']);
// Words that are the bot's, never a message for staff, even in the middle of a handoff.
const BOT_WORDS = new Set(['menu', 'menu chinh', 'main menu', 'trang chu', 've menu', 'help', 'tro giup', 'huong dan', 'bat dau', 'start']);

/** How sure the NLU must be that a message during a handoff means "end it" (beyond the fixed words). */
const END_CONFIDENCE = 0.9;
/** Below this confidence a message after resolve is not taken as a request for the bot. */
const BOT_REQUEST_CONFIDENCE = 0.75;

/** What the NLU reads in the turn's text (intent and confidence), or undefined for non-text. */
function intentOf(turn: Turn): { intent: string; unsure: boolean; confidence: number } | undefined {
  if (turn.event.kind !== 'text' || !turn.event.text.trim() || turn.event.text.trim().startsWith('/')) return undefined;
  const u = turn.services.nlu.understand(turn.event.text.trim().slice(0, 500), { now: turn.services.clock() });
  return { intent: u.intent, unsure: u.unsure, confidence: u.confidence };
}

/**
 * "không cần nữa", "thôi khỏi", "never mind", "I don't need it anymore" (normal form): the founder
 * no longer needs staff. A thanks or a goodbye alone is not this (see `soundsDone`).
 */
const NO_LONGER = /(^| )((khong|chua) can (nua|gap nua|can bo nua|nhan vien nua)|thoi khoi|khoi (roi|can|gap)|huy (yeu cau|gap can bo)|never mind|nevermind|no longer need|(don t|do not) need (it |staff |help |a human |this )?(anymore|any more))( |$)/;
/** Words at most in a message that may only be saying "no longer needed". */
const NO_LONGER_MAX_WORDS = 10;

/** "kết thúc", "ket thuc", the end button's label typed, "không cần nữa", or a confident `handoff_end`. */
function typedEnd(turn: Turn): boolean {
  if (turn.event.kind !== 'text') return false;
  const folded = foldWords(turn.event.text);
  if (END_WORDS.has(folded) || folded === foldWords(turn.t('handoff.end_button'))) return true;
  const normal = foldWords(normalizeForMatching(turn.event.text));
  if (NO_LONGER.test(normal) && normal.split(' ').length <= NO_LONGER_MAX_WORDS) return true;
  const read = intentOf(turn);
  // Ending by mistake silences staff mid-conversation: only a very confident reading counts.
  return Boolean(read && !read.unsure && read.intent === 'handoff_end' && read.confidence >= END_CONFIDENCE && folded.split(' ').length <= 8);
}

/** "Xong rồi", "hết rồi", "vậy thôi", "that's all", "I'm done" (folded, casual spellings expanded). */
const DONE = /(^| )(xong roi|xong|het roi|vay thoi|the thoi|vay la xong|khong con gi|that s all|thats all|all done|i m done|im done|done|nothing else)( |$)/;
/** Words at most in a message that may only be closing the conversation. */
const DONE_MAX_WORDS = 12;
/** How sure a goodbye or an end must be read to offer the end button. */
const DONE_CONFIDENCE = 0.5;

/**
 * Whether a message during a handoff sounds like the founder is done, without being sure enough to
 * end it (`typedEnd`): a short message saying so, or read as a goodbye or an end.
 */
function soundsDone(turn: Turn): boolean {
  if (turn.event.kind !== 'text') return false;
  const words = foldWords(normalizeForMatching(turn.event.text));
  if (!words || words.split(' ').length > DONE_MAX_WORDS) return false;
  if (DONE.test(words)) return true;
  const read = intentOf(turn);
  // A thanks ("thôi cảm ơn", "ok thanks") is passed to staff like the rest and gets the offer,
  // never ends it: it is as likely meant for staff as a goodbye.
  return Boolean(read && (read.intent === 'goodbye' || read.intent === 'handoff_end' || read.intent === 'thanks') && read.confidence >= DONE_CONFIDENCE);
}

/** Commands and universal words the bot answers itself during a handoff ("menu", "/menu", "/start", "help"). */
function isBotCommand(turn: Turn): boolean {
  const { event } = turn;
  if (event.kind !== 'text') return false;
  const text = event.text.trim();
  return text.startsWith('/') || BOT_WORDS.has(foldWords(text));
}

/** A typed rating right after the rating question: "5", "5 sao", "4/5", "5⭐". */
function typedRating(turn: Turn): number | undefined {
  if (turn.event.kind !== 'text') return undefined;
  const match = /^([1-5])\s*(?:\/\s*5|sao|stars?|diem|\*|⭐)*$/u.exec(foldWords(turn.event.text.replace(/⭐/gu, ' sao ')));
  return match ? Number(match[1]) : undefined;
}

/** Whether the founder replied (reply-to) to a staff message relayed to them. */
async function repliesToStaff(turn: Turn): Promise<boolean> {
  const target = turn.event.meta?.replyToMessageId;
  if (target === undefined || target === null) return false;
  const result = await turn.services.store.call<{ staff: boolean }>('handoff_reply_is_to_staff', {
    channel: turn.event.channel, recipient: turn.event.chatId, platform_message_id: String(target),
  });
  return result.staff;
}

/**
 * Whether a message soon after resolve is more for staff ("one more thing…"): not a command, not
 * an answer to the active flow, not a request the bot handles (an action, chat).
 */
function isMoreForStaff(turn: Turn): boolean {
  const { event } = turn;
  if (event.kind === 'image' || event.kind === 'file') return true;
  if (event.kind !== 'text') return false;
  const text = event.text.trim();
  if (!text || text.startsWith('/') || isGreeting(text) || foldWords(text) === '') return false;
  if (turn.state.flow) return false; // an answer to the question the bot asked
  const read = intentOf(turn);
  return !read || read.unsure || read.confidence < BOT_REQUEST_CONFIDENCE || read.intent === 'kb_question' || read.intent === 'out_of_scope';
}

/** Confident readings of what the bot does (not a person, not an end): then it is no comment for staff. */
const BOT_ACTIONS: ReadonlySet<string> = new Set([
  'booking_new', 'booking_list', 'booking_cancel', 'booking_move', 'programme_find', 'programme_apply',
  'application_status', 'survey_take', 'profile_show', 'forget_me', 'language_change', 'unsubscribe', 'subscribe', 'menu',
]);
/** Chat the bot answers itself ("cảm ơn", "bye"), when read surely. */
const BOT_CHAT: ReadonlySet<string> = new Set(['thanks', 'goodbye', 'greeting']);

/** A question put plainly ("có chỗ để xe máy ko", "is there parking?") that the NLU reads as one. */
function plainQuestion(turn: Turn): boolean {
  if (turn.event.kind !== 'text') return false;
  const read = intentOf(turn);
  return read?.intent === 'kb_question' && asksQuestion(turn.event.text);
}

/**
 * Whether a text is clearly for the bot: a request it carries out ("đặt bàn mai 9h"), a plainly
 * put question, chat it answers, or an explicit request for a person. The rating's comment
 * question and the reopen window leave these to the bot; a comment the NLU happens to read as a
 * request for a person ("cán bộ trả lời nhanh, rất nhiệt tình") is still a comment.
 */
function clearlyForBot(turn: Turn): boolean {
  if (turn.event.kind !== 'text') return false;
  if (handoffRequest(turn.event, staffSettings(turn.services).request_phrases)) return true;
  if (plainQuestion(turn)) return true;
  const read = intentOf(turn);
  if (!read || read.unsure || read.confidence < BOT_REQUEST_CONFIDENCE) return false;
  return BOT_ACTIONS.has(read.intent) || BOT_CHAT.has(read.intent);
}

/**
 * Outside office hours, while staff have not answered yet: one note saying when they will (and
 * how to go back to the assistant), then a one-line reminder for every later message. Silence
 * would leave the founder guessing: "yes" and "hello?" typed after the note once got no answer
 * at all (tester, session 31), and a founder who hears nothing cannot tell a message passed on
 * from one lost.
 */
function afterHoursNote(turn: Turn, ticket: Ticket): 'sent' | 'none' {
  if (ticket.first_response_at) return 'none';
  const settings = staffSettings(turn.services);
  const now = turn.services.clock();
  const opens = nextOpening(now, settings);
  if (!opens) return 'none';
  const state = (turn.state.handoff ?? {}) as HandoffState;
  const last = state.waitNote?.ticket === ticket.id ? Date.parse(state.waitNote.at) : undefined;
  const when = openingWords(opens, settings, turn.locale);
  turn.state.handoff = { ...state, waitNote: { ticket: ticket.id, at: now.toISOString() } } satisfies HandoffState;
  if (last === undefined) {
    turn.reply({ text: turn.t('handoff.after_hours_ack', { when }), buttons: [{ label: turn.t('handoff.end_button'), payload: END_HANDOFF_PAYLOAD }] });
  } else {
    turn.reply({ text: turn.t('handoff.after_hours_reminder', { when }) });
  }
  return 'sent';
}

/** Requests the bot carries out on its own, that a founder waiting overnight for staff may want now. */
const LEAVE_FOR: ReadonlySet<string> = new Set(['booking_new', 'booking_list', 'booking_cancel', 'booking_move', 'programme_find', 'survey_take']);

/**
 * A request the bot carries out ("đặt bàn làm việc mai 9h"), typed outside office hours while
 * staff have not answered yet: the founder is offered to leave the conversation with staff for
 * it, or to keep waiting. Never left on a guess: the message was passed on to staff as well.
 * In office hours staff are about to answer, and a question about their own case ("đơn của em
 * thế nào") is theirs to answer.
 */
function offerLeave(turn: Turn, ticket: Ticket): boolean {
  if (ticket.first_response_at || turn.event.kind !== 'text') return false;
  if (!nextOpening(turn.services.clock(), staffSettings(turn.services))) return false;
  const read = intentOf(turn);
  if (!read || read.unsure || read.confidence < BOT_REQUEST_CONFIDENCE || !LEAVE_FOR.has(read.intent)) return false;
  const state = (turn.state.handoff ?? {}) as HandoffState;
  turn.state.handoff = { ...state, pending: { ticket: ticket.id, text: turn.event.text.trim().slice(0, 500) } } satisfies HandoffState;
  turn.reply({
    text: turn.t('handoff.leave_offer'),
    buttons: [
      { label: turn.t('handoff.leave_button'), payload: handoffPayloads.encode('leave', ticket.id) },
      { label: turn.t('handoff.stay_button'), payload: handoffPayloads.encode('stay', ticket.id) },
    ],
  });
  return true;
}

/**
 * "ủa sao lại chuyển cán bộ, e chỉ hỏi chỗ gửi xe thôi": the founder did not mean to talk to
 * staff. A ticket staff have not answered yet is withdrawn; the apology is followed by the
 * question they meant (handled by the features after this one), or a request to type it again.
 * Returns true when the turn is answered here.
 */
function misrouted(turn: Turn, active: Ticket | null, recent: Ticket | null): boolean | undefined {
  if (turn.event.kind !== 'text') return undefined;
  const complaint = transferComplaint(turn.event.text);
  if (!complaint || (!active && !recent)) return undefined;
  // Staff already answering read it themselves; an application's ticket is not a conversation.
  if (active && (!active.engaged || active.first_response_at)) return undefined;
  if (active) {
    withdraw(turn, active);
    turn.reply({ text: turn.t('handoff.misrouted') });
  } else if (recent) {
    turn.reply({ text: turn.t('handoff.misrouted_earlier') });
  }
  if (complaint.question) {
    treatAsText(turn, complaint.question);
    return false;
  }
  turn.reply({ text: turn.t('handoff.misrouted_ask') });
  return true;
}

function rate(turn: Turn, recent: Ticket | null, ticketId: number, score: number): void {
  turn.effect('fx_ticket_csat', { ticket_id: ticketId, score });
  if (recent && recent.id === ticketId) {
    const st = staffT(turn);
    for (const item of topicNotice(recent, { text: st('handoff.staff.csat', { number: recent.number, score }) }, `handoff:csat:${turn.inboxId}`)) {
      turn.enqueue(item);
    }
  }
  turn.state.handoff = { commentFor: ticketId } satisfies HandoffState;
  turn.reply({ text: turn.t('handoff.csat_thanks'), buttons: [{ label: turn.t('handoff.csat_skip'), payload: handoffPayloads.encode('csat_skip', ticketId) }] });
}

/**
 * Whether the active flow's question takes any text as its answer (a name, a company, a comment).
 * Such a flow is ended when the founder asks for a person: kept, it would wake up after the
 * ticket is resolved and take their next words ("one more question…") for the answer to a
 * question asked before the handoff, e.g. store them as their name. A flow waiting for a choice
 * (a space, a day) is kept: a later answer that fits goes on with it, anything else is re-asked.
 */
function waitsForAnyText(turn: Turn): boolean {
  const flow = activeFlow(turn);
  const step = flow ? getFlow(turn.services, flow.id)?.steps.find((s) => s.id === flow.step) : undefined;
  return step?.kind === 'ask' && !step.choices && (step.input === undefined || step.input.type === 'text');
}

/**
 * The button a text typed after a handoff names by its whole label (any casing, with or without
 * diacritics, casual spellings): one of the bot's last message ("bo qua" under the comment
 * question) or of the main menu ("dat cau hoi"). Without this, the comment question and the
 * reopen window would take a typed label for words to staff. Only whole labels: a sentence that
 * starts like one ("bỏ qua phần giấy tờ thì…") stays a comment.
 */
function typedLabel(turn: Turn): string | undefined {
  if (turn.event.kind !== 'text' || turn.event.text.trim().startsWith('/')) return undefined;
  const whole = { numbers: false, prefix: false };
  return matchShownButton(lastButtons(turn), turn.event.text, whole)
    ?? matchShownButton(mainMenu(turn.t).buttons ?? [], turn.event.text, whole);
}

/**
 * Handles the turn when it belongs to a handoff; returns false to let other features answer.
 *
 * @example
 * const handled = await handleFounderTurn(turn);
 */
export async function handleFounderTurn(turn: Turn): Promise<boolean> {
  const { services } = turn;
  let { event } = turn;
  const contactId = turn.conversation.contactId;
  // Tickets are only opened after consent (and closed by /forget): skip the lookup for everyone else.
  if (event.kind === 'reachability' || contactId === null || !turn.contact?.consentedAt) return false;
  const settings = staffSettings(services);
  const state = (turn.state.handoff ?? {}) as HandoffState;
  const { active, recent } = await ticketsForContact(services.store, contactId);

  const pressed = event.kind === 'button' ? handoffPayloads.decode(event.payload) : undefined;
  if (pressed?.action === 'leave' || pressed?.action === 'stay') return leaveOrStay(turn, pressed.action, Number(pressed.args[0]), active);
  const wrong = misrouted(turn, active, recent);
  if (wrong !== undefined) return wrong;

  if (active) {
    // The founder's data rights come first, even mid-conversation (Decree 13/2023): /forget and
    // the answer to its question are the bot's, and so is an erasure asked in words.
    if (isAccountCommand(turn) || answersForget(turn)) return false;
    if (asksErasure(turn)) {
      followWrittenLanguage(turn); // "actually delete all my data": asked in English
      askForget(turn);
      return true;
    }
    if (event.kind === 'button' && event.payload === END_HANDOFF_PAYLOAD) {
      resolveByFounder(turn, active);
      return true;
    }
    if (active.engaged && typedEnd(turn)) {
      resolveByFounder(turn, active);
      return true;
    }
    // "menu", "/menu", "/start", "help" and the bot's own buttons: the bot answers, nothing is relayed.
    if (isBotCommand(turn)) return false;
    if (event.kind === 'button' && !handoffPayloads.owns(event.payload) && event.payload !== MENU_PAYLOADS.staff) return false;
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
    // The founder's language follows them while they talk to staff (the consent feature, which
    // follows it elsewhere, comes after this one): a language asked for is chosen and confirmed,
    // else the language they plainly write in is followed unless one was chosen. The contact's
    // language changes too, so staff replies and the rating question come in it.
    const asked = typedLanguageChoice(turn);
    if (asked) changeLanguage(turn, asked);
    else followWrittenLanguage(turn);
    relayToStaff(turn, active);
    if (asked) {
      turn.reply({ text: turn.t('onboarding.lang_changed') });
      return true;
    }
    if (offerLeave(turn, active)) return true;
    if (afterHoursNote(turn, active) === 'sent') return true;
    // "ok cảm ơn, mình xong rồi", "thanks, that's all": passed on (staff may answer it), and the
    // end button offered; ending on a guess would silence staff mid-conversation.
    if (soundsDone(turn)) turn.reply({ text: turn.t('handoff.end_offer'), buttons: [{ label: turn.t('handoff.end_button'), payload: END_HANDOFF_PAYLOAD }] });
    return true;
  }

  // A label typed while the comment question or the reopen window would capture the text is
  // the press (outside a flow, which matches its own buttons); the features after see a press too.
  const capturing = state.commentFor !== undefined || Boolean(recent?.resolved_at);
  const label = capturing && !activeFlow(turn) ? typedLabel(turn) : undefined;
  if (label) treatAsPress(turn, label);
  event = turn.event;
  // The rating and its optional comment.
  if (event.kind === 'button') {
    const pressed = handoffPayloads.decode(event.payload);
    if (pressed?.action === 'csat') {
      rate(turn, recent, Number(pressed.args[0]), Number(pressed.args[1]));
      return true;
    }
    if (pressed?.action === 'csat_skip') {
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
  // The rating typed instead of pressed ("5") while the question is unanswered: a ticket rated
  // before a reopen is asked again (`rateFor`), one withdrawn is never asked (`unrated`).
  const typed = typedRating(turn);
  const unanswered = recent?.resolved_at && state.commentFor === undefined && state.unrated !== recent.id
    && (recent.csat_score === null || state.rateFor === recent.id);
  if (typed !== undefined && recent && unanswered) {
    rate(turn, recent, recent.id, typed);
    return true;
  }
  if (state.commentFor !== undefined) {
    delete turn.state.handoff;
    // A comment, unless it is an answer to the active flow or clearly for the bot (a question, a
    // request): "có chỗ để xe máy ko" under the comment question is answered, not stored.
    if (event.kind === 'text' && !event.text.trim().startsWith('/') && !isGreeting(event.text) && !activeFlow(turn) && !clearlyForBot(turn)) {
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
    if (waitsForAnyText(turn)) endFlow(turn);
    // "I want to talk to a person" after a Vietnamese hello: the ticket (and so the label on every
    // staff reply, "💬 Staff:") takes the language the request is written in. The consent
    // feature, which follows it for everything else, comes after this one.
    followWrittenLanguage(turn);
    openTicket(turn, request);
    return true;
  }

  // After resolve, the same ticket continues only for a reply to staff (reply-to) within
  // `reopen_days`, or more for staff within the short `reopen_minutes` window after staff closed
  // it. A founder who ended it themselves said they were done: what they type next is for the
  // bot, as is a plainly put question ("có chỗ đỗ xe máy ko ad"), which the knowledge base answers.
  if (recent?.resolved_at) {
    const since = services.clock().getTime() - Date.parse(recent.resolved_at);
    const reply = since <= settings.reopen_days * 86_400_000 && (await repliesToStaff(turn));
    const soon = since <= settings.reopen_minutes * 60_000 && recent.resolved_by === 'staff' && isMoreForStaff(turn) && !plainQuestion(turn);
    if (reply || soon) {
      const due = addBusinessMinutes(services.clock(), settings.first_response_minutes[priorityFor(recent.reason)], settings);
      relayToStaff(turn, recent, { reopen_sla_due_at: due.toISOString() });
      const st = staffT(turn);
      for (const item of topicNotice(recent, { text: st('handoff.staff.reopened', { number: recent.number }) }, `handoff:reopen:${turn.inboxId}`)) {
        turn.enqueue(item);
      }
      turn.state.handoff = { rateFor: recent.id } satisfies HandoffState;
      turn.reply(handoffOpenedMessage(turn));
      return true;
    }
  }
  return false;
}

/**
 * The answer to the offer to leave staff for a request to the bot: `leave` withdraws the ticket
 * (if still open) and hands the request to the features after this one; `stay` keeps waiting.
 */
function leaveOrStay(turn: Turn, action: 'leave' | 'stay', ticketId: number, active: Ticket | null): boolean {
  const state = (turn.state.handoff ?? {}) as HandoffState;
  const pending = state.pending?.ticket === ticketId ? state.pending.text : undefined;
  turn.state.handoff = { ...state, pending: undefined } satisfies HandoffState;
  if (action === 'stay') {
    turn.reply({ text: turn.t(active?.id === ticketId ? 'handoff.stayed' : 'handoff.csat_done') });
    return true;
  }
  if (active?.id === ticketId) {
    withdraw(turn, active);
    turn.reply({ text: turn.t('handoff.left') });
  }
  if (!pending) {
    if (active?.id !== ticketId) turn.reply({ text: turn.t('handoff.csat_done') });
    return true;
  }
  treatAsText(turn, pending);
  return false;
}
