/**
 * The Zalo Official Account channel. `POST /zalo/webhook`: size limit (413), the signature on
 * the raw bytes (401), the body as JSON with big ids kept as strings (400), normalised to
 * `Inbound` and accepted into the inbox; answered 200 at once (Zalo waits about 2 s).
 * Sending: the consultation API with the shared database token, refreshed on -216/-220; Zalo's
 * error codes become retry / unreachable outcomes; at most `ZALO_RATE_PER_SECOND` calls a second.
 *
 * @example
 * const zalo = new ZaloChannel(config, store);
 * zalo.mount(http, ctx);
 * await zalo.send({ channel: 'zalo', chatId: '5326…' }, { text: 'Xin chào' });
 */
import type { Config } from '../../../config.js';
import { HttpError, type HttpRouter } from '../../../http/router.js';
import type { Store } from '../../../store/store.js';
import type { Outbound, SendResult } from '../../outbound.js';
import type { ChannelAdapter, ChannelContext, Recipient } from '../channel.js';
import { classifyZaloError } from './errors.js';
import { zaloEventSchema } from './event-schema.js';
import { normalizeZaloEvent } from './normalize.js';
import { renderZalo, type ZaloMessage } from './render.js';
import { parseJsonKeepingBigIntegers } from './safe-json.js';
import { verifyZaloSignature } from './signature.js';
import { ZaloTokens, type ZaloAccess } from './tokens.js';

export const ZALO_WEBHOOK_PATH = '/zalo/webhook';

type CallOutcome =
  | { ok: true; messageId?: string }
  | { ok: false; result: SendResult; refresh?: boolean };

/**
 * True when the Zalo channel's required settings are present.
 *
 * @example
 * if (zaloConfigured(config)) channels.push(new ZaloChannel(config));
 */
export function zaloConfigured(config: Config): boolean {
  return Boolean(config.ZALO_APP_ID && config.ZALO_OA_SECRET_KEY);
}

export class ZaloChannel implements ChannelAdapter {
  readonly id = 'zalo' as const;
  private tokens: ZaloTokens | undefined;
  private nextSlot = 0;
  /** Outbox id → parts of a split message already delivered, for a retry to resume after. */
  private readonly partsSent = new Map<number, number>();

  constructor(
    private readonly config: Config,
    store?: Store,
  ) {
    if (store) this.tokens = new ZaloTokens(config, store);
  }

  mount(http: HttpRouter, ctx: ChannelContext): void {
    this.tokens ??= new ZaloTokens(this.config, ctx.store);
    http.post(ZALO_WEBHOOK_PATH, async (req) => {
      let body: unknown;
      try {
        body = parseJsonKeepingBigIntegers(req.body.toString('utf8'));
      } catch {
        throw new HttpError(400, 'malformed_json', 'The request body is not valid JSON');
      }
      const root = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
      const timestamp = root?.timestamp;
      if (!root || (typeof timestamp !== 'string' && typeof timestamp !== 'number')) {
        throw new HttpError(400, 'malformed_event', 'The event has no timestamp');
      }
      const verified = verifyZaloSignature({
        header: req.header('x-zevent-signature'),
        rawBody: req.body,
        timestamp: String(timestamp),
        appId: this.config.ZALO_APP_ID ?? '',
        oaSecretKey: this.config.ZALO_OA_SECRET_KEY ?? '',
      });
      if (!verified) throw new HttpError(401, 'bad_signature', 'X-ZEvent-Signature does not match');

      const parsed = zaloEventSchema.safeParse(root);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new HttpError(400, 'malformed_event', `Not a Zalo event${issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : ''}`);
      }
      // A signed event replayed long after it was sent is refused: the signature has no expiry
      // of its own. Inside the window a redelivery is still dropped by the inbox (event id).
      const sentAt = Number(parsed.data.timestamp);
      const now = (ctx.clock ?? (() => new Date()))().getTime();
      if (Math.abs(now - sentAt) > this.config.ZALO_EVENT_MAX_AGE_SECONDS * 1000) {
        ctx.log.warn({ event: parsed.data.event_name, ageSeconds: Math.round((now - sentAt) / 1000) }, 'zalo: stale event refused');
        return { status: 200, json: { ok: true, ignored: 'stale_event' } };
      }

      const normalized = normalizeZaloEvent(parsed.data);
      if ('ignored' in normalized) return { status: 200, json: { ok: true, ignored: true } };
      const event = normalized.event;
      const accepted = await ctx.accept(event);
      if (event.kind === 'reachability' && !accepted.duplicate) {
        await ctx.store.call('identity_set_reachable', {
          channel: 'zalo',
          external_id: event.userId,
          reachable: event.reachable,
          reason: event.reachable ? null : event.reason,
        });
      }
      return { status: 200, json: { ok: true, duplicate: accepted.duplicate } };
    });
  }

  async send(to: Recipient, message: Outbound): Promise<SendResult> {
    const tokens = this.tokens;
    if (!tokens) return { status: 'retry', retryInMs: 5_000, error: 'zalo channel not mounted' };
    let access: ZaloAccess;
    try {
      access = await tokens.current();
    } catch (error) {
      return { status: 'retry', retryInMs: 60_000, error: (error as Error).message };
    }
    let lastId: string | undefined;
    const parts = renderZalo(message);
    // A split message that failed half-way resumes after the parts already delivered (this process).
    const done = to.outboxId !== undefined ? (this.partsSent.get(to.outboxId) ?? 0) : 0;
    for (const [index, part] of parts.entries()) {
      if (index < done) continue;
      let outcome = await this.call(access.accessToken, to.chatId, part);
      if (!outcome.ok && outcome.refresh) {
        try {
          access = await tokens.refresh(access.generation);
        } catch (error) {
          return { status: 'retry', retryInMs: 60_000, error: `token refresh failed: ${(error as Error).message}` };
        }
        outcome = await this.call(access.accessToken, to.chatId, part);
        if (!outcome.ok && outcome.refresh) return { status: 'retry', retryInMs: 60_000, error: 'zalo rejected a freshly refreshed token' };
      }
      if (!outcome.ok) {
        if (to.outboxId !== undefined && index > 0 && outcome.result.status === 'retry') this.remember(to.outboxId, index);
        return outcome.result;
      }
      lastId = outcome.messageId ?? lastId;
    }
    if (to.outboxId !== undefined) this.partsSent.delete(to.outboxId);
    return { status: 'sent', ...(lastId ? { platformMessageId: lastId } : {}) };
  }

  private remember(outboxId: number, parts: number): void {
    if (this.partsSent.size > 10_000) this.partsSent.clear(); // bounded; at worst a part is sent twice
    this.partsSent.set(outboxId, parts);
  }

  /** Waits for the next send slot so the OA stays under `ZALO_RATE_PER_SECOND`. */
  private async throttle(): Promise<void> {
    const interval = 1000 / this.config.ZALO_RATE_PER_SECOND;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
  }

  private async call(accessToken: string, userId: string, message: ZaloMessage): Promise<CallOutcome> {
    await this.throttle();
    let response: Response;
    try {
      response = await fetch(new URL('/v3.0/oa/message/cs', this.config.ZALO_API_BASE), {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: accessToken },
        body: JSON.stringify({ recipient: { user_id: userId }, message }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      return { ok: false, result: { status: 'retry', retryInMs: 5_000, error: `zalo unreachable: ${(error as Error).message}` } };
    }
    if (response.status === 429 || response.status >= 500) {
      return { ok: false, result: { status: 'retry', retryInMs: 10_000, error: `zalo HTTP ${response.status}` } };
    }
    let body: { error?: unknown; message?: unknown; data?: { message_id?: unknown } };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      return { ok: false, result: { status: 'retry', retryInMs: 10_000, error: `zalo HTTP ${response.status} without JSON` } };
    }
    const code = Number(body.error ?? (response.ok ? 0 : -1));
    if (code === 0 && response.ok) {
      const id = body.data?.message_id;
      return { ok: true, ...(typeof id === 'string' ? { messageId: id } : {}) };
    }
    const error = `zalo error ${code}: ${typeof body.message === 'string' ? body.message.slice(0, 200) : ''}`.trim();
    const action = classifyZaloError(code);
    switch (action.action) {
      case 'refresh_token':
        return { ok: false, refresh: true, result: { status: 'retry', retryInMs: 1_000, error } };
      case 'retry':
        return { ok: false, result: { status: 'retry', retryInMs: action.retryInMs, error, ...(action.pauseChannel ? { pauseChannel: true } : {}) } };
      case 'unreachable':
        return { ok: false, result: { status: 'failed', error, unreachable: action.reason } };
      case 'failed':
        return { ok: false, result: { status: 'failed', error } };
    }
  }
}
