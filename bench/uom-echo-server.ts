/**
 * One Ươm bot process for the benchmarks: the configured server (settings from the
 * environment) with an echo feature as its only feature, so it does the same work as a bare
 * grammY echo bot. Prints `listening <url>` once it serves; stops cleanly on SIGTERM.
 *
 * @example
 * DATABASE_URL=postgres://… TELEGRAM_BOT_TOKEN=… npx tsx bench/uom-echo-server.ts
 */
import type { Feature } from '../src/bot/router.js';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';

const echo: Feature = {
  name: 'echo',
  order: 1,
  async handle(turn) {
    if (turn.event.kind === 'text') turn.reply({ text: turn.event.text });
  },
};

const server = await startServer(loadConfig(process.env), { features: [echo] });
console.log(`listening ${server.url.replace('localhost', '127.0.0.1')}`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
