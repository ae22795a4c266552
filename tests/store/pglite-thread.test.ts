/**
 * The embedded database in its own thread: the same store, while the server's thread keeps
 * running during a query (webhooks are accepted while the database works).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { InvalidArgumentError, NotFoundError, StoreError } from '../../src/store/errors.js';
import { migrate } from '../../src/store/migrate.js';
import { openPglite, PgliteStore } from '../../src/store/pglite-driver.js';
import { openStore } from '../../src/store/open.js';

/** A query that keeps PGlite busy for a good while (hundreds of milliseconds in WebAssembly). */
const LONG_QUERY = 'select count(*)::int as n from generate_series(1, 3000000) g where g % 7 = 0';

/** Which finishes first: the long query, or a 1 ms timer set after it started. */
async function firstToFinish(store: PgliteStore): Promise<string[]> {
  const order: string[] = [];
  const query = store.query(LONG_QUERY).then(() => order.push('query'));
  const timer = new Promise<void>((resolve) => setTimeout(resolve, 1)).then(() => order.push('timer'));
  await Promise.all([query, timer]);
  return order;
}

describe('embedded database in a worker thread', () => {
  const dirs: string[] = [];
  let store: PgliteStore;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uom-thread-'));
    dirs.push(dir);
    store = await openPglite({ dataDir: dir, thread: true, durable: false });
    await migrate(store);
  }, 180_000);

  afterAll(async () => {
    await store?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('runs calls, queries and scripts like the direct driver', async () => {
    expect(store.threaded).toBe(true);
    const conversation = await store.call<{ conversation_id: number }>('conversation_ensure', {
      channel: 'web', chat_id: 'thread-session-000001', user_id: 'thread-session-000001',
    });
    expect(conversation.conversation_id).toBeGreaterThan(0);
    await store.exec('create temporary table scratch (v int); insert into scratch values (1), (2)');
    expect(await store.query<{ n: number }>('select sum(v)::int as n from scratch')).toEqual([{ n: 3 }]);
    expect(await store.query<{ v: number }>('select $1::int as v', [41])).toEqual([{ v: 41 }]);
  });

  it('brings errors back as the same typed store errors', async () => {
    await expect(store.query('select * from public.no_such_table')).rejects.toMatchObject({ sqlState: '42P01' });
    await expect(store.query('select public.no_such_function()')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.query(`select 'x'::int`)).rejects.toBeInstanceOf(InvalidArgumentError);
    // Still serving after errors.
    expect(await store.ping()).toBe(true);
  });

  it('keeps raw SQL from local clients read only', async () => {
    expect(await store.readOnlyQuery<{ n: number }>('select count(*)::int as n from public.conversations')).toEqual([{ n: 1 }]);
    await expect(store.readOnlyQuery(`delete from public.conversations`)).rejects.toMatchObject({ sqlState: '25006' });
  });

  it("lets this thread's timers run while a query runs (the direct driver cannot)", async () => {
    expect(await firstToFinish(store)).toEqual(['timer', 'query']);
    const direct = await openPglite();
    try {
      expect(direct.threaded).toBe(false);
      expect(await firstToFinish(direct)).toEqual(['query', 'timer']);
    } finally {
      await direct.close();
    }
  }, 60_000);

  it('refuses work once closed, with a typed error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uom-thread-'));
    dirs.push(dir);
    const other = await openPglite({ dataDir: dir, thread: true, durable: false });
    await other.close();
    await expect(other.query('select 1')).rejects.toBeInstanceOf(StoreError);
    expect(await other.ping()).toBe(false);
    // The directory lock went with it: the folder opens again.
    const again = await openPglite({ dataDir: dir, thread: true, durable: false });
    expect(await again.query('select 1 as one')).toEqual([{ one: 1 }]);
    await again.close();
  }, 120_000);

  it('is how the configured server opens its data directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uom-thread-'));
    dirs.push(dir);
    const configured = await openStore(loadConfig({ DATA_DIR: dir, EMBEDDED_FSYNC: 'false' }));
    try {
      expect(configured).toBeInstanceOf(PgliteStore);
      expect((configured as PgliteStore).threaded).toBe(true);
      expect(await configured.call<{ ok: boolean }>('uom_ping')).toMatchObject({ ok: true });
    } finally {
      await configured.close();
    }
  }, 180_000);
});
