/**
 * `npm start`: validates the configuration, opens the store, serves HTTP and runs the workers
 * until SIGINT/SIGTERM, then shuts down cleanly (in-flight turns finish, the lock is released).
 */
import { ConfigError, loadConfig, readDotEnv } from './config.js';
import { ContentError } from './content/messages.js';
import { StoreError } from './store/errors.js';
import { MigrationError } from './store/migrate.js';
import { startServer } from './server.js';

/** Prints a start-up failure as one line (no stack trace) and returns the exit code. */
export function reportStartupError(error: unknown): number {
  if (error instanceof ConfigError) {
    console.error(error.message);
    return 2;
  }
  if (error instanceof StoreError || error instanceof ContentError || error instanceof MigrationError) {
    console.error(`Cannot start: ${error.message}`);
    return error instanceof StoreError && error.code === 'LOCKED' ? 3 : 1;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    console.error(`Cannot start: the port is not available (${code}). Set PORT to a free port.`);
    return 1;
  }
  console.error(`Cannot start: ${(error as Error).message ?? String(error)}`);
  return 1;
}

async function main(): Promise<void> {
  let running;
  try {
    const config = loadConfig({ ...readDotEnv(), ...process.env });
    running = await startServer(config);
    console.log(`Ươm is running: open ${running.url} to chat with the bot.`);
  } catch (error) {
    process.exit(reportStartupError(error));
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

await main();
