/**
 * The HTTP server: health check, the web chat page and every channel's webhook, on one port.
 *
 * @example
 * const server = await startServer(loadConfig(process.env));
 * console.log(server.url); // http://localhost:3000
 * await server.close();
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { storageKind } from './config.js';
import type { Bot } from './bot/app.js';
import { createUomBot, type UomBotOptions } from './app/create-bot.js';
import { outboxHealth, type OutboxHealth } from './bot/outbox-health.js';
import { createLogger } from './logger.js';
import { serveStoreLocally, type LocalStoreServer } from './store/local-server.js';
import { openStore } from './store/open.js';
import { PgliteStore } from './store/pglite-driver.js';
import type { ConsoleOptions } from './staff/console/context.js';
import { mountConsole } from './staff/console/console.js';
import type { Store } from './store/store.js';

export interface RunningServer {
  url: string;
  bot: Bot;
  store: Store;
  server: Server;
  close(): Promise<void>;
}

export interface StartServerOptions extends Partial<UomBotOptions> {
  /** Start dispatcher and sender loops (tests may drive them by hand). */
  startWorkers?: boolean;
  /** Staff console settings (tests shorten the live interval). */
  console?: Partial<ConsoleOptions>;
}

export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  const log: Logger = options.log ?? createLogger({ level: config.LOG_LEVEL });
  const store = options.store ?? (await openStore(config));
  let bot: Bot;
  try {
    bot = await createUomBot(config, { ...options, store, log });
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
  // Healthy: the database answers and no message due for sending has waited longer than
  // HEALTH_OUTBOX_MAX_AGE_SECONDS (a stalled sender is a silent bot).
  bot.http.get('/healthz', async () => {
    const storage = storageKind(config);
    let outbox: OutboxHealth;
    try {
      outbox = await outboxHealth(store, [...bot.services.channels.keys()]);
    } catch {
      return { status: 503, json: { ok: false, storage, database: false } };
    }
    const maxAge = config.HEALTH_OUTBOX_MAX_AGE_SECONDS;
    const stalled = (outbox.oldest_due_seconds ?? 0) > maxAge;
    return { status: stalled ? 503 : 200, json: { ok: !stalled, storage, database: true, outbox, outbox_max_age_seconds: maxAge } };
  });
  mountConsole(bot.http, bot.services, options.console);
  const server = createServer((req, res) => void bot.http.handle(req, res));
  server.requestTimeout = 30_000;
  // Platforms keep webhook connections open; Node's 5 s default closes them under their feet
  // (resets under load). Stay above common proxy/platform idle timeouts.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  if (options.startWorkers !== false) await bot.start();
  // PGlite has no autovacuum: the server vacuums the busy tables itself.
  const stopMaintenance =
    !options.store && store instanceof PgliteStore
      ? store.maintainEvery(config.EMBEDDED_VACUUM_MINUTES * 60_000, (error) =>
          log.warn({ err: (error as Error).message }, 'embedded database vacuum failed; trying again next round'),
        )
      : () => {};
  // `uom` commands run through this process while it holds the embedded database's lock.
  let local: LocalStoreServer | undefined;
  if (!options.store && store instanceof PgliteStore && storageKind(config) === 'embedded') {
    try {
      local = await serveStoreLocally({
        store,
        dataDir: config.DATA_DIR,
        onCall: () => {
          bot.services.wakeSender();
          bot.services.wakeDispatcher();
        },
      });
    } catch (error) {
      // The bot still works; only `uom` commands must wait until it stops.
      log.warn({ err: (error as Error).message }, 'cannot serve the database to local uom commands');
    }
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  log.info({ port, storage: storageKind(config) }, 'Ươm is listening');
  return {
    url,
    bot,
    store,
    server,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      stopMaintenance();
      await local?.close();
      await bot.stop();
      if (!options.store) await store.close();
    },
  };
}
