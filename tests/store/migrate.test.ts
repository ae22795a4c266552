/**
 * The migrations runner agrees with the Supabase CLI's bookkeeping, is safe to run twice, and
 * refuses a database whose applied migrations differ from the files; the manifest freezes
 * released migrations.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkManifest, readManifest, sha256, updateManifest } from '../../src/store/manifest.js';
import { fingerprint, migrate, MigrationError, readMigrations, sameText } from '../../src/store/migrate.js';
import { openPglite } from '../../src/store/pglite-driver.js';
import { openPostgres } from '../../src/store/postgres-driver.js';
import { pgliteTestStore, postgresTestStore } from '../support/stores.js';

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
  }, 240_000); // every migration from nothing: slow on a busy machine

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

  it('refuse, in one line naming the file, a database whose applied migration differs from the file', async () => {
    const store = await pgliteTestStore(); // migrated by the runner
    cleanups.push(() => store.close());
    const [first] = readMigrations();
    // The file as it was when applied, recorded by our runner: even a comment-only edit counts.
    const edited = { ...first!, sql: `${first!.sql}\n-- edited after release\n` };
    const error = await migrate(store, [edited, ...readMigrations().slice(1)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe('MIGRATION_CHANGED');
    expect((error as Error).message).toContain(`supabase/migrations/${first!.version}_${first!.name}.sql`);
    expect((error as Error).message).not.toContain('\n');
    // A database the Supabase CLI migrated: statements split, no checksum; a real change is refused.
    await store.query(
      `update supabase_migrations.schema_migrations set uom_checksum = null, statements = array['select 2'] where version = $1`,
      [first!.version],
    );
    await expect(migrate(store)).rejects.toThrow(`${first!.version}_${first!.name}.sql differs`);
  });

  it('accept the statements the Supabase CLI records (split, trimmed, without semicolons)', () => {
    const sql = `-- a comment\ncreate table t (a text default 'x;  y');\n\ncreate function f() returns int\nlanguage sql as $$ select 1; $$;\n`;
    const cli = [`create table t (a text default 'x;  y')`, `create function f() returns int\nlanguage sql as $$ select 1; $$`];
    expect(sameText(cli, sql)).toBe(true);
    expect(sameText([sql], sql)).toBe(true);
    // Quoted text is compared as it is: a changed literal or body is a change.
    expect(sameText([`create table t (a text default 'x; y')`, cli[1]!], sql)).toBe(false);
    expect(sameText([cli[0]!, cli[1]!.replace('select 1', 'select 2')], sql)).toBe(false);
    expect(fingerprint(sql)).not.toBe(fingerprint(sql.replace('create table t', 'create table u')));
  });
});

describe('the migrations manifest', () => {
  it('lists every migration file with its current checksum', () => {
    expect(checkManifest(readManifest(), readMigrations())).toEqual([]);
  });

  it('fails when a released migration is edited, a file is missing from it, or a listed file is gone', () => {
    const manifest = readManifest();
    const files = readMigrations();
    const released = files.find((m) => manifest.migrations.find((e) => e.file === `${m.version}_${m.name}.sql`)?.released)!;
    const edited = files.map((m) => (m === released ? { ...m, sql: `${m.sql}\n-- a small fix` } : m));
    expect(checkManifest(manifest, edited)).toEqual([
      `${released.version}_${released.name}.sql was released in 2026-11 and has been edited: restore it and put the change in a new migration`,
    ]);
    const added = [...files, { version: '20991231000000', name: 'later', sql: 'select 1;' }];
    expect(checkManifest(manifest, added)).toEqual([
      '20991231000000_later.sql is not in supabase/migrations.manifest.json: run `uom db manifest`',
    ]);
    expect(checkManifest(manifest, files.slice(1))).toEqual([`${files[0]!.version}_${files[0]!.name}.sql is listed in the manifest but the file is missing`]);
    // `uom db manifest` adds new files but never rewrites a released entry.
    const updated = updateManifest(manifest, [...edited, added.at(-1)!]);
    expect(updated.migrations.find((e) => e.file === '20991231000000_later.sql')).toEqual({ file: '20991231000000_later.sql', sha256: sha256('select 1;') });
    expect(checkManifest(updated, edited)).toHaveLength(2);
  });

  it('names the nine migrations of release 2026-11 squashed into the baseline, with their checksums', () => {
    const legacy = readMigrations(new URL('./fixtures/release-2026-11', import.meta.url).pathname);
    const [squash] = readManifest().squashed;
    expect(squash!.migrations).toEqual(
      legacy.map((m) => ({ file: `${m.version}_${m.name}.sql`, sha256: sha256(m.sql), fingerprint: fingerprint(m.sql) })),
    );
    expect(squash!.into.every((f) => readMigrations().some((m) => `${m.version}_${m.name}.sql` === f))).toBe(true);
  });
});
