/**
 * The migrations runner. `supabase/migrations/*.sql` are the data model; this applies the
 * pending ones in name order, each in its own transaction, and records them in
 * `supabase_migrations.schema_migrations` exactly as the Supabase CLI does, so `supabase db push`
 * and `uom db migrate` agree on what has been applied.
 *
 * @example
 * const applied = await migrate(store); // ['20261123010000_core', ...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlStore } from './store.js';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'supabase', 'migrations');

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

/** Reads the migration files, sorted by version. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => FILE_NAME.test(file))
    .sort()
    .map((file) => {
      const [, version, name] = FILE_NAME.exec(file)!;
      return { version: version!, name: name!, sql: readFileSync(join(dir, file), 'utf8') };
    });
}

const BOOKKEEPING = `
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
alter table supabase_migrations.schema_migrations add column if not exists statements text[];
alter table supabase_migrations.schema_migrations add column if not exists name text;
`;

// Serialises concurrent runners on PostgreSQL (even `create schema if not exists` races there).
const lockFor = (store: SqlStore) => (store.kind === 'postgres' ? 'select pg_advisory_xact_lock(7235001);' : '');

/** Versions already recorded as applied. */
export async function appliedVersions(store: SqlStore): Promise<Set<string>> {
  await store.exec(`${lockFor(store)} ${BOOKKEEPING}`);
  const rows = await store.query<{ version: string }>('select version from supabase_migrations.schema_migrations');
  return new Set(rows.map((r) => r.version));
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Applies pending migrations and returns their `<version>_<name>`s. On PostgreSQL a session
 * advisory lock serialises concurrent runners (two processes starting at once).
 */
export async function migrate(store: SqlStore, migrations = readMigrations()): Promise<string[]> {
  const applied: string[] = [];
  const lock = lockFor(store);
  for (const m of migrations) {
    const done = await appliedVersions(store);
    if (done.has(m.version)) continue;
    // One simple-protocol query runs as one implicit transaction: the migration and its record
    // commit together or not at all. The re-check under the lock stops a concurrent runner.
    try {
      await store.exec(`${lock}
        do $$ begin
          if exists (select 1 from supabase_migrations.schema_migrations where version = ${quote(m.version)}) then
            raise exception using errcode = 'PT409', message = 'migration already applied';
          end if;
        end $$;
        ${m.sql}
        ;
        insert into supabase_migrations.schema_migrations (version, name, statements)
          values (${quote(m.version)}, ${quote(m.name)}, array[${quote(m.sql)}]);`);
      applied.push(`${m.version}_${m.name}`);
    } catch (error) {
      if ((error as { sqlState?: string }).sqlState === 'PT409') continue;
      throw new MigrationError(m, error);
    }
  }
  return applied;
}

/** A migration failed; nothing of it was applied. */
export class MigrationError extends Error {
  readonly code = 'MIGRATION_FAILED';
  constructor(migration: Migration, cause: unknown) {
    super(`Migration ${migration.version}_${migration.name} failed: ${(cause as Error).message}`, { cause });
    this.name = 'MigrationError';
  }
}
