/**
 * Shared plumbing for `uom` commands: the validated configuration and a store that is opened
 * on first use and always closed, with errors printed as one line (exit code 2 for settings).
 *
 * @example
 * program.command('status').action(() => runCommand(async ({ store }) => {
 *   console.log(await store.call('queue_stats'));
 * }));
 */
import type { Config } from '../config.js';
import { ConfigError, loadConfig, readDotEnv, storageKind } from '../config.js';
import { ContentError } from '../content/messages.js';
import { DatabaseLockedError, StoreError } from '../store/errors.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { connectLocalStore } from '../store/local-client.js';
import { MigrationError } from '../store/migrate.js';
import { openStore, type OpenStoreOptions } from '../store/open.js';
import { systemClock, type Clock, type Store } from '../store/store.js';
import { useCentreTimeZone } from '../clock/time-zone.js';

export interface CommandContext {
  config: Config;
  /** Opens the configured store (migrated unless the command says otherwise). */
  store: Store;
  /** The command's clock, also the store's (SQL's `public.uom_now()`). */
  clock: Clock;
}

/**
 * The CLI's clock: the machine's, or one that starts at `UOM_NOW` (an ISO instant, to reproduce
 * what a command did at another moment) and runs on from there.
 *
 * @example
 * cliClock({ UOM_NOW: '2027-09-02T16:30:00Z' })(); // 2027-09-02T16:30:00.000Z (plus the time since)
 */
export function cliClock(env: Record<string, string | undefined>): Clock {
  const start = env.UOM_NOW?.trim();
  if (!start) return systemClock;
  const at = new Date(start);
  if (Number.isNaN(at.getTime())) throw new CommandError(`UOM_NOW must be an ISO date and time such as 2027-09-02T16:30:00Z, not "${start}"`, 2);
  const offset = at.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/** An error meant for the person at the terminal: printed without a stack trace. */
export class CommandError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CommandError';
  }
}

export async function runCommand(
  action: (ctx: CommandContext) => Promise<void>,
  options: OpenStoreOptions & { env?: Record<string, string | undefined> } = {},
): Promise<void> {
  let store: Store | undefined;
  try {
    const env = options.env ?? { ...readDotEnv(), ...process.env };
    const config = loadConfig(env);
    useCentreTimeZone(config.TIME_ZONE);
    const clock = cliClock(env);
    store = await openCommandStore(config, { clock, ...options });
    await action({ config, store, clock });
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  } finally {
    await store?.close();
  }
}

/**
 * Opens the configured store. With the embedded database held by a running server (its lock is
 * taken), the command runs through that server instead (`src/store/local-server.ts`), so staff
 * need not stop the bot; with no server, the database is opened directly as before.
 *
 * @example
 * const store = await openCommandStore(loadConfig(process.env)); // direct, or via the running server
 */
export async function openCommandStore(
  config: Config,
  options: OpenStoreOptions = {},
): Promise<Store> {
  warnIfNewEmbeddedDatabase(config);
  try {
    return await openStore(config, options);
  } catch (error) {
    if (!(error instanceof DatabaseLockedError) || storageKind(config) !== 'embedded') throw error;
    const viaServer = await connectLocalStore(config.DATA_DIR);
    if (viaServer) return options.clock ? viaServer.withClock(options.clock) : viaServer;
    // Held by a process that serves nothing: another command, or a server still starting up.
    throw new DatabaseLockedError(
      'LOCKED',
      `${error.message.replace(/\. Stop it first.*$/, '')} and does not serve uom commands (yet): try again in a moment, or when it has finished.`,
    );
  }
}

/**
 * A command run from another folder than the server's, without its `DATA_DIR`, would silently
 * make a new, empty database there ("no open tickets"): say so, once, on stderr.
 */
function warnIfNewEmbeddedDatabase(config: Config): void {
  if (storageKind(config) !== 'embedded' || existsSync(join(config.DATA_DIR, 'pg', 'PG_VERSION'))) return;
  console.error(
    `uom: no database in ${resolve(config.DATA_DIR)} yet; a new, empty one is made there. ` +
      'To work with the running bot\'s data, run uom from its folder or set DATA_DIR to its data folder.',
  );
}

function exitCodeFor(error: unknown): number {
  if (error instanceof ConfigError) {
    console.error(error.message);
    return 2;
  }
  if (
    error instanceof CommandError ||
    error instanceof StoreError ||
    error instanceof MigrationError ||
    error instanceof ContentError
  ) {
    console.error(`uom: ${error.message}`);
    return error instanceof CommandError ? error.exitCode : 1;
  }
  console.error(`uom: ${(error as Error).message ?? String(error)}`);
  return 1;
}
