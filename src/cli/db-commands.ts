/**
 * `uom db migrate`, `uom db status` and `uom db manifest`: apply and list migrations, and keep
 * the migrations manifest (`supabase/migrations.manifest.json`) in step with the files.
 * Migrations need SQL access, so with the Supabase driver use `supabase db push` or set
 * `DATABASE_URL` to the project's direct connection string.
 */
import type { Command } from 'commander';
import { checkManifest, readManifest, updateManifest, writeManifest } from '../store/manifest.js';
import { appliedMigrations, migrate, readMigrations, verifyApplied } from '../store/migrate.js';
import { LocalClientStore } from '../store/local-client.js';
import type { SqlStore, Store } from '../store/store.js';
import { CommandError, runCommand } from './context.js';
import { migrateThroughServer, servedAppliedVersions } from './served-database.js';

function sqlStore(store: Store): SqlStore {
  if (!('exec' in store)) {
    throw new CommandError(
      'migrations need a SQL connection: run `supabase db push`, or set DATABASE_URL to the project\'s connection string',
    );
  }
  return store as SqlStore;
}

/**
 * The lines `uom db status` prints: `applied` or `pending` and the migration, then a summary.
 * Throws `MigrationError` when an applied migration differs from its file.
 *
 * @example
 * console.log((await dbStatus(store)).join('\n')); // 'applied  20261123000000_baseline_platform' ...
 */
export async function dbStatus(store: SqlStore): Promise<string[]> {
  const rows = await appliedMigrations(store);
  const migrations = readMigrations();
  verifyApplied(rows, migrations, readManifest());
  const done = new Set(rows.map((r) => r.version));
  const lines = migrations.map((m) => `${done.has(m.version) ? 'applied' : 'pending'}  ${m.version}_${m.name}`);
  const pending = migrations.filter((m) => !done.has(m.version)).length;
  lines.push(pending ? `${pending} pending: run \`uom db migrate\`` : `All ${migrations.length} migrations applied.`);
  return lines;
}

/**
 * Brings the manifest up to date (new files added, unreleased ones re-hashed; `release` freezes
 * every unreleased entry under that name) and returns the problems that remain, which only a
 * person can fix (a released file edited or deleted).
 *
 * @example
 * dbManifest(); // [] when the manifest now matches the files
 */
export function dbManifest(release?: string): string[] {
  const migrations = readMigrations();
  const manifest = updateManifest(readManifest(), migrations, release);
  writeManifest(manifest);
  return checkManifest(manifest, migrations);
}

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database schema');
  db.command('migrate')
    .description('apply pending migrations from supabase/migrations')
    .action(() =>
      runCommand(
        async ({ store }) => {
          if (store instanceof LocalClientStore) return console.log(await migrateThroughServer(store));
          const applied = await migrate(sqlStore(store), undefined, { log: (line) => console.log(line) });
          console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
        },
        { migrate: false },
      ),
    );
  db.command('status')
    .description('list migrations and whether each is applied (and refuse if an applied one was edited)')
    .action(() =>
      runCommand(
        async ({ store }) => {
          if (store instanceof LocalClientStore) {
            const done = await servedAppliedVersions(store);
            for (const m of readMigrations()) console.log(`${done.has(m.version) ? 'applied' : 'pending'}  ${m.version}_${m.name}`);
            return;
          }
          for (const line of await dbStatus(sqlStore(store))) console.log(line);
        },
        { migrate: false },
      ),
    );
  db.command('manifest')
    .description('add new migration files to supabase/migrations.manifest.json (released entries never change)')
    .option('--release <name>', 'mark every unreleased migration as released under this name (e.g. 2026-12)')
    .action((o: { release?: string }) => {
      const problems = dbManifest(o.release);
      if (problems.length) {
        for (const p of problems) console.error(`uom: ${p}`);
        process.exitCode = 1;
      } else {
        console.log('supabase/migrations.manifest.json matches the migration files.');
      }
    });
}
