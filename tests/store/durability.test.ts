/**
 * The embedded database flushes commits to the disk by default: Postgres runs with fsync on,
 * and PGlite's file system turns Postgres's fsync into the host's fsync(2) on the same file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { DurableNodeFS, durableStartParams } from '../../src/store/durable-nodefs.js';
import { openPglite } from '../../src/store/pglite-driver.js';

describe('embedded database durability', () => {
  it('commits reach fsync(2) on the host and survive a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'uom-durable-'));
    let syncs = 0;
    const db = await PGlite.create({
      fs: new DurableNodeFS(join(dir, 'pg'), { fsync: () => void (syncs += 1) }),
      startParams: durableStartParams(),
    });
    expect((await db.query<{ fsync: string }>('show fsync')).rows[0]!.fsync).toBe('on');
    expect((await db.query<{ wal_sync_method: string }>('show wal_sync_method')).rows[0]!.wal_sync_method).toBe('fsync');
    await db.exec('create table t (v int)');
    const before = syncs;
    await db.exec('insert into t values (1)');
    expect(syncs).toBeGreaterThan(before); // the commit flushed the WAL
    const afterOne = syncs;
    await db.exec('select count(*) from t');
    expect(syncs).toBe(afterOne); // a read-only statement flushes nothing
    await db.close();

    const again = await PGlite.create({ fs: new DurableNodeFS(join(dir, 'pg')), startParams: durableStartParams() });
    expect((await again.query<{ n: number }>('select count(*)::int as n from t')).rows[0]!.n).toBe(1);
    await again.close();
  }, 180_000);

  it('is the default of openPglite for a data directory, and can be switched off', async () => {
    const durable = await openPglite({ dataDir: mkdtempSync(join(tmpdir(), 'uom-durable-')) });
    expect(await durable.query<{ fsync: string }>('show fsync')).toEqual([{ fsync: 'on' }]);
    await durable.close();
    const relaxed = await openPglite({ dataDir: mkdtempSync(join(tmpdir(), 'uom-relaxed-')), durable: false });
    expect(await relaxed.query<{ fsync: string }>('show fsync')).toEqual([{ fsync: 'off' }]);
    await relaxed.close();
  }, 180_000);
});
