/**
 * The channel adapters a configuration switches on. A channel whose settings are absent is off;
 * the web chat is always on. Adding a platform: one adapter file and one line here.
 */
import type { Config } from '../../config.js';
import { BotFrameworkChannel } from './botframework/botframework-channel.js';
import type { ChannelAdapter } from './channel.js';
import { TelegramChannel } from './telegram/telegram-channel.js';
import { WebChannel } from './web/web-channel.js';
import { ZaloChannel, zaloConfigured } from './zalo/zalo-channel.js';

export function configuredChannels(config: Config): ChannelAdapter[] {
  const channels: ChannelAdapter[] = [new WebChannel()];
  const telegram = TelegramChannel.fromConfig(config);
  if (telegram) channels.push(telegram);
  if (zaloConfigured(config)) channels.push(new ZaloChannel(config));
  // With MICROSOFT_APP_ID (JWT-verified), or for the Emulator on loopback with BOTFRAMEWORK_EMULATOR.
  if (BotFrameworkChannel.enabled(config)) channels.push(new BotFrameworkChannel(config));
  return channels;
}
