/**
 * The embedded database is guarded by an operating-system lock: a second server gets one clear
 * line and exit code 3, whether it runs next to the first, in another PID namespace (another
 * container on the same volume, where both are PID 1) or after the first one died.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseLockedError } from '../../src/store/errors.js';
import { acquireDirectoryLock, LOCK_FILE_NAME } from '../../src/store/lockfile.js';
import { openPglite } from '../../src/store/pglite-driver.js';
import { runScript, startScript, stopScript } from '../support/spawn.js';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const LOCKED_LINE = /^Cannot start: The embedded database in .+ is in use by another server \(process \d+ on host [^,]+, since [0-9T:.Z-]+\)\. Stop it first, or set DATA_DIR to another directory\.$/;

/** A server start-up (tsx, migrations on a fresh PGlite) takes minutes on a loaded 2-core machine. */
const START_MS = 240_000;

let children: ChildProcess[] = [];
let namespaced: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children) await stopScript(child);
  // unshare ignores SIGTERM while it waits; SIGKILL makes it send SIGTERM to the server (--kill-child).
  for (const child of namespaced) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }
  children = [];
  namespaced = [];
});

/** `unshare --pid --fork` works only as root (or with user namespaces); CI runs as root. */
const canUnshare = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;

/** Runs `src/main.ts` as PID 1 of a new PID namespace; resolves with its exit code and output. */
function inNamespace(env: Record<string, string>, ready?: RegExp): Promise<{ child: ChildProcess; code: Promise<number | null>; out: () => string; err: () => string; ready: Promise<void> }> {
  const child = spawn('unshare', ['--pid', '--fork', '--mount-proc', '--kill-child=SIGTERM', TSX, 'src/main.ts'], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
  });
  let out = '';
  let err = '';
  let markReady: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (ready?.test(out)) markReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  return Promise.resolve({ child, code, out: () => out, err: () => err, ready: readyPromise });
}

describe('embedded database lock', () => {
  it('refuses a second process with one line that names the owner, then opens after it stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'uom-lock-'));
    const started = await startScript('src/main.ts', { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, /Ươm is running/, START_MS);
    children.push(started.child);

    const second = await runScript('src/main.ts', [], { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, START_MS);
    expect(second.code).toBe(3);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr.trim()).toMatch(LOCKED_LINE);
    await expect(openPglite({ dataDir })).rejects.toBeInstanceOf(DatabaseLockedError);

    expect(await stopScript(started.child)).toBe(0);
    children = [];
    const store = await openPglite({ dataDir });
    expect(await store.ping()).toBe(true);
    await store.close();
  }, 2 * START_MS + 60_000); // two server start-ups in child processes

  it.skipIf(!canUnshare)('holds across PID namespaces: two PID-1 servers on one DATA_DIR, the second refuses', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'uom-ns-lock-'));
    const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const first = await inNamespace(env, /Ươm is running/);
    namespaced.push(first.child);
    await Promise.race([first.ready, first.code.then((c) => { throw new Error(`first server exited ${c}: ${first.err()}`); })]);
    // The owner's pid is one of its own namespace (tsx is PID 1 there, node its child), which
    // means nothing here: the old pid check judged it by a process of ours with that number.
    const owner = JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')) as { pid: number };
    expect(owner.pid).toBeLessThan(100);

    const second = await inNamespace(env);
    namespaced.push(second.child);
    expect(await second.code).toBe(3);
    expect(second.err().trim().split('\n')).toHaveLength(1);
    expect(second.err().trim()).toMatch(LOCKED_LINE);
    expect(second.err()).toContain(`process ${owner.pid} on host`);
    expect(second.out()).not.toMatch(/Ươm is running/);
  }, 2 * START_MS + 60_000);

  it('is released by the kernel when the owner dies, whatever its lock file says', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'uom-dead-'));
    const holder = spawn(process.execPath, ['-e', `
      const fsx = require('fs-native-extensions'); const fs = require('fs');
      const fd = fs.openSync(${JSON.stringify(join(dataDir, LOCK_FILE_NAME))}, 'a+');
      console.log(fsx.tryLock(fd) ? 'held' : 'busy'); setInterval(() => {}, 1000);`], { cwd: process.cwd() });
    children.push(holder);
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    expect(() => acquireDirectoryLock(dataDir)).toThrow(DatabaseLockedError);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    children = [];
    const release = acquireDirectoryLock(dataDir);
    release();
  });

  it('takes a directory whose lock file was left by a crashed server of an older version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uom-stale-'));
    writeFileSync(join(dir, LOCK_FILE_NAME), '999999999');
    const release = acquireDirectoryLock(dir);
    // A second opener in the same process is refused too: the lock belongs to the open file, not the pid.
    expect(() => acquireDirectoryLock(dir)).toThrow(/in use by another server \(process \d+ on host/);
    release();
    acquireDirectoryLock(dir)();
  });
});
