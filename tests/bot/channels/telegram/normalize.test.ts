/**
 * Update → Inbound, and Outbound → Bot API calls: the pure halves of the Telegram adapter.
 * Update shapes follow https://core.telegram.org/bots/api#update.
 */
import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { isUpdate, normalizeUpdate, toE164 } from '../../../../src/bot/channels/telegram/normalize.js';
import { renderOutbound, splitText } from '../../../../src/bot/channels/telegram/render.js';

const from = { id: 5000000001, is_bot: false, first_name: 'Lan', last_name: 'Nguyễn', language_code: 'vi' };
const privateChat = { id: 5000000001, type: 'private' as const, first_name: 'Lan' };

function message(fields: Record<string, unknown>, chat: Record<string, unknown> = privateChat): Update {
  return { update_id: 900, message: { message_id: 17, date: 1, chat, from, ...fields } } as unknown as Update;
}

describe('normalizeUpdate', () => {
  it('keeps a /start deep link as text, with ids as strings and the name and language', () => {
    expect(normalizeUpdate(message({ text: '/start@uom_test_bot survey-3' }))).toEqual({
      channel: 'telegram', eventId: '900', chatId: '5000000001', userId: '5000000001', chatType: 'private',
      locale: 'vi', userName: 'Lan Nguyễn', meta: { messageId: 17 }, kind: 'text', text: '/start survey-3',
    });
  });

  it('marks supergroup topic messages with their thread and reply ids', () => {
    const event = normalizeUpdate(message(
      { text: 'hi', message_thread_id: 33, is_topic_message: true, reply_to_message: { message_id: 12, date: 1, chat: { id: -100777, type: 'supergroup' } } },
      { id: -1001234567890, type: 'supergroup', title: 'Staff' },
    ));
    expect(event).toMatchObject({ chatId: '-1001234567890', chatType: 'group', meta: { threadId: 33, isTopicMessage: true, replyToMessageId: 12, messageId: 17 } });
  });

  it('turns a callback query into a button press with the label from the keyboard', () => {
    const update = {
      update_id: 901,
      callback_query: {
        id: 'cq-1', from, chat_instance: 'x', data: 'menu:booking',
        message: { message_id: 3, date: 1, chat: privateChat, text: 'Menu', reply_markup: { inline_keyboard: [[{ text: 'Đặt chỗ', callback_data: 'menu:booking' }]] } },
      },
    } as unknown as Update;
    expect(normalizeUpdate(update)).toMatchObject({ kind: 'button', payload: 'menu:booking', text: 'Đặt chỗ', chatId: '5000000001', eventId: '901' });
  });

  it('reads the label under a photo, and still answers a press on a message too old to read', () => {
    const press = (message: Record<string, unknown>) => normalizeUpdate({
      update_id: 904, callback_query: { id: 'cq-2', from, chat_instance: 'x', data: 'rsvp:yes', message },
    } as unknown as Update);
    expect(press({ message_id: 4, date: 1, chat: privateChat, caption: 'Sự kiện', photo: [], reply_markup: { inline_keyboard: [[{ text: 'Tham gia', callback_data: 'rsvp:yes' }]] } }))
      .toMatchObject({ kind: 'button', payload: 'rsvp:yes', text: 'Tham gia' });
    const old = press({ message_id: 4, date: 0, chat: privateChat });
    expect(old).toMatchObject({ kind: 'button', payload: 'rsvp:yes', chatId: '5000000001' });
    expect(old).not.toHaveProperty('text');
  });

  it('accepts the sender\'s own shared phone in E.164 and refuses someone else\'s', () => {
    const own = normalizeUpdate(message({ contact: { phone_number: '84901234567', first_name: 'Lan', user_id: from.id } }));
    expect(own).toMatchObject({ kind: 'contact', phone: '+84901234567', name: 'Lan' });
    const other = normalizeUpdate(message({ contact: { phone_number: '+84 90 111 2222', first_name: 'Ba', user_id: 1 } }));
    expect(other).toMatchObject({ kind: 'unsupported', what: 'contact' });
    expect(toE164('+84 (90) 123-4567')).toBe('+84901234567');
    expect(toE164('123')).toBeUndefined();
  });

  it('maps location, largest photo, documents, voice, stickers and edits', () => {
    expect(normalizeUpdate(message({ location: { latitude: 10.77, longitude: 106.7 } }))).toMatchObject({ kind: 'location', latitude: 10.77, longitude: 106.7 });
    const photo = normalizeUpdate(message({
      caption: 'ảnh',
      photo: [
        { file_id: 'small', file_unique_id: 's', width: 90, height: 90 },
        { file_id: 'big', file_unique_id: 'b', width: 1280, height: 960, file_size: 200000 },
        { file_id: 'mid', file_unique_id: 'm', width: 320, height: 240 },
      ],
    }));
    expect(photo).toMatchObject({ kind: 'image', caption: 'ảnh', file: { fileId: 'big', size: 200000 } });
    expect(normalizeUpdate(message({ document: { file_id: 'd1', file_unique_id: 'd', file_name: 'plan.pdf', mime_type: 'application/pdf' } })))
      .toMatchObject({ kind: 'file', file: { fileId: 'd1', fileName: 'plan.pdf', mimeType: 'application/pdf' } });
    expect(normalizeUpdate(message({ voice: { file_id: 'v1', file_unique_id: 'v', duration: 3 } }))).toMatchObject({ kind: 'file', file: { fileId: 'v1' } });
    expect(normalizeUpdate(message({ sticker: { file_id: 'st', file_unique_id: 'st', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } })))
      .toMatchObject({ kind: 'unsupported', what: 'sticker' });
    const edited = { update_id: 902, edited_message: { message_id: 1, date: 1, edit_date: 2, chat: privateChat, from, text: 'x' } } as unknown as Update;
    expect(normalizeUpdate(edited)).toMatchObject({ kind: 'unsupported', what: 'edited_message' });
  });

  it('reads my_chat_member as blocked / unblocked in private chats only', () => {
    const change = (status: string, chat: Record<string, unknown> = privateChat) => ({
      update_id: 903,
      my_chat_member: {
        chat, from, date: 1,
        old_chat_member: { status: 'member', user: { id: 1, is_bot: true, first_name: 'Bot' } },
        new_chat_member: { status, user: { id: 1, is_bot: true, first_name: 'Bot' }, ...(status === 'kicked' ? { until_date: 0 } : {}) },
      },
    }) as unknown as Update;
    expect(normalizeUpdate(change('kicked'))).toMatchObject({ kind: 'reachability', reachable: false, reason: 'blocked' });
    expect(normalizeUpdate(change('member'))).toMatchObject({ kind: 'reachability', reachable: true });
    expect(normalizeUpdate(change('left', { id: -100, type: 'supergroup', title: 'g' }))).toMatchObject({ kind: 'unsupported', what: 'my_chat_member' });
  });

  it('ignores channel posts, bots and update types the bot does not use', () => {
    expect(normalizeUpdate({ update_id: 1, channel_post: { message_id: 1, date: 1, chat: { id: -1, type: 'channel', title: 'c' }, text: 'x' } } as unknown as Update)).toBeNull();
    expect(normalizeUpdate({ update_id: 2, message: { message_id: 1, date: 1, chat: privateChat, from: { ...from, is_bot: true }, text: 'x' } } as unknown as Update)).toBeNull();
    expect(normalizeUpdate({ update_id: 3, inline_query: { id: 'q', from, query: 'x', offset: '' } } as unknown as Update)).toBeNull();
  });

  it('recognises the shape of an Update', () => {
    expect(isUpdate({ update_id: 0, message: {} })).toBe(true);
    for (const bad of [null, [], 'x', {}, { update_id: '1' }, { update_id: -1 }, { update_id: 1.5 }, { update_id: 1, message: 'x' }]) {
      expect(isUpdate(bad)).toBe(false);
    }
  });
});

describe('renderOutbound', () => {
  it('lays out short buttons two per row, long ones one per row, links as url buttons', () => {
    const short = renderOutbound('42', { text: 'Chọn', buttons: [{ label: 'A', payload: 'a' }, { label: 'B', payload: 'b' }, { label: 'C', payload: 'c' }], links: [{ label: 'Web', url: 'https://x.vn' }] });
    expect(short.calls).toEqual([{ method: 'sendMessage', params: { chat_id: '42', text: 'Chọn', reply_markup: { inline_keyboard: [
      [{ text: 'A', callback_data: 'a' }, { text: 'B', callback_data: 'b' }], [{ text: 'C', callback_data: 'c' }], [{ text: 'Web', url: 'https://x.vn' }],
    ] } } }]);
    const long = renderOutbound('42', { text: 'Chọn', buttons: [{ label: 'Một nhãn rất là dài dòng', payload: 'a' }, { label: 'B', payload: 'b' }] });
    expect((long.calls[0]!.params.reply_markup as { inline_keyboard: unknown[][] }).inline_keyboard.map((r) => r.length)).toEqual([1, 1]);
  });

  it('leaves out buttons whose payload exceeds 64 bytes and reports them', () => {
    const tooLong = 'đ'.repeat(33); // 66 bytes in UTF-8
    const result = renderOutbound('42', { text: 'x', buttons: [{ label: 'ok', payload: 'ok' }, { label: 'bad', payload: tooLong }] });
    expect(result.dropped.map((b) => b.label)).toEqual(['bad']);
    expect(result.calls[0]!.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'ok', callback_data: 'ok' }]] });
  });

  it('splits text over 4096 characters and keeps the keyboard under the last part', () => {
    const text = `${'Đoạn một. '.repeat(300)}\n${'Đoạn hai. '.repeat(300)}`;
    const { calls } = renderOutbound('42', { text, buttons: [{ label: 'A', payload: 'a' }] });
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => Array.from(String(c.params.text)).length).every((n) => n <= 4096)).toBe(true);
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    expect(words(calls.map((c) => c.params.text).join(' '))).toEqual(words(text)); // nothing lost
    expect(String(calls[1]!.params.text).startsWith('Đoạn hai')).toBe(true); // cut at the paragraph
    expect(calls[0]!.params.reply_markup).toBeUndefined();
    expect(calls[1]!.params.reply_markup).toBeDefined();
    expect(splitText('😀'.repeat(5000)).map((p) => Array.from(p).length)).toEqual([4096, 904]);
  });

  it('asks for the phone with a one-time reply keyboard', () => {
    expect(renderOutbound('42', { text: 'Số?', requestPhone: { label: '📱 Gửi số' } }).calls[0]!.params.reply_markup)
      .toEqual({ keyboard: [[{ text: '📱 Gửi số', request_contact: true }]], one_time_keyboard: true, resize_keyboard: true });
    const both = renderOutbound('42', { text: 'Số?', buttons: [{ label: 'Bỏ qua', payload: 'skip' }], requestPhone: { label: '📱 Gửi số' } }).calls;
    expect(both.map((c) => Object.keys(c.params.reply_markup as object)[0])).toEqual(['inline_keyboard', 'keyboard']);
  });

  it('sends images as photos with a caption when short, files as documents, into a topic', () => {
    const photo = renderOutbound('-100', { text: 'Sơ đồ', image: { url: '/files/map.png' }, threadId: '33' }, 'https://bot.example.vn').calls;
    expect(photo).toEqual([{ method: 'sendPhoto', params: { chat_id: '-100', photo: 'https://bot.example.vn/files/map.png', caption: 'Sơ đồ', message_thread_id: 33 } }]);
    const file = renderOutbound('42', { text: 'x'.repeat(2000), file: { url: 'https://x.vn/a.pdf' } }).calls;
    expect(file.map((c) => c.method)).toEqual(['sendDocument', 'sendMessage']);
    expect(file[0]!.params.caption).toBeUndefined();
  });
});
