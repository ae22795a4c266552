/**
 * An exclusive lock on the embedded database directory. PGlite keeps the database in one
 * process's memory and writes it to `DATA_DIR`; two servers writing the same directory corrupt
 * it, so the second one must stop with a clear message instead.
 *
 * The lock is an operating-system record lock (Linux open-file-description lock, `fcntl
 * F_OFD_SETLK`; `flock` on macOS) taken through `fs-native-extensions`, held on `uom.lock` for as
 * long as the process lives. Why not a pid file or a lease:
 * - a pid says nothing across PID namespaces (two containers on one volume are both PID 1) or
 *   hosts; the kernel's lock table does not care about pids at all;
 * - the kernel drops the lock when the process dies, however it dies (kill -9, OOM, power-off of
 *   a client on NFS after the lease of the lock manager): no stale lock to judge by time;
 * - a heartbeat lease would expire while PGlite blocks the event loop in a long synchronous
 *   query or migration, letting a second server in; a kernel lock cannot expire that way.
 * Containers on one host share the kernel; hosts sharing the folder over NFS get the lock
 * through the NFS lock manager (POSIX locks are forwarded). The file's text (pid, host, start
 * time) is only there to name the owner in the message; it is never used to decide anything.
 *
 * @example
 * const release = acquireDirectoryLock('./data');
 * // ... use the database ...
 * release();
 */
import { closeSync, constants, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { DatabaseLockedError } from './errors.js';

type NativeLocks = typeof import('fs-native-extensions');
let native: NativeLocks | undefined;

/** The native module, loaded on first use: a server on PostgreSQL never needs it. */
function locks(): NativeLocks {
  native ??= createRequire(import.meta.url)('fs-native-extensions') as NativeLocks;
  return native;
}

export const LOCK_FILE_NAME = 'uom.lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function describeOwner(path: string): string {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string') {
      return `another server (process ${owner.pid} on host ${owner.host}${owner.since ? `, since ${owner.since}` : ''})`;
    }
  } catch {
    // An owner that has not written its details yet, or an old-format file: still locked.
  }
  return 'another server';
}

/**
 * Takes the lock or throws `DatabaseLockedError` (code `LOCKED`). The returned function releases
 * it (also released by the kernel when the process ends).
 *
 * @example
 * const release = acquireDirectoryLock(config.DATA_DIR);
 */
export function acquireDirectoryLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE_NAME);
  // Read-write, created when missing, never truncated before the lock is ours.
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  let locked: boolean;
  try {
    locked = locks().tryLock(fd);
  } catch (error) {
    closeSync(fd);
    throw new DatabaseLockedError('LOCKED', `Could not lock ${path}: ${(error as Error).message}`);
  }
  if (!locked) {
    closeSync(fd);
    throw new DatabaseLockedError(
      'LOCKED',
      `The embedded database in ${dir} is in use by ${describeOwner(path)}. Stop it first, or set DATA_DIR to another directory.`,
    );
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  ftruncateSync(fd, 0);
  writeSync(fd, JSON.stringify(owner), 0);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // The file stays: deleting a locked file lets a newcomer lock a fresh inode while an old
    // opener still holds the previous one.
    try {
      ftruncateSync(fd, 0);
      locks().unlock(fd);
    } finally {
      closeSync(fd);
    }
  };
}
