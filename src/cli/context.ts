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
import { ConfigError, loadConfig, readDotEnv } from '../config.js';
import { ContentError } from '../content/messages.js';
import { StoreError } from '../store/errors.js';
import { MigrationError } from '../store/migrate.js';
import { openStore, type OpenStoreOptions } from '../store/open.js';
import type { Store } from '../store/store.js';

export interface CommandContext {
  config: Config;
  /** Opens the configured store (migrated unless the command says otherwise). */
  store: Store;
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
    const config = loadConfig(options.env ?? { ...readDotEnv(), ...process.env });
    store = await openStore(config, options);
    await action({ config, store });
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  } finally {
    await store?.close();
  }
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
