/**
 * Gaps a QA pass found by typing to the running bot as a founder: a request typed before consent
 * is carried out once the founder agrees (and dropped when they decline), a second message before
 * consent gets a short reminder rather than the whole notice again, a greeting in the middle of a
 * flow is acknowledged without counting as a miss, "kết thúc" / "thôi" / "stop" end a flow like
 * "hủy", and the answer to "leave or stay?" is never stored as a step's answer. Through the whole
 * bot (default features, inbox → dispatcher → router → outbox) on PGlite with the project's
 * content; assertions are on flow state, payloads and rows.
 *
 * The clock is a Tuesday 09:00 in Hà Nội, fixed, with no closed day in the week after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from '../../src/bot/router.js';
import { defineFlow, flowFeature, registerFlow, startFlow } from '../../src/flows/engine/index.js';
import { fallbackFeature, menuFeature } from '../../src/flows/menu.js';
import { addDays } from '../../src/flows/parse/date.js';
import type { SqlStore } from '../../src/store/store.js';
import { botHarness, type BotHarness } from '../support/bot.js';
import { pgliteTestStore } from '../support/stores.js';
import { openTuesday, payloads, webChat } from '../support/typed-chat.js';


const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));
const WED = addDays(NOW.toISOString().slice(0, 10), 1);

let store: SqlStore;
let harness: BotHarness;
const { say, press } = webChat(() => harness);

beforeAll(async () => {
  store = await pgliteTestStore();
  harness = await botHarness({ store, clock: () => NOW });
});
afterAll(async () => {
  await harness?.close();
  await store?.close();
});




type FlowState = { id: string; step: string; answers: Record<string, unknown>; misses: number; pendingSwitch?: string };
async function stateOf(chat: string): Promise<{ flow?: FlowState; onboarding?: Record<string, unknown> }> {
  const rows = await store.query<{ state: { flow?: FlowState } }>(
    `select state from public.conversations where channel = 'web' and chat_id = $1`, [chat],
  );
  return rows[0]?.state ?? {};
}

describe('a request typed before consent', () => {
  it.each([
    ['mình muốn đặt phòng họp mai 2h chiều', 'booking'],
    ['book a desk tomorrow morning', 'booking'],
  ])('carries out "%s" once the founder agrees', async (text, flowId) => {
    const chat = `gaps-pending-${text.length}`;
    const notice = await say(chat, text);
    expect(payloads(notice)).toContain('consent:agree');
    await say(chat, 'đồng ý');
    const state = await stateOf(chat);
    expect(state.flow).toMatchObject({ id: flowId, answers: { day: WED } });
    expect(state.onboarding).toBeUndefined();
  });

  it('starts the programme finder with the sector of a question typed first, instead of the profile', async () => {
    const chat = 'gaps-pending-programmes';
    await say(chat, 'co ct nao cho startup nong nghiep ko');
    await say(chat, 'dong y');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'programme-finder', answers: { sector: 'agriculture' } });
  });

  it('drops a request agreed to more than an hour after it was typed', async () => {
    let now = NOW;
    const own = await botHarness({ store, clock: () => now });
    try {
      const chat = 'gaps-pending-stale';
      await own.say('web', chat, 'mình muốn đặt phòng họp mai 2h chiều');
      await own.settle();
      now = new Date(NOW.getTime() + 2 * 60 * 60 * 1000);
      await own.say('web', chat, 'đồng ý');
      await own.settle();
      const state = await stateOf(chat);
      expect(state.onboarding).toBeUndefined();
      expect(state.flow?.id).not.toBe('booking');
    } finally {
      await own.close();
    }
  });

  it('forgets the request when the founder declines', async () => {
    const chat = 'gaps-pending-declined';
    await say(chat, 'mình muốn đặt phòng họp mai 2h chiều');
    expect((await stateOf(chat)).onboarding).toMatchObject({ requests: [{ text: 'mình muốn đặt phòng họp mai 2h chiều' }] });
    await say(chat, 'không đồng ý');
    expect((await stateOf(chat)).onboarding?.requests).toBeUndefined();
    await press(chat, 'consent:agree');
    expect((await stateOf(chat)).flow?.id).toBe('profile');
  });

  it('answers a second message with a short reminder and the buttons, not the whole notice', async () => {
    const chat = 'gaps-pending-reminder';
    const first = await say(chat, 'xin chào');
    const second = await say(chat, 'cho mình hỏi chút');
    expect(payloads(second)).toEqual(payloads(first));
    expect(second.map((m) => m.text).join('').length).toBeLessThan(first.map((m) => m.text).join('').length / 2);
    const english = await say(chat, 'book a desk tomorrow morning');
    expect(payloads(english)).toEqual(payloads(first));
    await say(chat, 'ok');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'booking', answers: { day: WED } });
  });
});

describe('the answer to "leave or stay?"', () => {
  it('is never stored as a free-text answer: "mình ở Hà Nội" asks the choice again', async () => {
    const chat = 'gaps-switch-free';
    await harness.consent('web', chat);
    await say(chat, '/profile');
    await say(chat, 'Lan');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'profile', step: 'startup' });
    expect(payloads(await say(chat, 'đặt phòng họp mai 2h chiều'))).toEqual(['flow:_:switch', 'flow:_:continue']);
    const again = await say(chat, 'mình ở Hà Nội');
    expect(payloads(again)).toEqual(['flow:_:switch', 'flow:_:continue']);
    const paused = (await stateOf(chat)).flow!;
    expect(paused).toMatchObject({ id: 'profile', step: 'startup', pendingSwitch: expect.any(String) });
    expect(paused.answers.startup).toBeUndefined();
    await say(chat, 'tiếp tục');
    await say(chat, 'EduPay');
    expect((await stateOf(chat)).flow).toMatchObject({ step: 'stage', answers: { name: 'Lan', startup: 'EduPay' } });
  });

  it('takes an answer that fits the paused step as "stay" and uses it', async () => {
    const chat = 'gaps-switch-fits';
    await harness.consent('web', chat);
    await say(chat, '/profile');
    await say(chat, 'Lan');
    await say(chat, 'bỏ qua');
    expect((await stateOf(chat)).flow).toMatchObject({ step: 'stage' });
    expect(payloads(await say(chat, 'đặt phòng họp mai 2h chiều'))).toEqual(['flow:_:switch', 'flow:_:continue']);
    await say(chat, 'MVP rồi');
    const flow = (await stateOf(chat)).flow!;
    expect(flow).toMatchObject({ id: 'profile', step: 'sector', answers: { stage: 'prototype' } });
    expect(flow.pendingSwitch).toBeUndefined();
  });
});

describe('a greeting in the middle of a flow', () => {
  it.each(['chào', 'alo', 'hi', 'Xin chao ban'])('"%s" at a choice gets the same question back, not a miss', async (text) => {
    const chat = `gaps-greet-${text.length}-${text.charCodeAt(1)}`;
    await harness.consent('web', chat);
    const started = await press(chat, 'survey:start:support-needs');
    const before = (await stateOf(chat)).flow!;
    const back = await say(chat, text);
    expect(payloads(back)).toEqual(payloads(started.slice(-1)));
    expect((await stateOf(chat)).flow).toMatchObject({ id: before.id, step: before.step, misses: 0 });
  });

  it('is not taken as a name ("chào" at "Bạn tên là gì?"), while "Lan" still is', async () => {
    const chat = 'gaps-greet-name';
    await harness.consent('web', chat);
    await say(chat, '/profile');
    await say(chat, 'chào');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'profile', step: 'name', answers: {} });
    await say(chat, 'Lan');
    expect((await stateOf(chat)).flow).toMatchObject({ step: 'startup', answers: { name: 'Lan' } });
  });
});

describe('ending a flow in words', () => {
  it.each(['kết thúc', 'thôi', 'dừng lại', 'stop', 'ket thuc'])('"%s" in the survey pauses it like "hủy"', async (text) => {
    const chat = `gaps-end-${text.replace(/\W/g, '') || text.length}-${text.length}`;
    await harness.consent('web', chat);
    await press(chat, 'survey:start:support-needs');
    await say(chat, '1');
    expect((await stateOf(chat)).flow).toMatchObject({ step: 'stage' });
    const ended = await say(chat, text);
    expect((await stateOf(chat)).flow).toBeUndefined();
    expect(payloads(ended)).toContain('menu:surveys');
  });

  it('keeps "thôi" inside an answer ("mới có ý tưởng thôi")', async () => {
    const chat = 'gaps-end-inside';
    await harness.consent('web', chat);
    await press(chat, 'survey:start:support-needs');
    await say(chat, '1');
    await say(chat, 'mới có ý tưởng thôi');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'survey-support-needs', answers: { stage: 'idea' } });
  });
});

describe('"thôi" at a yes/no question', () => {
  const yesNo = defineFlow({
    id: 'test-yesno',
    steps: [
      { kind: 'ask', id: 'fulltime', prompt: () => 'Q:fulltime', input: { type: 'yesno' } },
      { kind: 'ask', id: 'name', prompt: () => 'Q:name', input: { type: 'text' } },
    ],
  });
  const starter: Feature = {
    name: 'starter',
    order: 40,
    async init(services) {
      registerFlow(services, yesNo);
    },
    async handle(turn, next) {
      if (turn.event.kind === 'text' && turn.event.text === '/test') return startFlow(turn, 'test-yesno');
      return next();
    },
  };

  it('is the answer "no" there, and ends the flow at a free-text question', async () => {
    const own = await botHarness({ store, clock: () => NOW, features: [flowFeature, starter, menuFeature, fallbackFeature] });
    try {
      const chat = 'gaps-yesno';
      for (const text of ['/test', 'thôi']) {
        await own.say('web', chat, text);
        await own.settle();
      }
      expect((await stateOf(chat)).flow).toMatchObject({ id: 'test-yesno', step: 'name', answers: { fulltime: false } });
      await own.say('web', chat, 'thôi');
      await own.settle();
      expect((await stateOf(chat)).flow).toBeUndefined();
    } finally {
      await own.close();
    }
  });
});
