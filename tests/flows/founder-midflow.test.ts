/**
 * A founder who types in the middle of things (found by trying the bot): a question asked at a
 * step of the booking, the survey, the programme finder or the profile's name is answered from
 * the documents and the step asked again with its buttons; a bare "ok" to a two-button question
 * takes the yes one (or names the choices) and a bare "không" / "thôi" the one that keeps things;
 * "thôi" at "leave or stay?" keeps the flow; `/me` lists the founder's bookings, applications and
 * survey responses; a programme asked to be seen shows its card; a number said in a sentence; a
 * move that keeps its code; "hủy lịch ngày mai" among several bookings; "skip" where it can't. Through the whole bot (default features, inbox →
 * dispatcher → router → outbox) on PGlite with the project's content and knowledge; assertions are
 * on flow state, payloads and rows.
 *
 * The clock is a Tuesday 09:00 in Hà Nội, fixed, with no closed day in the week after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/content/messages.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import type { SqlStore } from '../../src/store/store.js';
import { botHarness, type BotHarness } from '../support/bot.js';
import { pgliteTestStore } from '../support/stores.js';
import { flowStateOf, openTuesday, payloads, webChat } from '../support/typed-chat.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

let store: SqlStore;
let harness: BotHarness;
const { say, press } = webChat(() => harness);

beforeAll(async () => {
  store = await pgliteTestStore();
  await ingestPath(store, 'content/knowledge');
  harness = await botHarness({ store, clock: () => NOW });
});
afterAll(async () => {
  await harness?.close();
  await store?.close();
});

const flowOf = (chat: string) => flowStateOf(store, chat);

async function bookingsOf(contactId: number) {
  return store.query<{ id: number; code: string; status: string }>(
    `select id::int, code, status from public.bookings where contact_id = $1 order by id`, [contactId],
  );
}

describe('/me lists what the founder did', () => {
  it('names each booking (upcoming, and cancelled), each application and each survey response, in vi and en', async () => {
    const chat = 'midflow-me-lists';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'đặt phòng họp mai 9h sáng 1 tiếng');
    await say(chat, 'ok');
    await say(chat, 'đặt chỗ ngồi thứ 6 8h 2 tiếng');
    await say(chat, 'ok');
    const [kept, dropped] = await bookingsOf(contactId);
    expect([kept?.status, dropped?.status]).toEqual(['booked', 'booked']);
    await press(chat, `booking:cancel:${dropped!.id}`);
    await press(chat, `booking:cancel:${dropped!.id}`);
    expect((await bookingsOf(contactId))[1]!.status).toBe('cancelled');

    await press(chat, 'survey:start:support-needs');
    await say(chat, '1');
    await say(chat, 'hủy');

    const [conversation] = await store.query<{ id: number }>(`select id::int from public.conversations where channel = 'web' and chat_id = $1`, [chat]);
    await store.call('fx_application_submit', {
      args: { contact_id: contactId, conversation_id: conversation!.id, inbox_id: null, programme_id: 'ipp2-asean-network', answers: { name: 'Lan' } },
    });

    for (const [command, words] of [['/me', ['Lịch đặt chỗ sắp tới', 'IPP2']], ['/lang en', []], ['/me', ['Upcoming bookings', 'IPP2']]] as const) {
      const [reply] = await say(chat, command);
      if (command !== '/me') continue;
      const text = reply!.text;
      const upcoming = text.slice(text.indexOf(words[0]));
      expect(upcoming).toContain(kept!.code);
      expect(text).toMatch(new RegExp(`${dropped!.code}.*\\(`)); // listed with its cancelled mark
      expect(text).toContain(words[1]);
      expect(text).toMatch(/support|hỗ trợ/i);
      expect(text).not.toMatch(/bookings \/|flows \//);
    }
  });
});

describe('a question typed in the middle of a flow', () => {
  it.each([
    ['the booking\'s day', 'đặt phòng họp', 'phòng họp có máy chiếu ko?', 'flow:day:'],
    ['the survey\'s first question', 'khảo sát', 'hạn nộp hồ sơ khi nào vậy', 'flow:role:'],
    ['the finder\'s stage', 'tìm chương trình hỗ trợ', 'what does this cost?', 'flow:stage:'],
    ['the booking\'s times', 'đặt phòng họp mai', 'có chỗ để xe không', 'flow:slot:'],
  ])('at %s, is answered from the documents and the step asked again with its buttons', async (_, start, question, buttons) => {
    const chat = `midflow-question-${buttons}${question.length}`;
    await harness.consent('web', chat);
    await say(chat, start);
    const before = (await flowOf(chat))!;
    const replies = await say(chat, question);
    expect(replies.length).toBeGreaterThanOrEqual(2);
    // First the knowledge base's answer (its feedback or staff button), then the same step.
    expect(payloads(replies.slice(0, -1)).some((p) => p.startsWith('kb:') || p.includes('kb_unanswered'))).toBe(true);
    const again = payloads(replies.slice(-1));
    expect(again.length).toBeGreaterThan(1);
    expect(again.every((p) => p.startsWith(buttons) || p.startsWith('flow:_:'))).toBe(true);
    expect(await flowOf(chat)).toMatchObject({ id: before.id, step: before.step, answers: before.answers, misses: 0 });
  });
});

describe('a bare yes to a two-button question', () => {
  it.each(['ok', 'oke', 'ừ', 'được'])('"%s" to "cancel booking X?" cancels it', async (yes) => {
    const chat = `midflow-yes-cancel-${yes}`;
    const contactId = await harness.consent('web', chat);
    await say(chat, 'đặt chỗ ngồi thứ 6 8h 2 tiếng');
    await say(chat, 'ok');
    const [booked] = await bookingsOf(contactId);
    expect(booked?.status).toBe('booked');
    const asked = await say(chat, `huy lich ${booked!.code}`);
    expect(payloads(asked)).toEqual([`booking:cancel:${booked!.id}`, 'booking:mine']);
    const done = await say(chat, yes);
    expect((await bookingsOf(contactId))[0]!.status).toBe('cancelled');
    expect(payloads(done)).not.toContain('menu:programmes');
  });

  it('names the two choices when neither is a yes (a programme\'s details: apply / back)', async () => {
    const chat = 'midflow-yes-neither';
    await harness.consent('web', chat);
    const details = await press(chat, 'programme:view:ipp2-asean-network');
    const shown = payloads(details.slice(-1));
    expect(shown).toHaveLength(2);
    const asked = await say(chat, 'uk');
    expect(payloads(asked)).toEqual(shown);
    expect(await flowOf(chat)).toBeUndefined();
  });

  it('"yes" to "talk to staff?" in a flow opens the request for a person', async () => {
    const chat = 'midflow-yes-staff';
    await harness.consent('web', chat);
    await say(chat, 'khảo sát');
    const offer = await say(chat, 'staff');
    expect(payloads(offer)).toEqual(['handoff:request', 'flow:_:continue']);
    await say(chat, 'yes');
    const tickets = await store.query<{ n: number }>(
      `select count(*)::int as n from public.tickets t join public.conversations c on c.id = t.conversation_id where c.chat_id = $1`, [chat],
    );
    expect(tickets[0]!.n).toBe(1);
  });
});

describe('"leave or stay?" answered by typing', () => {
  it.each(['thôi', 'thoi', 'thôi khỏi', 'ko, ở lại', 'không'])('"%s" stays in the flow at the same step', async (text) => {
    const chat = `midflow-stay-${text}`;
    await harness.consent('web', chat);
    await say(chat, 'khảo sát');
    const before = (await flowOf(chat))!;
    expect(payloads(await say(chat, 'đặt phòng họp mai 2h chiều'))).toEqual(['flow:_:switch', 'flow:_:continue']);
    const again = await say(chat, text);
    expect(await flowOf(chat)).toMatchObject({ id: before.id, step: before.step });
    expect((await flowOf(chat))?.pendingSwitch).toBeUndefined();
    expect(payloads(again).every((p) => p.startsWith(`flow:${before.step}:`))).toBe(true);
  });

  it('"thôi, làm việc mới đi" leaves for the new request; "thôi khỏi" at a computed step shows its buttons again', async () => {
    const chat = 'midflow-leave';
    await harness.consent('web', chat);
    await say(chat, 'đặt phòng họp mai');
    expect(await flowOf(chat)).toMatchObject({ id: 'booking', step: 'slot' });
    await say(chat, 'khảo sát');
    const again = await say(chat, 'thôi khỏi');
    expect(payloads(again).some((p) => p.startsWith('flow:slot:'))).toBe(true);
    await say(chat, 'khảo sát');
    await say(chat, 'thôi, làm việc mới đi');
    expect((await flowOf(chat))?.id).toBe('survey-support-needs');
  });
});

describe('"leave or stay?" answered with a bare yes, or unclearly twice', () => {
  it.each(['ok', 'ừ', 'yes'])('"%s" leaves for the new request (the question asks whether to leave)', async (text) => {
    const chat = `midflow-yes-${text}`;
    await harness.consent('web', chat);
    await say(chat, 'khảo sát');
    expect(payloads(await say(chat, 'đặt phòng họp mai 2h chiều'))).toEqual(['flow:_:switch', 'flow:_:continue']);
    await say(chat, text);
    expect((await flowOf(chat))?.id).toBe('booking');
  });

  it('carries on with the flow after a second unclear reply, never asking a third time', async () => {
    const chat = 'midflow-unclear-twice';
    await harness.consent('web', chat);
    await say(chat, 'khảo sát');
    const before = (await flowOf(chat))!;
    await say(chat, 'đặt phòng họp mai 2h chiều');
    expect(payloads(await say(chat, 'sáng'))).toEqual(['flow:_:switch', 'flow:_:continue']);
    const second = await say(chat, '9h');
    expect(payloads(second)).not.toContain('flow:_:switch');
    const flow = await flowOf(chat);
    expect(flow).toMatchObject({ id: before.id, step: before.step });
    expect(flow?.pendingSwitch).toBeUndefined();
  });
});

describe('a question at a free-text step', () => {
  it('answers "phí bao nhiêu?" typed at "Bạn tên là gì?" and keeps asking the name', async () => {
    const chat = 'midflow-name-question';
    await say(chat, 'xin chào');
    await say(chat, 'đồng ý');
    expect(await flowOf(chat)).toMatchObject({ id: 'profile', step: 'name' });
    const replies = await say(chat, 'phí bao nhiêu?');
    expect(payloads(replies).some((p) => p.startsWith('kb:') || p.includes('kb_unanswered'))).toBe(true);
    const flow = await flowOf(chat);
    expect(flow).toMatchObject({ id: 'profile', step: 'name' });
    expect(flow?.answers.name).toBeUndefined();
    await say(chat, 'Lan');
    expect((await flowOf(chat))?.answers.name).toBe('Lan');
  });
});

describe('another subject typed at a step that takes a time or a length', () => {
  /** A desk booking waiting at "how long?" (a step with its own reading and buttons). */
  async function atLength(chat: string) {
    await harness.consent('web', chat);
    await say(chat, 'đặt chỗ ngồi làm việc thứ 6 tuần này');
    await say(chat, '9h');
    expect(await flowOf(chat)).toMatchObject({ id: 'booking', step: 'length' });
  }

  it('offers to leave for a request the model reads with less than free-text confidence', async () => {
    const chat = 'midflow-length-apply';
    await atLength(chat);
    expect(payloads(await say(chat, 'hello, how can I apply for the incubation program?'))).toEqual(['flow:_:switch', 'flow:_:continue']);
  });

  it('answers a long question from the documents although the model hesitates, then asks the length again', async () => {
    const chat = 'midflow-length-question';
    await atLength(chat);
    const replies = await say(chat, 'how can I apply for the incubation program?');
    const found = payloads(replies);
    expect(found.some((p) => p.startsWith('kb:') || p.includes('kb_unanswered'))).toBe(true);
    expect(found.some((p) => p.startsWith('flow:length:'))).toBe(true);
    expect(await flowOf(chat)).toMatchObject({ id: 'booking', step: 'length', misses: 0 });
  });

  it('still re-asks a short wrong answer with the hint ("ok" is not a length)', async () => {
    const chat = 'midflow-length-ok';
    await atLength(chat);
    const replies = await say(chat, 'ok');
    expect(payloads(replies).every((p) => p.startsWith('flow:length:'))).toBe(true);
    expect(await flowOf(chat)).toMatchObject({ id: 'booking', step: 'length' });
  });
});

describe('a programme asked to be seen', () => {
  it.each([
    ['cho mình xem chi tiết chương trình IPP2', 'ipp2-asean-network'],
    ['tell me about the IPP2 programme', 'ipp2-asean-network'],
    ['xem chương trình ươm tạo làng nghề', 'craft-village-incubation'],
  ])('"%s" shows its details with the Apply button, starting nothing', async (text, id) => {
    const chat = `midflow-see-${text.length}`;
    await harness.consent('web', chat);
    const replies = await say(chat, text);
    expect(payloads(replies)).toContain(`programme:apply:${id}`);
    expect(await flowOf(chat)).toBeUndefined();
  });
});

describe('a move that keeps the code', () => {
  it('names the code once, not as an old and a "new" one', async () => {
    const chat = 'midflow-move-code';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'đặt chỗ ngồi mai 13h 1 tiếng');
    await say(chat, 'ok');
    const [booked] = await bookingsOf(contactId);
    await say(chat, `dời lịch ${booked!.code} sang 4h chiều nhé`);
    const [done] = await say(chat, 'được');
    expect((await bookingsOf(contactId))[0]!.code).toBe(booked!.code);
    expect(done!.text.split(booked!.code).length - 1).toBe(1);
  });
});

describe('a number said in a sentence', () => {
  it.each([['nhóm mình 5 người', 5], ['tầm chục người', 10]])('takes "%s" at the survey\'s team size', async (text, size) => {
    const chat = `midflow-team-${size}`;
    await harness.consent('web', chat);
    await press(chat, 'survey:start:support-needs');
    await say(chat, '1');
    await say(chat, '2');
    expect(await flowOf(chat)).toMatchObject({ step: 'team_size' });
    await say(chat, text);
    expect((await flowOf(chat))?.answers.team_size).toBe(size);
  });
});

describe('a no to "cancel booking X?"', () => {
  it.each(['thôi', 'không', 'thôi giữ lại', 'ko ạ'])('"%s" keeps the booking and shows the list, not a goodbye', async (text) => {
    const chat = `midflow-keep-${text}`;
    const contactId = await harness.consent('web', chat);
    await say(chat, 'đặt chỗ ngồi thứ 6 14h 1 tiếng');
    await say(chat, 'ok');
    const [booked] = await bookingsOf(contactId);
    expect(payloads(await say(chat, `huy lich ${booked!.code}`))).toContain(`booking:cancel:${booked!.id}`);
    const kept = await say(chat, text);
    expect((await bookingsOf(contactId))[0]!.status).toBe('booked');
    expect(payloads(kept)).toContain(`booking:move:${booked!.id}`); // the list of bookings, as "Giữ lịch" shows
  });

  it('"thôi hủy đi" cancels it', async () => {
    const chat = 'midflow-thoi-huy';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'đặt chỗ ngồi thứ 6 15h 1 tiếng');
    await say(chat, 'ok');
    const [booked] = await bookingsOf(contactId);
    await say(chat, `huy lich ${booked!.code}`);
    await say(chat, 'thôi hủy đi');
    expect((await bookingsOf(contactId))[0]!.status).toBe('cancelled');
  });
});

describe('cancelling one of several bookings by its day', () => {
  it('"hủy lịch ngày mai" asks to cancel tomorrow\'s booking, not the whole list', async () => {
    const chat = 'midflow-cancel-by-day';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'đặt chỗ ngồi mai 10h 1 tiếng');
    await say(chat, 'ok');
    await say(chat, 'đặt chỗ ngồi thứ 6 10h 1 tiếng');
    await say(chat, 'ok');
    const [tomorrow, friday] = await bookingsOf(contactId);
    expect([tomorrow?.status, friday?.status]).toEqual(['booked', 'booked']);
    const asked = await say(chat, 'hủy lịch ngày mai');
    expect(payloads(asked)).toEqual([`booking:cancel:${tomorrow!.id}`, 'booking:mine']);
    await say(chat, 'ok');
    expect((await bookingsOf(contactId)).map((b) => b.status)).toEqual(['cancelled', 'booked']);
  });
});

describe('"skip" where an answer is needed', () => {
  it('says the question cannot be skipped rather than "type it as text"', async () => {
    const chat = 'midflow-skip-required';
    await say(chat, 'hello');
    await say(chat, 'I agree');
    await say(chat, 'cancel'); // the profile the bot offers
    await say(chat, 'take the survey');
    const at = await flowOf(chat);
    expect(at).toMatchObject({ id: 'survey-support-needs', step: 'role' });
    const [hint] = await say(chat, 'skip'); // agreed in English: the conversation is in English
    expect(hint!.text).toContain(translator(harness.bot.services.messages, 'en')('flows.hint.required'));
    expect(await flowOf(chat)).toMatchObject({ step: 'role', misses: at!.misses + 1 });
  });
});
