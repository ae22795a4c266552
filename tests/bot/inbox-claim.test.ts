/**
 * A running bot claims the conversations of the events it stores in the same call
 * (`inbox_put_claim`): a turn starts after one database call, not two, and an event that could
 * not be claimed (its conversation busy, no room) is still handled, in order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBot, type Bot } from '../../src/bot/app.js';
import type { AcceptResult } from '../../src/bot/channels/channel.js';
import type { Inbound } from '../../src/bot/inbound.js';
import type { Feature } from '../../src/bot/router.js';
import { createLogger } from '../../src/logger.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import type { Store } from '../../src/store/store.js';
import { RecordingChannel } from '../support/bot.js';
import { testConfig } from '../support/config.js';
import { pgliteTestStore } from '../support/stores.js';

/** Holds the next store call back until `open()` (the call itself then runs as usual). */
interface Hold {
  armed: boolean;
  open: () => void;
  opened: Promise<void>;
}

function hold(): Hold {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { armed: false, open, opened };
}

/**
 * The store, with every call's function name recorded (the database itself is real); a call
 * that carries finished turns is recorded as `<name>+turns`.
 */
function observed(store: Store, calls: string[], gate?: Hold): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'call') {
        return async (fn: Parameters<Store['call']>[0], args?: Record<string, unknown>) => {
          calls.push(args?.turns ? `${fn}+turns` : fn);
          if (gate?.armed) {
            gate.armed = false;
            await gate.opened;
          }
          return target.call(fn, args);
        };
      }
      if (prop === 'withClock') return (clock: () => Date) => observed(target.withClock(clock), calls, gate);
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

let counter = 0;
const text = (chatId: string, body: string): Inbound => ({ channel: 'web', chatId, userId: chatId, kind: 'text', text: body, eventId: `claim-${process.pid}-${++counter}` });

describe('storing and claiming in one call', () => {
  let bot: Bot | undefined;
  let store: PgliteStore | undefined;
  let release = () => {};
  afterEach(async () => {
    release(); // a failed test must not leave a turn waiting, or stop would wait for it
    await bot?.stop();
    await store?.close();
  });

  /** A bot whose echo turns wait for `release` when the text says "wait". */
  async function start(env: Record<string, string> = {}, web = new RecordingChannel('web'), held?: Hold) {
    store = await pgliteTestStore();
    const calls: string[] = [];
    const gate = new Promise<void>((resolve) => (release = resolve));
    const echo: Feature = {
      name: 'echo',
      order: 1,
      async handle(turn) {
        if (turn.event.kind !== 'text') return;
        if (turn.event.text.includes('wait')) await gate;
        turn.reply({ text: `echo ${turn.event.text}` });
      },
    };
    // No idle polls during the test: whatever is claimed, a call the test can see claimed it.
    bot = await createBot(testConfig({ POLL_INTERVAL_MS: '600000', ...env }), {
      store: observed(store, calls, held),
      log: createLogger({ level: 'silent' }),
      channels: [web],
      features: [echo],
    });
    await bot.start();
    const replies = async (count: number) => {
      for (let i = 0; i < 500 && web.sent.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      return web.sent.map((s) => [s.to.chatId, (s.message as { text: string }).text]);
    };
    return { bot, calls, replies, release: () => release() };
  }

  it('starts the turns of the events it stores without a separate claim', async () => {
    const { bot, calls, replies } = await start();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the start-up claim
    calls.length = 0;
    const results = await Promise.all(['c1', 'c2', 'c3'].map((chat) => bot.accept(text(chat, `hi ${chat}`))));
    expect(results.map((r) => r.claimed)).toEqual([true, true, true]);
    expect((await replies(3)).sort()).toEqual([['c1', 'echo hi c1'], ['c2', 'echo hi c2'], ['c3', 'echo hi c3']]);
    expect(calls).toContain('inbox_put_claim');
    expect(calls).not.toContain('dispatch_claim');
  });

  it("leaves an event of a busy conversation to that conversation's commit, which claims it after the first", async () => {
    const { bot, calls, replies, release } = await start();
    await new Promise((resolve) => setTimeout(resolve, 50)); // the start-up claim
    calls.length = 0;
    const first = await bot.accept(text('c1', 'wait for me'));
    const second: AcceptResult = await bot.accept(text('c1', 'then me'));
    expect([first.claimed, Boolean(second.claimed), Boolean(second.busy)]).toEqual([true, false, true]);
    release();
    expect(await replies(2)).toEqual([['c1', 'echo wait for me'], ['c1', 'echo then me']]);
    // The first turn's commit claimed the second event: no claim of its own, nobody woken.
    expect(calls).not.toContain('dispatch_claim');
    expect(calls.filter((c) => c.startsWith('turn_commit'))[0]).toMatch(/^turn_commit_chain/);
  });

  it('claims no more conversations than the dispatcher has room for; the rest wait their turn', async () => {
    const { bot, calls, replies, release } = await start({ DISPATCH_CONCURRENCY: '1' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    calls.length = 0;
    const first = await bot.accept(text('c1', 'wait for me'));
    const second = await bot.accept(text('c2', 'me too'));
    expect([first.claimed, Boolean(second.claimed)]).toEqual([true, false]);
    release();
    expect((await replies(2)).sort()).toEqual([['c1', 'echo wait for me'], ['c2', 'echo me too']]);
    expect(calls).toContain('dispatch_claim');
  });

  it("records the sender's outcomes with the next stored events, not in a call of their own", async () => {
    // The next update arrives 5 ms after the first reply went out, before the sender's 20 ms
    // flush: as one founder after another would, one update at a time.
    class ThenNext extends RecordingChannel {
      override async send(...args: Parameters<RecordingChannel['send']>) {
        const result = await super.send(...args);
        if (this.sent.length === 1) {
          setTimeout(() => void bot!.accept(text('c2', 'wait, next')), 5);
          // The second reply goes out after the flush would have recorded the first alone.
          setTimeout(() => release(), 60);
        }
        return result;
      }
    }
    const { bot: started, calls, replies } = await start({}, new ThenNext('web'));
    await started.accept(text('c1', 'first'));
    expect((await replies(2)).sort()).toEqual([['c1', 'echo first'], ['c2', 'echo wait, next']]);
    // Both outcomes end up recorded: the first by the second update's store call, the last
    // by the sender's own flush, its only `outbox_complete`.
    const statuses = async () => (await store!.query<{ status: string }>(`select status from outbox order by id`)).map((r) => r.status);
    for (let i = 0; i < 200 && (await statuses()).join() !== 'sent,sent'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await statuses()).toEqual(['sent', 'sent']);
    expect(calls.filter((c) => c === 'inbox_put_claim')).toHaveLength(2);
    expect(calls.filter((c) => c === 'outbox_complete')).toHaveLength(1);
  });

  it('commits a turn that finished while events were being stored with the next stored events', async () => {
    const gate = hold();
    const { bot, calls, replies, release } = await start({}, new RecordingChannel('web'), gate);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await bot.accept(text('c1', 'wait for me'))).claimed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20)); // the writer is idle again
    calls.length = 0;
    // c2's store call is held; meanwhile c1's turn finishes and c3 arrives: both wait for it.
    gate.armed = true;
    const second = bot.accept(text('c2', 'second'));
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const third = bot.accept(text('c3', 'third'));
    gate.open();
    await Promise.all([second, third]);
    expect((await replies(3)).sort()).toEqual([['c1', 'echo wait for me'], ['c2', 'echo second'], ['c3', 'echo third']]);
    // One call stored c3 and committed c1's turn: no commit call of its own for it.
    const path = calls.filter((c) => c.startsWith('inbox_put') || c.startsWith('turn_commit'));
    expect(path.slice(0, 2)).toEqual(['inbox_put_claim', 'inbox_put_claim+turns']);
    expect(path.filter((c) => c.startsWith('turn_commit')).length).toBeLessThanOrEqual(2);
    const conversation = await store!.query<{ status: string }>(
      `select i.status from inbox i join conversations c on c.id = i.conversation_id where c.chat_id = 'c1'`,
    );
    expect(conversation.map((r) => r.status)).toEqual(['done']);
  });
});
