/**
 * The Telegram channel (grammY's `Api` for every Bot API call). Webhook mode when `PUBLIC_URL`
 * is set: `POST /telegram/webhook`, verified by the `X-Telegram-Bot-Api-Secret-Token` header;
 * otherwise long polling with `getUpdates`, for development. Either way each Update is
 * normalized and stored in the inbox (deduplicated on `update_id`) before Telegram is answered.
 *
 * @example
 * const telegram = TelegramChannel.fromConfig(config);
 * telegram.mount(http, ctx); // webhook mode
 * await telegram.start(ctx); // polling mode: starts the getUpdates loop
 * await telegram.send({ channel: 'telegram', chatId: '42' }, { text: 'Xin chào' });
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { Update } from 'grammy/types';
import type { Config } from '../../../config.js';
import { fileHeaders } from '../../../http/file-headers.js';
import { HttpError, type HttpRequest, type HttpRouter } from '../../../http/router.js';
import type { Outbound, SendResult } from '../../outbound.js';
import type { ChannelAdapter, ChannelContext, Recipient } from '../channel.js';
import { sendResultFor } from './errors.js';
import { FILE_LINK_PREFIX, verifyFileLink } from './file-links.js';
import { hasUpdateId, normalizeUpdate } from './normalize.js';
import { updateSchema } from './update-schema.js';
import { createTelegramApi } from './api-client.js';
import { LongPoller } from './polling.js';
import { renderOutbound } from './render.js';

export const WEBHOOK_PATH = '/telegram/webhook';
/** How many partly delivered outbox rows to remember (a retry resumes after their sent parts). */
const PARTS_MEMORY = 10_000;
/** The Update types the bot subscribes to (setWebhook and getUpdates `allowed_updates`). */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

export interface TelegramChannelOptions {
  token: string;
  /** Another Bot API server (tests, a local Bot API server); default https://api.telegram.org. */
  apiRoot?: string;
  /** Required in webhook mode: Telegram sends it back in `X-Telegram-Bot-Api-Secret-Token`. */
  webhookSecret?: string;
  mode: 'webhook' | 'polling';
  /** Origin for relative attachment URLs. */
  publicUrl?: string;
  /** getUpdates long-poll timeout in seconds (default 25). */
  pollTimeoutSeconds?: number;
}

/** A secret's digest: compared in constant time whatever the lengths (see `sameSecret`). */
function secretDigest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Constant-time comparison of a given secret with the expected one's digest (made once). */
function sameSecret(given: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(secretDigest(given), expectedDigest);
}

export class TelegramChannel implements ChannelAdapter {
  readonly id = 'telegram' as const;
  readonly api: Api;
  private poller: LongPoller | undefined;
  /** Consecutive transient send failures, for backoff during an outage. */
  private failures = 0;
  private log: Logger | undefined;
  /** Outbox rows whose first parts were delivered before a transient failure: row id → parts sent. */
  private readonly partsSent = new Map<number, number>();

  constructor(readonly options: TelegramChannelOptions) {
    this.api = createTelegramApi({ token: options.token, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) });
  }

  /**
   * The adapter a configuration asks for, or undefined when `TELEGRAM_BOT_TOKEN` is absent.
   *
   * @example
   * const telegram = TelegramChannel.fromConfig(loadConfig(process.env));
   */
  static fromConfig(config: Config): TelegramChannel | undefined {
    if (!config.TELEGRAM_BOT_TOKEN) return undefined;
    return new TelegramChannel({
      token: config.TELEGRAM_BOT_TOKEN,
      mode: config.PUBLIC_URL ? 'webhook' : 'polling',
      ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
      ...(config.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: config.TELEGRAM_WEBHOOK_SECRET } : {}),
      ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    });
  }

  mount(http: HttpRouter, ctx: ChannelContext): void {
    this.log = ctx.log;
    http.get(FILE_LINK_PREFIX, (req, res) => this.serveFile(req, res), { prefix: true });
    if (this.options.mode !== 'webhook') return;
    const secret = this.options.webhookSecret;
    if (!secret) throw new Error('TELEGRAM_WEBHOOK_SECRET is required for the Telegram webhook');
    const expected = secretDigest(secret);
    http.post(WEBHOOK_PATH, async (req) => {
      if (!sameSecret(req.header('x-telegram-bot-api-secret-token') ?? '', expected)) {
        throw new HttpError(401, 'unauthorized', 'Missing or wrong secret token');
      }
      const body = req.json();
      // Without an update_id it is not from Telegram at all: 400. With one, whatever else is
      // wrong, answer 200 (receive() logs and drops it): Telegram redelivers non-2xx forever.
      if (!hasUpdateId(body)) throw new HttpError(400, 'not_an_update', 'The body is not a Telegram Update');
      await this.receive(body as Update, ctx);
      return { status: 200, json: {} };
    });
  }

  async start(ctx: ChannelContext): Promise<void> {
    this.log = ctx.log;
    if (this.options.mode !== 'polling' || this.poller) return;
    this.poller = new LongPoller(this.api, (update) => this.receive(update, ctx), ctx.log, {
      timeoutSeconds: this.options.pollTimeoutSeconds ?? 25,
      allowedUpdates: [...ALLOWED_UPDATES],
    });
    await this.poller.start();
  }

  async stop(): Promise<void> {
    await this.poller?.stop();
    this.poller = undefined;
  }

  /**
   * Stores one Update in the inbox. Callback queries are answered at once (Telegram shows a
   * spinner until then) without holding up the inbox write; a block/unblock updates the
   * identity's reachability immediately so broadcasts skip the person from now on.
   */
  async receive(raw: Update, ctx: ChannelContext): Promise<void> {
    // Telegram redelivers an update answered with an error forever (and getUpdates would return
    // it again): one that does not fit the schema is logged and acknowledged, never retried.
    const parsed = updateSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      ctx.log.warn({ updateId: raw.update_id, path: issue?.path.join('.'), problem: issue?.message }, 'telegram: malformed update ignored');
      return;
    }
    const update = parsed.data as unknown as Update;
    if (update.callback_query) {
      const queryId = update.callback_query.id;
      this.api.answerCallbackQuery(queryId).catch((error: unknown) => {
        ctx.log.warn({ err: error, updateId: update.update_id }, 'answerCallbackQuery failed');
      });
    }
    const event = normalizeUpdate(update);
    if (!event) return;
    const { duplicate } = await ctx.accept(event);
    // A redelivered old block/unblock must not overwrite a newer one.
    if (event.kind === 'reachability' && !duplicate) {
      await ctx.store.call('identity_set_reachable', {
        channel: 'telegram',
        external_id: event.userId,
        reachable: event.reachable,
        reason: event.reachable ? null : event.reason,
      });
    }
  }

  /** Proxies a Telegram file behind a signed link (see file-links.ts); the token never leaves. */
  private async serveFile(req: HttpRequest, res: ServerResponse): Promise<undefined> {
    let fileId: string;
    try {
      fileId = decodeURIComponent(req.url.pathname.slice(FILE_LINK_PREFIX.length));
    } catch {
      throw new HttpError(400, 'bad_file_link', 'Invalid file link');
    }
    const check = verifyFileLink(this.options.token, fileId, req.url.searchParams, new Date());
    if (check === 'forged') throw new HttpError(403, 'forbidden', 'Invalid file link');
    if (check === 'expired') throw new HttpError(410, 'expired', 'This file link has expired');
    let upstream: Response;
    let filePath = '';
    try {
      const file = await this.api.getFile(fileId);
      if (!file.file_path) throw new Error('no file_path');
      filePath = file.file_path;
      const root = (this.options.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, '');
      upstream = await fetch(`${root}/file/bot${this.options.token}/${file.file_path}`);
      if (!upstream.ok || !upstream.body) throw new Error(`download answered ${upstream.status}`);
    } catch (error) {
      this.log?.warn({ err: error }, 'telegram file not available');
      throw new HttpError(404, 'not_found', 'File not available');
    }
    // Only images and PDFs inline, with a type from our own list; anything else downloads.
    res.writeHead(200, { ...fileHeaders(filePath, upstream.headers.get('content-type')), 'cache-control': 'private, max-age=3600' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
    return undefined;
  }

  async send(to: Recipient, message: Outbound): Promise<SendResult> {
    const { calls, dropped } = renderOutbound(to.chatId, message, this.options.publicUrl);
    if (dropped.length > 0) {
      // A payload over 64 bytes is a bug in a feature; the rest of the message still goes out.
      this.log?.error({ outboxId: to.outboxId, dropped: dropped.length }, 'telegram: buttons with callback data over 64 bytes left out');
    }
    let lastId: number | undefined;
    // A long text is several messages: on a retry, skip the parts that already went out.
    const done = to.outboxId !== undefined ? (this.partsSent.get(to.outboxId) ?? 0) : 0;
    let sentNow = 0;
    try {
      for (const call of calls.slice(done)) {
        const sent = await this.api.raw[call.method](call.params as never);
        lastId = (sent as { message_id: number }).message_id;
        sentNow += 1;
      }
    } catch (error) {
      const result = sendResultFor(error, this.failures);
      if (result.status === 'retry' && !result.pauseChannel) this.failures += 1;
      if (result.status === 'retry' && to.outboxId !== undefined && done + sentNow > 0) this.rememberParts(to.outboxId, done + sentNow);
      return result;
    }
    if (to.outboxId !== undefined) this.partsSent.delete(to.outboxId);
    this.failures = 0;
    return { status: 'sent', ...(lastId !== undefined ? { platformMessageId: String(lastId) } : {}) };
  }

  private rememberParts(outboxId: number, parts: number): void {
    this.partsSent.delete(outboxId);
    this.partsSent.set(outboxId, parts);
    // Bounded: only rows that failed midway are here; the oldest entry goes first.
    if (this.partsSent.size > PARTS_MEMORY) this.partsSent.delete(this.partsSent.keys().next().value!);
  }
}
