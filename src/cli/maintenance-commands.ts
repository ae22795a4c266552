/**
 * `uom prune`: clears message text the bot no longer needs (retention under Decree 13/2023).
 * Safe to run from cron; the server also runs it once a day (`src/bot/housekeeping.ts`).
 */
import type { Command } from 'commander';
import { pruneOldData } from '../bot/housekeeping.js';
import { runCommand } from '../command/context.js';

export function registerMaintenanceCommands(program: Command): void {
  program
    .command('prune')
    .description('clear processed message payloads past the retention period')
    .option('--inbox-days <n>', 'days to keep inbound message text', '30')
    .option('--outbox-days <n>', 'days to keep sent message text', '30')
    .option('--messages-days <n>', 'days to keep the conversation log', '365')
    .action((opts: { inboxDays: string; outboxDays: string; messagesDays: string }) =>
      runCommand(async ({ store }) => {
        const result = await pruneOldData(store, {
          inboxDays: Number(opts.inboxDays),
          outboxDays: Number(opts.outboxDays),
          messagesDays: Number(opts.messagesDays),
        });
        console.log(`Pruned ${result.inbox} inbound and ${result.outbox} outbound payloads, deleted ${result.messages} log messages.`);
      }),
    );
}
