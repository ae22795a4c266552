/**
 * Housekeeping the server does by itself: once a day, clear message text past its retention
 * period. A Feature so that it starts and stops with the bot.
 *
 * @example
 * await pruneOldData(store, { inboxDays: 30, outboxDays: 30, messagesDays: 365 });
 */
import type { Store } from '../store/store.js';
import type { Feature } from './router.js';

export interface RetentionDays {
  inboxDays: number;
  outboxDays: number;
  messagesDays: number;
}

export const DEFAULT_RETENTION: RetentionDays = { inboxDays: 30, outboxDays: 30, messagesDays: 365 };

/** Clears old payloads; returns how many rows were touched. */
export function pruneOldData(
  store: Store,
  days: RetentionDays = DEFAULT_RETENTION,
): Promise<{ inbox: number; outbox: number; messages: number }> {
  return store.call('retention_prune', {
    inbox_days: days.inboxDays,
    outbox_days: days.outboxDays,
    messages_days: days.messagesDays,
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Runs `pruneOldData` an hour after start and then daily. */
export function housekeepingFeature(): Feature {
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'housekeeping',
    order: 10_000,
    async handle(_turn, next) {
      await next();
    },
    async start(services) {
      const run = () =>
        pruneOldData(services.store)
          .then((r) => services.log.info(r, 'retention prune done'))
          .catch((error: unknown) => services.log.error({ err: error }, 'retention prune failed'));
      timer = setTimeout(function tick() {
        void run();
        timer = setTimeout(tick, DAY_MS);
        timer.unref();
      }, 60 * 60 * 1000);
      timer.unref();
    },
    async stop() {
      if (timer) clearTimeout(timer);
    },
  };
}
