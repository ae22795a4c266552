/**
 * A founder on a phone who types whole sentences where the bot asks for one thing (found by
 * talking to the running bot): a choice named inside an answer ("MVP rồi"), "không có" at an
 * optional question, the finder asked with a sector and a place in the request, a yes that names
 * the button at an out-of-flow confirmation ("ừ hủy đi", "ừ xoá đi"), and a move given only a
 * time. Through the whole bot (default features, inbox → dispatcher → router → outbox) on PGlite
 * with the project's content; assertions are on flow state, payloads and rows.
 *
 * The clock is a Tuesday 09:00 in Hà Nội, fixed, with no closed day in the week after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../src/flows/booking/time.js';
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



type FlowState = { id: string; step: string; answers: Record<string, unknown>; misses: number };
async function flowOf(chat: string): Promise<FlowState | undefined> {
  const rows = await store.query<{ state: { flow?: FlowState } }>(
    `select state from public.conversations where channel = 'web' and chat_id = $1`, [chat],
  );
  return rows[0]?.state.flow;
}

async function bookingsOf(contactId: number) {
  return store.query<{ id: number; code: string; status: string; start: Date; end: Date }>(
    `select id::int, code, status, lower(during) as start, upper(during) as "end" from public.bookings where contact_id = $1 order by id`,
    [contactId],
  );
}

/** A consented founder at the profile's stage question. */
async function atStage(chat: string): Promise<void> {
  await say(chat, 'xin chào');
  await say(chat, 'dong y');
  await say(chat, 'Lan');
  await say(chat, 'bỏ qua');
  expect((await flowOf(chat))).toMatchObject({ id: 'profile', step: 'stage' });
}

describe('a name typed inside an introduction', () => {
  it('keeps "Lan" of "mình tên là Lan ạ" and "EduPay" of "tên cty là EduPay"; "Minh Anh" stays whole', async () => {
    const chat = 'founder-name-intro';
    await say(chat, 'xin chào');
    await say(chat, 'dong y');
    await say(chat, 'mình tên là Lan ạ');
    await say(chat, 'tên cty là EduPay');
    expect(await flowOf(chat)).toMatchObject({ step: 'stage', answers: { name: 'Lan', startup: 'EduPay' } });
    await say(chat, 'quay lại');
    await say(chat, 'quay lại');
    await say(chat, 'Minh Anh');
    expect((await flowOf(chat))?.answers.name).toBe('Minh Anh');
  });
});

describe('a correction typed at the summary', () => {
  it('replaces the one answer the text gives anew and shows the summary again; free text is not read as one', async () => {
    const chat = 'founder-correct-summary';
    await atStage(chat);
    for (const text of ['MVP', 'nông nghiệp', 'Hà Nội', '0912345678', 'ko co email']) await say(chat, text);
    expect(await flowOf(chat)).toMatchObject({ id: 'profile', step: 'confirm', answers: { phone: '+84912345678' } });
    const [summary] = await say(chat, 'sai sdt, so dung la 0987 654 321');
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', misses: 0, answers: { phone: '+84987654321', province: 'ha-noi' } });
    expect(payloads([summary!])).toContain('flow:confirm:yes');
    await say(chat, 'à mình ở Đà Nẵng chứ');
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', answers: { province: 'da-nang', phone: '+84987654321' } });
    // Nothing new to read: a miss, re-asked with the hint.
    await say(chat, 'tên mình viết hoa nhé');
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', misses: 1, answers: { name: 'Lan' } });
  });
});

describe('"thoi" at the name', () => {
  it('ends the offered profile for "thoi" typed in lower case, and keeps "Thoi" as a name', async () => {
    await say('founder-thoi', 'xin chào');
    await say('founder-thoi', 'dong y');
    await say('founder-thoi', 'thoi');
    expect(await flowOf('founder-thoi')).toBeUndefined();
    await say('founder-name-thoi', 'xin chào');
    await say('founder-name-thoi', 'dong y');
    await say('founder-name-thoi', 'Thoi');
    expect(await flowOf('founder-name-thoi')).toMatchObject({ id: 'profile', answers: { name: 'Thoi' } });
  });
});

describe('a choice named inside an answer', () => {
  it.each([
    ['MVP rồi', 'prototype'],
    ['mới có ý tưởng thôi', 'idea'],
    ['bên mik đang gọi vốn nha', 'fundraising'],
    ['we have revenue already', 'revenue'],
  ])('takes "%s" as the stage %s', async (text, stage) => {
    const chat = `founder-stage-${stage}-${text.length}`;
    await atStage(chat);
    await say(chat, text);
    expect(await flowOf(chat)).toMatchObject({ step: 'sector', answers: { stage } });
  });

  it('re-asks a stage that is said not to be so ("chưa có doanh thu") and a sector answer naming two', async () => {
    const chat = 'founder-stage-negated';
    await atStage(chat);
    await say(chat, 'chưa có doanh thu');
    expect(await flowOf(chat)).toMatchObject({ step: 'stage', misses: 1 });
    await say(chat, 'đang làm MVP');
    await say(chat, 'nông nghiệp và du lịch');
    expect(await flowOf(chat)).toMatchObject({ step: 'sector', misses: 1 });
    await say(chat, 'bên mình làm giáo dục');
    expect(await flowOf(chat)).toMatchObject({ step: 'province', answers: { stage: 'prototype', sector: 'education' } });
  });

  it('takes the province named in a short answer ("mình ở Đà Nẵng nha"), not two', async () => {
    const chat = 'founder-province-sentence';
    await atStage(chat);
    await say(chat, '1');
    await say(chat, '3');
    await say(chat, 'bên mình ở Hà Nội với Đà Nẵng');
    expect(await flowOf(chat)).toMatchObject({ step: 'province', misses: 1 });
    await say(chat, 'mình ở Đà Nẵng nha');
    expect(await flowOf(chat)).toMatchObject({ step: 'phone', answers: { province: 'da-nang' } });
  });

  it('skips an optional question answered "không có" ("mik ko có email") instead of re-asking it', async () => {
    const chat = 'founder-no-email';
    await atStage(chat);
    await say(chat, '1');
    await say(chat, '3');
    await say(chat, 'Đà Nẵng');
    await say(chat, 'ko có');
    expect(await flowOf(chat)).toMatchObject({ step: 'email', answers: { phone: null } });
    await say(chat, 'mik ko có email');
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', answers: { email: null } });
  });
});

describe('the finder asked with what the request says', () => {
  it.each([
    ['co ct nao cho startup giao duc ko', { sector: 'education' }],
    ['which programmes fit a fintech startup in Da Nang', { sector: 'tech', province: 'da-nang' }],
    ['chương trình nào hợp với startup nông nghiệp mới có ý tưởng ở Cần Thơ', { sector: 'agriculture', stage: 'idea', province: 'can-tho' }],
  ])('"%s" does not ask again what it names', async (text, facts) => {
    const chat = `founder-finder-${text.length}`;
    await harness.consent('web', chat);
    await say(chat, text);
    const flow = await flowOf(chat);
    expect(flow).toMatchObject({ id: 'programme-finder', answers: facts });
    expect(Object.keys(facts)).not.toContain(flow!.step);
  });

  it('applies to the n-th programme of the list just shown for "đăng ký cái số 2"', async () => {
    const chat = 'founder-apply-listed';
    await harness.consent('web', chat);
    await say(chat, 'co ct nao cho startup nong nghiep o can tho ko');
    await say(chat, '1');
    const results = await say(chat, 'bỏ qua');
    const listed = payloads(results).filter((p) => p.startsWith('programme:view:')).map((p) => p.split(':')[2]);
    expect(listed.length).toBeGreaterThan(1);
    await say(chat, 'đăng ký cái số 2');
    expect((await flowOf(chat))?.id).toBe(`apply-${listed[1]}`);
  });

  it('opens the n-th programme asked for in a sentence, then applies to it for "how do I apply?"', async () => {
    const chat = 'founder-see-listed';
    await harness.consent('web', chat);
    await say(chat, 'co ct nao cho startup nong nghiep o can tho ko');
    await say(chat, '1');
    const results = await say(chat, 'bỏ qua');
    const listed = payloads(results).filter((p) => p.startsWith('programme:view:')).map((p) => p.split(':')[2]);
    const card = await say(chat, 'tell me more about number 2');
    expect(payloads(card)).toContain(`programme:apply:${listed[1]}`);
    // A question about the papers stays a question for the documents.
    await say(chat, 'hồ sơ đăng ký gồm những gì');
    expect((await flowOf(chat))?.id).toBeUndefined();
    // "How" to apply, under the card, is its application.
    await press(chat, `programme:view:${listed[1]}`);
    await say(chat, 'how do I apply?');
    expect((await flowOf(chat))?.id).toBe(`apply-${listed[1]}`);
  });

  it('takes no sector from "đổi mới sáng tạo" (innovation) in the request', async () => {
    const chat = 'founder-finder-innovation';
    await harness.consent('web', chat);
    await say(chat, 'có chương trình đổi mới sáng tạo nào cho mình không');
    expect((await flowOf(chat))?.answers.sector).toBeUndefined();
  });
});

describe('typed answers around a booking', () => {
  it('cancels with "ừ hủy đi" at the cancel confirmation and keeps with "ok giữ lịch"', async () => {
    const chat = 'founder-cancel-typed';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'đặt phòng họp mai 2h chiều 2 tiếng');
    await say(chat, 'ok đặt luôn');
    const [booked] = await bookingsOf(contactId);
    expect(booked).toMatchObject({ status: 'booked' });

    await say(chat, `huy lich ${booked!.code}`);
    await say(chat, 'ok giữ lịch');
    expect((await bookingsOf(contactId))[0]!.status).toBe('booked');
    await say(chat, `huy lich ${booked!.code}`);
    await say(chat, 'ừ hủy đi');
    expect((await bookingsOf(contactId))[0]!.status).toBe('cancelled');
  });

  it('takes "hủy lịch đó đi" for the one upcoming booking', async () => {
    const chat = 'founder-cancel-only-one';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'đặt phòng họp mai 11h sáng 1 tiếng');
    await say(chat, 'ok');
    const [booked] = await bookingsOf(contactId);
    expect(booked).toMatchObject({ status: 'booked' });
    const asked = await say(chat, 'huy lich do di');
    expect(payloads(asked)).toContain(`booking:cancel:${booked!.id}`);
    expect(payloads(asked)).not.toContain('booking:new');
    await say(chat, 'ừ hủy đi');
    expect((await bookingsOf(contactId))[0]!.status).toBe('cancelled');
  });

  it('moves to a time alone on the same day, keeping the length', async () => {
    const chat = 'founder-move-time';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'đặt phòng họp mai 9h sáng 2 tiếng');
    await say(chat, 'ok');
    const [booked] = await bookingsOf(contactId);
    expect(booked!.start.toISOString()).toBe(instantOf(WED, 9 * 60));

    const reply = await say(chat, `doi lich ${booked!.code} sang 3h chieu`);
    expect(payloads(reply)).toContain('flow:confirm:yes');
    expect(await flowOf(chat)).toMatchObject({ id: 'booking', step: 'confirm', answers: { day: WED, minutes: 120 } });
    await say(chat, 'ok');
    const [moved] = await bookingsOf(contactId);
    expect([moved!.code, moved!.start.toISOString(), moved!.end.toISOString()]).toEqual([booked!.code, instantOf(WED, 15 * 60), instantOf(WED, 17 * 60)]);
  });
});

describe('the length of a stay, typed', () => {
  it.each([
    ['tầm 2 tiếng nha', 120],
    ['khoang 90 phut thoi', 90],
  ])('reads "%s" at the length question', async (text, minutes) => {
    const chat = `founder-length-${minutes}`;
    await harness.consent('web', chat);
    await say(chat, 'đặt phòng họp mai 9h');
    expect(await flowOf(chat)).toMatchObject({ id: 'booking', step: 'length' });
    await say(chat, text);
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', answers: { minutes } });
  });

  it('takes "cả ngày" as the longest stay on offer from the start', async () => {
    const chat = 'founder-length-day';
    await harness.consent('web', chat);
    const asked = await say(chat, 'đặt chỗ ngồi mai 8h');
    const offered = payloads(asked).filter((p) => p.startsWith('flow:length:')).map((p) => Number(p.split(':')[2]));
    expect(offered.length).toBeGreaterThan(1);
    await say(chat, 'cả ngày luôn');
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', answers: { minutes: Math.max(...offered) } });
  });
});

describe('a change typed at the booking confirmation', () => {
  it('takes a new length, then a new time on the same day, keeping the rest', async () => {
    const chat = 'founder-confirm-change';
    await harness.consent('web', chat);
    // Wednesday's afternoon from 15:00 may be held by another test's founder: 8:00 and 13:00 are not.
    await say(chat, 'đặt phòng họp mai 8h 2 tiếng');
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', answers: { day: WED, minutes: 120 } });
    const shorter = await say(chat, 'à thôi 1 tiếng thôi');
    expect(payloads(shorter)).toContain('flow:confirm:yes');
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', answers: { day: WED, minutes: 60, start: instantOf(WED, 8 * 60) } });
    await say(chat, 'actually make it 1pm');
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', answers: { day: WED, minutes: 60, start: instantOf(WED, 13 * 60) } });
  });
});

describe('a length typed where the start is asked', () => {
  it('keeps "3 hours" for the length, asks the start again, then books that long', async () => {
    const chat = 'founder-length-at-start';
    await harness.consent('web', chat);
    await say(chat, 'can I book a hot desk tomorrow morning?');
    expect(await flowOf(chat)).toMatchObject({ step: 'slot', answers: { day: WED } });
    const again = await say(chat, '3 hours');
    expect(await flowOf(chat)).toMatchObject({ step: 'slot', misses: 0 });
    expect(payloads(again).some((p) => p.startsWith('flow:slot:'))).toBe(true);
    await say(chat, '9:00');
    expect(await flowOf(chat)).toMatchObject({ step: 'confirm', answers: { minutes: 180, start: instantOf(WED, 9 * 60) } });
  });
});

describe('a number of people in a booking request', () => {
  it('books the smallest room that holds them when the room named is too small, and keeps a room that fits', async () => {
    const chat = 'founder-people';
    await harness.consent('web', chat);
    const replies = await say(chat, 'dat phong hop cho 12 nguoi chieu mai');
    expect((await flowOf(chat))?.answers.space).toBe('hall');
    expect(replies.length).toBeGreaterThan(1); // the notice, then the question
    await say(chat, 'hủy');
    await say(chat, 'đặt phòng họp cho 5 người chiều mai');
    expect((await flowOf(chat))?.answers.space).toBe('meeting-room');
  });
});

describe('erasing, typed', () => {
  it('erases after "ừ xoá đi" at the confirmation', async () => {
    const chat = 'founder-forget-typed';
    const contactId = await harness.consent('web', chat);
    const asked = await say(chat, 'xoá hết dữ liệu của mình đi');
    expect(payloads(asked)).toEqual(['account:forget_yes', 'account:forget_no']);
    const done = await say(chat, 'ừ xoá đi');
    expect(payloads(done)).not.toContain('account:forget_yes');
    const rows = await store.query<{ consented_at: string | null }>('select consented_at from public.contacts where id = $1', [contactId]);
    expect(rows[0]?.consented_at ?? null).toBeNull();
  });
});

describe('the founder\'s language before consent', () => {
  async function localeOf(chat: string): Promise<{ state?: string; contact?: string }> {
    const rows = await store.query<{ state: { locale?: string }; locale: string | null }>(
      `select v.state, c.locale from public.conversations v left join public.contacts c on c.id = v.contact_id
        where v.channel = 'web' and v.chat_id = $1`, [chat],
    );
    return { state: rows[0]?.state.locale, contact: rows[0]?.locale ?? undefined };
  }

  it('shows the notice in English for "english please" and keeps it', async () => {
    const chat = 'founder-english-please';
    await say(chat, 'hello');
    const notice = await say(chat, 'english please');
    expect(payloads(notice)).toContain('consent:agree');
    expect((await localeOf(chat)).state).toBe('en');
  });

  it('shows the notice in English for a first message written in English, and in Vietnamese for one without diacritics', async () => {
    await say('founder-first-en', 'which programmes fit an edtech startup?');
    expect((await localeOf('founder-first-en')).state).toBe('en');
    await say('founder-first-vi', 'co chuong trinh nao cho startup giao duc ko');
    expect((await localeOf('founder-first-vi')).state).not.toBe('en');
    await say('founder-first-hi', 'hello');
    expect((await localeOf('founder-first-hi')).state).not.toBe('en');
  });

  it('answers in English a founder who agrees in English ("I agree"), not one who types "ok" or "đồng ý"', async () => {
    await say('founder-agrees-en', 'hi');
    await say('founder-agrees-en', 'I agree');
    expect(await localeOf('founder-agrees-en')).toEqual({ state: 'en', contact: 'en' });
    for (const [chat, text] of [['founder-agrees-ok', 'ok'], ['founder-agrees-vi', 'đồng ý']] as const) {
      await say(chat, 'hi');
      await say(chat, text);
      expect((await localeOf(chat)).contact).toBe('vi');
    }
  });
});

describe('/me', () => {
  it('names the other data in the founder\'s words, in both languages, never by table names', async () => {
    const chat = 'founder-me-areas';
    await harness.consent('web', chat);
    for (const command of ['/me', '/lang en', '/me']) {
      const [reply] = await say(chat, command);
      if (command === '/me') {
        expect(reply!.text).not.toMatch(/flows \/|• survey responses|• applications/);
        expect(reply!.text).toMatch(/: 0$/m);
      }
    }
  });
});
