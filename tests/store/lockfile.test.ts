/** The embedded database is guarded by a lock file: a second process gets a clear error. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseLockedError } from '../../src/store/errors.js';
import { acquireDirectoryLock, LOCK_FILE_NAME } from '../../src/store/lockfile.js';
import { openPglite } from '../../src/store/pglite-driver.js';
import { runScript, startScript, stopScript } from '../support/spawn.js';
import type { ChildProcess } from 'node:child_process';

let child: ChildProcess | undefined;
afterEach(async () => {
  if (child) await stopScript(child);
  child = undefined;
});

describe('embedded database lock', () => {
  it('refuses a second process with a message that names the owner, then opens after it stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'uom-lock-'));
    const started = await startScript('src/main.ts', { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, /Ươm is running/);
    child = started.child;

    const second = await runScript('src/main.ts', [], { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(second.code).toBe(3);
    // tsx runs the script in a child process, so the owner is that process, not child.pid.
    expect(second.stderr.trim()).toMatch(
      new RegExp(`^Cannot start: The embedded database in ${dataDir} is in use by process \\d+\\. Stop it first, or set DATA_DIR to another directory\\.$`),
    );
    await expect(openPglite({ dataDir })).rejects.toBeInstanceOf(DatabaseLockedError);

    expect(await stopScript(child)).toBe(0);
    child = undefined;
    const store = await openPglite({ dataDir });
    expect(await store.ping()).toBe(true);
    await store.close();
  }, 180_000); // two server start-ups in child processes

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uom-stale-'));
    writeFileSync(join(dir, LOCK_FILE_NAME), '999999999');
    const release = acquireDirectoryLock(dir);
    expect(typeof release).toBe('function');
    release();
  });
});
