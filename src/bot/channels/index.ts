/**
 * The channel adapters a configuration switches on. A channel whose settings are absent is off;
 * the web chat is always on. Adding a platform: one adapter file and one line here.
 */
import type { Config } from '../../config.js';
import type { ChannelAdapter } from './channel.js';
import { WebChannel } from './web/web-channel.js';

export function configuredChannels(_config: Config): ChannelAdapter[] {
  const channels: ChannelAdapter[] = [new WebChannel()];
  return channels;
}
