/**
 * The handoff feature's button payloads (staff side: claim and resolve a ticket from its card;
 * founder side: ask for a person, end the conversation, rate the help received). One
 * declaration, read and built through the codec; other features offer `request` buttons.
 *
 * @example
 * handoffPayloads.encode('claim', 12); // 'handoff:claim:12'
 * handoffPayloads.encode('request', 'booking', 'flow_failed'); // 'handoff:request:booking:flow_failed'
 */
import { ID, optional, payloadCodec } from '../../bot/payload.js';

/** A ticket category or reason word (`other`, `kb_unanswered` …). */
const WORD = /^[a-z][a-z_]{0,30}$/;

export const handoffPayloads = payloadCodec('handoff', {
  claim: [ID],
  resolve: [ID],
  csat: [ID, /^[1-5]$/],
  csat_skip: [ID],
  /** `handoff:request[:<category>[:<reason>]]` */
  request: [optional(WORD), optional(WORD)],
  end: [],
  /** While waiting for staff: leave the ticket for what the founder asked the bot (`leave`), or keep waiting (`stay`). */
  leave: [ID],
  stay: [ID],
});
