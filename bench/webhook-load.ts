/**
 * Webhook answer time under load on the embedded database (issue 15 §6): Telegram updates are
 * POSTed at a fixed rate (open loop, as Telegram delivers them whether or not we keep up) from
 * many chats, while the dispatcher and the sender work through the backlog with Telegram's real
 * limits (30 messages/s). What is measured is how long each webhook POST takes to be answered:
 * Telegram times out and redelivers when that is slow. Accepting an update must not wait behind
 * dispatcher and sender work. The bot runs in a child process; this process only drives the load
 * and plays the Bot API.
 *
 * @example
 * npx tsx bench/webhook-load.ts --rate 200 --seconds 20 --chats 1000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { startFakeTelegram } from '../tests/fakes/telegram-bot-api.js';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    chats: { type: 'string', default: '1000' },
  },
});
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const CHATS = Number(args.chats);
const TOKEN = '7999998:load-token';
const SECRET = 'load-secret';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const fake = await startFakeTelegram({ token: TOKEN });
const dataDir = mkdtempSync(join(tmpdir(), 'uom-load-'));
// The bot runs in its own process (bench/uom-echo-server.ts: the configured server with an echo
// feature), so the load driver's own work does not slow the server it measures.
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/uom-echo-server.ts'], {
  env: {
    ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.apiRoot,
    PUBLIC_URL: 'https://load.example.vn',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const serverUrl = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /listening (\S+)/.exec(out);
    if (match) resolve(match[1]!);
  });
  child.once('exit', (code) => reject(new Error(`the bot process exited (${code}) before serving`)));
});
const server = {
  url: serverUrl,
  close: () => new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  }),
};
const url = `${server.url}/telegram/webhook`;
const total = RATE * SECONDS;
const answers: number[] = [];
let failed = 0;
const failures = new Map<string, number>();
try {
  const started = performance.now();
  const posts: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const chat = 8_000_000 + (i % CHATS);
    const body = JSON.stringify({
      update_id: i + 1,
      message: {
        message_id: i + 1, date: Math.floor(Date.now() / 1000), text: `load ${i}`,
        chat: { id: chat, type: 'private', first_name: 'Load' },
        from: { id: chat, is_bot: false, first_name: 'Load', language_code: 'vi' },
      },
    });
    const t0 = performance.now();
    posts.push(
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET }, body })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.status !== 200) failed += 1;
          answers.push(performance.now() - t0);
        })
        .catch((error: unknown) => {
          failed += 1;
          const cause = (error as { cause?: { code?: string; message?: string } }).cause;
          const reason = cause?.code ?? cause?.message ?? String(error);
          failures.set(reason, (failures.get(reason) ?? 0) + 1);
        }),
    );
  }
  await Promise.all(posts);
  const offeredFor = (performance.now() - started) / 1000;
  const health = await fetch(`${server.url}/healthz`).then((r) => r.json());
  answers.sort((a, b) => a - b);
  console.log(`Webhook load: ${total} updates at ${RATE}/s over ${offeredFor.toFixed(1)} s from ${CHATS} chats (embedded PGlite, Telegram cap 30/s)`);
  console.log('| webhook answers | p50 ms | p90 ms | p99 ms | max ms | failed |');
  console.log('|---|---|---|---|---|---|');
  console.log(`| ${answers.length} | ${percentile(answers, 50).toFixed(1)} | ${percentile(answers, 90).toFixed(1)} | ${percentile(answers, 99).toFixed(1)} | ${answers[answers.length - 1]!.toFixed(1)} | ${failed} |`);
  if (failures.size > 0) console.log(`Failed requests by cause: ${JSON.stringify(Object.fromEntries(failures))}`);
  console.log(`Replies sent meanwhile: ${fake.callsTo('sendMessage').length}; outbox at the end: ${JSON.stringify(health.outbox)}`);
} finally {
  await server.close();
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
}
