/**
 * One bare grammY echo bot process for the benchmarks: `Bot` + `webhookCallback(bot, 'http')`
 * on node:http, answering inside the webhook request and storing nothing. The baseline the
 * PostgreSQL run compares Ươm's bot processes with, started the same way (a fresh process
 * per run, TypeScript through tsx). Prints `listening <url>`; stops on SIGTERM.
 *
 * @example
 * TELEGRAM_BOT_TOKEN=… TELEGRAM_API_ROOT=http://127.0.0.1:8081 TELEGRAM_WEBHOOK_SECRET=… npx tsx bench/bare-echo-server.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, webhookCallback } from 'grammy';

const bot = new Bot(process.env.TELEGRAM_BOT_TOKEN!, { client: { apiRoot: process.env.TELEGRAM_API_ROOT! } });
bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
await bot.init();
const handle = webhookCallback(bot, 'http', { secretToken: process.env.TELEGRAM_WEBHOOK_SECRET });
const server = createServer((req, res) => void handle(req, res));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
console.log(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}`);
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
