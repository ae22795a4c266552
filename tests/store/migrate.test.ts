/** The migrations runner agrees with the Supabase CLI's bookkeeping and is safe to run twice. */
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/store/migrate.js';
import { openPglite } from '../../src/store/pglite-driver.js';
import { openPostgres } from '../../src/store/postgres-driver.js';
import { postgresTestStore } from '../support/stores.js';

describe('migrations', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('use Supabase CLI file names', () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    for (const m of migrations) expect(m.version).toMatch(/^\d{14}$/);
  });

  it('apply to an empty PGlite database and are recorded in supabase_migrations.schema_migrations', async () => {
    const store = await openPglite();
    cleanups.push(() => store.close());
    const applied = await migrate(store);
    expect(applied).toEqual(readMigrations().map((m) => `${m.version}_${m.name}`));
    const rows = await store.query<{ version: string; name: string; n: number }>(
      'select version, name, array_length(statements, 1) as n from supabase_migrations.schema_migrations order by version',
    );
    expect(rows.map((r) => `${r.version}_${r.name}`)).toEqual(applied);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(await migrate(store)).toEqual([]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('apply once when two runners start at the same time on PostgreSQL', async () => {
    const store = (await postgresTestStore())!; // already migrated: reset its bookkeeping to race again
    cleanups.push(() => store.destroy());
    await store.exec('drop schema public cascade; create schema public; drop schema supabase_migrations cascade;');
    await store.exec('grant usage on schema public to service_role');
    const a = openPostgres({ connectionString: store.url, max: 2 });
    const b = openPostgres({ connectionString: store.url, max: 2 });
    cleanups.push(async () => {
      await a.close();
      await b.close();
    });
    const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
    expect([...ra, ...rb].sort()).toEqual(readMigrations().map((m) => `${m.version}_${m.name}`).sort());
    const rows = await store.query<{ n: string }>('select count(*)::text as n from supabase_migrations.schema_migrations');
    expect(Number(rows[0]!.n)).toBe(readMigrations().length);
  });
});
