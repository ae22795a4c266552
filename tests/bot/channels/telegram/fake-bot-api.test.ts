/**
 * The Telegram Bot API fake itself, driven through grammY: other tests rely on its shapes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api, GrammyError, InputFile } from 'grammy';
import { startFakeTelegram, telegramErrors, type FakeTelegram } from '../../../fakes/telegram-bot-api.js';

const TOKEN = '123456:fake-token';
let fake: FakeTelegram;
let api: Api;

beforeEach(async () => {
  fake = await startFakeTelegram({ token: TOKEN, maxPollWaitMs: 200 });
  api = new Api(TOKEN, { apiRoot: fake.apiRoot });
});
afterEach(async () => fake.close());

describe('fake Telegram Bot API', () => {
  it('answers sendMessage with a Message whose message_id increases per chat', async () => {
    const first = await api.sendMessage(42, 'xin chào', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
    const second = await api.sendMessage(42, 'lần hai');
    expect(first.message_id).toBe(1);
    expect(second.message_id).toBe(2);
    expect(first.chat.id).toBe(42);
    expect(first.text).toBe('xin chào');
    expect(fake.callsTo('sendMessage')[0]?.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] });
  });

  it('parses multipart uploads and returns true for webhook/commands/callback methods', async () => {
    await api.sendDocument(7, new InputFile(Buffer.from('hello'), 'a.txt'), { caption: 'tệp' });
    expect(fake.callsTo('sendDocument')[0]?.params).toMatchObject({ chat_id: '7', caption: 'tệp', document: { file_name: 'a.txt' } });
    expect(await api.setWebhook('https://x.example/telegram/webhook', { secret_token: 's' })).toBe(true);
    expect(fake.webhook()?.url).toBe('https://x.example/telegram/webhook');
    expect(await api.setMyCommands([{ command: 'start', description: 'Bắt đầu' }])).toBe(true);
    expect(await api.answerCallbackQuery('cq1')).toBe(true);
    expect((await api.getMe()).is_bot).toBe(true);
  });

  it('creates forum topics with increasing thread ids', async () => {
    const a = await api.createForumTopic(-100123, 'Nguyễn A');
    const b = await api.createForumTopic(-100123, 'Trần B');
    expect(b.message_thread_id).toBe(a.message_thread_id + 1);
    expect(a.name).toBe('Nguyễn A');
  });

  it('injects documented errors and lets a test override a method', async () => {
    fake.failNext('sendMessage', telegramErrors.tooManyRequests(3));
    const error = await api.sendMessage(1, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(429);
    expect((error as GrammyError).parameters.retry_after).toBe(3);
    fake.on('sendMessage', () => telegramErrors.blocked());
    await expect(api.sendMessage(1, 'x')).rejects.toMatchObject({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    fake.off('sendMessage');
    await expect(api.sendMessage(1, 'x')).resolves.toMatchObject({ text: 'x' });
    await expect(new Api('wrong:token', { apiRoot: fake.apiRoot }).getMe()).rejects.toMatchObject({ error_code: 401 });
  });

  it('serves queued updates to getUpdates honouring offset, and waits for new ones', async () => {
    fake.queueUpdate({ message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, text: 'a' } });
    fake.queueUpdate({ message: { message_id: 2, date: 0, chat: { id: 5, type: 'private' }, text: 'b' } });
    const batch = await api.getUpdates({ offset: 0, timeout: 1 });
    expect(batch.map((u) => u.update_id)).toEqual([1, 2]);
    const waiting = api.getUpdates({ offset: 3, timeout: 5 });
    fake.queueUpdate({ message: { message_id: 3, date: 0, chat: { id: 5, type: 'private' }, text: 'c' } });
    expect((await waiting).map((u) => u.message?.text)).toEqual(['c']);
    expect(await api.getUpdates({ offset: 4, timeout: 1 })).toEqual([]);
  });

  it('enforces a send rate when asked', async () => {
    const limited = await startFakeTelegram({ token: TOKEN, maxSendsPerSecond: 2 });
    const limitedApi = new Api(TOKEN, { apiRoot: limited.apiRoot });
    const results = await Promise.allSettled([1, 2, 3].map((i) => limitedApi.sendMessage(i, 'x')));
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(limited.rateLimited()).toBe(1);
    await limited.close();
  });

  it('enforces a per-chat rate when asked', async () => {
    const limited = await startFakeTelegram({ token: TOKEN, maxSendsPerChatPerSecond: 1 });
    const limitedApi = new Api(TOKEN, { apiRoot: limited.apiRoot });
    const outcomes: string[] = [];
    for (const chat of [1, 1, 2]) outcomes.push(await limitedApi.sendMessage(chat, 'x').then(() => 'sent', () => 'limited'));
    expect(outcomes).toEqual(['sent', 'limited', 'sent']);
    await limited.close();
  });

  it('answers the staff-group helpers handoff uses', async () => {
    expect(await api.closeForumTopic(-100123, 1000)).toBe(true);
    expect(await api.sendChatAction(42, 'typing')).toBe(true);
    expect((await api.copyMessage(42, -100123, 5)).message_id).toBeGreaterThan(0);
    expect((await api.getFile('abc')).file_path).toBe('documents/abc');
  });
});
