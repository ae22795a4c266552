/**
 * The one schema a Telegram Update must pass before the bot reads it (Bot API "Update",
 * core.telegram.org/bots/api#update), covering every field `normalize.ts` reads: ids are safe
 * integers, texts are strings cleaned of characters the database cannot store, a message has a
 * chat, a callback query and a membership change have a sender, `my_chat_member` has
 * `new_chat_member`, a contact's phone is a string. Unknown fields and update types pass through
 * (ignored later). An unreadable `language_code` is dropped rather than refusing the update.
 *
 * @example
 * const parsed = updateSchema.safeParse(body);
 * if (parsed.success) normalizeUpdate(parsed.data as Update);
 */
import { z } from 'zod';
import { idField, localeField, textField } from '../clean-text.js';

const int = z.number().int().refine(Number.isSafeInteger, 'not a safe integer');
const TEXT = 64 * 1024;

const user = z
  .object({
    id: int,
    is_bot: z.boolean(),
    first_name: textField(1024),
    last_name: textField(1024).optional(),
    username: textField(256).optional(),
    language_code: localeField.optional().catch(undefined),
  })
  .passthrough();

const chat = z
  .object({ id: int, type: idField(32), title: textField(1024).optional(), first_name: textField(1024).optional() })
  .passthrough();

const file = z
  .object({ file_id: idField(1024), file_name: textField(1024).optional(), mime_type: textField(256).optional(), file_size: z.number().nonnegative().optional() })
  .passthrough();

const button = z.object({ text: textField(1024), callback_data: textField(256).optional() }).passthrough();

const message = z
  .object({
    message_id: int,
    date: int,
    chat,
    from: user.optional(),
    message_thread_id: int.optional(),
    is_topic_message: z.boolean().optional(),
    reply_to_message: z.object({ message_id: int }).passthrough().optional(),
    text: textField(TEXT).optional(),
    caption: textField(TEXT).optional(),
    contact: z
      .object({ phone_number: textField(64), first_name: textField(1024), last_name: textField(1024).optional(), user_id: int.optional() })
      .passthrough()
      .optional(),
    location: z.object({ latitude: z.number().finite(), longitude: z.number().finite() }).passthrough().optional(),
    photo: z.array(file.extend({ width: z.number().nonnegative(), height: z.number().nonnegative() })).max(100).optional(),
    document: file.optional(),
    video: file.optional(),
    audio: file.optional(),
    voice: file.optional(),
    reply_markup: z.object({ inline_keyboard: z.array(z.array(button).max(100)).max(100).optional() }).passthrough().optional(),
  })
  .passthrough();

export const updateSchema = z
  .object({
    update_id: int.nonnegative(),
    message: message.optional(),
    edited_message: message.optional(),
    callback_query: z
      .object({ id: idField(256), from: user, message: message.optional(), data: textField(1024).optional() })
      .passthrough()
      .optional(),
    my_chat_member: z
      .object({ chat, from: user, date: int, new_chat_member: z.object({ status: idField(64), user: user.optional() }).passthrough() })
      .passthrough()
      .optional(),
  })
  .passthrough();
