/**
 * The programmes feature's button payloads (`programme:view:<id>`, `programme:apply:<id>`, the
 * list, "my applications" and "refine").
 *
 * @example
 * programmePayloads.encode('view', 'mekong-innovation'); // 'programme:view:mekong-innovation'
 */
import { payloadCodec, SLUG } from '../../bot/payload.js';

export const programmePayloads = payloadCodec('programme', {
  view: [SLUG],
  apply: [SLUG],
  /** Who may apply (an eligibility question's answer). */
  who: [SLUG],
  list: [],
  mine: [],
  refine: [],
});
