/**
 * Conversation state slices: each feature declares the part of the state it owns with a zod
 * schema; a slice stored by an older version that no longer fits is dropped when the turn loads
 * (with a log line), so the feature starts afresh instead of failing the turn.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultFeatures } from '../../src/app/features.js';
import { Router, type Feature } from '../../src/bot/router.js';
import { botHarness, type BotHarness } from '../support/bot.js';
import { pgliteTestStore } from '../support/stores.js';

/** Counts the founder's messages in its slice; reading an old-shaped slice would throw. */
const counter: Feature = {
  name: 'counter',
  order: 10,
  stateSlices: { counter: z.object({ count: z.number().int() }) },
  async handle(turn) {
    const slice = turn.state.counter as { count: number } | undefined;
    const count = (slice?.count ?? 0) + 1;
    turn.state.counter = { count };
    turn.reply({ text: `count ${count.toFixed(0)} (was ${slice ? slice.count.toFixed(0) : 'none'})` });
  },
};

let harness: BotHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('state slices', () => {
  it('drops a slice that no longer fits its schema and the turn goes on', async () => {
    const store = await pgliteTestStore();
    harness = await botHarness({ features: [counter], store });
    await harness.say('web', 'slices-chat-0001', 'one');
    expect((await harness.settle()).map((s) => s.message.text)).toEqual(['count 1 (was none)']);
    // An older version stored the count as text: `toFixed` would throw on it.
    await store.query(`update public.conversations set state = jsonb_set(state, '{counter}', '{"count":"seven"}') where chat_id = 'slices-chat-0001'`);
    await harness.say('web', 'slices-chat-0001', 'two');
    expect((await harness.settle()).map((s) => s.message.text)).toEqual(['count 1 (was none)']);
    const [row] = await store.query<{ state: { counter: unknown } }>(`select state from public.conversations where chat_id = 'slices-chat-0001'`);
    expect(row!.state.counter).toEqual({ count: 1 });
  });

  it('keeps slices that fit, and refuses two features claiming one key', () => {
    const router = new Router([counter]);
    const state: Record<string, unknown> = { counter: { count: 3 }, other: 'kept' };
    expect(router.checkState(state)).toEqual([]);
    expect(state).toEqual({ counter: { count: 3 }, other: 'kept' });
    expect(router.checkState({ counter: { count: 'x' } })).toEqual(['counter']);
    expect(() => new Router([counter, { ...counter, name: 'copy' }])).toThrow(/claimed by/);
  });
});

const SRC = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Every key of the conversation state the source touches (`turn.state.x`, `turn.state[KEY]` with
 * `KEY` a string constant of the file), with the files that touch it.
 */
function stateKeysInSource(): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const constants = new Map<string, string>();
    for (const m of text.matchAll(/const ([A-Z_]+)\s*=\s*(?:'([^']+)'|([A-Z_]+));/g)) constants.set(m[1]!, m[2] ?? constants.get(m[3]!) ?? '');
    const found = [
      ...[...text.matchAll(/turn\.state\.([A-Za-z_]\w*)/g)].map((m) => m[1]!),
      ...[...text.matchAll(/turn\.state\[([A-Z_]+)\]/g)].map((m) => constants.get(m[1]!)).filter((k): k is string => Boolean(k)),
    ];
    for (const key of found) keys.set(key, [...new Set([...(keys.get(key) ?? []), path.relative(SRC, file)])]);
  }
  return keys;
}


describe('every state key is declared', () => {
  it('each key the source touches is a slice of a default feature or of the runtime', () => {
    const declared = new Router(defaultFeatures()).stateSlices;
    const keys = stateKeysInSource();
    expect([...keys.keys()]).toEqual(expect.arrayContaining(['flow', 'handoff', 'intents', 'programmes', 'onboarding', 'account', 'locale', 'buttons', 'broadcastCompose', 'kb']));
    const undeclared = [...keys].filter(([key]) => !declared.has(key)).map(([key, files]) => `${key} (${files.join(', ')})`);
    expect(undeclared).toEqual([]);
  });
});
