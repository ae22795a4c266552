/**
 * A loopback fake of the Telegram Bot API, driven through the real grammY client
 * (`new Bot(token, { client: { apiRoot: fake.apiRoot } })`).
 *
 * Follows the Bot API documentation (https://core.telegram.org/bots/api):
 * - "Making requests": `POST /bot<token>/<method>` with `application/json`,
 *   `application/x-www-form-urlencoded` or `multipart/form-data` parameters (query strings too);
 *   the answer is always JSON `{ok: true, result}` or `{ok: false, error_code, description,
 *   parameters?}` with the HTTP status equal to `error_code`;
 * - a wrong token answers 401 "Unauthorized", an unknown method 404 "Not Found";
 * - result shapes: sendMessage/sendPhoto/sendDocument/editMessageText → Message (`message_id`
 *   increasing per chat, `chat`, `date`, `text`/`caption`); answerCallbackQuery, setWebhook,
 *   deleteWebhook, setMyCommands → `true`; getMe → User; createForumTopic → ForumTopic
 *   (`message_thread_id`, `name`, `icon_color`); getWebhookInfo → WebhookInfo;
 * - getUpdates serves queued Updates with `update_id >= offset` (older ones are confirmed and
 *   dropped), waiting up to `timeout` seconds (capped by `maxPollWaitMs` to keep tests fast);
 * - "Responses": 429 carries `parameters.retry_after` in seconds.
 *
 * @example
 * const fake = await startFakeTelegram({ token: '123:abc' });
 * const bot = new Bot('123:abc', { client: { apiRoot: fake.apiRoot } });
 * await bot.api.sendMessage(42, 'xin chào');
 * fake.callsTo('sendMessage')[0].params.text; // 'xin chào'
 * fake.failNext('sendMessage', telegramErrors.tooManyRequests(3));
 * await fake.close();
 */
import type { ServerResponse } from 'node:http';
import { sendJson, startFakeServer, type RecordedRequest } from './http-server.js';

export type TelegramParams = Record<string, unknown>;

export interface TelegramCall {
  method: string;
  params: TelegramParams;
  /** `Date.now()` when the request arrived. */
  time: number;
}

export interface TelegramError {
  ok: false;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** What a handler returns: a result (wrapped as `{ok:true,result}`) or a Telegram error. */
export type TelegramAnswer = { result: unknown } | TelegramError;

export type TelegramHandler = (params: TelegramParams, call: TelegramCall) => TelegramAnswer | Promise<TelegramAnswer>;

/** The errors the Bot API returns most often, as documented and as seen in practice. */
export const telegramErrors = {
  tooManyRequests: (retryAfter: number): TelegramError => ({
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
  blocked: (): TelegramError => ({ ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }),
  deactivated: (): TelegramError => ({ ok: false, error_code: 403, description: 'Forbidden: user is deactivated' }),
  kicked: (): TelegramError => ({ ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the group chat' }),
  chatNotFound: (): TelegramError => ({ ok: false, error_code: 400, description: 'Bad Request: chat not found' }),
  serverError: (): TelegramError => ({ ok: false, error_code: 502, description: 'Bad Gateway' }),
};

export interface FakeTelegramOptions {
  token: string;
  /** The bot's own User (getMe). */
  botUser?: { id: number; first_name: string; username: string };
  /** Longest time getUpdates holds a request open, whatever `timeout` asks for (default 1000 ms). */
  maxPollWaitMs?: number;
  /**
   * Enforce Telegram's broadcast limit: at most this many send* calls per second in total;
   * excess calls get 429 with retry_after 1. Off by default.
   */
  maxSendsPerSecond?: number;
  /** The same per chat (Telegram: about 1 message a second); excess calls get 429. Off by default. */
  maxSendsPerChatPerSecond?: number;
}

export interface FakeTelegram {
  /** Give this to grammY as `client.apiRoot` (or to TELEGRAM_API_ROOT). */
  apiRoot: string;
  calls: TelegramCall[];
  callsTo(method: string): TelegramCall[];
  /** Replaces the default behaviour of a method (until `off`). */
  on(method: string, handler: TelegramHandler): void;
  off(method: string): void;
  /** The next `times` calls of `method` fail with `error`. */
  failNext(method: string, error: TelegramError, times?: number): void;
  /** Adds an Update for getUpdates; gets `update_id` assigned if it has none. Returns the update. */
  queueUpdate(update: Record<string, unknown>): Record<string, unknown>;
  /** Resolves once `count` calls of `method` were recorded (rejects after `timeoutMs`). */
  waitForCalls(method: string, count: number, timeoutMs?: number): Promise<TelegramCall[]>;
  /** The webhook registered with setWebhook (undefined after deleteWebhook). */
  webhook(): TelegramParams | undefined;
  /** Number of 429 answers given by the rate limiter. */
  rateLimited(): number;
  close(): Promise<void>;
}

const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendVideo', 'sendAudio', 'sendVoice', 'copyMessage', 'forwardMessage']);

/** Parses a multipart/form-data body's text fields (files are recorded as their file name). */
function parseMultipart(body: string, contentType: string): TelegramParams {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return {};
  const params: TelegramParams = {};
  for (const part of body.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /[; ]name="([^"]+)"/.exec(head)?.[1];
    if (!name) continue;
    const file = /filename="?([^";\r\n]*)"?/.exec(head)?.[1];
    const value = part.slice(split + 4).replace(/\r\n$/, '');
    params[name] = file !== undefined ? { file_name: file } : decodeValue(value);
  }
  // grammY sends files as separate parts referenced by `attach://<part name>`.
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' && value.startsWith('attach://')) params[key] = params[value.slice(9)] ?? value;
  }
  return params;
}

/** Form values that hold JSON (reply_markup, arrays) are decoded the way Telegram does. */
function decodeValue(value: string): unknown {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function parseParams(req: RecordedRequest): TelegramParams {
  const query = new URL(req.path, 'http://fake').searchParams;
  const params: TelegramParams = {};
  for (const [key, value] of query) params[key] = decodeValue(value);
  const type = String(req.headers['content-type'] ?? '');
  if (!req.body) return params;
  if (type.includes('application/json')) return { ...params, ...(JSON.parse(req.body) as TelegramParams) };
  if (type.includes('multipart/form-data')) return { ...params, ...parseMultipart(req.body, type) };
  for (const [key, value] of new URLSearchParams(req.body)) params[key] = decodeValue(value);
  return params;
}

function chatOf(params: TelegramParams): { id: number | string; type: string } {
  const id = params.chat_id;
  const numeric = typeof id === 'number' ? id : Number(id);
  const chatId = Number.isSafeInteger(numeric) ? numeric : String(id);
  return { id: chatId, type: typeof chatId === 'number' && chatId < 0 ? 'supergroup' : 'private' };
}

export async function startFakeTelegram(options: FakeTelegramOptions): Promise<FakeTelegram> {
  const botUser = options.botUser ?? { id: 100200300, first_name: 'Uom Bot', username: 'uom_test_bot' };
  const maxPollWaitMs = options.maxPollWaitMs ?? 1000;
  const calls: TelegramCall[] = [];
  const overrides = new Map<string, TelegramHandler>();
  const failures = new Map<string, { error: TelegramError; times: number }>();
  const updates: Record<string, unknown>[] = [];
  const pollWaiters = new Set<() => void>();
  const callWaiters = new Set<() => void>();
  const messageIds = new Map<string, number>();
  let nextUpdateId = 1;
  let nextThreadId = 1000;
  let webhook: TelegramParams | undefined;
  let rateWindowStart = 0;
  let rateWindowCount = 0;
  let limited = 0;

  const message = (params: TelegramParams, extra: Record<string, unknown>): Record<string, unknown> => {
    const chat = chatOf(params);
    const key = String(chat.id);
    const id = (messageIds.get(key) ?? 0) + 1;
    messageIds.set(key, id);
    const threadId = params.message_thread_id;
    return {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { id: botUser.id, is_bot: true, first_name: botUser.first_name, username: botUser.username },
      ...(threadId !== undefined ? { message_thread_id: Number(threadId), is_topic_message: true } : {}),
      ...extra,
    };
  };

  const defaults: Record<string, TelegramHandler> = {
    getMe: () => ({ result: { id: botUser.id, is_bot: true, first_name: botUser.first_name, username: botUser.username, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false } }),
    sendMessage: (p) => ({ result: message(p, { text: p.text, ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) }) }),
    sendPhoto: (p) => ({ result: message(p, { photo: [{ file_id: 'fake-photo', file_unique_id: 'fp', width: 320, height: 240 }], ...(p.caption ? { caption: p.caption } : {}) }) }),
    sendDocument: (p) => ({ result: message(p, { document: { file_id: 'fake-document', file_unique_id: 'fd' }, ...(p.caption ? { caption: p.caption } : {}) }) }),
    editMessageText: (p) => ({ result: { ...message(p, { text: p.text }), message_id: Number(p.message_id), edit_date: Math.floor(Date.now() / 1000) } }),
    answerCallbackQuery: () => ({ result: true }),
    setMyCommands: () => ({ result: true }),
    deleteMyCommands: () => ({ result: true }),
    setWebhook: (p) => {
      webhook = p;
      return { result: true };
    },
    deleteWebhook: () => {
      webhook = undefined;
      return { result: true };
    },
    getWebhookInfo: () => ({ result: { url: typeof webhook?.url === 'string' ? webhook.url : '', has_custom_certificate: false, pending_update_count: updates.length, ...(webhook?.allowed_updates ? { allowed_updates: webhook.allowed_updates } : {}) } }),
    createForumTopic: (p) => ({ result: { message_thread_id: nextThreadId++, name: p.name, icon_color: Number(p.icon_color ?? 7322096) } }),
    editForumTopic: () => ({ result: true }),
    closeForumTopic: () => ({ result: true }),
    reopenForumTopic: () => ({ result: true }),
    deleteForumTopic: () => ({ result: true }),
    sendChatAction: () => ({ result: true }),
    deleteMessage: () => ({ result: true }),
    pinChatMessage: () => ({ result: true }),
    editMessageReplyMarkup: (p) => ({ result: { ...message(p, {}), message_id: Number(p.message_id) } }),
    copyMessage: (p) => ({ result: { message_id: Number(message(p, {}).message_id) } }),
    forwardMessage: (p) => ({ result: message(p, {}) }),
    getChat: (p) => ({ result: { ...chatOf(p), ...(chatOf(p).type === 'private' ? { first_name: 'Test' } : { title: 'Test group', is_forum: true }) } }),
    getFile: (p) => ({ result: { file_id: p.file_id, file_unique_id: `u-${String(p.file_id)}`, file_size: 1024, file_path: `documents/${String(p.file_id)}` } }),
    getUpdates: async (p) => {
      const offset = Number(p.offset ?? 0);
      if (offset > 0) {
        while (updates.length > 0 && Number(updates[0]?.update_id) < offset) updates.shift();
      }
      const limit = Math.min(Number(p.limit ?? 100), 100);
      const waitMs = Math.min(Number(p.timeout ?? 0) * 1000, maxPollWaitMs);
      if (updates.length === 0 && waitMs > 0) {
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            clearTimeout(timer);
            pollWaiters.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, waitMs);
          pollWaiters.add(wake);
        });
      }
      return { result: updates.slice(0, limit) };
    },
  };

  const chatWindows = new Map<string, { start: number; count: number }>();
  const rateCheck = (method: string, params: TelegramParams): TelegramError | undefined => {
    if (!SEND_METHODS.has(method)) return undefined;
    const now = Date.now();
    if (options.maxSendsPerChatPerSecond) {
      const key = String(params.chat_id);
      const window = chatWindows.get(key);
      if (!window || now - window.start >= 1000) chatWindows.set(key, { start: now, count: 1 });
      else if (++window.count > options.maxSendsPerChatPerSecond) {
        limited += 1;
        return telegramErrors.tooManyRequests(1);
      }
    }
    if (!options.maxSendsPerSecond) return undefined;
    if (now - rateWindowStart >= 1000) {
      rateWindowStart = now;
      rateWindowCount = 0;
    }
    rateWindowCount += 1;
    if (rateWindowCount <= options.maxSendsPerSecond) return undefined;
    limited += 1;
    return telegramErrors.tooManyRequests(1);
  };

  const answer = (res: ServerResponse, body: TelegramAnswer): void => {
    if ('ok' in body) sendJson(res, body.error_code, body);
    else sendJson(res, 200, { ok: true, result: body.result });
  };

  const server = await startFakeServer(async (req, res) => {
    // "getFile": files are downloaded from https://api.telegram.org/file/bot<token>/<file_path>.
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.path);
    if (download) {
      if (download[1] !== options.token) return answer(res, { ok: false, error_code: 401, description: 'Unauthorized' });
      // An uploader controls the file's name; the fake sends the type its extension suggests.
      const served = decodeURIComponent(download[2]!);
      const type = /\.html?$/.test(served) ? 'text/html' : /\.svg$/.test(served) ? 'image/svg+xml' : 'image/jpeg';
      res.writeHead(200, { 'content-type': type });
      res.end(fakeFileBytes(served));
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)(?:\?.*)?$/.exec(req.path);
    if (!match) return answer(res, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method = ''] = match;
    if (token !== options.token) return answer(res, { ok: false, error_code: 401, description: 'Unauthorized' });
    let params: TelegramParams;
    try {
      params = parseParams(req);
    } catch {
      return answer(res, { ok: false, error_code: 400, description: "Bad Request: can't parse JSON object" });
    }
    const call: TelegramCall = { method, params, time: Date.now() };
    calls.push(call);
    for (const wake of callWaiters) wake();
    const failure = failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return answer(res, failure.error);
    }
    const limitedError = rateCheck(method, params);
    if (limitedError) return answer(res, limitedError);
    const handler = overrides.get(method) ?? defaults[method];
    if (!handler) return answer(res, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    if (SEND_METHODS.has(method) && params.chat_id === undefined) {
      return answer(res, { ok: false, error_code: 400, description: 'Bad Request: chat_id is empty' });
    }
    answer(res, await handler(params, call));
  });

  // grammY keeps connections alive; Node's 5 s idle timeout would race a client reusing a socket
  // after a slow test step (ECONNRESET). api.telegram.org keeps idle connections far longer.
  server.server.keepAliveTimeout = 120_000;

  return {
    apiRoot: server.url,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    on: (method, handler) => void overrides.set(method, handler),
    off: (method) => void overrides.delete(method),
    failNext: (method, error, times = 1) => void failures.set(method, { error, times }),
    queueUpdate: (update) => {
      const withId = { ...update, update_id: update.update_id ?? nextUpdateId };
      nextUpdateId = Math.max(nextUpdateId, Number(withId.update_id)) + 1;
      updates.push(withId);
      for (const wake of [...pollWaiters]) wake();
      return withId;
    },
    waitForCalls: (method, count, timeoutMs = 20_000) =>
      new Promise<TelegramCall[]>((resolve, reject) => {
        const check = (): boolean => {
          const found = calls.filter((c) => c.method === method);
          if (found.length < count) return false;
          clearTimeout(timer);
          callWaiters.delete(onCall);
          resolve(found);
          return true;
        };
        const onCall = (): void => void check();
        const timer = setTimeout(() => {
          callWaiters.delete(onCall);
          reject(new Error(`expected ${count} ${method} call(s) within ${timeoutMs} ms, got ${calls.filter((c) => c.method === method).length}`));
        }, timeoutMs);
        if (!check()) callWaiters.add(onCall);
      }),
    webhook: () => webhook,
    rateLimited: () => limited,
    close: async () => {
      for (const wake of [...pollWaiters]) wake();
      await server.close();
    },
  };
}

/** The content the fake serves for a downloaded file (see "getFile"). */
export function fakeFileBytes(filePath: string): Buffer {
  return Buffer.from(`fake telegram file ${filePath}`);
}
