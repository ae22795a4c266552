/**
 * The staff roster: who may act in the staff group.
 *
 * @example
 * uom staff add --telegram 123456789 --role admin --name "Lan"
 * uom staff list
 * uom staff remove --telegram 123456789
 * uom staff invite --email lan@trungtam.vn --role staff --name "Lan"   (console e-mail + password)
 */
import type { Command } from 'commander';
import { addStaff, listStaff, removeStaff, type StaffRole } from './roster.js';
import { inviteStaff } from '../console/invite.js';
import { CommandError, runCommand } from '../../command/context.js';

function telegramId(value: string | undefined): string {
  if (!value || !/^\d{1,20}$/.test(value)) {
    throw new CommandError('--telegram needs the numeric Telegram user id (ask the person to message @userinfobot)', 2);
  }
  return value;
}

function role(value: string): StaffRole {
  if (value !== 'admin' && value !== 'staff') throw new CommandError('--role is admin or staff', 2);
  return value;
}

/**
 * Registers `uom staff add|list|remove`.
 *
 * @example
 * registerStaffCommands(program);
 */
export function registerStaffCommands(program: Command): void {
  const staff = program.command('staff').description('staff roster for the Telegram staff group');
  staff
    .command('add')
    .description('add a staff member (or change their role)')
    .requiredOption('--telegram <id>', 'Telegram user id')
    .option('--role <role>', 'admin or staff', 'staff')
    .option('--name <name>', 'display name')
    .action((options: { telegram: string; role: string; name?: string }) =>
      runCommand(async ({ store }) => {
        const member = await addStaff(store, telegramId(options.telegram), role(options.role), options.name);
        console.log(`${member.telegram_user_id} is ${member.role}`);
      }),
    );
  staff
    .command('list')
    .description('everyone on the roster')
    .action(() =>
      runCommand(async ({ store }) => {
        const members = await listStaff(store);
        if (members.length === 0) console.log('no staff yet: uom staff add --telegram <id> --role admin');
        else console.table(members.map((m) => ({ telegram: m.telegram_user_id, role: m.role, name: m.display_name ?? '' })));
      }),
    );
  staff
    .command('invite')
    .description('invite a staff member to the web console (/staff) with e-mail and password')
    .requiredOption('--email <email>', 'their e-mail address (their console sign-in)')
    .option('--role <role>', 'admin or staff', 'staff')
    .option('--name <name>', 'display name')
    .option('--telegram <id>', 'their Telegram user id, if they also work in the staff group')
    .action((options: { email: string; role: string; name?: string; telegram?: string }) =>
      runCommand(async ({ config, store }) => {
        const invite = await inviteStaff(store, config, {
          email: options.email, role: role(options.role), ...(options.name ? { name: options.name } : {}),
          ...(options.telegram ? { telegramUserId: telegramId(options.telegram) } : {}),
        });
        console.log(`Send this one-time link to ${options.email} (valid ${invite.expiresInDays} days):\n${invite.url}`);
      }),
    );
  staff
    .command('remove')
    .description('remove a staff member')
    .requiredOption('--telegram <id>', 'Telegram user id')
    .action((options: { telegram: string }) =>
      runCommand(async ({ store }) => {
        const removed = await removeStaff(store, telegramId(options.telegram));
        if (!removed) throw new CommandError(`${options.telegram} is not on the roster`);
        console.log(`${options.telegram} removed`);
      }),
    );
}
