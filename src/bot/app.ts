/**
 * Builds the bot from its parts: services, channel adapters, router with its features, the
 * dispatcher and the sender, and the HTTP routes the channels mount. `startServer` (server.ts)
 * adds the HTTP listener; tests use `createBot` directly with a test store.
 *
 * @example
 * const bot = await createBot(config, { store, features: [menuFeature, fallbackFeature] });
 * await bot.start();
 * await bot.accept({ channel: 'web', eventId: 'e1', chatId: 's', userId: 's', kind: 'text', text: 'hi' });
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { loadMessages, type MessageCatalog } from '../content/messages.js';
import { HttpRouter } from '../http/router.js';
import { createNlu, lazyNlu, CENTRE_TIME_ZONE, type Nlu } from '../nlu/index.js';
import { createLogger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { AcceptResult, ChannelAdapter, ChannelContext } from './channels/channel.js';
import { configuredChannels } from './channels/index.js';
import { Dispatcher, type DispatcherOptions } from './dispatcher.js';
import type { ChannelId, Inbound } from './inbound.js';
import { InboxWriter } from './inbox.js';
import { Router, type Feature } from './router.js';
import { Sender, type SenderOptions } from './sender.js';
import { BotSlots, type Services } from './services.js';
import { useCentreTimeZone } from '../clock/time-zone.js';

export interface BotOptions {
  store: Store;
  log?: Logger;
  /** Adapters to use instead of the configured ones. */
  channels?: ChannelAdapter[];
  /** The features, in any order (the router sorts them by `order`); the composition root
   * (`src/app/create-bot.ts`) passes the product's list, tests pass what they exercise. */
  features: Feature[];
  /** The one clock of this bot, also used by its store's calls; the store's clock by default. */
  clock?: () => Date;
  messages?: MessageCatalog;
  /** The NLU to use instead of one trained from CONTENT_DIR (tests that share one). */
  nlu?: Nlu;
  dispatcher?: DispatcherOptions;
  sender?: SenderOptions;
}

export interface Bot {
  services: Services;
  http: HttpRouter;
  router: Router;
  dispatcher: Dispatcher;
  sender: Sender;
  channelContext: ChannelContext;
  /** Stores an inbound event as a webhook would (deduplicated) and wakes the dispatcher. */
  accept(event: Inbound): Promise<AcceptResult>;
  /** Starts the dispatcher, the sender, channel and feature background work. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createBot(config: Config, options: BotOptions): Promise<Bot> {
  const log = options.log ?? createLogger({ level: config.LOG_LEVEL });
  useCentreTimeZone(config.TIME_ZONE);
  const adapters = options.channels ?? (await configuredChannels(config));
  const channels = new Map<ChannelId, ChannelAdapter>(adapters.map((a) => [a.id, a]));
  let dispatcher: Dispatcher | undefined;
  let sender: Sender | undefined;
  // One clock: the store's calls run at the bot's clock (SQL reads it as public.uom_now()).
  const clock = options.clock ?? options.store.clock;
  // One model per bot instance (never a module global): two bots in one process may have
  // different content folders. Trained when the bot starts with features, or on first use.
  const trainedOnUse = options.nlu ? undefined : lazyNlu(() => createNlu({ contentDir: config.CONTENT_DIR, timeZone: config.TIME_ZONE }));
  const nlu: Nlu = options.nlu ?? trainedOnUse!;
  const services: Services = {
    config,
    store: options.store.withClock(clock),
    log,
    messages: options.messages ?? loadMessages(config.CONTENT_DIR),
    clock,
    nlu,
    channels,
    wakeSender: () => sender?.wake(),
    wakeDispatcher: (conversation) => dispatcher?.wake(conversation),
    delivery: {
      leaseRequest: () => sender?.leaseRequest() ?? null,
      adopt: (rows) => sender?.adopt(rows),
    },
    slots: new BotSlots(),
  };
  const features = options.features;
  // The database accepts a channel id once it is registered (public.channels).
  await options.store.call('channels_register', { ids: [...channels.keys()] });
  for (const feature of features) await feature.init?.(services);
  const router = new Router(features);
  // Finished turns are committed with the next stored events (`InboxWriter.commit`).
  dispatcher = new Dispatcher(services, router, { commit: (turn) => inbox.commit(turn), ...options.dispatcher });
  sender = new Sender(services, options.sender);

  // Events are claimed as they are stored, when the dispatcher has room: one call, not two;
  // the sender's buffered outcomes are recorded by that call too.
  const inbox = new InboxWriter(services.store, {
    claims: () => dispatcher?.directClaim() ?? null,
    outcomes: () => sender?.takeOutcomes() ?? null,
  });
  const accept = async (event: Inbound): Promise<AcceptResult> => {
    const result = await inbox.accept(event);
    if (!result.duplicate && !result.claimed && !result.busy) services.wakeDispatcher({ channel: event.channel, chatId: event.chatId });
    return result;
  };
  const channelContext: ChannelContext = { config, store: services.store, log, accept, clock: services.clock };
  const http = new HttpRouter(log);
  for (const adapter of adapters) adapter.mount?.(http, channelContext);

  return {
    services,
    http,
    router,
    dispatcher,
    sender,
    channelContext,
    accept,
    async start() {
      // A bot with features reads founders' text: train before the first message, not during it.
      if (features.length > 0) trainedOnUse?.warm();
      dispatcher.start();
      sender.start();
      for (const adapter of adapters) await adapter.start?.(channelContext);
      for (const feature of features) await feature.start?.(services);
    },
    async stop() {
      for (const feature of features) await feature.stop?.();
      for (const adapter of adapters) await adapter.stop?.();
      await dispatcher.stop();
      await sender.stop();
      // Last: a turn still running above may use what a feature's slot holds (the search thread).
      await services.slots.close();
    },
  };
}
