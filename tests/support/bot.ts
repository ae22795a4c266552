/**
 * A bot on a test store with the dispatcher and sender driven by hand, so a test can say
 * "deliver everything now" and then look at what was sent.
 *
 * @example
 * const harness = await botHarness();
 * await harness.say('web', 'session-123456789012', 'xin chào');
 * const replies = await harness.settle(); // runs dispatcher and sender until idle
 */
import type { Bot } from '../../src/bot/app.js';
import { createUomBot as createBot, type UomBotOptions as BotOptions } from '../../src/app/create-bot.js';
import type { ChannelAdapter, Recipient } from '../../src/bot/channels/channel.js';
import type { ChannelId, Inbound } from '../../src/bot/inbound.js';
import type { Outbound, SendResult } from '../../src/bot/outbound.js';
import { createLogger } from '../../src/logger.js';
import { CENTRE_TIME_ZONE, createNlu, type Nlu } from '../../src/nlu/index.js';
import type { Store } from '../../src/store/store.js';
import { testConfig } from './config.js';
import { pgliteTestStore } from './stores.js';

/** A channel adapter that records what it is asked to send. */
export class RecordingChannel implements ChannelAdapter {
  readonly sent: { to: Recipient; message: Outbound }[] = [];
  constructor(readonly id: ChannelId) {}
  async send(to: Recipient, message: Outbound): Promise<SendResult> {
    this.sent.push({ to, message });
    return { status: 'sent', platformMessageId: String(this.sent.length) };
  }
}

/** An inbound event whose event id the harness may invent. */
export type TestInbound = Inbound extends infer T ? (T extends Inbound ? Omit<T, 'eventId'> & { eventId?: string } : never) : never;

export interface BotHarness {
  bot: Bot;
  store: Store;
  channels: Map<ChannelId, RecordingChannel>;
  /** Stores a text message from `chatId` as a webhook would. */
  say(channel: ChannelId, chatId: string, text: string): Promise<void>;
  press(channel: ChannelId, chatId: string, payload: string): Promise<void>;
  send(event: TestInbound): Promise<void>;
  /** Creates the contact of `chatId` (if new) and records their consent, skipping onboarding. */
  consent(channel: ChannelId, chatId: string, locale?: 'vi' | 'en'): Promise<number>;
  /** Runs dispatcher and sender until nothing is due; returns what was sent meanwhile. */
  settle(): Promise<{ to: Recipient; message: Outbound }[]>;
  close(): Promise<void>;
}

let counter = 0;

const nlus = new Map<string, Nlu>();

/**
 * One trained NLU per content folder for the whole test file: a harness per test would otherwise
 * train the model again each time (a bot in production trains its own, once, in createBot).
 */
function sharedNlu(contentDir: string): Nlu {
  let nlu = nlus.get(contentDir);
  if (!nlu) {
    nlu = createNlu({ contentDir, timeZone: CENTRE_TIME_ZONE });
    nlus.set(contentDir, nlu);
  }
  return nlu;
}

export async function botHarness(
  options: Partial<BotOptions> & { env?: Record<string, string>; store?: Store } = {},
): Promise<BotHarness> {
  const store = options.store ?? (await pgliteTestStore());
  const channels = new Map<ChannelId, RecordingChannel>(
    (['web', 'telegram', 'zalo', 'botframework'] as const).map((id) => [id, new RecordingChannel(id)]),
  );
  const config = testConfig(options.env);
  const bot = await createBot(config, {
    log: createLogger({ level: 'silent' }),
    channels: [...channels.values()],
    nlu: options.nlu ?? sharedNlu(config.CONTENT_DIR),
    ...options,
    store,
  });
  const send = async (event: TestInbound) => {
    await bot.accept({ ...event, eventId: event.eventId ?? `t${process.pid}-${++counter}` } as Inbound);
  };
  const clocked = bot.services.store; // the same database at the bot's clock
  return {
    bot,
    store: clocked,
    channels,
    send,
    say: (channel, chatId, text) => send({ channel, chatId, userId: chatId, kind: 'text', text }),
    press: (channel, chatId, payload) => send({ channel, chatId, userId: chatId, kind: 'button', payload }),
    async consent(channel, chatId, locale = 'vi') {
      const ids = await clocked.call<{ contact_id: number }>('conversation_ensure', {
        channel, chat_id: chatId, user_id: chatId, locale,
      });
      await clocked.call('fx_contact_consent', { args: { contact_id: ids.contact_id, version: 'test', channel, locale } });
      return ids.contact_id;
    },
    async settle() {
      const before = new Map([...channels].map(([id, c]) => [id, c.sent.length]));
      for (let i = 0; i < 50; i++) {
        const turns = await bot.dispatcher.drain();
        const sends = await bot.sender.drain();
        if (turns === 0 && sends === 0) break;
      }
      return [...channels].flatMap(([id, c]) => c.sent.slice(before.get(id)));
    },
    async close() {
      await bot.stop();
      if (!options.store) await store.close();
    },
  };
}
