/**
 * The migrations manifest (`supabase/migrations.manifest.json`): every migration file with the
 * SHA-256 of its text, and which release froze it. Released migrations are never edited (an edit
 * would be silently skipped by every database that already applied the file); a test compares
 * the manifest with the files, and `uom db manifest` adds new files and refreshes unreleased ones.
 *
 * The manifest also names the migrations that were squashed into the baseline (release 2026-11's
 * nine files), so the runner can recognise a database migrated with them.
 *
 * @example
 * const manifest = readManifest();
 * const problems = checkManifest(manifest, readMigrations()); // [] when every file matches
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const MANIFEST_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'supabase', 'migrations.manifest.json');

const Entry = z.object({
  file: z.string().regex(/^\d{14}_[a-z0-9_]+\.sql$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The release that froze this file; absent while the file is still being written. */
  released: z.string().optional(),
});

const Squashed = z.object({
  /** Release whose migrations these were. */
  release: z.string(),
  /** The baseline files that replace them, applied to a fresh database instead. */
  into: z.array(z.string()),
  /** Each file with its SHA-256 and `fingerprint` (for databases the Supabase CLI migrated). */
  migrations: z.array(Entry.omit({ released: true }).extend({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export const ManifestSchema = z.object({
  migrations: z.array(Entry),
  squashed: z.array(Squashed).default([]),
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestEntry = z.infer<typeof Entry>;

/**
 * SHA-256 (hex) of a migration's text, as the manifest records it.
 *
 * @example
 * sha256('select 1;'); // 64 hex digits
 */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads and validates the manifest; an empty one when the file does not exist yet. */
export function readManifest(path = MANIFEST_PATH): Manifest {
  if (!existsSync(path)) return { migrations: [], squashed: [] };
  return ManifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Writes the manifest with one entry per line, so merges of new migrations stay readable. */
export function writeManifest(manifest: Manifest, path = MANIFEST_PATH): void {
  const line = (value: unknown) => `    ${JSON.stringify(value)}`;
  const text = [
    '{',
    '  "migrations": [',
    manifest.migrations.map(line).join(',\n'),
    '  ],',
    `  "squashed": ${JSON.stringify(manifest.squashed, null, 2).replace(/\n/g, '\n  ')}`,
    '}',
    '',
  ].join('\n');
  writeFileSync(path, text);
}

interface MigrationText {
  version: string;
  name: string;
  sql: string;
}

const fileOf = (m: MigrationText) => `${m.version}_${m.name}.sql`;

/**
 * What is wrong between the files and the manifest, one line each: a released file edited, a
 * file missing from the manifest, an entry without a file, an unreleased entry out of date.
 *
 * @example
 * checkManifest(readManifest(), readMigrations()); // ['20261202000100_one_clock.sql is not in ...']
 */
export function checkManifest(manifest: Manifest, migrations: MigrationText[]): string[] {
  const problems: string[] = [];
  const listed = new Map(manifest.migrations.map((e) => [e.file, e]));
  const files = new Set(migrations.map(fileOf));
  for (const m of migrations) {
    const entry = listed.get(fileOf(m));
    if (!entry) {
      problems.push(`${fileOf(m)} is not in supabase/migrations.manifest.json: run \`uom db manifest\``);
    } else if (entry.sha256 !== sha256(m.sql)) {
      problems.push(
        entry.released
          ? `${fileOf(m)} was released in ${entry.released} and has been edited: restore it and put the change in a new migration`
          : `${fileOf(m)} changed since the manifest was written: run \`uom db manifest\``,
      );
    }
  }
  for (const e of manifest.migrations) {
    if (!files.has(e.file)) problems.push(`${e.file} is listed in the manifest but the file is missing`);
  }
  return problems;
}

/**
 * The manifest brought up to date with the files: new files added, unreleased entries
 * re-hashed. Released entries are never changed (the caller reports `checkManifest`'s problems).
 * With `release`, every unreleased entry is marked as released under that name.
 *
 * @example
 * writeManifest(updateManifest(readManifest(), readMigrations()));
 */
export function updateManifest(manifest: Manifest, migrations: MigrationText[], release?: string): Manifest {
  const entries = new Map(manifest.migrations.filter((e) => e.released).map((e) => [e.file, e]));
  for (const m of migrations) {
    if (entries.has(fileOf(m))) continue; // released: frozen, even when the file was edited
    entries.set(fileOf(m), { file: fileOf(m), sha256: sha256(m.sql), ...(release ? { released: release } : {}) });
  }
  const sorted = [...entries.values()].sort((a, b) => a.file.localeCompare(b.file));
  return { ...manifest, migrations: sorted };
}
