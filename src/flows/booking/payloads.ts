/**
 * The booking feature's button payloads (`booking:new`, `booking:cancel:<id>` …). The reminder's
 * buttons carry `{booking_id}`, which SQL fills in when it queues the row, so `cancel` and
 * `confirm` also accept that placeholder when built; a pressed one always carries an id.
 *
 * @example
 * bookingPayloads.encode('cancel', 42); // 'booking:cancel:42'
 * bookingPayloads.decode('booking:move:7'); // { action: 'move', args: ['7'] }
 */
import { ID, PLACEHOLDER, payloadCodec } from '../../bot/payload.js';

const ID_OR_PLACEHOLDER = new RegExp(`${ID.source}|${PLACEHOLDER.source}`);

export const bookingPayloads = payloadCodec('booking', {
  new: [],
  mine: [],
  cancel: [ID_OR_PLACEHOLDER],
  confirm: [ID_OR_PLACEHOLDER],
  move: [ID],
});
