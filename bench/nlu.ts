/**
 * Understanding one message, next to one knowledge-base search in the same run:
 *
 * - NLU: `createNlu` on the project's content (training time, CPU and wall), then `understand`
 *   on every message of a message set (the held-out set of tests/nlu plus the content examples,
 *   varied by dropping the diacritics), p50/p95/p99 in ms;
 * - training time for 2,000 examples (the content's examples repeated to 2,000);
 * - KB: `searchKnowledge` over content/knowledge ingested into embedded PGlite (the real path),
 *   p50/p95 for the same number of questions.
 *
 * CPU time is reported next to wall time because the machine may be shared.
 *
 * @example
 * npx tsx bench/nlu.ts
 * npx tsx bench/nlu.ts --messages 500 --searches 100
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fold } from '../src/nlu/fold.js';
import { ingestPath } from '../src/knowledge/ingest.js';
import { searchKnowledge } from '../src/knowledge/search.js';
import { createNlu, loadNluContent } from '../src/nlu/index.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-driver.js';

const { values: args } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    messages: { type: 'string', default: '2000' },
    searches: { type: 'string', default: '200' },
  },
});
const CONTENT = args.content!;
const TIME_ZONE = process.env.TIME_ZONE ?? 'Asia/Ho_Chi_Minh';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

const fmt = (x: number) => x.toFixed(3);

// --- training ---
let cpu = process.cpuUsage();
let wall = performance.now();
const nlu = createNlu({ contentDir: CONTENT, timeZone: TIME_ZONE });
console.log(`train on content (${nlu.training.examples} examples, incl. reading YAML): wall ${(performance.now() - wall).toFixed(0)} ms, cpu ${cpuMs(cpu).toFixed(0)} ms`);

const base = loadNluContent(CONTENT).examples;
const twoThousand = Array.from({ length: 2000 }, (_, i) => base[i % base.length]!);
for (let run = 0; run < 2; run += 1) {
  cpu = process.cpuUsage();
  wall = performance.now();
  createNlu({ contentDir: CONTENT, timeZone: TIME_ZONE, examples: twoThousand });
  console.log(`train on 2,000 examples (run ${run + 1}): wall ${(performance.now() - wall).toFixed(0)} ms, cpu ${cpuMs(cpu).toFixed(0)} ms`);
}

// --- understanding ---
const heldOut = readFileSync('tests/nlu/held-out.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { q: string }).q);
const pool = [...heldOut, ...base.map((e) => e.text), ...base.map((e) => fold(e.text))];
const messages = Array.from({ length: Number(args.messages) }, (_, i) => pool[(i * 7919) % pool.length]!);
const now = new Date('2026-12-01T02:00:00Z');
for (const m of messages.slice(0, 200)) nlu.understand(m, { now }); // warm-up
const nluTimes: number[] = [];
cpu = process.cpuUsage();
for (const m of messages) {
  const t = performance.now();
  nlu.understand(m, { now });
  nluTimes.push(performance.now() - t);
}
const nluCpu = cpuMs(cpu) / messages.length;
nluTimes.sort((a, b) => a - b);
console.log(`understand one message (${messages.length}): p50 ${fmt(percentile(nluTimes, 50))} ms, p95 ${fmt(percentile(nluTimes, 95))} ms, p99 ${fmt(percentile(nluTimes, 99))} ms, mean cpu ${fmt(nluCpu)} ms`);

// --- knowledge-base search, same run ---
const store = await openPglite();
await migrate(store);
await ingestPath(store, `${CONTENT}/knowledge`);
const questions = heldOut.concat(base.filter((e) => e.intent === 'kb_question').map((e) => e.text));
const searches = Number(args.searches);
for (const q of questions.slice(0, 20)) await searchKnowledge(store, q); // warm-up
const kbTimes: number[] = [];
for (let i = 0; i < searches; i += 1) {
  const t = performance.now();
  await searchKnowledge(store, questions[i % questions.length]!);
  kbTimes.push(performance.now() - t);
}
kbTimes.sort((a, b) => a - b);
console.log(`one knowledge-base search (${searches}, PGlite): p50 ${fmt(percentile(kbTimes, 50))} ms, p95 ${fmt(percentile(kbTimes, 95))} ms`);
console.log(`ratio: understanding p50 is ${((percentile(nluTimes, 50) / percentile(kbTimes, 50)) * 100).toFixed(1)}% of a search p50`);
await store.close();
