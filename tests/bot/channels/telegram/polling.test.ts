/**
 * Long polling (no PUBLIC_URL): the bot fetches Updates with getUpdates from the fake Bot API
 * (https://core.telegram.org/bots/api#getupdates), answers them, and stops cleanly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Feature } from '../../../../src/bot/router.js';
import { createLogger } from '../../../../src/logger.js';
import { startServer, type RunningServer } from '../../../../src/server.js';
import { startFakeTelegram, type FakeTelegram } from '../../../fakes/telegram-bot-api.js';
import { testConfig } from '../../../support/config.js';
import { pgliteTestStore } from '../../../support/stores.js';

const TOKEN = '7000003:poll-token';
const echo: Feature = {
  name: 'echo',
  order: 1,
  async handle(turn) {
    if (turn.event.kind === 'text') turn.reply({ text: `echo: ${turn.event.text}` });
  },
};

let fake: FakeTelegram | undefined;
let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  await fake?.close();
  server = undefined;
  fake = undefined;
});

function textUpdate(chatId: number, text: string, updateId?: number): Record<string, unknown> {
  return {
    ...(updateId !== undefined ? { update_id: updateId } : {}),
    message: {
      message_id: 1, date: 1700000000, text,
      chat: { id: chatId, type: 'private', first_name: 'An' }, from: { id: chatId, is_bot: false, first_name: 'An' },
    },
  };
}

describe('Telegram long polling', () => {
  it('removes any webhook, answers polled updates once each, and stops cleanly', async () => {
    fake = await startFakeTelegram({ token: TOKEN, maxPollWaitMs: 200 });
    const store = await pgliteTestStore();
    server = await startServer(
      testConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, POLL_INTERVAL_MS: '20', TELEGRAM_RATE_PER_CHAT_PER_SECOND: '1000' }),
      { store, log: createLogger({ level: 'silent' }), features: [echo] },
    );
    fake.queueUpdate(textUpdate(301, 'một'));
    fake.queueUpdate(textUpdate(302, 'hai'));
    const replies = await fake.waitForCalls('sendMessage', 2);
    expect(replies.map((c) => c.params.text).sort()).toEqual(['echo: hai', 'echo: một']);
    expect(fake.callsTo('deleteWebhook')).toHaveLength(1);
    const polls = fake.callsTo('getUpdates');
    expect(polls[0]!.params).toMatchObject({ offset: 0, allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'] });
    // Telegram redelivers an update the bot did not confirm: the inbox drops the copy.
    fake.queueUpdate(textUpdate(301, 'một', 1));
    fake.queueUpdate(textUpdate(301, 'ba'));
    const more = await fake.waitForCalls('sendMessage', 3);
    expect(more.map((c) => c.params.text).slice(2)).toEqual(['echo: ba']);
    expect(Number(fake.callsTo('getUpdates').at(-1)!.params.offset)).toBeGreaterThan(1);
    await server.close();
    server = undefined;
    const pollsAtStop = fake.callsTo('getUpdates').length;
    await new Promise((r) => setTimeout(r, 300)); // a stopped poller makes no further requests
    expect(fake.callsTo('getUpdates')).toHaveLength(pollsAtStop);
    await store.close();
  });
});
