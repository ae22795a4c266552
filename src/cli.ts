/**
 * The `uom` command. Each feature registers its sub-commands in its own folder (`cli.ts` beside
 * it); the entry layer's own commands (database, channels' set-up, maintenance) are in
 * `src/cli/`. This file only assembles them.
 *
 * @example
 * uom db migrate
 * uom status
 */
import { Command } from 'commander';
import { registerBroadcastCommands } from './staff/broadcast/cli.js';
import { registerBookingCommands } from './flows/booking/cli.js';
import { registerApplicationCommands } from './flows/programmes/cli.js';
import { registerDbCommands } from './cli/db-commands.js';
import { registerKbCommands } from './knowledge/cli.js';
import { registerMaintenanceCommands } from './cli/maintenance-commands.js';
import { registerNluCommands } from './nlu/cli.js';
import { runCommand } from './command/context.js';
import { registerStaffCommands } from './staff/workspace/cli.js';
import { registerSurveyCommands } from './flows/surveys/cli.js';
import { registerTelegramCommands } from './cli/telegram-commands.js';
import { registerTicketCommands } from './staff/handoff/cli.js';
import { registerZaloCommands } from './cli/zalo-commands.js';

export function buildProgram(): Command {
  const program = new Command('uom').description('Ươm — chat assistant for startup-support centres').showHelpAfterError();
  program
    .command('start')
    .description('start the server (same as npm start)')
    .action(async () => {
      await import('./main.js');
    });
  program
    .command('status')
    .description('inbox and outbox counts by status')
    .action(() =>
      runCommand(async ({ store }) => {
        console.log(JSON.stringify(await store.call('queue_stats'), null, 2));
      }),
    );
  registerDbCommands(program);
  registerKbCommands(program);
  registerTelegramCommands(program);
  registerZaloCommands(program);
  registerMaintenanceCommands(program);
  registerStaffCommands(program);
  registerTicketCommands(program);
  registerBookingCommands(program);
  registerBroadcastCommands(program);
  registerSurveyCommands(program);
  registerApplicationCommands(program);
  registerNluCommands(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
