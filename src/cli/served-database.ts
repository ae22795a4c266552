/**
 * `uom db migrate|status` while a running server holds the embedded database. Reading which
 * migrations are applied is safe through it; applying new ones is not (the running code was
 * written for the schema it started with, and DDL behind its back could break its turns), so
 * `db migrate` succeeds only when nothing is pending and otherwise refuses with what to do.
 *
 * @example
 * if (store instanceof LocalClientStore) console.log(await migrateThroughServer(store));
 */
import type { LocalClientStore } from '../store/local-client.js';
import { readMigrations } from '../store/migrate.js';
import { CommandError } from '../command/context.js';

/** Exit code when a command must wait for the server to stop (same as a locked start). */
export const SERVER_RUNNING_EXIT = 3;

/** Versions the served database records as applied (read-only query through the server). */
export async function servedAppliedVersions(store: LocalClientStore): Promise<Set<string>> {
  const exists = await store.query<{ present: boolean }>(
    `select to_regclass('supabase_migrations.schema_migrations') is not null as present`,
  );
  if (!exists[0]?.present) return new Set();
  const rows = await store.query<{ version: string }>('select version from supabase_migrations.schema_migrations');
  return new Set(rows.map((r) => r.version));
}

/** "Database is up to date." or a `CommandError` naming the pending files and the way out. */
export async function migrateThroughServer(store: LocalClientStore): Promise<string> {
  const done = await servedAppliedVersions(store);
  const pending = readMigrations().filter((m) => !done.has(m.version));
  if (pending.length === 0) return 'Database is up to date.';
  throw new CommandError(
    `the running server (process ${store.server.pid}) holds the database and ${pending.length} migration(s) are pending ` +
      `(${pending.map((m) => `${m.version}_${m.name}`).join(', ')}); restart it to apply them at start-up, ` +
      'or stop it and run `uom db migrate`',
    SERVER_RUNNING_EXIT,
  );
}
