/**
 * Requests typed before consent, kept to carry out once the founder agrees (the bot promised to:
 * "Mình sẽ làm việc bạn vừa nhờ ngay khi bạn đồng ý"). Founders type a request in pieces
 * ("mik mún đặt phòng họp j đó cho 4 ng" · "t7 nay dc ko" · "tầm 9h-11h sáng") and mix in a
 * question ("à mà ở đây wifi có mạnh ko"): keeping only the last message did the wifi question
 * and lost the booking, or replayed a loose "2 người" as a request of its own. So:
 * - a booking request takes the details typed after it (a day, a time, a head count, "ok tiếp
 *   tục đặt đi"), merged into one text that the NLU reads with all its slots;
 * - each other request is kept beside it (at most `REQUESTS_MAX`), in the order typed;
 * - a piece with no request before it to complete is not a request ("2 người" alone).
 * After consent the first request is carried out and the others are offered with a button each
 * (`consent:later:<i>`), since doing several at once would talk over the first one's questions.
 * Only the text waits, for `REQUEST_TTL_MS` (Decree 13/2023: held to be answered, not stored
 * about the founder), and is dropped when they decline.
 *
 * @example
 * keepRequest(turn, state, 'mik mún đặt phòng họp j đó cho 4 ng'); // 'request'
 * keepRequest(turn, state, 't7 nay dc ko');                         // 'detail' (merged into it)
 */
import { z } from 'zod';
import type { Turn } from '../../bot/turn.js';
import { countsHeads, type Understanding } from '../../nlu/index.js';
import { foldWords } from '../../nlu/fold.js';
import { ACTION_INTENTS, understandTurn } from '../engine/understand.js';
import { consentPayloads } from './payloads.js';

/** The longest request text kept while waiting for consent (a request with its details). */
export const REQUEST_MAX = 500;
/** How many separate requests are kept; more are not promised (the reminder says so no more). */
const REQUESTS_MAX = 3;
/**
 * How long a request typed before consent is kept: a request agreed to a day later is no longer
 * what the founder is asking.
 */
export const REQUEST_TTL_MS = 60 * 60 * 1000;
/** The longest request text shown on its button. */
const LABEL_MAX = 40;

/** One request typed before consent: its text (with the details merged in) and when it was last added to. */
export const pendingRequestSchema = z.object({
  text: z.string().max(REQUEST_MAX),
  at: z.string().max(40),
  /** A booking: the details typed after it are merged into it. */
  booking: z.boolean().optional(),
});
export type PendingRequest = z.infer<typeof pendingRequestSchema>;
export const pendingRequestsSchema = z.array(pendingRequestSchema).max(REQUESTS_MAX);

/** What the consent gate's state holds of the requests (besides its own fields). */
export interface RequestsHolder {
  /** Requests typed before consent, in the order typed. */
  requests?: PendingRequest[];
  /** Older states: one request and when it was typed (read as the first of `requests`). */
  request?: string;
  requestAt?: string;
  /** After consent: the requests not carried out yet, offered with a button each. */
  later?: PendingRequest[];
}

/** The requests of `state` still fresh at the turn's clock. */
export function freshRequests(turn: Turn, list: readonly PendingRequest[] | undefined): PendingRequest[] {
  const now = turn.services.clock().getTime();
  return (list ?? []).filter((r) => now - Date.parse(r.at) <= REQUEST_TTL_MS);
}

/** The requests of the gate's state, an older state's single request included. */
function heldRequests(turn: Turn, state: RequestsHolder): PendingRequest[] {
  const legacy = state.request && state.requestAt ? [{ text: state.request, at: state.requestAt }] : [];
  return freshRequests(turn, [...legacy, ...(state.requests ?? [])]);
}

/** Takes the requests out of the gate's state (fresh ones only), leaving none behind. */
export function takeRequests(turn: Turn, state: RequestsHolder): PendingRequest[] {
  const held = heldRequests(turn, state);
  dropRequests(state);
  return held;
}

/** Forgets every request (the founder declined). */
export function dropRequests(state: RequestsHolder): void {
  delete state.requests;
  delete state.request;
  delete state.requestAt;
}

/** Words that go on with a booking asked for ("đặt", "book", "tiếp tục"), folded. */
const BOOKING_WORDS = /(?:^|[^a-z0-9])(?:dat|book|booking|tiep tuc|giu cho|reserve)(?![a-z0-9])/;

/**
 * Whether a message adds to a booking asked for before it: read as a booking, or naming a day,
 * time, length, space or head count ("t7 nay dc ko", "tầm 9h-11h sáng", "2 người"), or going on
 * with it ("ok tiếp tục đặt đi"); never a sure request of another kind ("có chương trình nào…").
 */
function addsToBooking(u: Understanding): boolean {
  if (u.intent === 'booking_new') return true;
  if (!u.unsure && ACTION_INTENTS.has(u.intent)) return false;
  const { date, start, minutes, end, window, space } = u.slots;
  return Boolean(date || start || minutes || end || window || space) || countsHeads(u.normalized) || BOOKING_WORDS.test(u.normalized);
}

/**
 * Keeps a message typed before consent when it is a request (`isRequest`) or a detail of a
 * booking asked for before it. What it was: 'request', 'detail', or undefined (nothing kept).
 *
 * @example
 * keepRequest(turn, state, 'à mà ở đây wifi có mạnh ko', isRequest); // 'request'
 */
export function keepRequest(turn: Turn, state: RequestsHolder, text: string, isRequest: (u: Understanding) => boolean): 'request' | 'detail' | undefined {
  const u = understandTurn(turn, text);
  if (!u) return undefined;
  const typed = text.trim();
  const at = turn.services.clock().toISOString();
  const held = heldRequests(turn, state);
  const booking = held.findLast((r) => r.booking);
  let kept: 'request' | 'detail' | undefined;
  if (booking && addsToBooking(u)) {
    booking.text = `${booking.text}. ${typed}`.slice(0, REQUEST_MAX);
    booking.at = at;
    kept = 'detail';
  } else if (isRequest(u)) {
    kept = 'request';
    const same = held.find((r) => foldWords(r.text) === foldWords(typed));
    if (same) same.at = at;
    else if (held.length < REQUESTS_MAX) held.push({ text: typed.slice(0, REQUEST_MAX), at, ...(u.intent === 'booking_new' ? { booking: true } : {}) });
  }
  dropRequests(state);
  if (held.length > 0) state.requests = held;
  return kept;
}

/** A request's text shortened for its button. */
function label(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= LABEL_MAX ? flat : `${flat.slice(0, LABEL_MAX - 1).trimEnd()}…`;
}

/**
 * After the first request is carried out: the others typed before consent, each on a button
 * (`consent:later:<i>`), kept in `later` for the press.
 *
 * @example
 * offerLater(turn, holder, others);
 */
export function offerLater(turn: Turn, holder: RequestsHolder, others: PendingRequest[]): void {
  if (others.length === 0) return;
  holder.later = others;
  turn.reply({
    text: turn.t('onboarding.later_offer'),
    // Worded, not the request alone: a label equal to the text would make the text, typed or
    // replayed, a press of this button again.
    buttons: others.map((r, i) => ({ label: turn.t('onboarding.later_button', { text: label(r.text) }), payload: consentPayloads.encode('later', i) })),
  });
}

/**
 * The text of the request a `consent:later:<i>` press asks for (removed from `later`), or
 * undefined when it is no longer kept (done, expired or erased).
 *
 * @example
 * const text = laterRequest(turn, holder, 0); // then treatAsText(turn, text); next()
 */
export function laterRequest(turn: Turn, holder: RequestsHolder, index: number): string | undefined {
  const later = holder.later ?? [];
  const chosen = later[index];
  const fresh = chosen && freshRequests(turn, [chosen]).length === 1 ? chosen : undefined;
  if (fresh) {
    // The others keep their buttons' numbers: the chosen one is emptied, not removed.
    holder.later = later.map((r, i) => (i === index ? { ...r, text: '' } : r));
    if (holder.later.every((r) => r.text === '')) delete holder.later;
  }
  return fresh && fresh.text ? fresh.text : undefined;
}
