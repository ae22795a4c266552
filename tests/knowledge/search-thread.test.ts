/**
 * The bot's knowledge search thread (src/knowledge/search-thread-client.ts): the same hits as the
 * search in this thread, the index kept fresh through the forwarded database calls, a lost thread
 * failing its searches with a code and replaced by the next search, its lower priority, and an
 * idle thread that does not keep a process alive.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestDocument, ingestPath } from '../../src/knowledge/ingest.js';
import { llmFromConfig, type Llm } from '../../src/knowledge/llm.js';
import { confidenceModel } from '../../src/knowledge/model.js';
import { searchKnowledgeWithQuery, type SearchOptions } from '../../src/knowledge/search.js';
import type { IndexStore } from '../../src/knowledge/passage-index.js';
import { SEARCH_THREAD_NICE, ThreadSearcher } from '../../src/knowledge/search-thread-client.js';
import { KnowledgeSearchError } from '../../src/knowledge/searcher.js';
import { StoreError } from '../../src/store/errors.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/openai-api.js';
import { testConfig } from '../support/config.js';
import { runScript } from '../support/spawn.js';
import { pgliteTestStore, postgresTestStore, TEST_DATABASE_URL, type PostgresTestStore } from '../support/stores.js';

const corpus = join(import.meta.dirname, 'fixtures', 'corpus');
const SCHED_IDLE = 5;

/** A thread's scheduling policy (field 41 of /proc/…/stat). */
function schedulingPolicy(tid: number): number {
  return Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[38]);
}

/** Whether `chrt` is installed and may set this process's threads' class. */
function chrtWorks(): Promise<boolean> {
  return new Promise((resolve) => execFile('chrt', ['-p', String(process.pid)], (error) => resolve(!error)));
}
const QUESTIONS = [
  'Hội trường có bao nhiêu chỗ ngồi?',
  'hoi truog co bao nhieu cho ngoy', // typos: the index's nearest syllables
  'How long does the mentoring programme last?',
  'Hạn nộp hồ sơ quỹ hỗ trợ là khi nào?',
  'mức tài trợ tối đa bao nhiêu tiền',
  'Giá vé máy bay đi Đà Nẵng bao nhiêu?',
];

let store: PgliteStore;
let fake: FakeOpenAi;
let llm: Llm;
let searcher: ThreadSearcher;
const started: Worker[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAi('sk-test');
  llm = llmFromConfig(testConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.baseUrl, OPENAI_EMBEDDING_MODEL: 'fake-embed', OPENAI_CHAT_MODEL: 'fake-chat' }))!;
  store = await pgliteTestStore();
  for (const f of ['coworking.md', 'grants.txt', 'mentoring.html']) await ingestPath(store, join(corpus, f), { llm });
  searcher = new ThreadSearcher(store, { onStart: (worker) => started.push(worker) });
});
afterAll(async () => {
  await searcher?.close();
  await store?.close();
  await fake?.close();
});

/** The in-process search's hits (its `stats` are functions over its index: they stay here). */
async function inProcess(question: string, options: SearchOptions) {
  const { query, passages } = await searchKnowledgeWithQuery(store, question, options);
  return { query, passages };
}

describe('the knowledge search thread', () => {
  it('finds exactly what the search in this thread finds: passages, scores, evidence, query', async () => {
    const ranker = confidenceModel().ranker;
    for (const question of QUESTIONS) {
      const options = { k: 5, ranker };
      expect(await searcher.search(question, options), question).toStrictEqual(await inProcess(question, options));
    }
    // Another ranking model crosses as its weights.
    const other = { ...ranker, weights: ranker.weights.map((w, i) => (i % 2 ? -w : w)) };
    const options = { k: 8, ranker: other, candidates: 12, detailed: 2 };
    expect(await searcher.search(QUESTIONS[0]!, options)).toStrictEqual(await inProcess(QUESTIONS[0]!, options));
    expect(started).toHaveLength(1);
  });

  it('uses the question embedding looked up on this thread (an LLM client cannot cross)', async () => {
    const count = fake.requests.filter((r) => r.path === '/v1/embeddings').length;
    const hits = await searcher.search(QUESTIONS[0]!, { k: 5, llm });
    expect(fake.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(count + 1);
    expect(hits.passages.some((p) => p.evidence.features.semantic > 0)).toBe(true);
    expect(hits).toStrictEqual(await inProcess(QUESTIONS[0]!, { k: 5, llm }));
  });

  it('finds a document ingested after the thread built its index', async () => {
    const question = 'Giải thưởng Sao Khuê Mekong dành cho ai?';
    const before = await searcher.search(question, { k: 3 });
    const threads = started.length;
    expect(before.passages.map((p) => p.doc)).not.toContain('sao-khue.md');
    const text = '# Giải thưởng Sao Khuê Mekong\n\nGiải thưởng Sao Khuê Mekong dành cho các nhóm khởi nghiệp nông nghiệp dưới 3 năm tuổi.\n';
    await ingestDocument(store, 'sao-khue.md', Buffer.from(text));
    const after = await searcher.search(question, { k: 3 });
    expect(after.passages[0]).toMatchObject({ doc: 'sao-khue.md' });
    expect(after).toStrictEqual(await inProcess(question, { k: 3 }));
    expect(started).toHaveLength(threads); // the same thread, its index brought up to date
  });

  it('fails the searches of a thread that ends mid-life with KB_SEARCH_UNAVAILABLE; the next search starts a new thread', async () => {
    await searcher.search(QUESTIONS[0]!, { k: 1 }); // a thread that has served
    const threads = started.length;
    const first = started.at(-1)!;
    const pending = searcher.search(QUESTIONS[3]!, { k: 3 });
    const failed = expect(pending).rejects.toMatchObject({ name: 'KnowledgeSearchError', code: 'KB_SEARCH_UNAVAILABLE' });
    await first.terminate();
    await failed;
    await expect(pending).rejects.toBeInstanceOf(KnowledgeSearchError);
    expect(searcher.threadId).toBeNull();

    const again = await searcher.search(QUESTIONS[3]!, { k: 3 });
    expect(started).toHaveLength(threads + 1);
    expect(searcher.threadId).toBe(started.at(-1)!.threadId);
    expect(again).toStrictEqual(await inProcess(QUESTIONS[3]!, { k: 3 }));
  });

  it('fails a search whose database call failed with the store error, not the thread code', async () => {
    const closed = await pgliteTestStore();
    await closed.close();
    const orphan = new ThreadSearcher(closed);
    try {
      const failed = orphan.search(QUESTIONS[0]!);
      await expect(failed).rejects.toBeInstanceOf(StoreError);
      await expect(failed).rejects.not.toBeInstanceOf(KnowledgeSearchError);
    } finally {
      await orphan.close();
    }
  });

  it('ends a thread that says nothing while a search waits, and fails that search', async () => {
    // The thread's database call never comes back: the search must not wait for ever.
    const hanging: IndexStore = { call: () => new Promise<never>(() => {}) };
    const stuck = new ThreadSearcher(hanging, { silenceMs: 300 });
    try {
      const failed = stuck.search(QUESTIONS[0]!);
      await expect(failed).rejects.toMatchObject({ name: 'KnowledgeSearchError', code: 'KB_SEARCH_UNAVAILABLE' });
      expect(stuck.threadId).toBeNull();
    } finally {
      await stuck.close();
    }
  });

  it('once closed, ends its thread and refuses searches with KB_SEARCH_CLOSED', async () => {
    const own = new ThreadSearcher(store);
    await own.search(QUESTIONS[0]!, { k: 1 });
    const refused = expect(own.search(QUESTIONS[1]!, { k: 1 })).rejects.toMatchObject({ code: 'KB_SEARCH_CLOSED' });
    await own.close();
    await refused;
    await expect(own.search(QUESTIONS[0]!)).rejects.toMatchObject({ code: 'KB_SEARCH_CLOSED' });
    expect(own.threadId).toBeNull();
  });

  it.runIf(process.platform === 'linux')('runs below the turns\' priority (its own nice value, the rest of the process unchanged)', async () => {
    /** This process's threads at the search thread's nice value (field 19 of /proc/…/stat). */
    const niced = () => readdirSync('/proc/self/task').filter((tid) => {
      try {
        const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return Number(fields[16]) === SEARCH_THREAD_NICE;
      } catch {
        return false; // the thread ended meanwhile
      }
    }).length;
    const mine = getPriority();
    const before = niced();
    const own = new ThreadSearcher(store);
    try {
      await own.search(QUESTIONS[0]!, { k: 1 });
      expect(niced()).toBe(before + 1);
      expect(getPriority()).toBe(mine);
    } finally {
      await own.close();
    }
    expect(niced()).toBe(before);
  });

  it.runIf(process.platform === 'linux')('runs in SCHED_IDLE while it keeps up, normally while a search waited too long, and idle again once caught up', async () => {
    const calls: string[][] = [];
    // The real `chrt` where installed, so the class really changes; each call recorded.
    const chrt = (args: string[]) => {
      calls.push(args);
      return new Promise<boolean>((resolve) => execFile('chrt', args, (error) => resolve(!error)));
    };
    // The index's first load waits 1 s: the question waits longer than the 250 ms allowed.
    let slowLoads = 1;
    const slow: IndexStore = {
      async call<T>(fn: string, args?: Record<string, unknown>): Promise<T> {
        if (fn === 'kb_index_load' && slowLoads-- > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
        return store.call<T>(fn as Parameters<IndexStore['call']>[0], args);
      },
    };
    const own = new ThreadSearcher(slow, { escalateMs: 250, policy: { chrt } });
    try {
      const works = await chrtWorks();
      await own.search(QUESTIONS[0]!, { k: 1 });
      // The class is set when `chrt` has returned, not when it was called.
      await vi.waitFor(() => {
        expect(calls.at(-1)?.[0]).toBe('--idle');
        expect(own.schedulingClass).toBe(works ? 'idle' : null);
      });
      const flags = calls.map((args) => args[0]);
      // Set idle when it told its id, lifted while the question waited, idle once answered.
      expect(flags).toEqual(['--idle', '--other', '--idle']);
      const tid = Number(calls[0]![3]);
      expect(tid).toBeGreaterThan(0);
      if (works) expect(schedulingPolicy(tid)).toBe(SCHED_IDLE);
      // A search that does not wait long changes nothing. (On a machine busy enough that an
      // idle-class thread waits past the 250 ms, it is lifted and lowered again, as it should.)
      const started = performance.now();
      await own.search(QUESTIONS[1]!, { k: 1 });
      if (performance.now() - started < 250) expect(calls.map((args) => args[0])).toEqual(flags);
      else await vi.waitFor(() => expect(calls.at(-1)?.[0]).toBe('--idle'));
    } finally {
      await own.close();
    }
  });

  it('keeps its nice value only when the class cannot be set, and says so once', async () => {
    const reasons: string[] = [];
    const own = new ThreadSearcher(store, { escalateMs: 1, policy: { chrt: async () => false, onUnavailable: (reason) => reasons.push(reason) } });
    try {
      await own.search(QUESTIONS[0]!, { k: 1 });
      await own.search(QUESTIONS[1]!, { k: 1 });
      await vi.waitFor(() => expect(reasons).toHaveLength(1));
      expect(own.schedulingClass).toBeNull();
    } finally {
      await own.close();
    }
  });

  it('does not keep a process alive once its searches are answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uom-kb-thread-'));
    try {
      const script = join(dir, 'idle.mts');
      const src = (path: string) => JSON.stringify(join(process.cwd(), 'src', path));
      writeFileSync(
        script,
        `import type { IndexStore } from '../../src/knowledge/passage-index.js';
import { ThreadSearcher } from ${src('knowledge/search-thread-client.ts')};
import { migrate } from ${src('store/migrate.ts')};
import { openPglite } from ${src('store/pglite-driver.ts')};
const store = await openPglite();
await migrate(store);
await store.call('kb_document_put', { doc: { doc: 'a.md', title: 'Quỹ', kind: 'md', hash: 'h' }, chunks: [{ heading: null, text: 'Quỹ hỗ trợ 500 triệu đồng.', hash: 'c' }] });
const searcher = new ThreadSearcher(store);
const hits = await searcher.search('quỹ hỗ trợ bao nhiêu', { k: 1 });
await store.close();
console.log('found', hits.passages[0]?.doc);
// The searcher is not closed: its idle thread must not hold the process.
`,
      );
      // A thread that held the process would run into the timeout (the script is done in ~5 s).
      const run = await runScript(script, [], {}, 40_000);
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('found a.md');
      expect(run.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 50_000);
});

describe.runIf(Boolean(TEST_DATABASE_URL))('the knowledge search thread on PostgreSQL', () => {
  let pg: PostgresTestStore;
  let searcher: ThreadSearcher;
  beforeAll(async () => {
    pg = (await postgresTestStore())!;
    for (const f of ['coworking.md', 'grants.txt']) await ingestPath(pg, join(corpus, f));
    searcher = new ThreadSearcher(pg);
  });
  afterAll(async () => {
    await searcher?.close();
    await pg?.destroy();
  });

  it('finds what this thread finds, and a document ingested after its first search', async () => {
    for (const question of QUESTIONS.slice(0, 4)) {
      const { query, passages } = await searchKnowledgeWithQuery(pg, question, { k: 5 });
      expect(await searcher.search(question, { k: 5 }), question).toStrictEqual({ query, passages });
    }
    await ingestDocument(pg, 'sao-khue.md', Buffer.from('# Giải thưởng Sao Khuê Mekong\n\nGiải thưởng Sao Khuê Mekong dành cho các nhóm khởi nghiệp nông nghiệp.\n'));
    expect((await searcher.search('Giải thưởng Sao Khuê Mekong', { k: 3 })).passages[0]).toMatchObject({ doc: 'sao-khue.md' });
  });
});
