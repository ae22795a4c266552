/**
 * The channels a bot can have, and which of them a configuration switches on. A channel whose
 * settings are absent is off; the web chat is always on.
 *
 * Adding a platform is its adapter folder, its id in `CHANNEL_IDS` and its line in `CHANNELS`
 * (the compiler asks for it): the `ChannelId` type, the ids other code lists and the database's
 * `public.channels` rows (registered at start-up by `createBot`) all come from here.
 *
 * @example
 * const adapters = configuredChannels(config); // [WebChannel, TelegramChannel] with a bot token
 */
import type { Config } from '../../config.js';
import { BotFrameworkChannel } from './botframework/botframework-channel.js';
import type { ChannelAdapter } from './channel.js';
import { TelegramChannel } from './telegram/telegram-channel.js';
import { WebChannel } from './web/web-channel.js';
import { ZaloChannel, zaloConfigured } from './zalo/zalo-channel.js';

/** Every platform the bot can talk on. */
export const CHANNEL_IDS = ['web', 'telegram', 'zalo', 'botframework'] as const;

/** A platform the bot can talk on. */
export type ChannelId = (typeof CHANNEL_IDS)[number];

/** How each channel's adapter is made; undefined when the configuration leaves it off. */
const CHANNELS: Record<ChannelId, (config: Config) => ChannelAdapter | undefined> = {
  web: () => new WebChannel(),
  telegram: (config) => TelegramChannel.fromConfig(config),
  zalo: (config) => (zaloConfigured(config) ? new ZaloChannel(config) : undefined),
  // With MICROSOFT_APP_ID (JWT-verified), or for the Emulator on loopback with BOTFRAMEWORK_EMULATOR.
  botframework: (config) => (BotFrameworkChannel.enabled(config) ? new BotFrameworkChannel(config) : undefined),
};

/** The adapters a configuration switches on. @example configuredChannels(loadConfig(process.env)) */
export function configuredChannels(config: Config): ChannelAdapter[] {
  return CHANNEL_IDS.flatMap((id) => CHANNELS[id](config) ?? []);
}
