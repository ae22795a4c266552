/**
 * A sending process for the crash test: the real Telegram adapter (grammY) against the
 * loopback fake, the broadcast runner and a Sender, on the database named by `UOM_DB`
 * (a postgres:// URL, or an embedded data directory). Prints `started` once running and
 * `finished` when broadcast `UOM_BROADCAST` is done, then exits. The test SIGKILLs it midway.
 */
import { createUomBot as createBot } from '../../../src/app/create-bot.js';
import { BroadcastRunner } from '../../../src/staff/broadcast/runner.js';
import { broadcastReport } from '../../../src/staff/broadcast/report.js';
import { TelegramChannel } from '../../../src/bot/channels/telegram/telegram-channel.js';
import { RateLimiter } from '../../../src/bot/rate-limit.js';
import { createLogger } from '../../../src/logger.js';
import { openPglite } from '../../../src/store/pglite-driver.js';
import { openPostgres } from '../../../src/store/postgres-driver.js';
import { testConfig } from '../../support/config.js';

const db = process.env.UOM_DB!;
const broadcastId = Number(process.env.UOM_BROADCAST);
const store = db.startsWith('postgres') ? openPostgres({ connectionString: db, max: 4 }) : await openPglite({ dataDir: db });
const telegram = new TelegramChannel({ token: process.env.UOM_TOKEN!, apiRoot: process.env.UOM_API_ROOT!, mode: 'polling' });
const bot = await createBot(testConfig(), {
  store,
  log: createLogger({ level: 'silent' }),
  channels: [telegram],
  features: [],
  sender: {
    concurrency: Number(process.env.UOM_CONCURRENCY ?? 8),
    batchSize: 50,
    leaseSeconds: 10,
    pollMs: 50,
    limiter: new RateLimiter(process.env.UOM_RATE ? { telegram: { perSecond: Number(process.env.UOM_RATE) } } : {}),
  },
});
const runner = new BroadcastRunner(bot.services, { batchSize: 500, pollMs: 100 });
runner.start();
bot.sender.start();
console.log('started');
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  const report = await broadcastReport(store, broadcastId);
  if (report.status === 'done') break;
}
await runner.stop();
await bot.sender.stop();
await store.close();
console.log('finished');
process.exit(0);
