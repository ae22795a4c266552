/**
 * The handoff feature's button payloads (staff side: claim and resolve a ticket from its card;
 * founder side: rate the help received). One declaration, read and built through the codec.
 *
 * @example
 * handoffPayloads.encode('claim', 12); // 'handoff:claim:12'
 */
import { ID, payloadCodec } from '../../bot/payload.js';

export const handoffPayloads = payloadCodec('handoff', {
  claim: [ID],
  resolve: [ID],
  csat: [ID, /^[1-5]$/],
  csat_skip: [ID],
});
