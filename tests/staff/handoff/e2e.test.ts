/**
 * The end-to-end check on the loopback fakes, through the real HTTP server, the real
 * Zalo and Telegram adapters (grammY against the fake Bot API) and PGlite:
 * a founder on Zalo asks for a person → a topic is created in the staff group → a staff reply in
 * the topic reaches the founder on Zalo → the founder's answer reaches the topic → resolve →
 * CSAT stored; the bot stays silent meanwhile; a non-staff member cannot resolve; the ticket
 * survives a restart with nothing lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zaloMac } from '../../../src/bot/channels/zalo/signature.js';
import { handoffFeature } from '../../../src/staff/handoff/feature.js';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import { createLogger } from '../../../src/logger.js';
import { startServer, type RunningServer } from '../../../src/server.js';
import type { PgliteStore } from '../../../src/store/pglite-driver.js';
import { startFakeTelegram, type FakeTelegram } from '../../fakes/telegram-bot-api.js';
import { startFakeZalo, type FakeZalo } from '../../fakes/zalo-api.js';
import { testConfig } from '../../support/config.js';
import { pgliteTestStore } from '../../support/stores.js';

const TOKEN = '7000002:handoff-token';
const SECRET = 'handoff-secret';
const STAFF_CHAT = -1009876543210;
const STAFF = 501;
const STRANGER = 502;
const APP_ID = '3608465249409039670';
const OA_SECRET = 'oa-secret-key-for-tests';
const FOUNDER = '8470001';

let telegram: FakeTelegram;
let zalo: FakeZalo;
let store: PgliteStore;
let server: RunningServer | undefined;
let updateId = 5000;
// Zalo refuses events outside a freshness window of the bot's clock (here the machine's): stamp them now.
let zaloTs = Date.now();
let handoff: ReturnType<typeof handoffFeature>;

const config = () =>
  testConfig({
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_RATE_PER_CHAT_PER_SECOND: '1000', TELEGRAM_RATE_PER_SECOND: '1000',
    ZALO_APP_ID: APP_ID, ZALO_OA_SECRET_KEY: OA_SECRET, ZALO_APP_SECRET: 'app-secret',
    ZALO_ACCESS_TOKEN: 'acc', ZALO_REFRESH_TOKEN: 'ref', ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url,
    ZALO_RATE_PER_SECOND: '1000', STAFF_CHAT_ID: String(STAFF_CHAT), POLL_INTERVAL_MS: '20', PUBLIC_URL: 'https://bot.example.vn',
  });

async function boot(): Promise<void> {
  handoff = handoffFeature();
  server = await startServer(config(), { store, log: createLogger({ level: 'silent' }), features: [handoff, menuFeature, fallbackFeature] });
}

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not reached');
}

/** Posts a signed Zalo event (https://developers.zalo.me/docs/official-account/webhook). */
async function zaloText(text: string): Promise<void> {
  const body = JSON.stringify({
    app_id: APP_ID, timestamp: String(++zaloTs), event_name: 'user_send_text',
    sender: { id: FOUNDER }, recipient: { id: '579745863508352884' }, user_id_by_app: '552177279717587730',
    message: { msg_id: `m${zaloTs}`, text },
  });
  const mac = zaloMac(APP_ID, Buffer.from(body), String(zaloTs), OA_SECRET);
  const res = await fetch(`${server!.url}/zalo/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}` }, body });
  expect(res.status).toBe(200);
}

function topicMessage(from: number, thread: number, text: string) {
  const id = ++updateId;
  return {
    update_id: id,
    message: {
      message_id: id, date: 1700000000, text, message_thread_id: thread, is_topic_message: true,
      chat: { id: STAFF_CHAT, type: 'supergroup', title: 'Ươm staff', is_forum: true },
      from: { id: from, is_bot: false, first_name: from === STAFF ? 'Lan' : 'Khách' },
    },
  };
}

async function telegramUpdate(update: unknown): Promise<void> {
  const res = await fetch(`${server!.url}/telegram/webhook`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body: JSON.stringify(update),
  });
  expect(res.status).toBe(200);
}

const topicTexts = (thread: number) =>
  telegram.callsTo('sendMessage').filter((c) => Number(c.params.message_thread_id) === thread).map((c) => String(c.params.text));
const founderTexts = () => zalo.sentTo(FOUNDER).map((m) => m.message.text ?? '');

beforeAll(async () => {
  telegram = await startFakeTelegram({ token: TOKEN });
  zalo = await startFakeZalo({ appId: APP_ID, appSecret: 'app-secret', accessToken: 'acc', refreshToken: 'ref' });
  store = await pgliteTestStore();
  await store.call('staff_add', { telegram_user_id: String(STAFF), role: 'staff', display_name: 'Lan' });
  const ids = await store.call<{ contact_id: number }>('conversation_ensure', { channel: 'zalo', chat_id: FOUNDER, user_id: FOUNDER });
  await store.call('fx_contact_consent', { args: { contact_id: ids.contact_id, version: 'test', channel: 'zalo' } });
  await boot();
});

afterAll(async () => {
  await server?.close();
  await store?.close();
  await telegram?.close();
  await zalo?.close();
});

describe('handoff end to end (Zalo founder, Telegram staff group)', () => {
  it('goes from a request to a stored rating, surviving a restart', async () => {
    await zaloText('gặp cán bộ');
    await until(() => founderTexts().length === 1);
    expect(founderTexts()[0]).toContain('chuyển bạn tới cán bộ');

    await handoff.worker()!.runOnce(); // the background round may have taken it already: wait for the call
    await until(() => telegram.callsTo('createForumTopic').length > 0);
    const [topic] = telegram.callsTo('createForumTopic');
    expect(topic!.params).toMatchObject({ chat_id: String(STAFF_CHAT), name: expect.stringMatching(/^#1 · .+ · Khác$/) });
    const thread = 1000; // the fake's first message_thread_id
    await until(() => topicTexts(thread).length === 1);
    expect(topicTexts(thread)[0]).toContain('Yêu cầu #1');

    // Staff reply → founder on Zalo.
    await telegramUpdate(topicMessage(STAFF, thread, 'Chào bạn, mình là Lan. Bạn cần hỗ trợ gì?'));
    await until(() => founderTexts().length === 2);
    expect(founderTexts()[1]).toBe('💬 Cán bộ: Chào bạn, mình là Lan. Bạn cần hỗ trợ gì?');

    // Founder's answer → topic; the bot itself stays silent.
    await zaloText('Em muốn hỏi về vòng gọi vốn');
    await until(() => topicTexts(thread).length === 2);
    expect(topicTexts(thread)[1]).toContain('Em muốn hỏi về vòng gọi vốn');

    // Restart: a message arrives while the bot goes down; nothing is lost after it comes back.
    await zaloText('Em gửi thêm: đội em có 3 người');
    await server!.close();
    server = undefined;
    await boot();
    await until(() => topicTexts(thread).some((t) => t.includes('đội em có 3 người')));
    await telegramUpdate(topicMessage(STAFF, thread, 'Cảm ơn bạn, mình đã ghi nhận.'));
    await until(() => founderTexts().length === 3);

    // A non-staff member cannot resolve and is not relayed.
    await telegramUpdate(topicMessage(STRANGER, thread, 'tôi không phải cán bộ'));
    await telegramUpdate(topicMessage(STRANGER, thread, '/resolve'));
    await until(() => topicTexts(thread).some((t) => t.includes('uom staff add')));
    expect(await store.call('ticket_get', { number: 1 })).toMatchObject({ status: 'waiting' });

    await telegramUpdate(topicMessage(STAFF, thread, '/resolve'));
    await until(() => founderTexts().length === 4);
    const question = zalo.sentTo(FOUNDER).at(-1)!;
    const buttons = question.message.attachment?.payload.buttons ?? [];
    expect(buttons.map((b) => b.payload)).toEqual([1, 2, 3, 4, 5].map((n) => `#uom:handoff:csat:1:${n}`));

    // The founder presses "5" (Zalo sends the hidden query as a text).
    await zaloText('#uom:handoff:csat:1:5');
    await until(() => founderTexts().length === 5);
    const ticket = await store.call<Record<string, unknown>>('ticket_get', { number: 1 });
    expect(ticket).toMatchObject({ status: 'resolved', csat_score: 5 });

    // Each text reached its destination exactly once; the founder saw no bot chatter.
    expect(founderTexts().filter((t) => t.includes('Cán bộ:'))).toHaveLength(2);
    expect(topicTexts(thread).filter((t) => t.includes('đội em có 3 người'))).toHaveLength(1);
    expect(founderTexts().some((t) => t.includes('Mình có thể giúp bạn những việc sau'))).toBe(false);
    expect(topicTexts(thread).some((t) => t.includes('tôi không phải cán bộ'))).toBe(false);
  });
});
