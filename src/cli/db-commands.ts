/**
 * `uom db migrate`, `uom db status`, `uom db manifest` and `uom db types`: apply and list
 * migrations, keep the migrations manifest (`supabase/migrations.manifest.json`) in step with the
 * files, and write the declarations of the SQL functions (`src/store/sql-functions.ts`).
 * Migrations need SQL access, so with the Supabase driver use `supabase db push` or set
 * `DATABASE_URL` to the project's direct connection string.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { openPglite } from '../store/pglite-driver.js';
import { readSqlFunctions, renderSqlFunctions, SQL_FUNCTIONS_FILE } from '../store/sql-catalog.js';
import { checkManifest, readManifest, updateManifest, writeManifest } from '../store/manifest.js';
import { appliedMigrations, migrate, readMigrations, verifyApplied } from '../store/migrate.js';
import { LocalClientStore } from '../store/local-client.js';
import type { SqlStore, Store } from '../store/store.js';
import { CommandError, runCommand } from '../command/context.js';
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
  db.command('types')
    .description('write src/store/sql-functions.ts (the declaration of every SQL function) from a freshly migrated in-memory database')
    .action(async () => {
      const file = await writeSqlFunctionDeclarations();
      console.log(`${file} now declares the functions of the migrations.`);
    });
}

/**
 * Migrates a throw-away in-memory database and writes `src/store/sql-functions.ts` from its
 * catalog, so the declarations always describe exactly what the migrations define.
 *
 * @example
 * await writeSqlFunctionDeclarations(); // 'src/store/sql-functions.ts'
 */
export async function writeSqlFunctionDeclarations(): Promise<string> {
  const store = await openPglite();
  try {
    await migrate(store);
    writeFileSync(SQL_FUNCTIONS_FILE, renderSqlFunctions(await readSqlFunctions(store)));
    return relative(process.cwd(), SQL_FUNCTIONS_FILE);
  } finally {
    await store.close();
  }
}
