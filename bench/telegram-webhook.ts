/**
 * Telegram webhook throughput and latency, side by side in one run:
 *
 * - Ươm: webhook POST → verify → normalize → inbox (embedded PGlite in a temp dir) → dispatcher →
 *   router (an echo feature, so both bots do the same work) → turn commit → outbox → sender →
 *   grammY → fake Bot API;
 * - baseline: a bare grammY echo bot (`Bot` + `webhookCallback(bot, 'http')` on node:http),
 *   which answers inside the webhook request and stores nothing.
 *
 * Both talk to the same loopback fake Bot API (tests/fakes/telegram-bot-api.ts). Latency is
 * from the start of the webhook POST to the reply arriving at the fake. Updates come from many
 * chats with a fixed number of POSTs in flight, as Telegram delivers them (it keeps up to
 * `max_connections`, default 40, requests open per bot).
 *
 * `--postgres <url>` runs Ươm on PostgreSQL instead: `--processes` bot processes (default 2,
 * each `bench/uom-echo-server.ts`) share one fresh database created on that server (dropped
 * afterwards), and the POSTs are spread over them. Every reply must arrive exactly once: the
 * run fails on a lost or doubled reply.
 *
 * @example
 * npx tsx bench/telegram-webhook.ts --updates 2000 --concurrency 40 --chats 200
 * npx tsx bench/telegram-webhook.ts --postgres postgres://postgres@127.0.0.1:5432/postgres --processes 2
 * npx tsx bench/telegram-webhook.ts --repeat 3   # three pairs of runs, the median ratio
 * npx tsx bench/telegram-webhook.ts --postgres … --sql-stats   # + SQL function calls per update
 *
 * `--repeat N` runs the pair (bare grammY, then Ươm) N times and prints every pair's ratio and
 * their median: on a shared machine the bare bot's rate alone moves by a third between runs,
 * and a ratio taken from neighbouring runs, repeated, says more than one pair.
 *
 * The one-at-a-time latency is taken over 500 updates (`--latency-updates`): the p99 of 100 is
 * the single slowest one. The CPU per update counts every process doing the run's work (on
 * PostgreSQL the bot processes and the database server's, read from /proc, with their split
 * printed to stderr), so runs on a busy machine can still be compared.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Bot, webhookCallback } from 'grammy';
import type { Feature } from '../src/bot/router.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startServer } from '../src/server.js';
import { openPostgres } from '../src/store/postgres-driver.js';
import { migrate } from '../src/store/migrate.js';
import { startFakeTelegram, type FakeTelegram } from '../tests/fakes/telegram-bot-api.js';

const { values: args } = parseArgs({
  options: {
    updates: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '40' },
    chats: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '100' },
    'latency-updates': { type: 'string', default: '500' },
    postgres: { type: 'string' },
    processes: { type: 'string', default: '2' },
    repeat: { type: 'string', default: '1' },
    'sql-stats': { type: 'boolean', default: false },
  },
});
const SQL_STATS = args['sql-stats'];
const POSTGRES = args.postgres;
const PROCESSES = Number(args.processes);
const REPEAT = Number(args.repeat);
const UPDATES = Number(args.updates);
const CONCURRENCY = Number(args.concurrency);
const CHATS = Number(args.chats);
const WARMUP = Number(args.warmup);
const LATENCY_UPDATES = Number(args['latency-updates']);
const TOKEN = '7999999:bench-token';
const SECRET = 'bench-secret';
let redeliveries = 0;
let lost = 0;
let doubled = 0;

interface RunResult {
  name: string;
  updates: number;
  seconds: number;
  perSecond: number;
  /** Under full load (the queue included). */
  p50: number;
  p99: number;
  /** One update at a time: the path's own latency. */
  idleP50: number;
  idleP99: number;
  /** CPU time of this process per update during the throughput run (null: the bot ran in other processes). */
  cpuMsPerUpdate: number | null;
}

/** Records when the reply to each marked text arrives at the fake Bot API. */
function trackReplies(fake: FakeTelegram): { arrived: Map<string, number>; doubled: () => number; waitAll(keys: string[]): Promise<void> } {
  const arrived = new Map<string, number>();
  let doubled = 0;
  let waiter: (() => void) | undefined;
  let waitingFor: string[] = [];
  let chatMessages = 0;
  fake.on('sendMessage', (params) => {
    const text = String(params.text ?? '');
    const key = /#(\S+)/.exec(text)?.[1];
    if (key && arrived.has(key)) doubled += 1;
    else if (key) arrived.set(key, performance.now());
    if (waiter && waitingFor.every((k) => arrived.has(k))) waiter();
    chatMessages += 1;
    return { result: { message_id: chatMessages, date: Math.floor(Date.now() / 1000), chat: { id: Number(params.chat_id), type: 'private' }, text } };
  });
  return {
    arrived,
    doubled: () => doubled,
    waitAll: (keys) =>
      new Promise<void>((resolve, reject) => {
        waitingFor = keys;
        if (keys.every((k) => arrived.has(k))) return resolve();
        const timer = setTimeout(() => reject(new Error(`only ${keys.filter((k) => arrived.has(k)).length}/${keys.length} replies arrived`)), 300_000);
        waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
  };
}

function update(id: number, key: string): string {
  const chat = 6_000_000_000 + (id % CHATS);
  return JSON.stringify({
    update_id: id,
    message: {
      message_id: id, date: Math.floor(Date.now() / 1000), text: `echo #${key}`,
      chat: { id: chat, type: 'private', first_name: 'Bench' },
      from: { id: chat, is_bot: false, first_name: 'Bench', language_code: 'vi' },
    },
  });
}

/** POSTs `count` updates with `CONCURRENCY` in flight (spread over `urls`); returns each key's POST start time. */
async function drive(urls: string | string[], firstId: number, count: number, prefix: string, inFlight = CONCURRENCY): Promise<Map<string, number>> {
  const started = new Map<string, number>();
  const list = typeof urls === 'string' ? [urls] : urls;
  let next = 0;
  const worker = async (lane: number) => {
    const url = list[lane % list.length]!;
    while (next < count) {
      const i = next++;
      const key = `${prefix}${i}`;
      started.set(key, performance.now());
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
            body: update(firstId + i, key),
          });
          if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
          await response.arrayBuffer();
          break;
        } catch (error) {
          // A kept-alive connection the server closed while idle (ECONNRESET): Telegram
          // redelivers such an update, and so do we; the inbox drops a duplicate.
          if (!(error instanceof TypeError) || attempt >= 3) throw error;
          redeliveries += 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, lane) => worker(lane)));
  return started;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** CPU seconds (user + system) the kernel counted for each pid: Linux only, else empty. */
function cpuOfPids(pids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // gone, or not Linux
    }
  }
  return out;
}

/**
 * Other processes doing the bot's work (its processes, its database's server processes), whose
 * CPU is added to this process's when the bot does not run in it.
 */
interface OtherProcesses {
  pids(): Promise<number[]>;
  /** Which part a pid is, for the split printed. */
  label(pid: number): string;
}

async function measure(name: string, url: string | string[], fake: FakeTelegram, others?: OtherProcesses): Promise<RunResult> {
  const tracker = trackReplies(fake);
  const warm = await drive(url, 1, WARMUP, 'w');
  await tracker.waitAll([...warm.keys()]);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const othersBefore = cpuOfPids((await others?.pids()) ?? []);
  const started = await drive(url, WARMUP + 1, UPDATES, 'm');
  await tracker.waitAll([...started.keys()]);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  let othersSeconds = 0;
  const split = new Map<string, number>();
  for (const [pid, total] of cpuOfPids((await others?.pids()) ?? [])) {
    othersSeconds += total - (othersBefore.get(pid) ?? 0);
    const part = others!.label(pid);
    split.set(part, (split.get(part) ?? 0) + total - (othersBefore.get(pid) ?? 0));
  }
  if (others) {
    const perUpdate = (seconds: number) => ((seconds * 1000) / UPDATES).toFixed(2);
    const parts = [`this process (driver, fake Bot API) ${perUpdate((cpu.user + cpu.system) / 1e6)}`, ...[...split].map(([part, s]) => `${part} ${perUpdate(s)}`)];
    console.error(`${name}: CPU ms/update by part: ${parts.join(', ')}`);
  }
  const cpuMsPerUpdate = ((cpu.user + cpu.system) / 1000 + othersSeconds * 1000) / UPDATES;
  const latencies = [...started].map(([key, at]) => tracker.arrived.get(key)! - at).sort((a, b) => a - b);
  // One update at a time, each sent after the previous reply arrived: no queueing.
  const idle: number[] = [];
  for (let i = 0; i < LATENCY_UPDATES; i++) {
    const sent = await drive(url, WARMUP + UPDATES + 1 + i, 1, `l${i}-`, 1);
    const key = [...sent.keys()][0]!;
    await tracker.waitAll([key]);
    idle.push(tracker.arrived.get(key)! - sent.get(key)!);
  }
  idle.sort((a, b) => a - b);
  // Late duplicates would arrive after the last reply: wait a moment, then count.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const expected = WARMUP + UPDATES + LATENCY_UPDATES;
  lost = expected - tracker.arrived.size;
  doubled = tracker.doubled();
  return {
    name, updates: UPDATES, seconds, perSecond: UPDATES / seconds,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99),
    idleP50: percentile(idle, 50), idleP99: percentile(idle, 99),
    cpuMsPerUpdate: others && process.platform !== 'linux' ? null : cpuMsPerUpdate,
  };
}

async function benchUom(): Promise<RunResult> {
  const fake = await startFakeTelegram({ token: TOKEN });
  const dataDir = mkdtempSync(join(tmpdir(), 'uom-bench-'));
  const echo: Feature = {
    name: 'echo',
    order: 1,
    async handle(turn) {
      if (turn.event.kind === 'text') turn.reply({ text: turn.event.text });
    },
  };
  const config = loadConfig({
    NODE_ENV: 'production', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir,
    TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.apiRoot,
    PUBLIC_URL: 'https://bench.example.vn',
    // Measure the pipeline, not Telegram's pacing (30 messages/s per bot, 1/s per chat).
    TELEGRAM_RATE_PER_SECOND: '100000', TELEGRAM_RATE_PER_CHAT_PER_SECOND: '100000',
    ...(process.env.DISPATCH_CONCURRENCY ? { DISPATCH_CONCURRENCY: process.env.DISPATCH_CONCURRENCY } : {}),
  });
  const server = await startServer(config, { log: createLogger({ level: 'silent' }), features: [echo] });
  try {
    return await measure('Ươm (PGlite, full path)', `${server.url}/telegram/webhook`, fake);
  } finally {
    await server.close();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Ươm on PostgreSQL: PROCESSES bot processes sharing one fresh database. */
async function benchUomPostgres(serverUrl: string): Promise<RunResult> {
  const fake = await startFakeTelegram({ token: TOKEN });
  const name = `uom_bench_${randomBytes(4).toString('hex')}`;
  const admin = openPostgres({ connectionString: serverUrl, max: 1 });
  await admin.exec(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openPostgres({ connectionString: url.toString(), max: 1 });
  await migrate(db);
  await db.close();
  let children: ChildProcess[] = [];
  try {
    let urls: string[];
    ({ children, urls } = await spawnBots('bench/uom-echo-server.ts', {
      NODE_ENV: 'production', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1',
      DATABASE_URL: url.toString(), DB_AUTO_MIGRATE: 'false',
      TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.apiRoot,
      PUBLIC_URL: 'https://bench.example.vn',
      TELEGRAM_RATE_PER_SECOND: '100000', TELEGRAM_RATE_PER_CHAT_PER_SECOND: '100000',
      // Function call counts and times of the bot's sessions (superuser-only setting).
      ...(SQL_STATS ? { PGOPTIONS: '-c track_functions=all' } : {}),
    }));
    // The bot's work is done in its processes and in the database server's processes serving
    // them; the server is on this machine in the bench, so /proc has them.
    const others: OtherProcesses = {
      pids: async () => [
        ...children.map((child) => child.pid!),
        ...(await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name])).map((row) => row.pid),
      ],
      label: (pid) => (children.some((child) => child.pid === pid) ? 'bot processes' : 'database server'),
    };
    const result = await measure(`Ươm (PostgreSQL, ${PROCESSES} processes)`, urls.map((u) => `${u}/telegram/webhook`), fake, others);
    if (SQL_STATS) await printSqlStats(url.toString());
    return result;
  } finally {
    await stopBots(children);
    await fake.close();
    await admin.exec(`drop database if exists ${name} with (force)`);
    await admin.close();
  }
}

/** Starts `count` bot processes of `script` (each prints `listening <url>`); resolves with their urls. */
async function spawnBots(script: string, env: Record<string, string>, count = PROCESSES): Promise<{ children: ChildProcess[]; urls: string[] }> {
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--import', 'tsx', script], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      urls.push(await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const match = /listening (\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`${script} process ${i} exited (${code})`)));
      }));
    }
  } catch (error) {
    await stopBots(children);
    throw error;
  }
  return { children, urls };
}

async function stopBots(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  })));
}

/**
 * The bare grammY echo bot in PROCESSES fresh processes, started as Ươm's are: the like-for-like
 * baseline of the PostgreSQL run (the in-process one runs warm in this process, repeat after
 * repeat, and shares its event loop with the driver).
 */
async function benchBareGrammyProcesses(): Promise<RunResult> {
  const fake = await startFakeTelegram({ token: TOKEN });
  let children: ChildProcess[] = [];
  try {
    let urls: string[];
    ({ children, urls } = await spawnBots('bench/bare-echo-server.ts', {
      TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.apiRoot,
    }));
    const others: OtherProcesses = { pids: async () => children.map((child) => child.pid!), label: () => 'bot processes' };
    return await measure(`bare grammY echo bot (${PROCESSES} processes)`, urls.map((u) => `${u}/`), fake, others);
  } finally {
    await stopBots(children);
    await fake.close();
  }
}

async function benchBareGrammy(): Promise<RunResult> {
  const fake = await startFakeTelegram({ token: TOKEN });
  const bot = new Bot(TOKEN, { client: { apiRoot: fake.apiRoot } });
  bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  await bot.init();
  const handle = webhookCallback(bot, 'http', { secretToken: SECRET });
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await measure('bare grammY echo bot', `http://127.0.0.1:${port}/`, fake);
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await fake.close();
  }
}

/**
 * The SQL functions the bot processes called over the whole run (warm-up, throughput and
 * one-at-a-time updates), per update: how many calls and how much time in each.
 */
async function printSqlStats(databaseUrl: string): Promise<void> {
  const db = openPostgres({ connectionString: databaseUrl, max: 1 });
  try {
    // The statistics are sent by the sessions as they end (the bot processes have exited).
    await new Promise((resolve) => setTimeout(resolve, 600));
    const total = WARMUP + UPDATES + LATENCY_UPDATES;
    const rows = await db.query<{ funcname: string; calls: string; total_time: number; self_time: number }>(
      `select funcname, calls, total_time, self_time from pg_stat_user_functions where schemaname = 'public' order by total_time desc`);
    console.error(`SQL functions over ${total} updates (calls per update, total ms per update, self ms per update):`);
    for (const r of rows) console.error(`  ${r.funcname.padEnd(28)} ${(Number(r.calls) / total).toFixed(3)}  ${(r.total_time / total).toFixed(3)}  ${(r.self_time / total).toFixed(3)}`);
    // Row writes: an update that is not HOT writes every index of the table again.
    const tables = await db.query<{ relname: string; ins: string; upd: string; hot: string; del: string }>(
      `select relname, n_tup_ins as ins, n_tup_upd as upd, n_tup_hot_upd as hot, n_tup_del as del
         from pg_stat_user_tables where schemaname = 'public' and n_tup_ins + n_tup_upd + n_tup_del > 0 order by n_tup_ins + n_tup_upd desc`);
    console.error(`Row writes per update (inserted, updated, of which HOT, deleted):`);
    for (const t of tables) console.error(`  ${t.relname.padEnd(28)} ${[t.ins, t.upd, t.hot, t.del].map((n) => (Number(n) / total).toFixed(2)).join('  ')}`);
  } finally {
    await db.close();
  }
}

function row(r: RunResult): string {
  const ms = (n: number) => n.toFixed(1);
  const cpu = r.cpuMsPerUpdate === null ? 'n/a' : r.cpuMsPerUpdate.toFixed(2);
  return `| ${r.name} | ${r.updates} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.idleP50)} | ${ms(r.idleP99)} | ${cpu} |`;
}

const pairs: { baseline: RunResult; uom: RunResult; processes?: RunResult }[] = [];
let uomLost = 0;
let uomDoubled = 0;
for (let i = 0; i < REPEAT; i++) {
  const baseline = await benchBareGrammy();
  const processes = POSTGRES ? await benchBareGrammyProcesses() : undefined;
  const uom = POSTGRES ? await benchUomPostgres(POSTGRES) : await benchUom();
  uomLost += lost;
  uomDoubled += doubled;
  pairs.push({ baseline, uom, ...(processes ? { processes } : {}) });
}
console.log(`Telegram webhook benchmark: ${UPDATES} updates (+${WARMUP} warm-up), ${CONCURRENCY} POSTs in flight, ${CHATS} chats`);
console.log(`Latency: webhook POST → reply at the fake Bot API; "loaded" during the throughput run, "one at a time" over ${LATENCY_UPDATES} sequential updates`);
// CPU per update, of every process doing the run's work (this one: driver, fake Bot API and, in
// process, the bot; on PostgreSQL also the bot processes and the database server's processes
// serving them), is less swayed by other work on a shared machine than updates/s: compare it
// when the load average is high.
console.log('| bot | updates | updates/s | loaded p50 ms | loaded p99 ms | one-at-a-time p50 ms | one-at-a-time p99 ms | CPU ms/update |');
console.log('|---|---|---|---|---|---|---|---|');
for (const { baseline, uom, processes } of pairs) {
  console.log(row(baseline));
  if (processes) console.log(row(processes));
  console.log(row(uom));
}
const ratios = pairs.map(({ baseline, uom }) => uom.perSecond / baseline.perSecond);
console.log(`Throughput ratio Ươm / bare grammY: ${ratios.map((r) => r.toFixed(3)).join(', ')}${pairs.length > 1 ? ` (median ${median(ratios).toFixed(3)})` : ''}`);
const processRatios = pairs.flatMap(({ uom, processes }) => (processes ? [uom.perSecond / processes.perSecond] : []));
if (processRatios.length > 0) console.log(`Throughput ratio Ươm / bare grammY in as many fresh processes: ${processRatios.map((r) => r.toFixed(3)).join(', ')}${processRatios.length > 1 ? ` (median ${median(processRatios).toFixed(3)})` : ''}`);
const cpuRatios = pairs.flatMap(({ baseline, uom }) => (uom.cpuMsPerUpdate !== null && baseline.cpuMsPerUpdate !== null ? [baseline.cpuMsPerUpdate / uom.cpuMsPerUpdate] : []));
if (cpuRatios.length > 0) console.log(`CPU-bound throughput ratio (bare grammY CPU / Ươm CPU per update): ${cpuRatios.map((r) => r.toFixed(3)).join(', ')}`);
if (redeliveries > 0) console.log(`Redelivered after a connection reset: ${redeliveries}`);
console.log(`Ươm replies lost: ${uomLost}, doubled: ${uomDoubled}`);
if (uomLost > 0 || uomDoubled > 0) process.exitCode = 1;
const last = pairs.at(-1)!;
console.log(`Latency ratio (last pair) loaded p50 ${(last.uom.p50 / last.baseline.p50).toFixed(1)}x, p99 ${(last.uom.p99 / last.baseline.p99).toFixed(1)}x; one at a time p50 ${(last.uom.idleP50 / last.baseline.idleP50).toFixed(1)}x, p99 ${(last.uom.idleP99 / last.baseline.idleP99).toFixed(1)}x`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
