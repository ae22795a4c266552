/**
 * Creates the PGlite instance behind an embedded store, on whichever thread calls it: in memory,
 * from a dump, or on a data directory with durable commits.
 *
 * @example
 * const db = await createPgliteDatabase({ dataDir: './data', durable: true });
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { vector } from '@electric-sql/pglite-pgvector';
import { BytesBlob } from './bytes-blob.js';
import { DurableNodeFS, durableStartParams } from './durable-nodefs.js';

export const pgliteExtensions = { btree_gist, pg_trgm, unaccent, vector };

export interface PgliteDatabaseOptions {
  /** Directory for the database files; in memory when absent. */
  dataDir?: string;
  /** A dump made by `dumpDataDir` to start from (tests start from a migrated template). */
  loadDataDir?: Blob | File;
  /** Flush every commit to the disk (fsync); default true; ignored in memory. */
  durable?: boolean;
}

interface PostgresBinary {
  pgliteWasmModule: WebAssembly.Module;
  fsBundle: Blob;
}

let binary: Promise<PostgresBinary> | undefined;

/**
 * PGlite compiles its WebAssembly and reads its file bundle on every `PGlite.create`; a process
 * that opens several databases (the tests open hundreds, the CLI's served fallback two) compiles
 * once. Both are immutable, so sharing them between instances shares no state.
 */
function postgresBinary(): Promise<PostgresBinary> {
  binary ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [wasm, bundle] = await Promise.all([readFile(join(dist, 'pglite.wasm')), readFile(join(dist, 'pglite.data'))]);
    return { pgliteWasmModule: await WebAssembly.compile(wasm), fsBundle: new BytesBlob(bundle) };
  })();
  return binary;
}

/** Opens (and creates when missing) the database files; see `PgliteDatabaseOptions`. */
export async function createPgliteDatabase(options: PgliteDatabaseOptions): Promise<PGlite> {
  const pgOptions: PGliteOptions = { extensions: pgliteExtensions, ...(await postgresBinary()) };
  if (options.dataDir) {
    const pgDir = `${options.dataDir.replace(/\/$/, '')}/pg`;
    if (options.durable ?? true) {
      pgOptions.fs = new DurableNodeFS(pgDir);
      pgOptions.startParams = durableStartParams();
    } else {
      pgOptions.dataDir = pgDir;
    }
  }
  if (options.loadDataDir) pgOptions.loadDataDir = options.loadDataDir;
  return PGlite.create(pgOptions);
}
