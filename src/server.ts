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
import { createLogger } from './logger.js';
import { openStore } from './store/open.js';
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
  bot.http.get('/healthz', async () => {
    const ok = await store.ping();
    return { status: ok ? 200 : 503, json: { ok, storage: storageKind(config) } };
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
      await bot.stop();
      if (!options.store) await store.close();
    },
  };
}
