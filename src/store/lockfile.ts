/**
 * An exclusive lock on the embedded database directory. PGlite keeps the database in one
 * process's memory and flushes it to `DATA_DIR`; two processes writing the same directory would
 * corrupt it, so the second one must stop with a clear message instead.
 *
 * @example
 * const release = acquireDirectoryLock('./data');
 * // ... use the database ...
 * release();
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseLockedError } from './errors.js';

export const LOCK_FILE_NAME = 'uom.lock';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws `DatabaseLockedError`; a lock left by a dead process is taken over. */
export function acquireDirectoryLock(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processIsAlive(owner)) {
        throw new DatabaseLockedError(
          'LOCKED',
          `The embedded database in ${dir} is in use by process ${owner}. Stop it first, or set DATA_DIR to another directory.`,
        );
      }
      rmSync(path, { force: true }); // stale lock from a crashed process
    }
  }
  throw new DatabaseLockedError('LOCKED', `Could not lock ${dir}`);
}
