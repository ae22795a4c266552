/**
 * The composition root: the product's bot is the runtime (`src/bot/`) with the features of
 * `features.ts` and the channels configured in the environment. Everything that decides *which*
 * parts a bot has lives here, above the runtime and the feature folders.
 *
 * @example
 * const bot = await createUomBot(config, { store });
 * await bot.start();
 */
import type { Config } from '../config.js';
import { createBot, type Bot, type BotOptions } from '../bot/app.js';
import { defaultFeatures } from './features.js';

/** Options of `createUomBot`: those of `createBot`, with the product's features by default. */
export type UomBotOptions = Omit<BotOptions, 'features'> & Partial<Pick<BotOptions, 'features'>>;

/** Builds the product's bot: `createBot` with `defaultFeatures()` unless others are given. */
export async function createUomBot(config: Config, options: UomBotOptions): Promise<Bot> {
  return createBot(config, { ...options, features: options.features ?? defaultFeatures() });
}
