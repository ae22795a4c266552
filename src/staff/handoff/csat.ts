/**
 * The satisfaction question after a ticket is resolved: five buttons `handoff:csat:<ticket id>:<1-5>`.
 *
 * @example
 * turn.reply(csatQuestion(turn.t, 12, turn.t('handoff.resolved_by_staff')));
 */
import type { Translator } from '../../content/messages.js';
import type { Outbound } from '../../bot/outbound.js';
import { handoffPayloads } from './payloads.js';

/**
 * The question with its buttons, after `intro`.
 *
 * @example
 * csatQuestion(t, 3, t('handoff.ended_by_founder')).buttons?.length; // 5
 */
export function csatQuestion(t: Translator, ticketId: number, intro: string): Outbound {
  return {
    text: `${intro}\n\n${t('handoff.csat_question')}`,
    buttons: [1, 2, 3, 4, 5].map((n) => ({ label: t('handoff.csat_label', { n }), payload: handoffPayloads.encode('csat', ticketId, n) })),
  };
}
