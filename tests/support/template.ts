/**
 * A migrated PGlite database saved as a tarball, so each test file starts from a fresh copy
 * instead of creating and migrating one (~3 s). Rebuilt when a migration or the runner changes.
 *
 * The suite opens a few hundred of these, so the tarball is kept small: the database is
 * checkpointed before it is saved and the WAL segments recovery no longer needs are left out
 * (each is 16 MB; starting from a checkpoint also means no WAL to replay). That took a fresh
 * store from about 2.5 s to 1.6 s on a loaded 2-core machine.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, readMigrations } from '../../src/store/migrate.js';
import { BytesBlob } from '../../src/store/bytes-blob.js';
import { openPglite } from '../../src/store/pglite-driver.js';
import { withoutTarEntries } from './tar-filter.js';

const CACHE_DIR = join(process.cwd(), 'node_modules', '.cache', 'uom-tests');
/** Bump when the way the template is made changes (not its schema: that is hashed). */
const TEMPLATE_FORMAT = 'checkpointed-1';

export function templatePath(): string {
  const hash = createHash('sha256').update(TEMPLATE_FORMAT);
  for (const m of readMigrations()) hash.update(m.version).update(m.sql);
  // The runner's bookkeeping is part of the template too (e.g. the recorded checksums).
  hash.update(readFileSync(join(process.cwd(), 'src', 'store', 'migrate.ts')));
  return join(CACHE_DIR, `pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** Builds the template tarball if it does not exist yet; returns its path. */
export async function ensureTemplate(): Promise<string> {
  const path = templatePath();
  if (existsSync(path)) return path;
  mkdirSync(CACHE_DIR, { recursive: true });
  const store = await openPglite();
  try {
    await migrate(store);
    await store.db.exec('checkpoint');
    const current = (await store.db.query<{ name: string }>('select pg_walfile_name(pg_current_wal_lsn()) as name')).rows[0]!.name;
    const dump = await store.db.dumpDataDir('none');
    const tarball = withoutTarEntries(new Uint8Array(await dump.arrayBuffer()), (name) => {
      const segment = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/.exec(name);
      return segment !== null && segment[1] !== current;
    });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, tarball);
    renameSync(tmp, path);
  } finally {
    await store.close();
  }
  return path;
}

let cached: { path: string; blob: Blob } | undefined;

/**
 * The template for `openPglite({ loadDataDir })`, read from disk once per process: a Blob is
 * immutable, so every store may start from the same one.
 */
export function readTemplate(): Blob {
  const path = templatePath();
  if (cached?.path !== path) cached = { path, blob: new BytesBlob(readFileSync(path)) };
  return cached.blob;
}
