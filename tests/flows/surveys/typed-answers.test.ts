/**
 * A survey read as founders type in the chat (tester report 30, F11-F13): a choice named in
 * casual words, without diacritics or in English; "thôi khỏi" / "ko cần" / "no thanks" at an
 * optional question skipping it (not pausing the survey, not a wrong phone number); the
 * question counter never jumping when skip logic passes questions over; and the date example
 * computed from the clock, with the right weekday.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Outbound } from '../../../src/bot/outbound.js';
import { surveySchema } from '../../../src/flows/surveys/index.js';
import type { PgliteStore } from '../../../src/store/pglite-driver.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';

let harness: BotHarness | undefined;
let store: PgliteStore | undefined;
afterEach(async () => {
  await harness?.close();
  await store?.close();
  harness = undefined;
  store = undefined;
});

async function start(now = new Date('2026-11-23T03:00:00Z')): Promise<BotHarness> {
  store = await pgliteTestStore();
  harness = await botHarness({ store, clock: () => now });
  return harness;
}

async function talk(h: BotHarness, chat: string, input: string): Promise<Outbound[]> {
  if (/^[a-z_]+:\S+$/.test(input)) await h.send({ channel: 'web', chatId: chat, userId: chat, locale: 'vi', kind: 'button', payload: input });
  else await h.send({ channel: 'web', chatId: chat, userId: chat, locale: 'vi', kind: 'text', text: input });
  return (await h.settle()).map((s) => s.message);
}

async function flowOf(chat: string): Promise<{ step: string; answers: Record<string, unknown> } | undefined> {
  const rows = await store!.query<{ state: { flow?: { step: string; answers: Record<string, unknown> } } }>(
    'select state from public.conversations where chat_id = $1', [chat]);
  return rows[0]?.state.flow;
}

/** The answers saved (each test has one founder per database). */
async function saved(): Promise<Record<string, unknown>> {
  const rows = await store!.query<{ question_id: string; value: unknown }>('select question_id, value from public.survey_answers');
  return Object.fromEntries(rows.map((r) => [r.question_id, r.value]));
}

/** A founder at the stage question. */
async function atStage(h: BotHarness, chat: string): Promise<void> {
  await h.consent('web', chat);
  await talk(h, chat, 'survey:start:support-needs');
  await talk(h, chat, 'nguoi khoi nghiep');
  expect((await flowOf(chat))?.step).toBe('stage');
}

// The first chat of the file loads the language models: slow on a busy machine.
describe('a survey choice typed in the founder\'s words', { timeout: 180_000 }, () => {
  it.each([
    ['có doanh thu r, tầm 50tr/tháng', 'revenue'],
    ['có doanh thu rồi', 'revenue'],
    ['co doanh thu roi', 'revenue'],
    ['bên mình bán đc mấy tháng rồi', 'revenue'],
    ['we have revenue', 'revenue'],
    ['just an idea', 'idea'],
    ['mới có ý tưởng thôi', 'idea'],
    ['dang goi von', 'fundraising'],
    ['đang làm mvp', 'prototype'],
  ])('"%s" at the stage question is %s', async (text, stage) => {
    const h = await start();
    await atStage(h, 'c1');
    await talk(h, 'c1', text);
    expect((await saved()).stage).toBe(stage);
    expect((await flowOf('c1'))?.step).not.toBe('stage');
  });

  it('"chưa có doanh thu" is not "Đã có doanh thu"', async () => {
    const h = await start();
    await atStage(h, 'c2');
    await talk(h, 'c2', 'chưa có doanh thu');
    expect((await saved()).stage).toBeUndefined();
    expect((await flowOf('c2'))?.step).toBe('stage');
  });
});

describe('declining an optional survey question', () => {
  it.each(['thôi khỏi', 'thoi khoi', 'ko cần', 'khỏi', 'bỏ qua', 'skip', 'no thanks'])(
    '"%s" at the optional team size skips it and the survey goes on', async (text) => {
      const h = await start();
      await atStage(h, 'd1');
      await talk(h, 'd1', 'y tuong');
      expect((await flowOf('d1'))?.step).toBe('team_size');
      await talk(h, 'd1', text);
      expect((await flowOf('d1'))?.step).toBe('needs');
      expect(await saved()).toMatchObject({ team_size: null });
    });

  it('"thôi khỏi" at a comment, "ko cần" at the phone and "khỏi" at the e-mail skip each; the survey completes', async () => {
    const h = await start();
    await atStage(h, 'd2');
    for (const text of ['y tuong', '3', 'flow:needs:funding', 'xong', '4', 'bo qua']) await talk(h, 'd2', text);
    expect((await flowOf('d2'))?.step).toBe('comments');
    await talk(h, 'd2', 'thôi khỏi');
    expect((await flowOf('d2'))?.step).toBe('phone');
    await talk(h, 'd2', 'ko cần');
    expect((await flowOf('d2'))?.step).toBe('email');
    await talk(h, 'd2', 'khỏi');
    expect(await flowOf('d2')).toBeUndefined();
    expect(await saved()).toMatchObject({ comments: null, phone: null, email: null });
    const done = await store!.query<{ completed_at: string | null }>('select completed_at from public.survey_responses');
    expect(done[0]!.completed_at).not.toBeNull();
  });

  it('"dừng khảo sát" and "thôi mai làm tiếp" still pause the survey', async () => {
    for (const [chat, text] of [['p1', 'dừng khảo sát'], ['p2', 'thôi mai làm tiếp']] as const) {
      const h = await start();
      await atStage(h, chat);
      await talk(h, chat, 'y tuong');
      const replies = await talk(h, chat, text);
      expect(await flowOf(chat)).toBeUndefined();
      expect(replies.flatMap((m) => m.buttons?.map((b) => b.payload) ?? []).some((p) => p.startsWith('menu:'))).toBe(true);
      expect((await saved()).team_size).toBeUndefined(); // paused, not skipped
      await harness!.close();
      await store!.close();
      harness = undefined;
      store = undefined;
    }
  });
});

describe('other typed answers in a survey', () => {
  it('"pretty good, maybe 4/5" at a rating is 4; "quay lại câu trước" goes back one question', async () => {
    const h = await start();
    await atStage(h, 'r1');
    for (const text of ['y tuong', '3', 'flow:needs:funding', 'xong']) await talk(h, 'r1', text);
    expect((await flowOf('r1'))?.step).toBe('satisfaction');
    await talk(h, 'r1', 'pretty good, maybe 4/5');
    expect(await saved()).toMatchObject({ satisfaction: 4 });
    expect((await flowOf('r1'))?.step).toBe('training_date');
    await talk(h, 'r1', 'quay lại câu trước');
    expect((await flowOf('r1'))?.step).toBe('satisfaction');
  });

  it('"all of them lol" at the needs picks every need', async () => {
    const h = await start();
    await atStage(h, 'a1');
    for (const text of ['y tuong', '3']) await talk(h, 'a1', text);
    expect((await flowOf('a1'))?.step).toBe('needs');
    await talk(h, 'a1', 'all of them lol');
    expect((await saved()).needs).toHaveLength(9);
  });
});

describe('survey question numbers and examples', () => {
  it('count only the questions this founder is asked: no jump when skip logic passes questions over', async () => {
    const h = await start();
    await h.consent('web', 'n1');
    const prompts: string[] = [];
    const ask = async (input: string) => {
      const replies = await talk(h, 'n1', input);
      const asked = replies.map((m) => (m.text ?? '').split('\n')[0]!).find((t) => /^\(\d+\/\d+\)/.test(t));
      // A multiple choice shows its question again after each press: one question, counted once.
      if (asked && asked !== prompts.at(-1)) prompts.push(asked);
    };
    // A founder with one need: the support staff's question and "most urgent" are passed over.
    for (const input of ['survey:start:support-needs', 'nguoi khoi nghiep', 'y tuong', '3', 'flow:needs:funding', 'xong', '4', 'bo qua', 'bo qua', 'bo qua']) {
      await ask(input);
    }
    const numbers = prompts.map((p) => /^\((\d+)\/(\d+)\)/.exec(p)!.slice(1).map(Number) as [number, number]);
    expect(numbers.map(([n]) => n)).toEqual(numbers.map((_, i) => i + 1));
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]![1]).toBeLessThanOrEqual(numbers[i - 1]![1]);
    expect(numbers.at(-1)).toEqual([numbers.length, numbers.length]); // the last question asked is n/n
  });

  it.each([
    ['2026-11-23T03:00:00Z', 'Thứ Hai 30/11'],
    ['2026-12-10T03:00:00Z', 'Thứ Năm 17/12'],
  ])('the date question\'s example on %s names a real weekday (%s)', async (now, example) => {
    const h = await start(new Date(now));
    await atStage(h, 'e1');
    for (const text of ['y tuong', '3', 'flow:needs:funding', 'xong']) await talk(h, 'e1', text);
    const [dateQuestion] = await talk(h, 'e1', '4');
    expect((await flowOf('e1'))?.step).toBe('training_date');
    expect(dateQuestion!.text).toContain(example);
    expect(dateQuestion!.text).not.toContain('15/12');
  });

  it('a survey file may not write a day/month date in a prompt', () => {
    const text = { vi: 'a', en: 'a' };
    const survey = (prompt: string) => surveySchema.safeParse({
      id: 'x', title: text, intro: text, thanks: text,
      questions: [{ id: 'a', type: 'date', prompt: { vi: prompt, en: 'When?' } }],
    }).success;
    expect(survey('Ngày nào? (ví dụ: thứ 6, 15/12)')).toBe(false);
    expect(survey('Bạn hài lòng thế nào? (1-5)')).toBe(true);
  });
});
