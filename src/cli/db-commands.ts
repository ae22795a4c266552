/**
 * `uom db migrate` and `uom db status`: apply and list migrations. Migrations need SQL access,
 * so with the Supabase driver use `supabase db push` or set `DATABASE_URL` to the project's
 * direct connection string.
 */
import type { Command } from 'commander';
import { appliedVersions, migrate, readMigrations } from '../store/migrate.js';
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

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database schema');
  db.command('migrate')
    .description('apply pending migrations from supabase/migrations')
    .action(() =>
      runCommand(
        async ({ store }) => {
          if (store instanceof LocalClientStore) return console.log(await migrateThroughServer(store));
          const applied = await migrate(sqlStore(store));
          console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
        },
        { migrate: false },
      ),
    );
  db.command('status')
    .description('list migrations and whether each is applied')
    .action(() =>
      runCommand(
        async ({ store }) => {
          const done = store instanceof LocalClientStore ? await servedAppliedVersions(store) : await appliedVersions(sqlStore(store));
          for (const m of readMigrations()) console.log(`${done.has(m.version) ? 'applied' : 'pending'}  ${m.version}_${m.name}`);
        },
        { migrate: false },
      ),
    );
}
