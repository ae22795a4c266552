/**
 * `uom telegram …`: register or remove the webhook and show what Telegram knows about the bot.
 * These commands only talk to Telegram, so they do not open the database (an embedded
 * database stays free for the running server).
 *
 * @example
 * uom telegram set-webhook     # setWebhook + setMyCommands (vi, en, default)
 * uom telegram delete-webhook  # back to long polling
 * uom telegram info            # getMe + getWebhookInfo
 */
import type { Command } from 'commander';
import { GrammyError, HttpError } from 'grammy';
import { publishCommands, registerWebhook, telegramApi, TelegramSetupError } from '../bot/channels/telegram/setup.js';
import { ConfigError, loadConfig, readDotEnv, type Config } from '../config.js';
import { ContentError, loadMessages } from '../content/messages.js';
import { formatInstant } from '../clock/time-zone.js';

type Print = (line: string) => void;

/**
 * Registers the webhook and the command menu, printing what was done.
 *
 * @example
 * await setWebhookCommand(config, console.log);
 */
export async function setWebhookCommand(config: Config, print: Print): Promise<void> {
  const api = telegramApi(config);
  const catalog = loadMessages(config.CONTENT_DIR);
  const url = await registerWebhook(api, config);
  print(`Webhook registered: ${url}`);
  await publishCommands(api, catalog);
  print('Command menu published (vi, en, default).');
}

/**
 * Removes the webhook (the bot then needs long polling: start it without PUBLIC_URL).
 *
 * @example
 * await deleteWebhookCommand(config, console.log);
 */
export async function deleteWebhookCommand(config: Config, print: Print): Promise<void> {
  await telegramApi(config).deleteWebhook();
  print('Webhook removed. Start Ươm without PUBLIC_URL to use long polling.');
}

/**
 * Prints the bot's identity and webhook state (URL, pending updates, last error).
 *
 * @example
 * await infoCommand(config, console.log);
 */
export async function infoCommand(config: Config, print: Print): Promise<void> {
  const api = telegramApi(config);
  const me = await api.getMe();
  const hook = await api.getWebhookInfo();
  print(`Bot: @${me.username} (id ${me.id})`);
  print(`Webhook: ${hook.url || '(none: long polling)'}`);
  print(`Pending updates: ${hook.pending_update_count}`);
  if (hook.allowed_updates) print(`Allowed updates: ${hook.allowed_updates.join(', ')}`);
  if (hook.last_error_message) {
    print(`Last error: ${hook.last_error_message} (${formatInstant((hook.last_error_date ?? 0) * 1000)})`);
  }
}

/** Runs a Telegram command with the configuration, printing errors as one line. */
async function run(action: (config: Config, print: Print) => Promise<void>): Promise<void> {
  try {
    await action(loadConfig({ ...readDotEnv(), ...process.env }), (line) => console.log(line));
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (error instanceof TelegramSetupError || error instanceof ContentError) {
      console.error(`uom: ${error.message}`);
      process.exitCode = 2;
    } else if (error instanceof GrammyError) {
      console.error(`uom: Telegram refused (${error.error_code}): ${error.description}`);
      process.exitCode = 1;
    } else if (error instanceof HttpError) {
      console.error(`uom: cannot reach the Telegram Bot API: ${error.message}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}

/**
 * Adds `uom telegram set-webhook | delete-webhook | info`.
 *
 * @example
 * registerTelegramCommands(program);
 */
export function registerTelegramCommands(program: Command): void {
  const telegram = program.command('telegram').description('Telegram bot setup');
  telegram
    .command('set-webhook')
    .description('register PUBLIC_URL/telegram/webhook with its secret token, and the command menu in vi/en')
    .action(() => run(setWebhookCommand));
  telegram
    .command('delete-webhook')
    .description('remove the webhook (use long polling instead)')
    .action(() => run(deleteWebhookCommand));
  telegram.command('info').description("show the bot's name and webhook state").action(() => run(infoCommand));
}
