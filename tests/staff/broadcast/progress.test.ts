/**
 * The staff progress message: posted once in the staff group through the real Telegram adapter
 * (loopback Bot API fake), edited as the broadcast goes, ending with the final report and the
 * failures by reason.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBroadcast } from '../../../src/staff/broadcast/compose.js';
import { BroadcastRunner } from '../../../src/staff/broadcast/runner.js';
import { TelegramChannel } from '../../../src/bot/channels/telegram/telegram-channel.js';
import { startFakeTelegram, telegramErrors, type FakeTelegram } from '../../fakes/telegram-bot-api.js';
import { botHarness, type BotHarness } from '../../support/bot.js';

const TOKEN = '123456:progress-token';
const STAFF_CHAT = '-1009876543210';
let fake: FakeTelegram;
let h: BotHarness;

beforeEach(async () => {
  fake = await startFakeTelegram({ token: TOKEN });
  const telegram = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, mode: 'polling' });
  h = await botHarness({ env: { STAFF_CHAT_ID: STAFF_CHAT }, features: [], channels: [telegram] });
});
afterEach(async () => {
  await h.close();
  await fake.close();
});

it('posts one progress message, edits it, and ends with failures by reason', async () => {
  for (const chat of ['21', '22', '23']) await h.consent('telegram', chat);
  const runner = new BroadcastRunner(h.bot.services);
  const { id } = await createBroadcast(h.store, h.bot.services.messages, {
    createdBy: 'test', text: 'Lớp gọi vốn', audience: 'all', progressChatId: STAFF_CHAT,
  });
  await runner.materializeDue();
  await runner.updateProgress();
  const posted = fake.callsTo('sendMessage').filter((c) => String(c.params.chat_id) === STAFF_CHAT);
  expect(posted).toHaveLength(1);
  expect(posted[0]!.params.text).toContain('Đã gửi: 0/3');

  fake.failNext('sendMessage', telegramErrors.blocked(), 1);
  await h.bot.sender.drain();
  await runner.updateProgress();
  await runner.updateProgress(); // finished: not edited again
  const edits = fake.callsTo('editMessageText');
  expect(edits).toHaveLength(1);
  expect(String(edits[0]!.params.chat_id)).toBe(STAFF_CHAT);
  expect(edits[0]!.params.message_id).toBe(posted[0]!.params.message_id ?? 1);
  expect(edits[0]!.params.text).toContain(`(#${id}): 2/3`);
  expect(edits[0]!.params.text).toContain('đã chặn bot: 1');
  expect(fake.callsTo('sendMessage').filter((c) => String(c.params.chat_id) === STAFF_CHAT)).toHaveLength(1);
});
