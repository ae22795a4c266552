/**
 * Long polling for development (no public URL): `getUpdates` in a loop, each Update handed to
 * `receive` (which stores it in the inbox) before the offset moves past it, so an update is
 * never lost when the database hiccups: it is fetched again and the inbox drops the duplicate.
 * See https://core.telegram.org/bots/api#getupdates.
 *
 * @example
 * const poller = new LongPoller(api, (u) => channel.receive(u, ctx), log, { timeoutSeconds: 25, allowedUpdates: ['message'] });
 * await poller.start();
 * await poller.stop(); // aborts the open request and waits for the loop to end
 */
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from 'pino';
import { backoffMs } from './errors.js';

/** grammY types its signal with the abort-controller polyfill; Node's own is what it uses at run time. */
type GrammySignal = Parameters<Api['getUpdates']>[1];

export interface LongPollerOptions {
  timeoutSeconds: number;
  allowedUpdates: string[];
}

export class LongPoller {
  private controller: AbortController | undefined;
  private loopDone: Promise<void> | undefined;
  private offset = 0;

  constructor(
    private readonly api: Api,
    private readonly receive: (update: Update) => Promise<void>,
    private readonly log: Logger,
    private readonly options: LongPollerOptions,
  ) {}

  /** Starts polling in the background; start-up never waits for Telegram. */
  async start(): Promise<void> {
    if (this.controller) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loopDone = this.loop(controller.signal);
  }

  /** getUpdates answers 409 Conflict while a webhook is set: remove it first (pending updates kept). */
  private async removeWebhook(signal: AbortSignal): Promise<void> {
    try {
      await this.api.deleteWebhook({ drop_pending_updates: false }, signal as unknown as GrammySignal);
    } catch (error) {
      if (!signal.aborted) this.log.warn({ err: error }, 'telegram deleteWebhook failed; polling anyway');
    }
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loopDone;
    this.controller = undefined;
    this.loopDone = undefined;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    await this.removeWebhook(signal);
    let failures = 0;
    while (!signal.aborted) {
      try {
        const updates = await this.api.getUpdates(
          { offset: this.offset, timeout: this.options.timeoutSeconds, allowed_updates: this.options.allowedUpdates as never },
          signal as unknown as GrammySignal,
        );
        for (const update of updates) {
          await this.receive(update);
          this.offset = update.update_id + 1;
        }
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        this.log.error({ err: error }, 'telegram getUpdates round failed');
        await sleep(backoffMs(failures++), signal);
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
