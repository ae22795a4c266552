/**
 * Opens the store the configuration selects and brings its schema up to date.
 *
 * @example
 * const store = await openStore(loadConfig(process.env));
 */
import type { Config } from '../config.js';
import { storageKind } from '../config.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite-driver.js';
import { openPostgres } from './postgres-driver.js';
import { openSupabase } from './supabase-driver.js';
import type { Clock, Store } from './store.js';

export interface OpenStoreOptions {
  /** Apply pending migrations (embedded and postgres only). Defaults to `DB_AUTO_MIGRATE`. */
  migrate?: boolean;
  /** The clock the store's calls run at (`public.uom_now()`); the machine's clock by default. */
  clock?: Clock;
}

/** Opens the configured store (see the module comment); pending migrations apply unless told not to. */
export async function openStore(config: Config, options: OpenStoreOptions = {}): Promise<Store> {
  const shouldMigrate = options.migrate ?? config.DB_AUTO_MIGRATE;
  switch (storageKind(config)) {
    case 'postgres': {
      const store = openPostgres({ connectionString: config.DATABASE_URL!, max: config.DATABASE_POOL_SIZE, clock: options.clock });
      if (shouldMigrate) await migrate(store);
      return store;
    }
    case 'supabase':
      return openSupabase({ url: config.SUPABASE_URL!, serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY!, clock: options.clock });
    case 'embedded': {
      const store = await openPglite({ dataDir: config.DATA_DIR, durable: config.EMBEDDED_FSYNC, clock: options.clock, thread: true });
      try {
        if (shouldMigrate) await migrate(store);
      } catch (error) {
        await store.close();
        throw error;
      }
      return store;
    }
  }
}
