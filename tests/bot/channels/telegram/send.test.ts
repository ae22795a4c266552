/**
 * Delivery through grammY to the fake Bot API: the SendResult each documented failure maps to,
 * and what the sender records for it (https://core.telegram.org/bots/api#making-requests,
 * https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../../../src/bot/channels/telegram/telegram-channel.js';
import type { Feature } from '../../../../src/bot/router.js';
import { startFakeTelegram, telegramErrors, type FakeTelegram } from '../../../fakes/telegram-bot-api.js';
import { botHarness, type BotHarness } from '../../../support/bot.js';

const TOKEN = '7000002:send-token';
const to = { channel: 'telegram' as const, chatId: '5000000009' };
let fake: FakeTelegram;
let channel: TelegramChannel;

beforeAll(async () => {
  fake = await startFakeTelegram({ token: TOKEN });
  channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, mode: 'polling' });
});
afterAll(async () => fake.close());
afterEach(() => {
  fake.calls.length = 0;
});

describe('TelegramChannel.send', () => {
  it('returns the platform message id of the last message sent', async () => {
    const first = await channel.send(to, { text: 'một' });
    const second = await channel.send(to, { text: 'hai' });
    expect(first).toEqual({ status: 'sent', platformMessageId: expect.any(String) });
    expect(Number((second as { platformMessageId: string }).platformMessageId)).toBe(Number((first as { platformMessageId: string }).platformMessageId) + 1);
  });

  it('maps 429 to a channel-wide pause of retry_after seconds', async () => {
    fake.failNext('sendMessage', telegramErrors.tooManyRequests(7));
    expect(await channel.send(to, { text: 'x' })).toMatchObject({ status: 'retry', retryInMs: 7000, pauseChannel: true });
  });

  it('maps 403 to unreachable (blocked, deactivated, kicked) and 400 chat not found to failed', async () => {
    fake.failNext('sendMessage', telegramErrors.blocked());
    expect(await channel.send(to, { text: 'x' })).toMatchObject({ status: 'failed', unreachable: 'blocked' });
    fake.failNext('sendMessage', telegramErrors.deactivated());
    expect(await channel.send(to, { text: 'x' })).toMatchObject({ status: 'failed', unreachable: 'deactivated' });
    fake.failNext('sendMessage', telegramErrors.kicked());
    expect(await channel.send(to, { text: 'x' })).toMatchObject({ status: 'failed', unreachable: 'kicked' });
    fake.failNext('sendMessage', telegramErrors.chatNotFound());
    const notFound = await channel.send(to, { text: 'x' });
    expect(notFound).toMatchObject({ status: 'failed', error: 'telegram 400: Bad Request: chat not found' });
    expect(notFound).not.toHaveProperty('unreachable');
  });

  it('retries server errors and network failures with a growing backoff', async () => {
    fake.failNext('sendMessage', telegramErrors.serverError(), 3);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await channel.send(to, { text: 'x' });
      expect(result.status).toBe('retry');
      waits.push((result as { retryInMs: number }).retryInMs);
    }
    expect(waits[2]!).toBeGreaterThan(waits[0]!);
    expect((await channel.send(to, { text: 'x' })).status).toBe('sent');
    const offline = new TelegramChannel({ token: TOKEN, apiRoot: 'http://127.0.0.1:9', mode: 'polling' });
    expect(await offline.send(to, { text: 'x' })).toMatchObject({ status: 'retry', error: expect.stringMatching(/^network/) });
  });

  it('resumes a long text after a 429 without sending its first part twice', async () => {
    const text = `${'Phần một. '.repeat(300)}\n${'Phần hai. '.repeat(300)}`;
    let calls = 0;
    fake.on('sendMessage', (params) => (++calls === 2 ? telegramErrors.tooManyRequests(1) : { result: { message_id: calls, date: 0, chat: { id: 1, type: 'private' }, text: params.text } }));
    try {
      const first = await channel.send({ ...to, outboxId: 991 }, { text });
      expect(first).toMatchObject({ status: 'retry', pauseChannel: true });
      expect(await channel.send({ ...to, outboxId: 991 }, { text })).toMatchObject({ status: 'sent' });
    } finally {
      fake.off('sendMessage');
    }
    const texts = fake.callsTo('sendMessage').map((c) => String(c.params.text));
    expect(texts.filter((t) => t.startsWith('Phần một'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('Phần hai'))).toHaveLength(2); // refused once, then sent
  });

  it('sends a photo by URL with the text as caption, into a forum topic', async () => {
    await channel.send({ channel: 'telegram', chatId: '-1001234567890' }, { text: 'Sơ đồ', image: { url: 'https://x.vn/a.png' }, threadId: '42' });
    expect(fake.callsTo('sendPhoto')[0]!.params).toMatchObject({ chat_id: '-1001234567890', photo: 'https://x.vn/a.png', caption: 'Sơ đồ', message_thread_id: 42 });
  });
});

describe('sender with the Telegram channel', () => {
  let harness: BotHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('records a blocked person as unreachable and does not retry', async () => {
    const echo: Feature = { name: 'echo', order: 1, async handle(turn) { turn.reply({ text: 'ok' }); } };
    harness = await botHarness({ env: { TELEGRAM_RATE_PER_CHAT_PER_SECOND: '1000' }, features: [echo], channels: [new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, mode: 'polling' })] });
    fake.on('sendMessage', () => telegramErrors.blocked());
    try {
      await harness.say('telegram', '5000000010', 'hi');
      await harness.settle();
    } finally {
      fake.off('sendMessage');
    }
    const store = harness.store as unknown as { query<R>(sql: string): Promise<R[]> };
    const [row] = await store.query<{ status: string; attempts: number }>(`select status, attempts from public.outbox where recipient = '5000000010'`);
    expect(row).toEqual({ status: 'failed', attempts: 1 });
    const [identity] = await store.query<{ reachable: boolean; unreachable_reason: string }>(
      `select reachable, unreachable_reason from public.channel_identities where channel = 'telegram' and external_id = '5000000010'`,
    );
    expect(identity).toEqual({ reachable: false, unreachable_reason: 'blocked' });
  });
});
