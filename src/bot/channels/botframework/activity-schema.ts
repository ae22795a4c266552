/**
 * The one schema an incoming Bot Framework activity must pass (Bot Framework Activity schema,
 * learn.microsoft.com): a type, a conversation and a sender with string ids, a `serviceUrl`, and
 * well-typed optional fields. Texts are cleaned of characters the database cannot store; an
 * unreadable locale is dropped rather than refusing the message. Unknown fields pass through (the
 * SDK reads more than we do).
 *
 * @example
 * const parsed = activitySchema.safeParse(body);
 * if (!parsed.success) throw new HttpError(400, 'malformed_activity', '…');
 */
import { z } from 'zod';
import { idField, localeField, textField } from '../clean-text.js';

const account = z.object({ id: idField(512), name: textField(512).optional(), role: textField(64).optional() }).passthrough();

export const activitySchema = z
  .object({
    type: idField(64),
    id: idField(512).optional(),
    timestamp: textField(64).optional(),
    serviceUrl: z.string().min(1).max(2048),
    channelId: idField(64).optional(),
    text: textField(100_000).optional(),
    value: z.unknown().optional(),
    locale: localeField.optional().catch(undefined),
    from: account,
    recipient: account.partial().optional(),
    conversation: z.object({ id: idField(1024), isGroup: z.boolean().optional(), name: textField(512).optional() }).passthrough(),
    attachments: z
      .array(
        z
          .object({
            contentType: textField(256).optional(),
            contentUrl: z.string().max(8192).optional(),
            name: textField(1024).optional(),
            content: z.unknown().optional(),
          })
          .passthrough(),
      )
      .max(100)
      .optional(),
  })
  .passthrough();

export type ParsedActivity = z.infer<typeof activitySchema>;
