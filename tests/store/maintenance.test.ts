/**
 * The embedded database has no autovacuum (PGlite runs Postgres in single-user mode): the server
 * vacuums and analyzes the busy tables itself, so dead rows are cleared and the planner has
 * statistics.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAINTAINED_TABLES, type PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

interface TableStats {
  relname: string;
  vacuumed: boolean;
  analyzed: boolean;
  reltuples: number;
}

const stats = (store: PgliteStore, table: string) =>
  store.query<TableStats>(
    `select s.relname, s.last_vacuum is not null as vacuumed, s.last_analyze is not null as analyzed, c.reltuples::int as reltuples
       from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.schemaname = 'public' and s.relname = $1`,
    [table],
  );

describe('embedded database maintenance', () => {
  let store: PgliteStore | undefined;
  afterEach(async () => {
    await store?.close();
  });

  it('vacuums and analyzes every busy table (each exists)', async () => {
    store = await pgliteTestStore();
    const events = Array.from({ length: 40 }, (_, i) => ({
      channel: 'telegram', event_id: `vac-${i}`, chat_id: String(i % 4), user_id: String(i % 4), payload: { kind: 'text', text: 'x' },
    }));
    await store.call('inbox_put_many', { events });
    await store.exec(`update public.inbox set status = 'done'`);
    expect(await stats(store, 'inbox')).toMatchObject([{ vacuumed: false, reltuples: -1 }]);

    await store.maintain();

    expect(await stats(store, 'inbox')).toEqual([{ relname: 'inbox', vacuumed: true, analyzed: true, reltuples: 40 }]);
    for (const table of MAINTAINED_TABLES) {
      expect(await stats(store, table), table).toMatchObject([{ vacuumed: true, analyzed: true }]);
    }
  });

  it('runs on its own every interval until stopped', async () => {
    store = await pgliteTestStore();
    const errors: unknown[] = [];
    const stop = store.maintainEvery(20, (error) => errors.push(error));
    try {
      for (let i = 0; i < 500 && !(await stats(store, 'outbox'))[0]?.vacuumed; i++) await new Promise((r) => setTimeout(r, 20));
    } finally {
      stop();
    }
    expect(await stats(store, 'outbox')).toMatchObject([{ vacuumed: true }]);
    expect(errors).toEqual([]);
  });
});
