/**
 * Knowledge-base ingestion and search, side by side with MiniSearch on the same synthetic
 * Vietnamese corpus in the same run:
 *
 * - Ươm: passages stored with `kb_document_put` (documents of 20 passages), then searched through
 *   `searchKnowledge` — the real path: the in-process index (built from the database on the first
 *   search, reported as "index build"), BM25 over syllables, bigrams and accents, then the
 *   evidence and the fitted ranker over the candidates;
 * - baseline: MiniSearch 7 (BM25, in memory, its default tokenizer plus our `fold` so it also
 *   matches questions typed without diacritics) over the same passages.
 *
 * The corpus is generated from a seeded random generator over startup-support vocabulary and
 * 3,000 generated two-syllable names, so runs are comparable. Queries are 3-6 words taken from random passages, a third of them typed
 * without diacritics. Reported per size: ingestion rate (passages/s) and search latency p50/p95
 * (ms), with the ratios Ươm/MiniSearch, CPU time per search (wall time on a loaded machine
 * includes waiting for a core), and at 10,000 passages the burst bench (`burstBench`; off with
 * --skip-burst).
 *
 * Also reported: the first search after one document (20 passages) changed, which replaces
 * that document's passages in the index (no rebuild); the same searches through the bot's search
 * thread (p50/p95 "thread", and its index build: the start of the thread included); and the load
 * average at the end of the size (the machine may be shared).
 *
 * Database: embedded PGlite in memory (on this thread, or with --pglite-thread in its own thread
 * as the server runs it), or PostgreSQL when BENCH_DATABASE_URL is set, or with --postgres and
 * TEST_DATABASE_URL (a scratch database is created and dropped).
 *
 * @example
 * npx tsx bench/kb.ts                   # 1k and 10k passages
 * npx tsx bench/kb.ts --sizes 1000 --queries 100
 * npx tsx bench/kb.ts --large           # adds 100k passages (slow: minutes)
 * TEST_DATABASE_URL=postgres://… npx tsx bench/kb.ts --postgres
 * npx tsx bench/kb.ts --sizes 10000 --pglite-thread --nice-only   # search thread at nice 10 only (no SCHED_IDLE)
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { fold } from '../src/nlu/fold.js';
import { loadConfidenceModel } from '../src/knowledge/model.js';
import { dropPassageIndex } from '../src/knowledge/passage-index.js';
import { searchKnowledge } from '../src/knowledge/search.js';
import { ThreadSearcher } from '../src/knowledge/search-thread-client.js';
import { loadSpaces, toSyncPayload } from '../src/flows/booking/spaces.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-driver.js';
import { openPostgres } from '../src/store/postgres-driver.js';
import type { SqlStore } from '../src/store/store.js';
import { createScratchDatabase } from './scratch-postgres.js';

// Searches as the bot's knowledge feature runs them: with the ranking model it loaded once.
const SEARCH = { k: 5, ranker: loadConfidenceModel().ranker } as const;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    large: { type: 'boolean', default: false },
    queries: { type: 'string', default: '200' },
    'skip-burst': { type: 'boolean', default: false },
    'burst-turns': { type: 'string', default: '1000' },
    postgres: { type: 'boolean', default: false },
    'pglite-thread': { type: 'boolean', default: false },
    'nice-only': { type: 'boolean', default: false },
  },
});
const SIZES = args.sizes!.split(',').map(Number).concat(args.large ? [100_000] : []);
const QUERIES = Number(args.queries);
const PER_DOCUMENT = 20;

// Deterministic pseudo-random numbers (mulberry32).
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY = (
  'khởi nghiệp|đổi mới sáng tạo|doanh nghiệp|hỗ trợ|chương trình|ươm tạo|nhà đầu tư|quỹ đầu tư|gọi vốn|tài trợ|' +
  'hồ sơ|đăng ký|hạn nộp|thời gian|địa điểm|khu làm việc chung|hội trường|phòng họp|thư viện|cố vấn|chuyên gia|' +
  'đào tạo|tập huấn|khóa học|hội thảo|kết nối|thị trường|sản phẩm|dịch vụ|công nghệ|chuyển đổi số|thương mại điện tử|' +
  'nông nghiệp|du lịch|ẩm thực|thủ công mỹ nghệ|làng nghề|giáo dục|tài chính|sở hữu trí tuệ|nhãn hiệu|chính sách|' +
  'tỉnh|thành phố|địa phương|trung tâm|mạng lưới|đại sứ|truyền thông|báo chí|sinh viên|phụ nữ|nhóm|dự án|ý tưởng|' +
  'mô hình kinh doanh|doanh thu|khách hàng|đối tác|hợp tác|quốc tế|khu vực|miễn phí|học phí|chi phí|kinh phí|' +
  'được|của|và|cho|các|những|một|trong|với|tại|từ|đến|năm|tháng|ngày|người|lần|buổi|tuần|mới|tốt|nhiều|cao|' +
  'phát triển|nâng cao|năng lực|hệ sinh thái|cộng đồng|trình bày|giải thưởng|cuộc thi|vòng chung kết|ban giám khảo|' +
  'hợp đồng|tiêu thụ|siêu thị|hội chợ|triển lãm|website|nền tảng|ứng dụng|dữ liệu|trí tuệ nhân tạo|bền vững|môi trường'
).split('|');

const SYLLABLES = (
  'an|bình|bảo|cao|chính|công|cường|dân|dương|đại|đông|giang|hà|hải|hạnh|hòa|hoàng|hồng|hùng|hưng|khang|khánh|' +
  'kiên|lâm|lan|linh|long|mai|minh|nam|nga|ngọc|nhân|nhật|phát|phong|phú|phúc|quang|quốc|sơn|tài|tâm|tân|thái|' +
  'thanh|thành|thắng|thiện|thịnh|thu|thủy|tiến|toàn|trang|trí|trung|tuấn|tùng|việt|vinh|vũ|xuân|yên|lộc|đức|hiếu'
).split('|');

/**
 * The vocabulary: the domain words above plus 3,000 two-syllable names (places, firms,
 * products), so posting lists have realistic lengths (a 130-word vocabulary alone would put
 * every word in every passage).
 */
function vocabulary(random: () => number): string[] {
  const names = new Set<string>();
  while (names.size < 3000) names.add(`${SYLLABLES[Math.floor(random() * SYLLABLES.length)]} ${SYLLABLES[Math.floor(random() * SYLLABLES.length)]}`);
  return [...VOCABULARY, ...names];
}

/** A passage of about 40-80 words: Zipf-like choice among domain words and names, a number or two. */
function passage(random: () => number, words: readonly string[]): string {
  const n = 40 + Math.floor(random() * 40);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (random() < 0.05) out.push(String(Math.floor(random() * 1000)));
    else if (random() < 0.7) out.push(VOCABULARY[Math.floor(VOCABULARY.length * random() ** 1.6)]!);
    else out.push(words[VOCABULARY.length + Math.floor((words.length - VOCABULARY.length) * random() ** 2)]!);
  }
  return `${out.join(' ')}.`;
}

/**
 * Booking turns beside a burst of knowledge questions, on the same store: the database work of a
 * booking turn (free slots of a space for a day, then the lengths a stay may have), 300 turns one
 * after another alone and 300 while waves of 50 concurrent questions run, searched as the bot
 * searches them: in its search thread (`ThreadSearcher`). Returns the turns'
 * p50/p99 both ways and the ratio of the p99s. (300, not fewer: the p99 of 60 turns is the
 * single slowest one, which one garbage collection or a busy core decides.) The two sides run in
 * alternating blocks of 50 turns, so a change in the machine's load during the run (another
 * process starting) falls on both, not on one side's p99.
 */
const BURST_TURNS = Number(args['burst-turns']);
const BURST_BLOCK = 50;

async function burstBench(store: SqlStore, searcher: ThreadSearcher, queries: string[]): Promise<Record<string, string>> {
  const spaces = toSyncPayload(loadSpaces('content'));
  await store.call('booking_spaces_sync', { spaces });
  const space = String(spaces[0]!.id);
  const day = '2026-12-07';
  const turn = async () => {
    const t = performance.now();
    const free = await store.call<{ slots: { start: string }[] }>('booking_free_slots', { space_id: space, day, now: '2026-12-01T00:00:00Z' });
    const start = free.slots?.[0]?.start;
    if (start) await store.call('booking_durations', { space_id: space, start, now: '2026-12-01T00:00:00Z' });
    return performance.now() - t;
  };
  const turns = async (count: number, into: number[]) => {
    for (let i = 0; i < count; i++) {
      into.push(await turn());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const questions = async (until: { running: boolean }) => {
    for (let wave = 0; until.running; wave++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => searcher.search(queries[(wave * 50 + i) % queries.length]!, SEARCH).then(() => answered++)));
    }
  };
  for (let i = 0; i < 5; i++) await turn(); // warm
  const alone: number[] = [];
  const beside: number[] = [];
  let answered = 0;
  for (let block = 0; block < BURST_TURNS / BURST_BLOCK; block++) {
    await turns(BURST_BLOCK, alone);
    const until = { running: true };
    const burst = questions(until);
    await turns(BURST_BLOCK, beside);
    until.running = false;
    await burst;
  }
  alone.sort((a, b) => a - b);
  beside.sort((a, b) => a - b);
  return {
    'booking p50 alone ms': percentile(alone, 50).toFixed(1),
    'booking p99 alone ms': percentile(alone, 99).toFixed(1),
    'booking p50 with 50 questions ms': percentile(beside, 50).toFixed(1),
    'booking p99 with 50 questions ms': percentile(beside, 99).toFixed(1),
    'booking p99 ratio': (percentile(beside, 99) / percentile(alone, 99)).toFixed(2),
    'questions answered meanwhile': String(answered),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

async function openStore(): Promise<{ store: SqlStore; close: () => Promise<void>; kind: string }> {
  const url = process.env.BENCH_DATABASE_URL ?? (args.postgres ? process.env.TEST_DATABASE_URL : undefined);
  if (args.postgres && !url) throw new Error('--postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
  if (!url) {
    // --pglite-thread: in its own worker thread, as the server runs it (`openStore`).
    const thread = args['pglite-thread'];
    const store = await openPglite({ thread });
    await migrate(store);
    return { store, close: () => store.close(), kind: thread ? 'PGlite (in memory, own thread)' : 'PGlite (in memory)' };
  }
  const scratch = await createScratchDatabase(url, 'uom_bench_kb');
  const store = openPostgres({ connectionString: scratch.url, max: 4 });
  await migrate(store);
  return {
    store,
    kind: 'PostgreSQL',
    close: async () => {
      await store.close();
      await scratch.drop();
    },
  };
}

async function runSize(size: number): Promise<Record<string, string | number>> {
  const random = rng(size);
  const words = vocabulary(random);
  const texts = Array.from({ length: size }, () => passage(random, words));
  const queries = Array.from({ length: QUERIES }, () => {
    const words = texts[Math.floor(random() * size)]!.replace(/\.$/, '').split(' ');
    const start = Math.floor(random() * Math.max(1, words.length - 6));
    const q = words.slice(start, start + 3 + Math.floor(random() * 4)).join(' ');
    return random() < 1 / 3 ? fold(q) : q;
  });

  // Ươm: prepare + store, one call per document of PER_DOCUMENT passages.
  const { store, close, kind } = await openStore();
  let t0 = performance.now();
  for (let d = 0; d * PER_DOCUMENT < size; d++) {
    // As ingest.ts sends them: the index tokenises the passages when it loads them.
    const chunks = texts.slice(d * PER_DOCUMENT, (d + 1) * PER_DOCUMENT).map((text, i) => ({ heading: null, text, hash: `${d}-${i}` }));
    await store.call('kb_document_put', { doc: { doc: `doc-${d}.md`, title: `Tài liệu ${d}`, kind: 'md', hash: `h${d}` }, chunks });
  }
  const uomIngest = performance.now() - t0;
  if ('exec' in store) await store.exec('analyze public.kb_chunks');
  // The first search builds the in-process index from the database (once per change).
  t0 = performance.now();
  await searchKnowledge(store, queries[0]!, SEARCH);
  const indexBuild = performance.now() - t0;
  const uomTimes: number[] = [];
  const cpu0 = process.cpuUsage();
  for (const q of queries) {
    t0 = performance.now();
    await searchKnowledge(store, q, SEARCH);
    uomTimes.push(performance.now() - t0);
  }
  const uomCpu = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000 / queries.length;
  // One document changes: the next search replaces its passages in the index (no rebuild).
  const changed = texts.slice(0, PER_DOCUMENT).map((text, i) => ({ heading: null, text: `${text} cập nhật`, hash: `0-${i}-v2` }));
  await store.call('kb_document_put', { doc: { doc: 'doc-0.md', title: 'Tài liệu 0', kind: 'md', hash: 'h0-v2' }, chunks: changed });
  t0 = performance.now();
  await searchKnowledge(store, queries[0]!, SEARCH);
  const refresh = performance.now() - t0;
  // The bot's path: the same searches in its search thread (its own index, built at its first
  // search; database calls forwarded to this thread's store).
  // `--nice-only`: the search thread as before SCHED_IDLE (nice 10 only), for comparison.
  const searcher = new ThreadSearcher(store, { schedIdle: !args['nice-only'] });
  t0 = performance.now();
  await searcher.search(queries[0]!, SEARCH);
  const threadBuild = performance.now() - t0;
  const threadTimes: number[] = [];
  for (const q of queries) {
    t0 = performance.now();
    await searcher.search(q, SEARCH);
    threadTimes.push(performance.now() - t0);
  }
  threadTimes.sort((a, b) => a - b);
  // As in the bot, this thread holds no index while the burst runs.
  dropPassageIndex(store);
  const burst = !args['skip-burst'] && size === 10_000 ? await burstBench(store, searcher, queries) : undefined;
  await searcher.close();
  await close();

  // Baseline: MiniSearch over the same passages.
  t0 = performance.now();
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], processTerm: (term) => fold(term) || null });
  mini.addAll(texts.map((text, id) => ({ id, text })));
  const miniIngest = performance.now() - t0;
  const miniTimes: number[] = [];
  const miniCpu0 = process.cpuUsage();
  for (const q of queries) {
    t0 = performance.now();
    mini.search(q).slice(0, 5);
    miniTimes.push(performance.now() - t0);
  }

  const miniCpu = (process.cpuUsage(miniCpu0).user + process.cpuUsage(miniCpu0).system) / 1000 / queries.length;
  uomTimes.sort((a, b) => a - b);
  miniTimes.sort((a, b) => a - b);
  const uomRate = size / (uomIngest / 1000);
  const miniRate = size / (miniIngest / 1000);
  return {
    passages: size,
    database: kind,
    'ingest Ươm /s': Math.round(uomRate),
    'ingest MiniSearch /s': Math.round(miniRate),
    'ingest ratio': (uomRate / miniRate).toFixed(3),
    'p50 Ươm ms': percentile(uomTimes, 50).toFixed(2),
    'p50 MiniSearch ms': percentile(miniTimes, 50).toFixed(3),
    'p50 ratio': (percentile(uomTimes, 50) / percentile(miniTimes, 50)).toFixed(1),
    'p95 Ươm ms': percentile(uomTimes, 95).toFixed(2),
    'p95 MiniSearch ms': percentile(miniTimes, 95).toFixed(3),
    'p95 ratio': (percentile(uomTimes, 95) / percentile(miniTimes, 95)).toFixed(1),
    'CPU/search Ươm ms': uomCpu.toFixed(2),
    'CPU/search MiniSearch ms': miniCpu.toFixed(3),
    'p50 thread ms': percentile(threadTimes, 50).toFixed(2),
    'p95 thread ms': percentile(threadTimes, 95).toFixed(2),
    'index build ms': Math.round(indexBuild),
    'thread index build ms': Math.round(threadBuild),
    'search after 1 changed doc ms': Math.round(refresh),
    'load average': loadavg().map((l) => l.toFixed(1)).join(' '),
    ...(burst ?? {}),
  };
}

const rows: Record<string, string | number>[] = [];
for (const size of SIZES) {
  const row = await runSize(size);
  rows.push(row);
  console.log(JSON.stringify(row));
}
console.table(rows);
