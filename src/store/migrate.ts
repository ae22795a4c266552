/**
 * The migrations runner. `supabase/migrations/*.sql` are the data model; this applies the
 * pending ones in name order, each in its own transaction, and records them in
 * `supabase_migrations.schema_migrations` exactly as the Supabase CLI does (version, name and
 * the migration's text in `statements`), so `supabase db push` and `uom db migrate` agree on
 * what has been applied.
 *
 * Released migrations are frozen. Before applying anything the runner compares every applied
 * migration's recorded text with its file and refuses, with one line naming the file, when they
 * differ (an edit to an applied file would otherwise be silently skipped on that database). A
 * database migrated with release 2026-11's nine files (squashed since into the baseline) is
 * recognised: the baseline is recorded as applied without running it, then later migrations apply.
 *
 * @example
 * const applied = await migrate(store); // ['20261202000100_one_clock', ...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readManifest, sha256, type Manifest } from './manifest.js';
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
alter table supabase_migrations.schema_migrations add column if not exists uom_checksum text;
`;

// Serialises concurrent runners on PostgreSQL (even `create schema if not exists` races there).
const lockFor = (store: SqlStore) => (store.kind === 'postgres' ? 'select pg_advisory_xact_lock(7235001);' : '');

/** One row of `supabase_migrations.schema_migrations`. */
export interface AppliedMigration {
  version: string;
  name: string | null;
  statements: string[] | null;
  /** SHA-256 of the file, recorded by our runner (the Supabase CLI leaves it null). */
  uom_checksum: string | null;
}

/** The migrations recorded as applied (creating the bookkeeping table when missing). */
export async function appliedMigrations(store: SqlStore): Promise<AppliedMigration[]> {
  await store.exec(`${lockFor(store)} ${BOOKKEEPING}`);
  return store.query<AppliedMigration>(
    'select version, name, statements, uom_checksum from supabase_migrations.schema_migrations order by version',
  );
}

/** Versions already recorded as applied. */
export async function appliedVersions(store: SqlStore): Promise<Set<string>> {
  return new Set((await appliedMigrations(store)).map((r) => r.version));
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A migration's text without comments, whitespace and semicolons, hashed: what stays equal
 * when the Supabase CLI records a file as a list of trimmed statements instead of one text.
 *
 * @example
 * fingerprint('select 1; -- one') === fingerprint('select 1\n'); // true
 */
export function fingerprint(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
      continue;
    }
    if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      continue;
    }
    const dollar = /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.exec(rest);
    const quoteChar = rest[0] === "'" || rest[0] === '"' ? rest[0] : undefined;
    if (dollar || quoteChar) {
      // Quoted text is kept as it is (with its spaces): only the code around it is normalised.
      const close = dollar ? dollar[0] : quoteChar!;
      const end = sql.indexOf(close, i + close.length);
      const stop = end < 0 ? sql.length : end + close.length;
      out += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (!/[\s;]/.test(sql[i]!)) out += sql[i];
    i++;
  }
  return sha256(out);
}

/**
 * True when the recorded statements are this migration's text as the Supabase CLI records it
 * (split into trimmed statements): compared without comments, whitespace and semicolons.
 * Rows our runner wrote carry `uom_checksum` and are compared exactly instead.
 *
 * @example
 * sameText(['select 1'], 'select 1;\n'); // true
 */
export function sameText(statements: string[] | null, sql: string): boolean {
  if (!statements) return true; // nothing recorded to compare with
  if (statements.length === 1 && statements[0] === sql) return true;
  return fingerprint(statements.join('\n;\n')) === fingerprint(sql);
}

function sameAsFile(row: AppliedMigration, sql: string): boolean {
  return row.uom_checksum ? row.uom_checksum === sha256(sql) : sameText(row.statements, sql);
}

/** A migration could not be applied, or the database does not match the files. */
export class MigrationError extends Error {
  readonly code: 'MIGRATION_FAILED' | 'MIGRATION_CHANGED' | 'MIGRATION_UNKNOWN_STATE' = 'MIGRATION_FAILED';
  constructor(message: string, options?: { cause?: unknown; code?: MigrationError['code'] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MigrationError';
    if (options?.code) this.code = options.code;
  }
}

/**
 * Checks every applied migration against its file and throws `MigrationError`
 * (`MIGRATION_CHANGED`, one line naming the file) on the first difference.
 *
 * @example
 * verifyApplied(await appliedMigrations(store), readMigrations(), readManifest());
 */
export function verifyApplied(rows: AppliedMigration[], migrations: Migration[], manifest: Manifest): void {
  const files = new Map(migrations.map((m) => [m.version, m]));
  const squashed = new Map(
    manifest.squashed.flatMap((s) => s.migrations.map((e) => [e.file.slice(0, 14), { ...e, release: s.release }] as const)),
  );
  for (const row of rows) {
    const file = files.get(row.version);
    if (file) {
      if (!sameAsFile(row, file.sql)) {
        throw new MigrationError(
          `supabase/migrations/${file.version}_${file.name}.sql differs from the migration applied to this database: released migrations are never edited; restore the file and put the change in a new migration`,
          { code: 'MIGRATION_CHANGED' },
        );
      }
      continue;
    }
    const old = squashed.get(row.version);
    if (old && row.statements) {
      // Release 2026-11's runner recorded the whole text; the Supabase CLI, split statements.
      const text = row.statements.length === 1 ? row.statements[0]! : undefined;
      const same = text !== undefined ? sha256(text) === old.sha256 : fingerprint(row.statements.join('\n;\n')) === old.fingerprint;
      if (!same) {
        throw new MigrationError(
          `this database applied an edited ${old.file} (release ${old.release}), not the released one: its schema differs from the baseline; compare it with tests/store/fixtures/release-${old.release}/${old.file} and repair it by hand`,
          { code: 'MIGRATION_CHANGED' },
        );
      }
    }
  }
}

/**
 * Records the baseline as applied on a database that applied the migrations it squashes (and
 * none of the baseline), moving their rows to `supabase_migrations.uom_squashed_migrations` so the
 * Supabase CLI sees exactly the files it has. Returns the release recognised, if any.
 */
async function recogniseSquashed(
  store: SqlStore,
  rows: AppliedMigration[],
  migrations: Migration[],
  manifest: Manifest,
): Promise<string | undefined> {
  const done = new Set(rows.map((r) => r.version));
  for (const squash of manifest.squashed) {
    const old = squash.migrations.map((e) => e.file.slice(0, 14));
    const present = old.filter((v) => done.has(v));
    if (present.length === 0) continue;
    const baseline = migrations.filter((m) => squash.into.includes(`${m.version}_${m.name}.sql`));
    if (baseline.length !== squash.into.length) {
      throw new MigrationError(`the baseline files of release ${squash.release} are missing from supabase/migrations`, {
        code: 'MIGRATION_UNKNOWN_STATE',
      });
    }
    if (baseline.every((m) => done.has(m.version))) continue; // recognised before
    if (present.length !== old.length) {
      throw new MigrationError(
        `this database applied only ${present.length} of the ${old.length} migrations of release ${squash.release}: migrate it with release ${squash.release} first`,
        { code: 'MIGRATION_UNKNOWN_STATE' },
      );
    }
    const list = old.map(quote).join(', ');
    const inserts = baseline
      .map((m) => `insert into supabase_migrations.schema_migrations (version, name, statements, uom_checksum)
                     values (${quote(m.version)}, ${quote(m.name)}, array[${quote(m.sql)}], ${quote(sha256(m.sql))})
                     on conflict (version) do nothing;`)
      .join('\n');
    await store.exec(`${lockFor(store)}
      create table if not exists supabase_migrations.uom_squashed_migrations
        (like supabase_migrations.schema_migrations including all);
      insert into supabase_migrations.uom_squashed_migrations
        select * from supabase_migrations.schema_migrations where version in (${list})
        on conflict (version) do nothing;
      delete from supabase_migrations.schema_migrations where version in (${list});
      ${inserts}`);
    return squash.release;
  }
  return undefined;
}

export interface MigrateOptions {
  /** The manifest (squashed releases); read from `supabase/migrations.manifest.json` by default. */
  manifest?: Manifest;
  /** Told about what the runner did besides applying files (a recognised squashed release). */
  log?: (line: string) => void;
}

/**
 * Applies pending migrations and returns their `<version>_<name>`s, after checking the applied
 * ones (see the module comment). On PostgreSQL an advisory lock serialises concurrent runners.
 */
export async function migrate(store: SqlStore, migrations = readMigrations(), options: MigrateOptions = {}): Promise<string[]> {
  const manifest = options.manifest ?? readManifest();
  let rows = await appliedMigrations(store);
  verifyApplied(rows, migrations, manifest);
  const release = await recogniseSquashed(store, rows, migrations, manifest);
  if (release) {
    options.log?.(`recognised the migrations of release ${release}: its baseline is recorded as applied`);
    rows = await appliedMigrations(store);
  }
  const applied: string[] = [];
  const lock = lockFor(store);
  for (const m of migrations) {
    if (rows.some((r) => r.version === m.version)) continue;
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
        insert into supabase_migrations.schema_migrations (version, name, statements, uom_checksum)
          values (${quote(m.version)}, ${quote(m.name)}, array[${quote(m.sql)}], ${quote(sha256(m.sql))});`);
      applied.push(`${m.version}_${m.name}`);
    } catch (error) {
      if ((error as { sqlState?: string }).sqlState === 'PT409') continue;
      throw new MigrationError(`Migration ${m.version}_${m.name} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return applied;
}
