/**
 * The built-in web chat. The page (`/`) keeps a random session id in localStorage; it posts
 * what the person types or presses to `/webchat/api/messages` and long-polls
 * `/webchat/api/updates` for the bot's messages, which the sender "delivers" by marking the
 * outbox row sent. Polling the database (not process memory) keeps several server processes
 * correct; an in-process signal only answers a waiting poll sooner.
 *
 * Abuse limits (429 with `Retry-After`): messages per session and per client address a minute,
 * new sessions per client address an hour (sessions are free to make, so a guesser would
 * otherwise get a fresh quota with each), and polls per client address.
 *
 * @example
 * const web = new WebChannel();
 * web.mount(http, ctx); // GET /, POST /webchat/api/messages, GET /webchat/api/updates
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { clientAddress } from '../../../http/client-address.js';
import { RequestLimiter } from '../../../http/request-limiter.js';
import { HttpError, type HttpRequest, type HttpRouter } from '../../../http/router.js';
import { localeField, textField } from '../clean-text.js';
import type { Inbound } from '../../inbound.js';
import type { Outbound, SendResult } from '../../outbound.js';
import type { ChannelAdapter, ChannelContext, Recipient } from '../channel.js';

const PAGE_PATH = join(dirname(fileURLToPath(import.meta.url)), 'page.html');
const SESSION = /^[A-Za-z0-9_-]{16,64}$/;

const postSchema = z.object({
  session: z.string().regex(SESSION),
  /** Client-generated id of this message: a retried POST is stored once. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  text: textField(4000).optional(),
  payload: textField(256).optional(),
  label: textField(256).optional(),
  // An unreadable language tag is dropped, not a reason to lose the message.
  locale: localeField.max(16).optional().catch(undefined),
}).refine((m) => (m.text !== undefined) !== (m.payload !== undefined), { message: 'send either text or payload' });

/** A poll cursor: a non-negative integer that fits PostgreSQL's bigint and a JS number exactly. */
const CURSOR = /^\d{1,15}$/;

export interface WebChannelOptions {
  /** Longest a poll waits for a message, in ms. */
  longPollMs?: number;
  /** Monotonic milliseconds for the rate limits (tests move it). */
  now?: () => number;
}

interface Limits {
  perSession: RequestLimiter;
  perAddress: RequestLimiter;
  sessionsSeen: RequestLimiter;
  newSessionsPerAddress: RequestLimiter;
  pollsPerAddress: RequestLimiter;
}

function refuse(verdict: ReturnType<RequestLimiter['take']>, code: string): void {
  if (verdict.ok) return;
  throw new HttpError(429, code, `Too many requests; retry in ${verdict.retryAfterSeconds} s`, {
    'retry-after': String(verdict.retryAfterSeconds),
  });
}

export class WebChannel implements ChannelAdapter {
  readonly id = 'web' as const;
  private readonly signal = new EventEmitter();
  private readonly longPollMs: number;
  private page: string | undefined;
  private readonly now: (() => number) | undefined;

  constructor(options: WebChannelOptions = {}) {
    this.longPollMs = options.longPollMs ?? 25_000;
    this.now = options.now;
    this.signal.setMaxListeners(0);
  }

  private limits(ctx: ChannelContext): Limits {
    const c = ctx.config;
    const clock = this.now ? { now: this.now } : {};
    return {
      perSession: new RequestLimiter({ limit: c.WEBCHAT_MESSAGES_PER_MINUTE, windowMs: 60_000, ...clock }),
      perAddress: new RequestLimiter({ limit: c.WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE, windowMs: 60_000, ...clock }),
      sessionsSeen: new RequestLimiter({ limit: Number.MAX_SAFE_INTEGER, windowMs: 3_600_000, ...clock }),
      newSessionsPerAddress: new RequestLimiter({ limit: c.WEBCHAT_SESSIONS_PER_ADDRESS_PER_HOUR, windowMs: 3_600_000, ...clock }),
      // A page polls about twice a minute and once after each message it sends.
      pollsPerAddress: new RequestLimiter({ limit: 4 * c.WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE, windowMs: 60_000, ...clock }),
    };
  }

  /** Counts one message of `session` from the request's address; throws 429 past a limit. */
  private checkMessage(limits: Limits, req: HttpRequest, session: string, trustProxy: boolean): void {
    const address = clientAddress(req.raw, trustProxy);
    if (!limits.sessionsSeen.seen(session)) {
      refuse(limits.newSessionsPerAddress.take(address), 'too_many_sessions');
      limits.sessionsSeen.remember(session);
    }
    refuse(limits.perAddress.take(address), 'rate_limited');
    refuse(limits.perSession.take(session), 'rate_limited');
  }

  mount(http: HttpRouter, ctx: ChannelContext): void {
    const limits = this.limits(ctx);
    http.get('/', async () => {
      this.page ??= readFileSync(PAGE_PATH, 'utf8');
      return { status: 200, html: this.page, headers: { 'cache-control': 'no-cache' } };
    });

    http.post('/webchat/api/messages', async (req) => {
      const parsed = postSchema.safeParse(req.json());
      if (!parsed.success) throw new HttpError(400, 'invalid_message', parsed.error.issues[0]?.message ?? 'invalid message');
      const m = parsed.data;
      this.checkMessage(limits, req, m.session, ctx.config.TRUST_PROXY);
      const base = {
        channel: 'web' as const,
        eventId: `${m.session}:${m.id}`,
        chatId: m.session,
        userId: m.session,
        chatType: 'private' as const,
        ...(m.locale ? { locale: m.locale } : {}),
      };
      const event: Inbound =
        m.payload !== undefined
          ? { ...base, kind: 'button', payload: m.payload, ...(m.label ? { text: m.label } : {}) }
          : { ...base, kind: 'text', text: m.text! };
      const accepted = await ctx.accept(event);
      return { status: 202, json: { ok: true, duplicate: accepted.duplicate } };
    }, { bodyLimit: 16 * 1024 });

    http.get('/webchat/api/updates', async (req) => {
      const session = req.url.searchParams.get('session') ?? '';
      if (!SESSION.test(session)) throw new HttpError(400, 'invalid_session', 'session must be 16-64 URL-safe characters');
      const afterParam = req.url.searchParams.get('after') ?? '0';
      if (!CURSOR.test(afterParam)) throw new HttpError(400, 'invalid_cursor', 'after must be a whole number of at most 15 digits');
      const after = Number(afterParam);
      refuse(limits.pollsPerAddress.take(clientAddress(req.raw, ctx.config.TRUST_PROXY)), 'rate_limited');
      const wait = req.url.searchParams.get('wait') !== '0';
      const poll = () =>
        ctx.store.call<{ id: number; seq: number; payload: Outbound }[]>('webchat_poll', { chat_id: session, after });
      let messages = await poll();
      if (messages.length === 0 && wait) {
        await this.waitForDelivery(session, this.longPollMs, req.raw);
        messages = await poll();
      }
      const cursor = messages.length > 0 ? messages[messages.length - 1]!.seq : after;
      return { status: 200, json: { messages, cursor }, headers: { 'cache-control': 'no-store' } };
    });
  }

  /** Delivery is the outbox row becoming 'sent': the page fetches it on its next poll. */
  async send(): Promise<SendResult> {
    return { status: 'sent' };
  }

  delivered(recipients: readonly Recipient[]): void {
    for (const r of new Set(recipients.map((x) => x.chatId))) this.signal.emit(r);
  }

  private waitForDelivery(session: string, ms: number, request: NodeJS.EventEmitter): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signal.off(session, done);
        request.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.signal.on(session, done);
      request.on('close', done);
    });
  }
}
