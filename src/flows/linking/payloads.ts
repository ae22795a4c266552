/**
 * The account-linking feature's button payloads: `link:undo:<id>` cuts a link from its notice.
 *
 * @example
 * linkPayloads.encode('undo', 12); // 'link:undo:12'
 */
import { ID, payloadCodec } from '../../bot/payload.js';

export const linkPayloads = payloadCodec('link', { undo: [ID] });
