/**
 * The broadcast runner: background work of the broadcasts feature. It creates the delivery
 * rows of due broadcasts in batches (`broadcast_materialize`, safe with several processes: a
 * broadcast being materialised elsewhere is skipped, each batch is one transaction), wakes the
 * sender, and keeps the staff progress message up to date (one Telegram message, edited).
 *
 * @example
 * const runner = new BroadcastRunner(services);
 * runner.start();
 * await runner.stop();
 */
import { translator } from '../../content/messages.js';
import { TelegramChannel } from '../../bot/channels/telegram/telegram-channel.js';
import type { Services } from '../../bot/services.js';
import { WakeUp } from '../../bot/wakeup.js';
import { broadcastReport, progressText } from './report.js';

export interface BroadcastRunnerOptions {
  /** Recipients per materialisation transaction (default 1000). */
  batchSize?: number;
  pollMs?: number;
  /** Milliseconds between progress message edits (default 5000). */
  progressMs?: number;
}

interface MaterializeResult {
  broadcast_id: number | null;
  queued?: number;
  skipped?: number;
  done?: boolean;
}

export class BroadcastRunner {
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly progressMs: number;
  private readonly signal = new WakeUp();
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private lastProgress = -Infinity;
  /** Final reports already posted by this process. */
  private readonly finished = new Set<number>();

  constructor(
    private readonly services: Services,
    options: BroadcastRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.pollMs = options.pollMs ?? Math.max(services.config.POLL_INTERVAL_MS, 1000);
    this.progressMs = options.progressMs ?? 5000;
  }

  /**
   * Materialises every due broadcast completely; returns the delivery rows created.
   *
   * @example
   * await runner.materializeDue(); // 2000
   */
  async materializeDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const result = await this.services.store.call<MaterializeResult>('broadcast_materialize', { batch: this.batchSize });
      if (result.broadcast_id === null) break;
      total += (result.queued ?? 0) + (result.skipped ?? 0);
      if (result.queued) this.services.wakeSender();
    }
    return total;
  }

  /**
   * Posts or edits the staff progress message of every active broadcast that has one.
   *
   * @example
   * await runner.updateProgress();
   */
  async updateProgress(): Promise<void> {
    const telegram = this.services.channels.get('telegram');
    if (!(telegram instanceof TelegramChannel)) return;
    const t = translator(this.services.messages, this.services.config.DEFAULT_LOCALE);
    const ids = await this.services.store.call<number[]>('broadcast_active', {});
    for (const id of ids) {
      if (this.finished.has(id)) continue;
      const report = await broadcastReport(this.services.store, id);
      if (!report.progress_chat_id) continue;
      const text = progressText(t, report);
      try {
        if (report.progress_message_id) {
          await telegram.api.editMessageText(report.progress_chat_id, Number(report.progress_message_id), text);
        } else {
          const message = await telegram.api.sendMessage(report.progress_chat_id, text);
          await this.services.store.call('broadcast_set_progress_message', {
            id, chat_id: report.progress_chat_id, message_id: String(message.message_id),
          });
        }
        if (report.status === 'done' || report.status === 'cancelled') this.finished.add(id);
      } catch (error) {
        // "message is not modified" and network trouble: the next round tries again.
        this.services.log.debug({ err: error, broadcastId: id }, 'progress message not updated');
      }
    }
  }

  wake(): void {
    this.signal.wake();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal.wake();
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.materializeDue();
        if (performance.now() - this.lastProgress >= this.progressMs) {
          this.lastProgress = performance.now();
          await this.updateProgress();
        }
      } catch (error) {
        this.services.log.error({ err: error }, 'broadcast runner round failed');
      }
      await this.signal.wait(this.pollMs);
    }
  }
}
