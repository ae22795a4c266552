/**
 * Registering the bot with Telegram: the webhook (with its secret token and the Update types we
 * handle) and the "/" command menu in Vietnamese, English and a Vietnamese default for every
 * other language (https://core.telegram.org/bots/api#setwebhook, #setmycommands).
 *
 * @example
 * const api = telegramApi(config);
 * await registerWebhook(api, config);
 * await publishCommands(api, loadMessages(config.CONTENT_DIR));
 */
import type { Api } from 'grammy';
import { createTelegramApi } from './api-client.js';
import type { BotCommand } from 'grammy/types';
import type { Config } from '../../../config.js';
import { translator, type Locale, type MessageCatalog } from '../../../content/messages.js';
import { ALLOWED_UPDATES, WEBHOOK_PATH } from './telegram-channel.js';

/** The commands in the "/" menu, in the order shown; each has a text `telegram.command.<name>`. */
export const BOT_COMMANDS = ['start', 'menu', 'lang', 'me', 'forget', 'link', 'help', 'stop', 'subscribe'] as const;

/** A setting `uom telegram …` needs but the configuration lacks. */
export class TelegramSetupError extends Error {
  readonly code = 'TELEGRAM_SETUP';
  constructor(message: string) {
    super(message);
    this.name = 'TelegramSetupError';
  }
}

/**
 * A grammY `Api` for the configured bot.
 *
 * @example
 * const me = await telegramApi(config).getMe();
 */
export function telegramApi(config: Config): Api {
  if (!config.TELEGRAM_BOT_TOKEN) throw new TelegramSetupError('TELEGRAM_BOT_TOKEN is not set (get one from @BotFather)');
  return createTelegramApi({ token: config.TELEGRAM_BOT_TOKEN, ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}) });
}

/**
 * The webhook URL for a configuration: `PUBLIC_URL` + `/telegram/webhook`.
 *
 * @example
 * webhookUrl(config); // 'https://bot.example.vn/telegram/webhook'
 */
export function webhookUrl(config: Config): string {
  if (!config.PUBLIC_URL) throw new TelegramSetupError('PUBLIC_URL is not set (the https address Telegram should call)');
  return new URL(WEBHOOK_PATH, config.PUBLIC_URL.endsWith('/') ? config.PUBLIC_URL : `${config.PUBLIC_URL}/`).toString();
}

/**
 * Registers the webhook with its secret token and the Update types the bot handles.
 *
 * @example
 * const url = await registerWebhook(api, config);
 */
export async function registerWebhook(api: Api, config: Config): Promise<string> {
  const url = webhookUrl(config);
  if (!config.TELEGRAM_WEBHOOK_SECRET) throw new TelegramSetupError('TELEGRAM_WEBHOOK_SECRET is not set (1-256 characters of A-Z, a-z, 0-9, _ and -)');
  await api.setWebhook(url, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, allowed_updates: [...ALLOWED_UPDATES] });
  return url;
}

/**
 * The command list in one language, from `content/messages/telegram.yaml`.
 *
 * @example
 * botCommands(catalog, 'en')[0]; // { command: 'start', description: 'Start talking to Ươm' }
 */
export function botCommands(catalog: MessageCatalog, locale: Locale): BotCommand[] {
  const t = translator(catalog, locale);
  return BOT_COMMANDS.map((command) => ({ command, description: t(`telegram.command.${command}`).slice(0, 256) }));
}

/**
 * Publishes the command menu for Vietnamese, English, and (in Vietnamese) everyone else.
 *
 * @example
 * await publishCommands(api, catalog);
 */
export async function publishCommands(api: Api, catalog: MessageCatalog): Promise<void> {
  await api.setMyCommands(botCommands(catalog, 'vi'), { language_code: 'vi' });
  await api.setMyCommands(botCommands(catalog, 'en'), { language_code: 'en' });
  await api.setMyCommands(botCommands(catalog, 'vi'));
}
