/**
 * Property-based fuzzing (fast-check) of every webhook and the web chat API on one real server
 * (PGlite, Telegram in webhook mode with its secret, Zalo with valid signatures, the Bot
 * Framework Emulator mode): valid payloads with one or more fields replaced by hostile values
 * (NUL, lone surrogates, numbers, objects, arrays, null, huge numbers) or removed. No answer is a
 * 5xx; Telegram, which redelivers anything but 2xx forever, gets 200 for every body that carries
 * a valid `update_id`; and the server keeps serving. Bounded runs, fixed seed: deterministic.
 * The issue's own examples are checked first, by name.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zaloMac } from '../../src/bot/channels/zalo/signature.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { startFakeTelegram, type FakeTelegram } from '../fakes/telegram-bot-api.js';
import { testConfig } from '../support/config.js';
import { pgliteTestStore } from '../support/stores.js';

const TOKEN = '7000011:fuzz-token';
const SECRET = 'fuzz-secret';
const ZALO_APP = '3608465249409039670';
const ZALO_KEY = 'fuzz-oa-secret';
const SEED = 1502;
const RUNS = 60;

let server: RunningServer;
let telegram: FakeTelegram;
beforeAll(async () => {
  telegram = await startFakeTelegram({ token: TOKEN });
  server = await startServer(
    testConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: 'https://bot.example.vn',
      ZALO_APP_ID: ZALO_APP,
      ZALO_OA_SECRET_KEY: ZALO_KEY,
      ZALO_EVENT_MAX_AGE_SECONDS: '10000000000',
      BOTFRAMEWORK_EMULATOR: 'true',
      WEBCHAT_MESSAGES_PER_MINUTE: '100000',
      WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE: '100000',
      WEBCHAT_SESSIONS_PER_ADDRESS_PER_HOUR: '100000',
    }),
    { store: await pgliteTestStore(), log: createLogger({ level: 'silent' }), startWorkers: false },
  );
}, 60_000);
afterAll(async () => {
  await server?.close();
  await server?.store.close();
  await telegram?.close();
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---- valid payloads, one per platform ---------------------------------------------------------
let n = 0;
const telegramUpdate = (): Json => ({
  update_id: 5000 + ++n,
  message: {
    message_id: n, date: 1_700_000_000, chat: { id: 42, type: 'private', first_name: 'Lan' },
    from: { id: 42, is_bot: false, first_name: 'Lan', language_code: 'vi' }, text: 'xin chào',
    contact: { phone_number: '+84901234567', first_name: 'Lan', user_id: 42 },
  },
  callback_query: { id: `cb${n}`, from: { id: 42, is_bot: false, first_name: 'Lan' }, data: 'menu:booking',
    message: { message_id: 1, date: 1_700_000_000, chat: { id: 42, type: 'private' } } },
  my_chat_member: { chat: { id: 42, type: 'private' }, from: { id: 42, is_bot: false, first_name: 'Lan' }, date: 1,
    old_chat_member: { status: 'member', user: { id: 1, is_bot: true, first_name: 'b' } },
    new_chat_member: { status: 'kicked', user: { id: 1, is_bot: true, first_name: 'b' } } },
});
const zaloEvent = (): Json => ({
  app_id: ZALO_APP, event_name: 'user_send_text', timestamp: String(1_700_000_000_000 + ++n),
  sender: { id: '5326712345678901234' }, recipient: { id: '579745863508352884' },
  message: { msg_id: `fz${n}`, text: 'xin chào', attachments: [{ type: 'image', payload: { url: 'https://z/i.png', size: 10 } }] },
  info: { name: 'Lan', phone: '84901234567' },
});
const activity = (): Json => ({
  type: 'message', id: `a${++n}`, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', locale: 'vi-VN',
  timestamp: '2026-12-01T00:00:00Z', text: 'xin chào', from: { id: 'u1', name: 'Lan' }, recipient: { id: 'bot' },
  conversation: { id: 'c1', isGroup: false }, value: { uom_payload: 'menu:booking' },
  attachments: [{ contentType: 'image/png', contentUrl: 'https://x/i.png', name: 'i.png' }],
});
const webMessage = (): Json => ({ session: 'fuzz-session-000000001', id: `w${++n}`, text: 'xin chào', locale: 'vi' });

// ---- hostile values and mutations -------------------------------------------------------------
const hostileString = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\udc00\ud800', '', ' ', '%E0%A4%A', '💥'.repeat(50)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);
const hostile: fc.Arbitrary<Json | undefined> = fc.oneof(
  hostileString,
  fc.constantFrom<Json | undefined>(null, true, false, 0, -1, 1e308, -1e-308, 2 ** 53 + 1, 99999999999999999999, undefined),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant<Json>({}),
  fc.constant<Json>([]),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) as fc.Arbitrary<Json>,
  fc.array(hostileString, { maxLength: 3 }) as fc.Arbitrary<Json>,
);

function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function replaced(value: Json, path: (string | number)[], by: Json | undefined): Json {
  if (path.length === 0) return by ?? null;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, Json>) }) as Record<string | number, Json>;
  if (rest.length === 0 && by === undefined) delete copy[head!];
  else copy[head!] = replaced(copy[head!] ?? null, rest, by);
  return copy as Json;
}

/** A valid payload with 1-3 fields replaced by hostile values (or removed). */
function mutated(make: () => Json): fc.Arbitrary<Json> {
  return fc.array(fc.tuple(fc.nat(), hostile), { minLength: 1, maxLength: 3 }).map((changes) => {
    let value = make();
    for (const [pick, by] of changes) {
      const all = paths(value);
      if (all.length === 0) break;
      value = replaced(value, all[pick % all.length]!, by);
    }
    return value;
  });
}

// ---- senders ------------------------------------------------------------------------------------
const postJson = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const toTelegram = (body: Json) => postJson('/telegram/webhook', JSON.stringify(body), { 'x-telegram-bot-api-secret-token': SECRET });
const toZalo = (body: Json) => {
  const raw = JSON.stringify(body);
  const timestamp = body !== null && typeof body === 'object' && !Array.isArray(body) ? body.timestamp : undefined;
  const mac = zaloMac(ZALO_APP, Buffer.from(raw), typeof timestamp === 'string' || typeof timestamp === 'number' ? String(timestamp) : '', ZALO_KEY);
  return postJson('/zalo/webhook', raw, { 'x-zevent-signature': `mac=${mac}` });
};
const toBotFramework = (body: Json) => postJson('/api/messages', JSON.stringify(body));
const toWebChat = (body: Json) => postJson('/webchat/api/messages', JSON.stringify(body));

const hasUpdateId = (body: Json) =>
  body !== null && typeof body === 'object' && !Array.isArray(body) && typeof body.update_id === 'number' && Number.isSafeInteger(body.update_id) && body.update_id >= 0;

async function healthy(): Promise<void> {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}

describe('malformed input from the issue', () => {
  it('gets a 4xx, or 200 from Telegram, never a 5xx', async () => {
    const tg = telegramUpdate() as Record<string, Record<string, unknown>>;
    const cases: [string, Promise<Response>, number][] = [
      ['telegram: NUL and lone surrogates in text, name, locale',
        toTelegram({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, from: { id: 1, is_bot: false, first_name: 'L\u0000\ud800', language_code: 'v\u0000' }, text: 'a\u0000\udc00' } }), 200],
      ['telegram: a number where text is expected', toTelegram({ update_id: 2, message: { ...tg.message, text: 12 } }), 200],
      ['telegram: an object where text is expected', toTelegram({ update_id: 3, message: { ...tg.message, text: { a: 1 } } }), 200],
      ['telegram: a message without chat', toTelegram({ update_id: 4, message: { message_id: 1, date: 1, from: { id: 1, is_bot: false, first_name: 'L' }, text: 'hi' } }), 200],
      ['telegram: a callback without from', toTelegram({ update_id: 5, callback_query: { id: 'q', data: 'x' } }), 200],
      ['telegram: my_chat_member without new_chat_member', toTelegram({ update_id: 6, my_chat_member: { chat: { id: 1, type: 'private' }, from: { id: 1, is_bot: false, first_name: 'L' }, date: 1 } }), 200],
      ['telegram: a contact phone as an object',
        toTelegram({ update_id: 7, message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, from: { id: 1, is_bot: false, first_name: 'L' }, contact: { phone_number: { n: 1 }, first_name: 'L', user_id: 1 } } }), 200],
      ['zalo: NUL in an id', toZalo({ ...(zaloEvent() as object), sender: { id: 'a\u0000' } }), 400],
      ['zalo: a phone as an object', toZalo({ ...(zaloEvent() as object), event_name: 'user_submit_info', info: { phone: { n: 1 } } }), 400],
      ['zalo: text as a number', toZalo({ ...(zaloEvent() as object), message: { msg_id: 'm', text: 5 } }), 400],
      ['botframework: lone surrogate in the conversation id', toBotFramework({ ...(activity() as object), conversation: { id: '\ud800' } }), 200],
      ['botframework: from as a string', toBotFramework({ ...(activity() as object), from: 'u1' }), 400],
      ['botframework: text as an object', toBotFramework({ ...(activity() as object), text: { a: 1 } }), 400],
      ['web chat: a huge cursor', fetch(`${server.url}/webchat/api/updates?session=fuzz-session-000000001&wait=0&after=99999999999999999999`), 400],
      ['file proxy: broken percent-encoding', fetch(`${server.url}/files/telegram/%E0%A4%A`), 400],
    ];
    for (const [name, response, expected] of cases) {
      expect({ name, status: (await response).status }).toEqual({ name, status: expected });
    }
    await healthy();
  });
});

describe('fuzzing every webhook and the web chat API', () => {
  it('Telegram: never 5xx, and 200 for anything with a valid update_id', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(telegramUpdate), async (body) => {
        const res = await toTelegram(body);
        expect(res.status).toBeLessThan(500);
        if (hasUpdateId(body)) expect(res.status).toBe(200);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await healthy();
  }, 120_000);

  it('Zalo (signed): never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(zaloEvent), async (body) => {
        expect((await toZalo(body)).status).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await healthy();
  }, 120_000);

  it('Bot Framework: never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(activity), async (body) => {
        expect((await toBotFramework(body)).status).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await healthy();
  }, 120_000);

  it('web chat: never 5xx for messages, polls and file links', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(webMessage), hostileString, async (body, junk) => {
        expect((await toWebChat(body)).status).toBeLessThan(500);
        // A URL carries UTF-8 only: lone surrogates become U+FFFD; a stray '%' is left raw.
        const pct = (text: string) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
        const query = `session=${pct(junk)}&wait=0&after=${pct(junk)}%`;
        expect((await fetch(`${server.url}/webchat/api/updates?${query}`)).status).toBeLessThan(500);
        expect((await fetch(`${server.url}/files/telegram/${pct(junk)}%?exp=${pct(junk)}&sig=%zz`)).status).toBeLessThan(500);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    await healthy();
  }, 120_000);
});

describe('hostile text in fields that pass through to storage', () => {
  it('a Bot Framework button value and conversation extras with NUL are stored cleaned', async () => {
    const res = await toBotFramework({
      ...(activity() as object), id: 'pass-1', conversation: { id: 'c-pass', tenantId: 't\u0000' },
      value: { uom_payload: 'menu:\u0000booking' },
    });
    expect(res.status).toBe(200);
    const sql = server.store as unknown as { query<R>(q: string): Promise<R[]> };
    const [row] = await sql.query<{ payload: string }>("select payload->>'payload' as payload from inbox where event_id = 'c-pass|pass-1'");
    expect(row!.payload).toBe('menu:\uFFFDbooking');
  });
});
