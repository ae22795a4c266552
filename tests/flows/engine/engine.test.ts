/**
 * The flow engine through the real message path (PGlite, dispatcher, router): a small test flow
 * with every step kind, driven in Vietnamese and English, with and without diacritics.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import type { Feature } from '../../../src/bot/router.js';
import { defineFlow, flowFeature, registerFlow, startFlow } from '../../../src/flows/engine/index.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';

const testSignup = defineFlow({
  id: 'test-signup',
  steps: [
    { kind: 'ask', id: 'name', prompt: () => 'Q:name', input: { type: 'text' }, label: 'flows.yes' },
    {
      kind: 'ask', id: 'stage', prompt: () => 'Q:stage', label: 'flows.no',
      choices: [{ value: 'idea', text: 'Ý tưởng' }, { value: 'mvp', text: 'Đặt phòng thử' }, { value: 'revenue', text: 'Có doanh thu' }],
    },
    { kind: 'branch', id: 'route', to: (a) => (a.stage === 'idea' ? 'date' : 'phone') },
    { kind: 'ask', id: 'phone', prompt: () => 'Q:phone', input: { type: 'phone' }, optional: true },
    { kind: 'ask', id: 'date', prompt: () => 'Q:date', input: { type: 'date', notPast: true } },
    { kind: 'confirm', id: 'confirm', summary: (ctx) => `S:${JSON.stringify(ctx.answers)}` },
    { kind: 'act', id: 'save', run: (ctx) => { ctx.turn.reply({ text: `DONE:${JSON.stringify(ctx.answers)}` }); } },
  ],
});

/** Registers the test flow with its bot and starts it on "/test" (as a feature of another area would). */
const starter: Feature = {
  name: 'starter',
  order: 40,
  async init(services) {
    registerFlow(services, testSignup);
  },
  async handle(turn, next) {
    if (turn.event.kind === 'text' && turn.event.text === '/test') return startFlow(turn, 'test-signup', { source: 'test' });
    return next();
  },
};
const features = [flowFeature, starter, menuFeature, fallbackFeature];
let now = new Date('2026-11-23T03:00:00Z');
const clock = () => now;

let harness: BotHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  now = new Date('2026-11-23T03:00:00Z');
});

async function texts(h: BotHarness, chat: string, ...inputs: string[]): Promise<string[]> {
  return textsIn(h, chat, 'vi', ...inputs);
}

/** Says or presses (inputs like "menu:booking") each input in turn; returns the texts sent back. */
async function textsIn(h: BotHarness, chat: string, locale: 'vi' | 'en', ...inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    if (/^[a-z_]+:\S+$/.test(input)) await h.send({ channel: 'web', chatId: chat, userId: chat, locale, kind: 'button', payload: input });
    else await h.send({ channel: 'web', chatId: chat, userId: chat, locale, kind: 'text', text: input });
    out.push(...(await h.settle()).map((s) => s.message.text));
  }
  return out;
}

describe('flow engine', () => {
  it('runs ask, choice by number and folded label, branch, confirm and act', async () => {
    harness = await botHarness({ features, clock });
    const out = await texts(harness, 'c1', '/test', 'Lan', 'dat phong thu', '0912 345 678', 'thứ 6', 'đúng');
    expect(out.slice(0, 4)).toEqual(['Q:name', 'Q:stage', 'Q:phone', 'Q:date']);
    expect(out[4]).toContain('S:');
    expect(JSON.parse(out[5]!.slice('DONE:'.length))).toEqual({
      source: 'test', name: 'Lan', stage: 'mvp', phone: '+84912345678', date: '2026-11-27',
    });
    const again = await texts(harness, 'c2', '/test', 'Minh', '1', 'mai', 'yes');
    expect(again[2]).toBe('Q:date'); // branch skipped the phone for an idea
    expect(again[3]).toContain('"stage":"idea"');
    expect(again[4]).toContain('"date":"2026-11-24"');
  });

  it('re-asks a wrong answer with a hint and offers a person after three misses', async () => {
    harness = await botHarness({ features, clock });
    await texts(harness, 'c3', '/test', 'Lan', '3');
    await harness.say('web', 'c3', 'abc');
    const [first] = await harness.settle();
    expect(first!.message.text).toContain('Số điện thoại chưa đúng');
    expect(first!.message.text).toContain('Q:phone');
    expect(first!.message.buttons?.map((b) => b.payload)).not.toContain('handoff:request');
    await harness.say('web', 'c3', '123');
    await harness.settle();
    await harness.say('web', 'c3', '0912'); // ("không biết" would skip this optional question)
    const [third] = await harness.settle();
    expect(third!.message.buttons?.map((b) => b.payload)).toContain('handoff:request');
    const [ok] = await texts(harness, 'c3', '+84 912 345 678');
    expect(ok).toBe('Q:date');
  });

  it('hints a choice list and a past date in English', async () => {
    harness = await botHarness({ features, clock });
    const out = await textsIn(harness, 'c4', 'en', '/test', 'Lan', 'maybe', '1', '1/1/2020').then((o) => o.slice(1));
    expect(out[1]).toContain("I didn't catch your choice");
    expect(out[1]).toContain('2. Đặt phòng thử');
    expect(out[3]).toContain('That date has passed');
  });

  it('understands universal words: back, skip, help, talk to staff, cancel (with and without diacritics)', async () => {
    harness = await botHarness({ features, clock });
    const out = await texts(harness, 'c5', '/test', 'Lan', 'quay lai', 'Lan Anh', '2', 'bỏ qua', 'tro giup', 'gap can bo');
    expect(out[2]).toBe('Q:name');
    expect(out[3]).toBe('Q:stage');
    expect(out[5]).toBe('Q:date'); // phone skipped
    expect(out[6]).toContain('“hủy”');
    expect(out[7]).toContain('cán bộ');
    await harness.say('web', 'c5', 'huy');
    const [cancelled] = await harness.settle();
    expect(cancelled!.message.text).toContain('Đã hủy');
    expect(cancelled!.message.buttons?.[0]!.payload).toBe('menu:programmes');
    const [menu] = await texts(harness, 'c5', 'Lan'); // no flow now: the fallback menu answers
    expect(menu).not.toBe('Q:stage');
  });

  it('passes buttons of other features through and re-asks on a button of an earlier question', async () => {
    harness = await botHarness({ features, clock });
    await texts(harness, 'c6', '/test', 'Lan');
    const [menu] = await texts(harness, 'c6', 'menu:booking');
    expect(menu).toContain('sớm có mặt'); // the menu feature answered
    const [again] = await texts(harness, 'c6', 'flow:name:x');
    expect(again).toBe('Q:stage');
    const [pressed] = await texts(harness, 'c6', 'flow:stage:revenue');
    expect(pressed).toBe('Q:phone');
  });

  it('edits one answer from the summary and comes back to it', async () => {
    harness = await botHarness({ features, clock });
    await texts(harness, 'c7', '/test', 'Lan', '1', 'mai');
    const [pick] = await texts(harness, 'c7', 'sửa');
    expect(pick).toContain('sửa thông tin nào');
    const [ask] = await texts(harness, 'c7', 'flow:_edit:name');
    // The question, under the current answer (kept with "giữ nguyên").
    expect(ask).toMatch(/Lan[\s\S]*Q:name$/);
    const [summary] = await texts(harness, 'c7', 'Lan Anh');
    expect(summary).toContain('"name":"Lan Anh"');
    const [done] = await texts(harness, 'c7', 'flow:confirm:yes');
    expect(done).toContain('DONE:');
  });

  it('survives a restart in the middle and asks "continue or start over?" after two days', async () => {
    const store = await pgliteTestStore();
    harness = await botHarness({ features, clock, store });
    await texts(harness, 'c8', '/test', 'Lan');
    await harness.bot.stop();
    harness = await botHarness({ features, clock, store }); // a new process on the same database
    const [resumed] = await texts(harness, 'c8', '2');
    expect(resumed).toBe('Q:phone');
    now = new Date('2026-11-26T03:00:00Z');
    const [stale] = await texts(harness, 'c8', '0912345678');
    expect(stale).toContain('tiếp tục hay làm lại');
    const [cont] = await texts(harness, 'c8', 'tiep tuc');
    expect(cont).toBe('Q:phone');
    now = new Date('2026-11-30T03:00:00Z');
    await texts(harness, 'c8', '0912345678');
    const [restart] = await texts(harness, 'c8', 'làm lại');
    expect(restart).toBe('Q:name');
    await harness.close();
    await store.close();
    harness = undefined;
  });

  it('leaves group chats alone', async () => {
    harness = await botHarness({ features, clock });
    await harness.send({ channel: 'telegram', chatId: '-100', userId: '5', chatType: 'group', kind: 'text', text: '/test' });
    const sent = await harness.settle();
    expect(sent.map((s) => s.message.text)).toEqual(['Q:name']);
    await harness.send({ channel: 'telegram', chatId: '-100', userId: '5', chatType: 'group', kind: 'text', text: 'Lan' });
    expect(await harness.settle()).toEqual([]); // the fallback never chatters in groups
  });
});
