/**
 * The one small interface every channel adapter implements (after Rasa's channel connectors):
 * mount its webhook routes, and deliver an `Outbound`. Verification and normalization happen in
 * the routes; the adapter hands normalized events to `ChannelContext.accept`.
 * Adding a platform means one new file in this folder and one line in `channels/index.ts`.
 *
 * @example
 * const adapter: ChannelAdapter = {
 *   id: 'web',
 *   mount(http, ctx) { http.post('/webchat/api/send', async (req) => ctx.accept(toInbound(req))) },
 *   async send(recipient, message) { return { status: 'sent' } },
 * };
 */
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import type { Store } from '../../store/store.js';
import type { HttpRouter } from '../../http/router.js';
import type { ChannelId, Inbound } from '../inbound.js';
import type { Outbound, SendResult } from '../outbound.js';

/** Who a message goes to: the outbox row's channel, recipient (chat id) and stored reference. */
export interface Recipient {
  channel: ChannelId;
  chatId: string;
  /** Platform data saved for proactive messages (Bot Framework conversation reference). */
  reference?: unknown;
  outboxId?: number;
}

export interface AcceptResult {
  inboxId: number;
  duplicate: boolean;
  /** Claimed by this process's dispatcher in the same call: its turn is already under way. */
  claimed?: boolean;
  /**
   * Left to the dispatcher holding its conversation: that dispatcher's commit claims it
   * (`turn_commit_chain`), so nobody needs waking.
   */
  busy?: boolean;
}

export interface ChannelContext {
  config: Config;
  store: Store;
  log: Logger;
  /** The bot's clock (`services.clock`); adapters that judge a platform's timestamps use it. */
  clock?: () => Date;
  /** Stores a normalized event in the inbox (deduplicated) and wakes the dispatcher. */
  accept(event: Inbound): Promise<AcceptResult>;
}

export interface ChannelAdapter {
  readonly id: ChannelId;
  /** Registers webhook routes (verify → normalize → `ctx.accept`). */
  mount?(http: HttpRouter, ctx: ChannelContext): void;
  /** Starts background work such as Telegram long polling. */
  start?(ctx: ChannelContext): Promise<void>;
  stop?(): Promise<void>;
  /** Delivers one message. Must not throw for platform errors: return a `SendResult`. */
  send(to: Recipient, message: Outbound): Promise<SendResult>;
  /** Called after the sender recorded these recipients' messages as sent (web chat wakes polls). */
  delivered?(recipients: readonly Recipient[]): void;
}
