/**
 * The one schema a (signed) Zalo OA webhook event must pass before it is read (Zalo OA docs,
 * "Webhook": `event_name`, `timestamp` in milliseconds, `sender`/`follower` with an `id`,
 * `message` with `msg_id`, `text` and `attachments[].payload`, `info` of `user_submit_info`).
 * Ids may come as strings or (small) numbers and become strings; texts are cleaned of characters
 * the database cannot store; a phone or a name that is not text, an id that is an object, or a
 * timestamp that is not digits fails. Unknown fields pass through.
 *
 * @example
 * const parsed = zaloEventSchema.safeParse(body);
 * if (!parsed.success) throw new HttpError(400, 'malformed_event', '…');
 */
import { z } from 'zod';
import { idField, textField } from '../clean-text.js';

const zaloId = z.union([idField(128), z.number().int().refine(Number.isSafeInteger).transform(String)]);
const numeric = z.union([z.number().finite(), z.string().max(64)]);

const attachment = z
  .object({
    type: textField(64).optional(),
    payload: z
      .object({
        url: textField(8192).optional(),
        name: textField(1024).optional(),
        size: numeric.optional(),
        coordinates: z.object({ latitude: numeric.optional(), longitude: numeric.optional() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export const zaloEventSchema = z
  .object({
    event_name: idField(128),
    timestamp: z.union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()]),
    app_id: zaloId.optional(),
    oa_id: zaloId.optional(),
    sender: z.object({ id: zaloId }).passthrough().optional(),
    recipient: z.object({ id: zaloId }).passthrough().optional(),
    follower: z.object({ id: zaloId }).passthrough().optional(),
    message: z
      .object({ msg_id: zaloId.optional(), text: textField(64 * 1024).optional(), attachments: z.array(attachment).max(50).optional() })
      .passthrough()
      .optional(),
    info: z
      .object({ name: textField(1024).optional(), phone: z.union([textField(64), z.number().int().nonnegative()]).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();
