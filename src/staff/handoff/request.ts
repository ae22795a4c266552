/**
 * Recognising a founder's request for a person: our buttons (`handoff:request[:<category>[:<reason>]]`,
 * `menu:staff`) and typed phrases from `content/staff.yaml` (`gặp cán bộ`, `talk to a human`, …),
 * with or without diacritics.
 *
 * @example
 * handoffRequest({ kind: 'text', text: 'Gặp cán bộ' } as Inbound, phrases); // { category: 'other', reason: 'requested' }
 */
import { handoffPayloads } from './payloads.js';
import type { Translator } from '../../content/messages.js';
import { foldWords } from '../../nlu/fold.js';
import type { Inbound } from '../../bot/inbound.js';
import { MENU_PAYLOADS } from '../../flows/menu.js';
import type { Button } from '../../bot/outbound.js';
import type { TicketCategory, TicketReason } from './open-ticket.js';

const CATEGORIES: readonly TicketCategory[] = ['programme', 'booking', 'funding', 'other'];
const REASONS: readonly TicketReason[] = ['requested', 'kb_unanswered', 'flow_failed', 'application'];

export interface HandoffRequest {
  category: TicketCategory;
  reason: TicketReason;
}

/**
 * The button other features offer ("talk to staff" after an unanswered question or a failed flow).
 *
 * @example
 * turn.reply({ text: t('kb.no_answer'), buttons: [handoffButton(turn.t, 'other', 'kb_unanswered')] });
 */
export function handoffButton(t: Translator, category: TicketCategory = 'other', reason: TicketReason = 'requested'): Button {
  return { label: t('menu.staff'), payload: handoffPayloads.encode('request', category, reason) };
}

/**
 * The request an event makes, or null.
 *
 * @example
 * handoffRequest(turn.event, settings.request_phrases);
 */
export function handoffRequest(event: Inbound, phrases: readonly string[]): HandoffRequest | null {
  if (event.kind === 'button') {
    if (event.payload === MENU_PAYLOADS.staff) return { category: 'other', reason: 'requested' };
    const pressed = handoffPayloads.decode(event.payload);
    if (pressed?.action !== 'request') return null;
    const [asked, why] = pressed.args;
    const category = CATEGORIES.includes(asked as TicketCategory) ? (asked as TicketCategory) : 'other';
    const reason = REASONS.includes(why as TicketReason) ? (why as TicketReason) : 'requested';
    return { category, reason };
  }
  if (event.kind !== 'text') return null;
  const folded = foldWords(event.text);
  const words = folded.split(' ').filter(Boolean);
  // A long question that mentions "cán bộ" is a question, not a request for a person.
  if (words.length === 0 || words.length > 8) return null;
  const padded = ` ${folded} `;
  for (const phrase of phrases) {
    const p = foldWords(phrase);
    if (p && padded.includes(` ${p} `)) return { category: 'other', reason: 'requested' };
  }
  return null;
}
