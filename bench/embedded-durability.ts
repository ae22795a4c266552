/**
 * The cost of file-backed durability in the embedded database: the same stream of small
 * committed transactions (one inbox-sized row each, as a webhook writes) with fsync on (the
 * default) and off (`EMBEDDED_FSYNC=false`), in one run on the same disk. Prints commits/s and
 * the ratio. `npx tsx bench/embedded-durability.ts [commits]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPglite } from '../src/store/pglite-driver.js';

const commits = Number(process.argv[2] ?? 500);

async function run(durable: boolean): Promise<{ perSecond: number; p50: number; p99: number }> {
  const dir = mkdtempSync(join(tmpdir(), `uom-bench-${durable ? 'fsync' : 'nofsync'}-`));
  const store = await openPglite({ dataDir: dir, durable });
  await store.exec('create table inbox (id bigint generated always as identity primary key, event_id text unique, payload jsonb)');
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < commits; i++) {
    const t0 = performance.now();
    await store.query('insert into inbox (event_id, payload) values ($1, $2)', [`e${i}`, JSON.stringify({ text: 'xin chào '.repeat(10), i })]);
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { perSecond: (commits / total) * 1000, p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]! };
}

const off = await run(false);
const on = await run(true);
const fmt = (r: typeof on) => `${r.perSecond.toFixed(0)} commits/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`;
console.log(`${commits} single-row commits on ${tmpdir()}`);
console.log(`fsync off (EMBEDDED_FSYNC=false): ${fmt(off)}`);
console.log(`fsync on  (default):              ${fmt(on)}`);
console.log(`cost of durability: ${(off.perSecond / on.perSecond).toFixed(2)}x fewer commits/s`);
