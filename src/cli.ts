/**
 * The `uom` command. Each area registers its sub-commands in its own file; this file only
 * lists them.
 *
 * @example
 * uom db migrate
 * uom status
 */
import { Command } from 'commander';
import { registerBroadcastCommands } from './cli/broadcast-commands.js';
import { registerBookingCommands } from './cli/booking-commands.js';
import { registerDbCommands } from './cli/db-commands.js';
import { registerKbCommands } from './cli/kb-commands.js';
import { registerMaintenanceCommands } from './cli/maintenance-commands.js';
import { registerNluCommands } from './cli/nlu-commands.js';
import { runCommand } from './cli/context.js';
import { registerStaffCommands } from './cli/staff-commands.js';
import { registerSurveyCommands } from './cli/survey-commands.js';
import { registerTelegramCommands } from './cli/telegram-commands.js';
import { registerTicketCommands } from './cli/ticket-commands.js';
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
  registerNluCommands(program);
  return program;
}

await buildProgram().parseAsync(process.argv);
