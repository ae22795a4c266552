/**
 * Kept for commands not yet moved beside their feature (`kb-commands.ts`, `nlu-commands.ts`):
 * the command runner lives in `src/command/context.ts`, below the features, so each feature's
 * own `cli.ts` can use it.
 *
 * @example
 * import { runCommand } from './context.js';
 */
export { CommandError, cliClock, openCommandStore, runCommand, type CommandContext } from '../command/context.js';
