/**
 * `uom db migrate` through a running server: fine when nothing is pending, a clear refusal
 * (exit code 3, the pending file named) when the served database lacks a migration.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError } from '../../src/command/context.js';
import { migrateThroughServer, SERVER_RUNNING_EXIT, servedAppliedVersions } from '../../src/cli/served-database.js';
import { connectLocalStore, type LocalClientStore } from '../../src/store/local-client.js';
import { serveStoreLocally, type LocalStoreServer } from '../../src/store/local-server.js';
import { readMigrations } from '../../src/store/migrate.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

let store: PgliteStore;
let served: LocalStoreServer;
let client: LocalClientStore;

beforeAll(async () => {
  store = await pgliteTestStore();
  served = await serveStoreLocally({ store, dataDir: mkdtempSync(join(tmpdir(), 'uom-served-db-')) });
  client = (await connectLocalStore(join(served.path, '..')))!;
});

afterAll(async () => {
  await client?.close();
  await served?.close();
  await store?.close();
});

describe('uom db migrate through the running server', () => {
  it('says the database is up to date when every migration is applied', async () => {
    expect((await servedAppliedVersions(client)).size).toBe(readMigrations().length);
    expect(await migrateThroughServer(client)).toBe('Database is up to date.');
  });

  it('refuses, naming the pending migration and the way out, when one is missing', async () => {
    const last = readMigrations().at(-1)!;
    await store.query('delete from supabase_migrations.schema_migrations where version = $1', [last.version]);
    const error = await migrateThroughServer(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).exitCode).toBe(SERVER_RUNNING_EXIT);
    expect((error as CommandError).message).toContain(`${last.version}_${last.name}`);
    expect((error as CommandError).message).toContain(`process ${process.pid}`);
  });
});
