/**
 * The programmes feature's button payloads (`programme:view:<id>`, `programme:apply:<id>`, the
 * list, "my applications" and "refine").
 *
 * @example
 * programmePayloads.encode('view', 'mekong-innovation'); // 'programme:view:mekong-innovation'
 */
import { ID, payloadCodec, SLUG } from '../../bot/payload.js';

export const programmePayloads = payloadCodec('programme', {
  view: [SLUG],
  apply: [SLUG],
  /** Who may apply (an eligibility question's answer). */
  who: [SLUG],
  /** Withdraw the founder's application (its id), pressed after "rút đơn" was confirmed. */
  withdraw: [ID],
  list: [],
  mine: [],
  refine: [],
});
