/**
 * The channels a bot can have, and which of them a configuration switches on. A channel whose
 * settings are absent is off; the web chat is always on.
 *
 * Adding a platform is its adapter folder, its id in `CHANNEL_IDS` and its line in `CHANNELS`
 * (the compiler asks for it): the `ChannelId` type, the ids other code lists and the database's
 * `public.channels` rows (registered at start-up by `createBot`) all come from here.
 *
 * @example
 * const adapters = await configuredChannels(config); // [WebChannel, TelegramChannel] with a bot token
 */
import type { Config } from '../../config.js';
import { botFrameworkEnabled } from './botframework/enabled.js';
import type { ChannelAdapter } from './channel.js';
import { TelegramChannel } from './telegram/telegram-channel.js';
import { WebChannel } from './web/web-channel.js';
import { ZaloChannel, zaloConfigured } from './zalo/zalo-channel.js';

/** Every platform the bot can talk on. */
export const CHANNEL_IDS = ['web', 'telegram', 'zalo', 'botframework'] as const;

/** A platform the bot can talk on. */
export type ChannelId = (typeof CHANNEL_IDS)[number];

/** How each channel's adapter is made; undefined when the configuration leaves it off. */
const CHANNELS: Record<ChannelId, (config: Config) => ChannelAdapter | undefined | Promise<ChannelAdapter | undefined>> = {
  web: () => new WebChannel(),
  telegram: (config) => TelegramChannel.fromConfig(config),
  zalo: (config) => (zaloConfigured(config) ? new ZaloChannel(config) : undefined),
  // With MICROSOFT_APP_ID (JWT-verified), or for the Emulator on loopback with BOTFRAMEWORK_EMULATOR.
  // The SDK is loaded only then: it is about a second of every process's start-up (the CLI's too).
  botframework: async (config) =>
    botFrameworkEnabled(config) ? new (await import('./botframework/botframework-channel.js')).BotFrameworkChannel(config) : undefined,
};

/** The adapters a configuration switches on. @example await configuredChannels(loadConfig(process.env)) */
export async function configuredChannels(config: Config): Promise<ChannelAdapter[]> {
  const adapters = await Promise.all(CHANNEL_IDS.map((id) => CHANNELS[id](config)));
  return adapters.filter((adapter): adapter is ChannelAdapter => adapter !== undefined);
}
