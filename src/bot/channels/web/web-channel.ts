/**
 * The built-in web chat. The page (`/`) keeps a random session id in localStorage; it posts
 * what the person types or presses to `/webchat/api/messages` and long-polls
 * `/webchat/api/updates` for the bot's messages, which the sender "delivers" by marking the
 * outbox row sent. Polling the database (not process memory) keeps several server processes
 * correct; an in-process signal only answers a waiting poll sooner.
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
import { HttpError, type HttpRouter } from '../../../http/router.js';
import type { Inbound } from '../../inbound.js';
import type { Outbound, SendResult } from '../../outbound.js';
import type { ChannelAdapter, ChannelContext, Recipient } from '../channel.js';

const PAGE_PATH = join(dirname(fileURLToPath(import.meta.url)), 'page.html');
const SESSION = /^[A-Za-z0-9_-]{16,64}$/;

const postSchema = z.object({
  session: z.string().regex(SESSION),
  /** Client-generated id of this message: a retried POST is stored once. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  text: z.string().max(4000).optional(),
  payload: z.string().max(256).optional(),
  label: z.string().max(256).optional(),
  locale: z.string().max(16).optional(),
}).refine((m) => (m.text !== undefined) !== (m.payload !== undefined), { message: 'send either text or payload' });

export interface WebChannelOptions {
  /** Longest a poll waits for a message, in ms. */
  longPollMs?: number;
}

export class WebChannel implements ChannelAdapter {
  readonly id = 'web' as const;
  private readonly signal = new EventEmitter();
  private readonly longPollMs: number;
  private page: string | undefined;

  constructor(options: WebChannelOptions = {}) {
    this.longPollMs = options.longPollMs ?? 25_000;
    this.signal.setMaxListeners(0);
  }

  mount(http: HttpRouter, ctx: ChannelContext): void {
    http.get('/', async () => {
      this.page ??= readFileSync(PAGE_PATH, 'utf8');
      return { status: 200, html: this.page, headers: { 'cache-control': 'no-cache' } };
    });

    http.post('/webchat/api/messages', async (req) => {
      const parsed = postSchema.safeParse(req.json());
      if (!parsed.success) throw new HttpError(400, 'invalid_message', parsed.error.issues[0]?.message ?? 'invalid message');
      const m = parsed.data;
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
      const after = Number.parseInt(req.url.searchParams.get('after') ?? '0', 10) || 0;
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
