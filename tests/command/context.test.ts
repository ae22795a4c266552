/**
 * Which store a `uom` command gets with the embedded database: the database itself when no
 * process holds it, and a clear "try again" when a process holds the lock without serving it
 * (another command, or a server still starting). The running-server case is in
 * served-commands.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCommandStore } from '../../src/command/context.js';
import { DatabaseLockedError } from '../../src/store/errors.js';
import { LocalClientStore } from '../../src/store/local-client.js';
import { testConfig } from '../support/config.js';
import { startScript, stopScript } from '../support/spawn.js';

describe('openCommandStore (embedded)', () => {
  it('opens the database directly when no process holds it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'uom-cmd-'));
    const store = await openCommandStore(testConfig({ DATA_DIR: dataDir }), { migrate: false });
    try {
      expect(store.kind).toBe('embedded');
      expect(store).not.toBeInstanceOf(LocalClientStore);
      expect(await store.ping()).toBe(true);
    } finally {
      await store.close();
    }
  }, 180_000); // a new data directory runs initdb (slow on a loaded machine)

  it('says to try again when the holder serves no local socket', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'uom-cmd-'));
    const holder = await startScript('tests/cli/fixtures/hold-lock.ts', { DATA_DIR: dataDir }, /locked/);
    try {
      const error = await openCommandStore(testConfig({ DATA_DIR: dataDir })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseLockedError);
      expect((error as DatabaseLockedError).code).toBe('LOCKED');
      expect((error as Error).message).toMatch(/is in use by .+ and does not serve uom commands \(yet\): try again/);
    } finally {
      await stopScript(holder.child);
    }
  }, 60_000);
});
