/**
 * End to end on the Telegram webhook: the real HTTP server with a PGlite store, Updates POSTed
 * to /telegram/webhook as Telegram would (https://core.telegram.org/bots/api#setwebhook), the
 * bot's answers captured by the fake Bot API after going through grammY.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { linkingFeature } from '../../../../src/flows/linking/feature.js';
import type { Feature } from '../../../../src/bot/router.js';
import { fallbackFeature, menuFeature, MENU_PAYLOADS } from '../../../../src/flows/menu.js';
import { createLogger } from '../../../../src/logger.js';
import { startServer, type RunningServer } from '../../../../src/server.js';
import type { PgliteStore } from '../../../../src/store/pglite-driver.js';
import { startFakeTelegram, type FakeTelegram } from '../../../fakes/telegram-bot-api.js';
import { testConfig } from '../../../support/config.js';
import { pgliteTestStore } from '../../../support/stores.js';

const TOKEN = '7000001:test-token';
const SECRET = 'webhook-secret_123';

/** Echoes "echo …" texts and asks for the phone on "phone", so order and keyboards are visible. */
const testFeature: Feature = {
  name: 'telegram-test',
  order: 40,
  async handle(turn, next) {
    const { event } = turn;
    if (event.kind === 'text' && event.text.startsWith('echo ')) return turn.reply({ text: event.text.slice(5) });
    if (event.kind === 'text' && event.text === 'phone') return turn.reply({ text: 'Số điện thoại?', requestPhone: { label: '📱 Gửi số' } });
    if (event.kind === 'contact') return turn.reply({ text: `got ${event.phone}` });
    return next();
  },
};

let fake: FakeTelegram;
let store: PgliteStore;
let server: RunningServer;
let updateId = 1000;

beforeAll(async () => {
  fake = await startFakeTelegram({ token: TOKEN });
  store = await pgliteTestStore();
  server = await startServer(
    testConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: fake.apiRoot,
      PUBLIC_URL: 'https://bot.example.vn',
      POLL_INTERVAL_MS: '20',
      // Telegram's pace (1 message a second per chat) would only slow the test down.
      TELEGRAM_RATE_PER_CHAT_PER_SECOND: '1000',
      TELEGRAM_RATE_PER_SECOND: '1000',
    }),
    { store, log: createLogger({ level: 'silent' }), features: [testFeature, linkingFeature, menuFeature, fallbackFeature] },
  );
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  await fake?.close();
});

beforeEach(() => {
  fake.calls.length = 0;
});

function post(body: unknown, secret: string | null = SECRET, raw?: string): Promise<Response> {
  return fetch(`${server.url}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: raw ?? JSON.stringify(body),
  });
}

function textUpdate(chatId: number, text: string, id = ++updateId): Record<string, unknown> {
  return {
    update_id: id,
    message: {
      message_id: id, date: 1700000000, text,
      chat: { id: chatId, type: 'private', first_name: 'Lan' },
      from: { id: chatId, is_bot: false, first_name: 'Lan', language_code: 'vi' },
    },
  };
}

describe('Telegram webhook', () => {
  it('answers a greeting with the main menu as an inline keyboard', async () => {
    const response = await post(textUpdate(111, 'xin chao'));
    expect(response.status).toBe(200);
    const [call] = await fake.waitForCalls('sendMessage', 1);
    expect(call!.params.chat_id).toBe('111');
    const keyboard = (call!.params.reply_markup as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard;
    expect(keyboard.flat().map((b) => b.callback_data)).toEqual(Object.values(MENU_PAYLOADS));
  });

  it('answers every callback query and handles the press', async () => {
    const id = ++updateId;
    const response = await post({
      update_id: id,
      callback_query: {
        id: `cq-${id}`, chat_instance: 'ci', data: MENU_PAYLOADS.booking,
        from: { id: 112, is_bot: false, first_name: 'Minh' },
        message: { message_id: 5, date: 1700000000, chat: { id: 112, type: 'private', first_name: 'Minh' }, text: 'Menu' },
      },
    });
    expect(response.status).toBe(200);
    const [answer] = await fake.waitForCalls('answerCallbackQuery', 1);
    expect(answer!.params.callback_query_id).toBe(`cq-${id}`);
    const [reply] = await fake.waitForCalls('sendMessage', 1);
    expect(reply!.params.chat_id).toBe('112');
  });

  it('asks for the phone with a reply keyboard and takes the shared contact', async () => {
    await post(textUpdate(113, 'phone'));
    const [ask] = await fake.waitForCalls('sendMessage', 1);
    expect(ask!.params.reply_markup).toEqual({ keyboard: [[{ text: '📱 Gửi số', request_contact: true }]], one_time_keyboard: true, resize_keyboard: true });
    const id = ++updateId;
    await post({
      update_id: id,
      message: {
        message_id: id, date: 1700000000,
        chat: { id: 113, type: 'private', first_name: 'Lan' }, from: { id: 113, is_bot: false, first_name: 'Lan' },
        contact: { phone_number: '84901234567', first_name: 'Lan', user_id: 113 },
      },
    });
    const calls = await fake.waitForCalls('sendMessage', 2);
    expect(calls[1]!.params.text).toBe('got +84901234567');
  });

  it('processes the same update delivered three times once, and answers it once', async () => {
    const update = textUpdate(114, 'echo một lần');
    const statuses = await Promise.all([post(update), post(update), post(update)]).then((r) => r.map((x) => x.status));
    expect(statuses).toEqual([200, 200, 200]);
    await fake.waitForCalls('sendMessage', 1);
    await post(textUpdate(114, 'echo sau')); // a later message proves the queue moved on
    const calls = await fake.waitForCalls('sendMessage', 2);
    expect(calls.map((c) => c.params.text)).toEqual(['một lần', 'sau']);
    const rows = await store.query<{ n: number }>(`select count(*)::int as n from public.inbox where channel = 'telegram' and event_id = $1`, [String(update.update_id)]);
    expect(rows[0]!.n).toBe(1);
  });

  it('answers the updates of one chat in order', async () => {
    for (const n of ['1', '2', '3', '4', '5', '6']) expect((await post(textUpdate(115, `echo ${n}`))).status).toBe(200);
    const calls = await fake.waitForCalls('sendMessage', 6);
    expect(calls.map((c) => c.params.text)).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('refuses a wrong or missing secret (401), bad bodies (400) and huge ones (413), and stays up', async () => {
    expect((await post(textUpdate(116, 'hi'), 'wrong')).status).toBe(401);
    expect((await post(textUpdate(116, 'hi'), null)).status).toBe(401);
    expect((await post(undefined, SECRET, '{"update_id": 1,')).status).toBe(400);
    expect((await post({ hello: 'world' })).status).toBe(400);
    expect((await post([1, 2, 3])).status).toBe(400);
    const huge = await post(undefined, SECRET, JSON.stringify({ update_id: 5, message: { text: 'x'.repeat(1024 * 1024 + 10) } })).catch((e: unknown) => e);
    expect(huge instanceof Response ? huge.status : huge).toBe(413);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await post(textUpdate(116, 'echo vẫn chạy'))).status).toBe(200);
    const [reply] = await fake.waitForCalls('sendMessage', 1);
    expect(reply!.params.text).toBe('vẫn chạy');
    const stored = await store.query<{ n: number }>(`select count(*)::int as n from public.inbox i join public.conversations c on c.id = i.conversation_id where c.chat_id = '116'`);
    expect(stored[0]!.n).toBe(1);
  });

  it('marks the person unreachable when they block the bot and reachable again when they return', async () => {
    await post(textUpdate(117, 'echo trước'));
    await fake.waitForCalls('sendMessage', 1);
    const change = (status: string) => ({
      update_id: ++updateId,
      my_chat_member: {
        chat: { id: 117, type: 'private', first_name: 'Lan' }, from: { id: 117, is_bot: false, first_name: 'Lan' }, date: 1700000000,
        old_chat_member: { status: 'member', user: { id: 100200300, is_bot: true, first_name: 'Uom' } },
        new_chat_member: { status, user: { id: 100200300, is_bot: true, first_name: 'Uom' }, ...(status === 'kicked' ? { until_date: 0 } : {}) },
      },
    });
    const reachable = async () =>
      (await store.query<{ reachable: boolean; unreachable_reason: string | null }>(
        `select reachable, unreachable_reason from public.channel_identities where channel = 'telegram' and external_id = '117'`,
      ))[0];
    expect((await post(change('kicked'))).status).toBe(200);
    expect(await reachable()).toEqual({ reachable: false, unreachable_reason: 'blocked' });
    expect((await post(change('member'))).status).toBe(200);
    expect(await reachable()).toEqual({ reachable: true, unreachable_reason: null });
  });

  it('links the Telegram account with a web chat session through /link', async () => {
    await post(textUpdate(118, '/link'));
    const [codeMessage] = await fake.waitForCalls('sendMessage', 1);
    const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec(String(codeMessage!.params.text))?.[1];
    expect(code).toBeDefined();
    const session = 'web-session-tg-link-01';
    const sent = await fetch(`${server.url}/webchat/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session, id: 'm1', text: `liên kết ${code}` }),
    });
    expect(sent.status).toBe(202);
    const poll = await fetch(`${server.url}/webchat/api/updates?session=${session}&after=0`);
    const { messages } = (await poll.json()) as { messages: { payload: { text: string } }[] };
    expect(messages[0]!.payload.text).toContain('Đã liên kết');
    const owners = await store.query<{ channel: string; contact_id: number }>(
      `select channel, contact_id::int from public.channel_identities where external_id in ('118', $1) order by channel`, [session]);
    expect(owners.map((o) => o.channel)).toEqual(['telegram', 'web']);
    expect(owners[0]!.contact_id).toBe(owners[1]!.contact_id);
  });
});
