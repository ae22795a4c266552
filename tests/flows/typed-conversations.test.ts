/**
 * Whole conversations typed as a founder on a phone types them (no button pressed), where typing
 * was served worse than pressing: a one-choice question answered with two choices, "cả hai", a
 * number past the last choice or "không biết" (a hint saying what is needed, not "I didn't catch
 * that"); a booking's time changed before its step or at "how long?"; "không" / "ko có gì" to an
 * optional comment; an answer typed for the next question; the rating's "Bỏ qua" typed after a
 * talk with staff in the middle of a survey. Through the whole bot on PGlite with the project's
 * content; assertions are on flow state, button payloads, hint keys and stored rows.
 *
 * The clock is a Tuesday 09:00 in Hà Nội, fixed, with no closed day in the week after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/content/messages.js';
import type { SqlStore } from '../../src/store/store.js';
import { botHarness, type BotHarness } from '../support/bot.js';
import { pgliteTestStore } from '../support/stores.js';
import { flowStateOf, openTuesday, payloads, webChat } from '../support/typed-chat.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));
const TOMORROW = new Date(NOW.getTime() + 86_400_000).toISOString().slice(0, 10);

let store: SqlStore;
let harness: BotHarness;
const { say } = webChat(() => harness);

beforeAll(async () => {
  store = await pgliteTestStore();
  harness = await botHarness({ store, clock: () => NOW });
});
afterAll(async () => {
  await harness?.close();
  await store?.close();
});

const flowOf = (chat: string) => flowStateOf(store, chat);
const vi = () => translator(harness.bot.services.messages, 'vi');
const en = () => translator(harness.bot.services.messages, 'en');

/** The hint a message starts with: the text before its first blank line. */
function hintOf(text: string | undefined): string {
  return (text ?? '').split('\n\n')[0]!;
}

async function surveyAnswers(chat: string): Promise<Record<string, unknown>> {
  const rows = await store.query<{ question_id: string; value: unknown }>(
    `select a.question_id, a.value from public.survey_answers a
       join public.survey_responses r on r.id = a.response_id
       join public.conversations c on c.contact_id = r.contact_id
      where c.chat_id = $1`, [chat],
  );
  return Object.fromEntries(rows.map((r) => [r.question_id, r.value]));
}

/** A survey started by typing, answered as a founder up to the stage question. */
async function atSurveyStage(chat: string, locale: 'vi' | 'en' = 'vi') {
  await harness.consent('web', chat, locale);
  await say(chat, locale === 'vi' ? 'khao sat' : 'take the survey');
  await say(chat, locale === 'vi' ? 'nguoi khoi nghiep' : 'founder');
  expect(await flowOf(chat)).toMatchObject({ id: 'survey-support-needs', step: 'stage', misses: 0 });
}

const STAGE_BUTTONS = ['flow:stage:idea', 'flow:stage:prototype', 'flow:stage:revenue', 'flow:stage:fundraising'];

describe('a one-choice question answered other than with one choice', () => {
  it('two choices named: says it takes one and names the two; "cả hai" names them again; the answer is then stored', async () => {
    const chat = 'typed-conv-two-choices';
    await atSurveyStage(chat);
    const two = await say(chat, 'y tuong va mvp');
    const named = '1. Ý tưởng\n2. Sản phẩm mẫu / MVP';
    expect(hintOf(two.at(-1)?.text)).toBe(vi()('flows.hint.one_only', { named }));
    expect(payloads(two)).toEqual(STAGE_BUTTONS);
    expect(await flowOf(chat)).toMatchObject({ step: 'stage', misses: 1 });

    const both = await say(chat, 'ca hai');
    expect(hintOf(both.at(-1)?.text)).toBe(vi()('flows.hint.one_only', { named }));
    expect(await flowOf(chat)).toMatchObject({ step: 'stage' });

    await say(chat, '2');
    expect(await flowOf(chat)).toMatchObject({ step: 'team_size', misses: 0 });
    expect((await surveyAnswers(chat)).stage).toBe('prototype');
  });

  it('"1 va 3" is two choices too', async () => {
    const chat = 'typed-conv-two-numbers';
    await atSurveyStage(chat);
    const [reply] = (await say(chat, '1 va 3')).slice(-1);
    expect(hintOf(reply?.text)).toBe(vi()('flows.hint.one_only', { named: '1. Ý tưởng\n3. Đã có doanh thu' }));
    expect((await flowOf(chat))?.answers.stage).toBeUndefined();
  });

  it('a number past the last choice says how many there are; "không biết" asks for the closest; neither is taken as a subject', async () => {
    const chat = 'typed-conv-range-unsure';
    await atSurveyStage(chat);
    const choices = '1. Ý tưởng\n2. Sản phẩm mẫu / MVP\n3. Đã có doanh thu\n4. Đang gọi vốn';
    const [range] = (await say(chat, '7')).slice(-1);
    expect(hintOf(range?.text)).toBe(vi()('flows.hint.choice_range', { count: 4, choices }));
    const [unsure] = (await say(chat, 'ko bt nua')).slice(-1);
    expect(hintOf(unsure?.text)).toBe(vi()('flows.hint.choice_unsure', { choices }));
    expect(payloads([unsure!]).slice(0, 4)).toEqual(STAGE_BUTTONS);
    expect(await flowOf(chat)).toMatchObject({ step: 'stage', answers: { role: 'founder' } });
  });

  it('in English: "idea and prototype" names the two; "both" after it the same; "9" the count', async () => {
    const chat = 'typed-conv-english';
    await atSurveyStage(chat, 'en');
    const named = '1. Idea\n2. Prototype / MVP';
    expect(hintOf((await say(chat, 'idea and prototype')).at(-1)?.text)).toBe(en()('flows.hint.one_only', { named }));
    expect(hintOf((await say(chat, 'both')).at(-1)?.text)).toBe(en()('flows.hint.one_only', { named }));
    const choices = '1. Idea\n2. Prototype / MVP\n3. Earning revenue\n4. Fundraising';
    expect(hintOf((await say(chat, '9')).at(-1)?.text)).toBe(en()('flows.hint.choice_range', { count: 4, choices }));
    await say(chat, 'prototype');
    expect((await surveyAnswers(chat)).stage).toBe('prototype');
  });
});

describe('a booking changed by typing before its step', () => {
  it('"à thôi đổi sang 3h chiều" at the kind of space is kept, said back, and booked at 15:00', async () => {
    const chat = 'typed-conv-booking-kind';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'muon dat lich mai 9h');
    expect(await flowOf(chat)).toMatchObject({ id: 'booking', step: 'kind' });
    const noted = await say(chat, 'a thoi doi sang 3h chieu');
    expect(hintOf(noted.at(-1)?.text)).toBe(vi()('booking.wish_noted', { wish: '15:00' }));
    expect(payloads(noted)).toContain('flow:kind:meeting_room');
    expect(await flowOf(chat)).toMatchObject({ step: 'kind', misses: 0, answers: { want: { date: TOMORROW, start: '15:00' } } });
    await say(chat, 'phong hop');
    expect(await flowOf(chat)).toMatchObject({ step: 'length' });
    await say(chat, '1 tieng');
    await say(chat, 'ok');
    const rows = await store.query<{ starts: string }>(
      `select lower(during) as starts from public.bookings where contact_id = $1 and status = 'booked'`, [contactId],
    );
    expect(rows.map((r) => new Date(r.starts).toISOString())).toEqual([`${TOMORROW}T08:00:00.000Z`]);
  });

  it('a time typed at "which day?" is kept for the times; the day then goes straight to "how long?"', async () => {
    const chat = 'typed-conv-booking-day';
    await harness.consent('web', chat);
    await say(chat, 'dat phong hop');
    expect(await flowOf(chat)).toMatchObject({ step: 'day' });
    const noted = await say(chat, 'a thoi 10h sang nhe'); // 15:00 is the booking above's
    expect(payloads(noted).some((p) => p.startsWith('flow:day:'))).toBe(true);
    expect(await flowOf(chat)).toMatchObject({ step: 'day', misses: 0 });
    await say(chat, 'ngay mai');
    expect(await flowOf(chat)).toMatchObject({ step: 'length', answers: { day: TOMORROW, start: `${TOMORROW}T03:00:00.000Z` } });
  });

  it('a new time, then a new day, typed at "how long?" go back through the times and keep the rest', async () => {
    const chat = 'typed-conv-booking-length';
    await harness.consent('web', chat);
    await say(chat, 'dat cho ngoi thu 6');
    await say(chat, '9h');
    const at = await flowOf(chat);
    expect(at).toMatchObject({ step: 'length' });
    const friday = String(at?.answers.day);
    await say(chat, 'doi sang 3h chieu');
    expect(await flowOf(chat)).toMatchObject({ step: 'length', misses: 0, answers: { day: friday, start: `${friday}T08:00:00.000Z` } });
    await say(chat, 'thoi doi sang thu 5');
    const thursday = new Date(Date.parse(`${friday}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(await flowOf(chat)).toMatchObject({ step: 'length', misses: 0, answers: { day: thursday, start: `${thursday}T08:00:00.000Z` } });
  });
});

describe('an answer typed for the next question', () => {
  it('"nông nghiệp" at the finder\'s stage is kept as the sector, which is then not asked', async () => {
    const chat = 'typed-conv-ahead';
    await harness.consent('web', chat);
    await say(chat, 'tim chuong trinh ho tro');
    expect(await flowOf(chat)).toMatchObject({ id: 'programme-finder', step: 'stage' });
    const noted = await say(chat, 'nong nghiep');
    expect(payloads(noted).every((p) => p.startsWith('flow:stage:'))).toBe(true);
    expect(await flowOf(chat)).toMatchObject({ step: 'stage', misses: 0, answers: { sector: 'agriculture' } });
    await say(chat, 'moi co y tuong');
    expect(await flowOf(chat)).toMatchObject({ step: 'province', answers: { stage: 'idea', sector: 'agriculture' } });
  });

  it('a phone number said at a yes/no question of an application is kept for its phone question, which is then not asked', async () => {
    const chat = 'typed-conv-ahead-phone';
    await harness.consent('web', chat);
    await harness.press('web', chat, 'programme:apply:provincial-incubator'); // its card's Apply, then all typed
    await harness.settle();
    for (const text of ['mk ten la Lan a', 'Uom', '3', 'nong dan kho ban hang']) await say(chat, text);
    expect(await flowOf(chat)).toMatchObject({ step: 'full_time', answers: { name: 'Lan' } });
    await say(chat, 'sdt mk la 0912 345 678');
    expect(await flowOf(chat)).toMatchObject({ step: 'full_time', misses: 0, answers: { phone: '+84912345678' } });
    await say(chat, 'co');
    expect(await flowOf(chat)).toMatchObject({ step: 'email', answers: { full_time: true, phone: '+84912345678' } });
  });

  it('a question no later one takes is a miss as before', async () => {
    const chat = 'typed-conv-ahead-none';
    await harness.consent('web', chat);
    await say(chat, 'tim chuong trinh ho tro');
    await say(chat, 'xyz abc');
    expect(await flowOf(chat)).toMatchObject({ step: 'stage', misses: 1, answers: {} });
  });
});

describe('an optional comment answered "no"', () => {
  async function atComments(chat: string) {
    await atSurveyStage(chat);
    for (const text of ['1', '5', '2', '2', '4', 'khong']) await say(chat, text);
    expect(await flowOf(chat)).toMatchObject({ step: 'comments' });
  }

  it.each(['ko co gi a', 'không', 'no thanks', 'bo qua'])('"%s" leaves it empty', async (text) => {
    const chat = `typed-conv-comment-${text}`;
    await atComments(chat);
    await say(chat, text);
    expect(await flowOf(chat)).toMatchObject({ step: 'phone' });
    expect(await surveyAnswers(chat)).toMatchObject({ comments: null });
  });

  it('"không có chỗ gửi xe" is a comment, and kept', async () => {
    const chat = 'typed-conv-comment-kept';
    await atComments(chat);
    await say(chat, 'không có chỗ gửi xe');
    expect(await surveyAnswers(chat)).toMatchObject({ comments: 'không có chỗ gửi xe' });
  });
});

describe('a talk with staff in the middle of a survey, all typed', () => {
  it('"bo qua" to the rating\'s comment goes back to the survey\'s question, which then takes its answer', async () => {
    const chat = 'typed-conv-handoff-skip';
    await harness.consent('web', chat);
    await say(chat, 'khao sat');
    expect(payloads(await say(chat, 'cho mk gap nguoi that'))).toContain('handoff:end');
    // Staff answered (a handoff nobody answered is closed without a rating question).
    await store.query(`update public.tickets set first_response_at = $1 where status <> 'resolved'`, [NOW.toISOString()]);
    expect(payloads(await say(chat, 'ket thuc')).some((p) => p.startsWith('handoff:csat:'))).toBe(true);
    expect(payloads(await say(chat, '5')).some((p) => p.startsWith('handoff:csat_skip:'))).toBe(true);
    const back = await say(chat, 'bo qua');
    expect(payloads(back)).toEqual(['flow:role:founder', 'flow:role:support']);
    expect(await flowOf(chat)).toMatchObject({ step: 'role', misses: 0 });
    await say(chat, '1');
    expect(await surveyAnswers(chat)).toMatchObject({ role: 'founder' });
  });

  it('a "leave or stay?" answered by asking for staff is not asked again after the talk', async () => {
    const chat = 'typed-conv-handoff-pending';
    await harness.consent('web', chat);
    await say(chat, 'khao sat');
    expect(payloads(await say(chat, 'gap nguoi'))).toEqual(['flow:_:switch', 'flow:_:continue']);
    await say(chat, 'gap can bo');
    await say(chat, 'ket thuc');
    await say(chat, '5');
    await say(chat, 'bo qua');
    const answered = await say(chat, 'nguoi khoi nghiep');
    expect(payloads(answered)).not.toContain('flow:_:switch');
    expect(await flowOf(chat)).toMatchObject({ step: 'stage', answers: { role: 'founder' } });
    expect((await flowOf(chat))?.pendingSwitch).toBeUndefined();
  });
});

describe('"back" and giving up, typed', () => {
  it.each(['quay lai', 'go back'])('"%s" at the survey\'s stage asks the role again, and a new role is stored', async (text) => {
    const chat = `typed-conv-back-${text}`;
    await atSurveyStage(chat, text === 'go back' ? 'en' : 'vi');
    const again = await say(chat, text);
    expect(payloads(again)).toEqual(['flow:role:founder', 'flow:role:support']);
    expect(await flowOf(chat)).toMatchObject({ step: 'role', answers: {} });
    await say(chat, '2');
    expect(await surveyAnswers(chat)).toMatchObject({ role: 'support' });
  });

  it.each(['thoi ko dat nua', 'minh khong can dat nua a', 'never mind'])('"%s" at "how long?" ends the booking, nothing booked', async (text) => {
    const chat = `typed-conv-give-up-${text}`;
    const contactId = await harness.consent('web', chat);
    await say(chat, 'dat cho ngoi thu 6');
    await say(chat, '13h');
    expect(await flowOf(chat)).toMatchObject({ step: 'length' });
    const replies = await say(chat, text);
    expect(await flowOf(chat)).toBeUndefined();
    expect(payloads(replies)).toContain('menu:booking');
    const rows = await store.query(`select 1 from public.bookings where contact_id = $1`, [contactId]);
    expect(rows).toHaveLength(0);
  });
});

describe('the privacy notice answered with a plain yes', () => {
  it.each([['sure', 'en'], ['yes please', 'en'], ['da vang', 'vi'], ['oke luon', 'vi']])('"%s" agrees (conversation in %s)', async (text, locale) => {
    const chat = `typed-conv-consent-${text}`;
    await say(chat, 'xin chao');
    await say(chat, text);
    const [row] = await store.query<{ consented: boolean; locale: string }>(
      `select c.consented_at is not null as consented, v.state->>'locale' as locale from public.contacts c
         join public.conversations v on v.contact_id = c.id where v.chat_id = $1`, [chat],
    );
    expect(row?.consented).toBe(true);
    expect(await flowOf(chat)).toMatchObject({ id: 'profile', step: 'name' });
    if (locale === 'en') expect(row?.locale).toBe('en');
  });

  it('"không biết" is neither a yes nor a refusal: the notice\'s buttons again, nothing stored', async () => {
    const chat = 'typed-conv-consent-unsure';
    await say(chat, 'xin chao');
    const again = await say(chat, 'khong biet');
    expect(payloads(again)).toContain('consent:agree');
    const [row] = await store.query<{ consented: boolean }>(
      `select c.consented_at is not null as consented from public.contacts c join public.conversations v on v.contact_id = c.id where v.chat_id = $1`, [chat],
    );
    expect(row?.consented ?? false).toBe(false);
  });
});

describe('a choice picked by its position in words', () => {
  it.each([['chon 1', 'founder'], ['cai thu 2', 'support'], ['lua chon 1 nhe', 'founder'], ['cai cuoi', 'support']])('"%s" at the survey\'s role', async (text, role) => {
    const chat = `typed-conv-pick-${text}`;
    await harness.consent('web', chat);
    await say(chat, 'khao sat');
    await say(chat, text);
    expect(await surveyAnswers(chat)).toMatchObject({ role });
  });

  it.each([['the first one', 'founder'], ['option 2', 'support']])('"%s" in English', async (text, role) => {
    const chat = `typed-conv-pick-${text}`;
    await harness.consent('web', chat, 'en');
    await say(chat, 'take the survey');
    await say(chat, text);
    expect(await surveyAnswers(chat)).toMatchObject({ role });
  });

  it('a booking\'s day, time and length picked as "cái thứ 2", "chọn 3", "cái đầu tiên" ', async () => {
    const chat = 'typed-conv-pick-booking';
    await harness.consent('web', chat);
    await say(chat, 'dat phong hoi truong');
    expect(await flowOf(chat)).toMatchObject({ step: 'day' });
    const times = await say(chat, 'cai thu 2'); // the second day button: tomorrow
    expect(await flowOf(chat)).toMatchObject({ step: 'slot', answers: { day: TOMORROW } });
    const third = times.at(-1)!.buttons![2]!.label; // "HH:MM"
    const lengths = await say(chat, 'chon 3');
    const at = await flowOf(chat);
    expect(at).toMatchObject({ step: 'length' });
    expect(new Date(String(at?.answers.start)).toISOString()).toBe(new Date(`${TOMORROW}T${third}:00+07:00`).toISOString());
    const shortest = Number(payloads(lengths.slice(-1))[0]!.split(':').at(-1));
    await say(chat, 'cai dau tien');
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', answers: { minutes: shortest } });
  });

  it('"chọn 1 và 3" at a question of several choices takes both', async () => {
    const chat = 'typed-conv-pick-multi';
    await atSurveyStage(chat);
    for (const text of ['1', '5']) await say(chat, text);
    await say(chat, 'chon 1 va 3');
    expect(await surveyAnswers(chat)).toMatchObject({ needs: ['training', 'funding'] });
  });

  it('"cái đầu tiên" at the kind of space is the first kind', async () => {
    const chat = 'typed-conv-pick-kind';
    await harness.consent('web', chat);
    await say(chat, 'dat cho');
    await say(chat, 'cái đầu tiên');
    expect(await flowOf(chat)).toMatchObject({ answers: { kind: 'hot_desk' } });
  });
});
