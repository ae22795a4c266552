/**
 * Founders who type instead of pressing (issue 12), through the whole bot (default features,
 * inbox → dispatcher → router → outbox) on PGlite with the project's content: typed consent,
 * declined consent, "Huy" as a name, a one-message booking that ends in the database, "thứ hai
 * tuần sau", cancel and move by code (the code is kept), out-of-scope messages, an unsure reading,
 * and interruptions in the middle of the survey. Assertions are on payloads, flow state and rows.
 *
 * The bot's clock is a Tuesday 09:00 in Hà Nội a few days ahead of the real date (reminders the
 * database queues stay in the future), chosen so that the week after it has no public holiday.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../src/flows/booking/time.js';
import { addDays } from '../../src/flows/parse/date.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import type { IntentName, Nlu } from '../../src/nlu/index.js';
import type { SqlStore } from '../../src/store/store.js';
import { botHarness, type BotHarness } from '../support/bot.js';
import { pgliteTestStore } from '../support/stores.js';
import { openTuesday, payloads, webChat } from '../support/typed-chat.js';


// From a fixed day, not today's: the survey and the spaces' calendars in content/ have dates of their own.
const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));
const TUE = NOW.toISOString().slice(0, 10);
const WED = addDays(TUE, 1);
const FRI = addDays(TUE, 3);
const NEXT_MON = addDays(TUE, 6);

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




async function stateOf(chat: string): Promise<Record<string, unknown> & { flow?: { id: string; step: string; answers: Record<string, unknown>; misses: number } }> {
  const rows = await store.query<{ state: Record<string, unknown> }>(
    `select state from public.conversations where channel = 'web' and chat_id = $1`, [chat],
  );
  return (rows[0]?.state ?? {}) as never;
}

async function contactOf(chat: string): Promise<{ id: number; consented_at: string | null; display_name: string | null }> {
  const rows = await store.query<{ id: number; consented_at: string | null; display_name: string | null }>(
    `select c.id::int, c.consented_at, c.display_name from public.contacts c
       join public.conversations v on v.contact_id = c.id where v.channel = 'web' and v.chat_id = $1`, [chat],
  );
  return rows[0]!;
}

async function bookingsOf(contactId: number) {
  return store.query<{ id: number; code: string; status: string; space_id: string; start: Date; end: Date }>(
    `select id::int, code, status, space_id, lower(during) as start, upper(during) as "end" from public.bookings where contact_id = $1 order by id`,
    [contactId],
  );
}

describe('consent typed', () => {
  it('agrees with a typed "dong y" and then takes "Huy" as a name; "hủy" with its accent leaves', async () => {
    const chat = 'typing-consent-0000001';
    expect(payloads(await say(chat, 'xin chào'))).toContain('consent:agree');
    expect((await contactOf(chat))?.consented_at ?? null).toBeNull();
    await say(chat, 'dong y');
    expect((await contactOf(chat)).consented_at).not.toBeNull();
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'profile', step: 'name' });

    await say(chat, 'Huy');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'profile', step: 'startup', answers: { name: 'Huy' } });
    await say(chat, 'hủy');
    expect((await stateOf(chat)).flow).toBeUndefined();
  });

  it('takes a plain one-message request typed at the name step as a request, not as a name', async () => {
    const chat = 'typing-name-request-01';
    await say(chat, 'xin chào');
    await say(chat, 'dong y');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'profile', step: 'name' });
    const reply = await say(chat, 'đặt phòng họp mai 2h chiều 2 tiếng');
    // The profile the bot offered gives way to the booking at once; nothing was stored as the name.
    expect(payloads(reply).some((p) => p.endsWith(':switch'))).toBe(false);
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'booking' });
  });

  it.each([
    'co chuong trinh ho tro nao cho startup nong nghiep ko',
    'Có chương trình nào hỗ trợ startup nông nghiệp không?',
    'minh muon tim chuong trinh ho tro cho startup nong nghiep',
    'I want to find a support programme for my agritech startup',
    'cho minh gap nv',
  ])(
    'takes a request asked as a question or a wish at the name step ("%s") as a request, not as a name',
    async (text) => {
      const chat = `typing-name-asked-${text.length}-${text.charCodeAt(0)}`;
      await say(chat, 'xin chào');
      await say(chat, 'dong y');
      expect((await stateOf(chat)).flow).toMatchObject({ id: 'profile', step: 'name' });
      const reply = await say(chat, text);
      // Taken as a request: the profile the bot offered gave way to it (no name stored).
      expect(payloads(reply).some((p) => p.endsWith(':switch'))).toBe(false);
      expect((await stateOf(chat)).flow?.id).not.toBe('profile');
      expect(reply.length).toBeGreaterThan(0);
    },
  );

  it.each(['how much does the coworking space cost?', 'khu lam viec chung mo cua may gio'])(
    'answers a question typed at the name step ("%s") from the documents, then asks for the name again',
    async (text) => {
      const chat = `typing-name-question-${text.length}`;
      await say(chat, 'xin chào');
      await say(chat, 'dong y');
      expect((await stateOf(chat)).flow).toMatchObject({ id: 'profile', step: 'name' });
      const reply = await say(chat, text);
      // An answer with its feedback buttons, the name question again, and no name stored.
      expect(payloads(reply)).toContain('kb:helpful');
      expect((await stateOf(chat)).flow).toMatchObject({ id: 'profile', step: 'name' });
      expect((await stateOf(chat)).flow?.answers?.name).toBeUndefined();
      await say(chat, 'Lan');
      expect((await stateOf(chat)).flow?.answers?.name).toBe('Lan');
    },
  );

  it.each(['Đồng ý', 'ok em đồng ý nhé', 'I agree'])('agrees with "%s" once the notice was shown', async (text) => {
    const chat = `typing-agree-${text.length}-${text.charCodeAt(0)}`;
    await say(chat, 'hello');
    await say(chat, text);
    expect((await contactOf(chat)).consented_at).not.toBeNull();
  });

  it('confirms the profile with a typed "đúng, gửi đi"', async () => {
    const chat = 'typing-profile-0000001';
    await harness.consent('web', chat);
    await say(chat, '/profile');
    for (const answer of ['Huy', 'bo qua', 'y tuong', 'cong nghe', 'lang son', 'bo qua', 'bo qua']) await say(chat, answer);
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'profile', step: 'confirm' });
    await say(chat, 'đúng, gửi đi');
    expect((await stateOf(chat)).flow).toBeUndefined();
    expect((await contactOf(chat)).display_name).toBe('Huy');
  });
});

describe('declining really declines', () => {
  it('stores no booking after a refusal, says why, offers to agree, and /me says nothing is stored', async () => {
    const chat = 'typing-decline-000001';
    await say(chat, 'xin chao');
    const declined = await say(chat, 'không đồng ý');
    expect(payloads(declined)).toContain('consent:agree');
    const refused = await say(chat, 'đặt phòng họp mai 2h chiều 2 tiếng');
    expect(payloads(refused)).toContain('consent:agree');
    expect((await stateOf(chat)).flow).toBeUndefined();
    const me = await say(chat, '/me');
    expect(payloads(me)).toEqual(['consent:agree']);
    const contact = await contactOf(chat);
    expect(contact?.consented_at ?? null).toBeNull();
    if (contact) expect(await bookingsOf(contact.id)).toEqual([]);
    // Pressing "agree" now works, and then the same request books.
    await press(chat, 'consent:agree');
    expect((await contactOf(chat)).consented_at).not.toBeNull();
  });
});

describe('one-message requests', () => {
  it('books a meeting room from one message, cancels and moves by code (keeping the code)', async () => {
    const chat = 'typing-booking-000001';
    const contactId = await harness.consent('web', chat);
    const confirm = await say(chat, 'đặt phòng họp mai 2h chiều 2 tiếng');
    expect(payloads(confirm)).toContain('flow:confirm:yes');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'booking', step: 'confirm', answers: { space: 'meeting-room', day: WED, minutes: 120 } });
    await say(chat, 'ok đặt luôn');
    const [booked] = await bookingsOf(contactId);
    expect(booked).toMatchObject({ space_id: 'meeting-room', status: 'booked' });
    expect(booked!.start.toISOString()).toBe(instantOf(WED, 14 * 60));
    expect(booked!.end.toISOString()).toBe(instantOf(WED, 16 * 60));

    // "đổi lịch <code> sang thứ 6 lúc 10h, 1 tiếng": the same booking, same code, Friday 10:00.
    const moveConfirm = await say(chat, `đổi lịch ${booked!.code} sang thứ 6 lúc 10h, 1 tiếng`);
    expect(payloads(moveConfirm)).toContain('flow:confirm:yes');
    await press(chat, 'flow:confirm:yes');
    const afterMove = await bookingsOf(contactId);
    expect(afterMove.map((b) => [b.id, b.code, b.status])).toEqual([[booked!.id, booked!.code, 'booked']]);
    expect(afterMove[0]!.start.toISOString()).toBe(instantOf(FRI, 10 * 60));

    // "hủy lịch <code>": the cancel confirmation of that booking, then cancelled.
    const cancel = await say(chat, `hủy lịch ${booked!.code.toLowerCase()}`);
    expect(payloads(cancel)).toEqual([`booking:cancel:${booked!.id}`, 'booking:mine']);
    expect((await bookingsOf(contactId))[0]!.status).toBe('booked');
    await say(chat, '1'); // the first button, typed
    expect((await bookingsOf(contactId))[0]!.status).toBe('cancelled');
  });

  it('takes a typed button label at a computed step: "đặt chỗ" confirms, "chon gio khac" goes back to the times', async () => {
    const chat = 'typing-label-00000001';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'book the hall tomorrow at 9am for 2 hours');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'booking', step: 'confirm' });
    await say(chat, 'chon gio khac');
    expect((await stateOf(chat)).flow).toMatchObject({ step: 'slot' });
    await say(chat, '09:00');
    await say(chat, '2');
    expect((await stateOf(chat)).flow).toMatchObject({ step: 'confirm' });
    await say(chat, 'ĐẶT CHỖ');
    const [booked] = await bookingsOf(contactId);
    expect(booked).toMatchObject({ space_id: 'hall', status: 'booked' });
    expect(booked!.start.toISOString()).toBe(instantOf(WED, 9 * 60));
  });

  it('answers a question that names a day at the booking confirmation; the booking still waits for its button', async () => {
    const chat = 'typing-confirm-q-0001';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'book the hall tomorrow at 2pm for 2 hours');
    const before = (await stateOf(chat)).flow!;
    expect(before).toMatchObject({ id: 'booking', step: 'confirm' });

    // "saturday" is a day, but this is a question for the documents, not a change of the booking.
    const answered = await say(chat, 'what time does the coworking space open on saturday?');
    expect(payloads(answered)).toContain('kb:helpful'); // the documents' answer
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'booking', step: 'confirm', answers: before.answers });
    expect(await bookingsOf(contactId)).toEqual([]);

    await press(chat, 'flow:confirm:yes');
    const [booked] = await bookingsOf(contactId);
    expect(booked).toMatchObject({ space_id: 'hall', status: 'booked' });
    expect(booked!.start.toISOString()).toBe(instantOf(WED, 14 * 60));
  });

  it('reads "thứ hai tuần sau" as the Monday of next week at the day question', async () => {
    const chat = 'typing-monday-0000001';
    await harness.consent('web', chat);
    await say(chat, 'dat phong hop');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'booking', step: 'day' });
    const slots = await say(chat, 'thứ hai tuần sau');
    expect((await stateOf(chat)).flow).toMatchObject({ step: 'slot', answers: { day: NEXT_MON } });
    expect(payloads(slots).some((p) => p.startsWith('flow:slot:'))).toBe(true);
  });

  it('answers out-of-scope messages politely with the menu, never from the documents', async () => {
    const chat = 'typing-scope-00000001';
    await harness.consent('web', chat);
    const reply = await say(chat, 'giá vàng hôm nay bao nhiêu');
    expect(reply).toHaveLength(1);
    expect(payloads(reply)).toContain('menu:programmes');
    expect(payloads(reply).some((p) => p.startsWith('kb:') || p.includes('kb_unanswered'))).toBe(false);
  });

  it.each([
    ['tìm chương trình hỗ trợ', 'programme-finder'],
    ['khao sat', 'survey-support-needs'],
    ['đăng ký IPP2', 'apply-ipp2-asean-network'],
  ])('starts the feature of "%s"', async (text, flowId) => {
    const chat = `typing-start-${flowId}`.slice(0, 24);
    await harness.consent('web', chat);
    await say(chat, text);
    expect((await stateOf(chat)).flow?.id).toBe(flowId);
  });

  it('changes the language, stops announcements and shows what is stored, as typed', async () => {
    const chat = 'typing-account-000001';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'nói tiếng Anh đi');
    expect((await stateOf(chat)).locale).toBe('en');
    const stop = await say(chat, 'đừng gửi thông báo nữa');
    expect(payloads(stop).length).toBe(1); // "subscribe again"
    const rows = await store.query<{ subscribed: boolean }>('select subscribed from public.contacts where id = $1', [contactId]);
    expect(rows[0]!.subscribed).toBe(false);
    const thanks = await say(chat, 'cảm ơn nhiều nhé');
    expect(thanks).toHaveLength(1);
    expect((await stateOf(chat)).flow).toBeUndefined();
  });

  it('lists bookings and applications for "lịch đặt chỗ của tôi" and "don dang ky cua toi"', async () => {
    const chat = 'typing-lists-00000001';
    await harness.consent('web', chat);
    expect(payloads(await say(chat, 'lịch đặt chỗ của tôi'))).toEqual(['booking:new']);
    const applications = await say(chat, 'don dang ky cua toi');
    expect(applications).toHaveLength(1);
    expect(payloads(applications)).not.toContain('booking:new');
  });
});

describe('interruptions in the survey', () => {
  it('answers a question and asks the same step again; an action asks before leaving', async () => {
    const chat = 'typing-survey-0000001';
    await harness.consent('web', chat);
    await press(chat, 'survey:start:support-needs');
    const before = (await stateOf(chat)).flow!;
    expect(before.id).toBe('survey-support-needs');

    const answered = await say(chat, 'hạn nộp hồ sơ chương trình IPP2 là khi nào?');
    expect(answered.length).toBeGreaterThanOrEqual(2);
    expect(payloads(answered.slice(0, -1)).some((p) => p.includes('kb_unanswered'))).toBe(true); // the knowledge base's answer
    expect(payloads(answered.slice(-1)).every((p) => p.startsWith(`flow:${before.step}:`) || p.startsWith('flow:_:'))).toBe(true);
    expect((await stateOf(chat)).flow).toMatchObject({ id: before.id, step: before.step, misses: 0 });

    const asked = await say(chat, 'đặt phòng họp mai 2h chiều');
    expect(payloads(asked)).toEqual(['flow:_:switch', 'flow:_:continue']);
    await say(chat, 'tiếp tục');
    expect((await stateOf(chat)).flow).toMatchObject({ id: before.id, step: before.step });

    await say(chat, 'đặt phòng họp mai 2h chiều');
    await press(chat, 'flow:_:switch');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'booking', answers: { space: 'meeting-room', day: WED } });
  });

  it('takes another request typed at the "leave or stay" question as the way to go', async () => {
    const chat = 'typing-survey-0000002';
    await harness.consent('web', chat);
    await press(chat, 'survey:start:support-needs');
    expect(payloads(await say(chat, 'đặt phòng họp mai 2h chiều'))).toEqual(['flow:_:switch', 'flow:_:continue']);
    await say(chat, 'dat phong hop mai 3h chieu');
    expect((await stateOf(chat)).flow).toMatchObject({ id: 'booking', answers: { space: 'meeting-room', day: WED } });
  });
});

describe('an unsure reading', () => {
  it('asks one short question with the two likeliest intents as buttons and acts on the pick', async () => {
    // A fixed reading stands in for the model: this is about what the bot does when unsure.
    const unsure: Nlu = {
      understand(text) {
        const ranked: { intent: IntentName; score: number }[] = [
          { intent: 'booking_new', score: 0.41 }, { intent: 'kb_question', score: 0.38 }, { intent: 'out_of_scope', score: 0.21 },
        ];
        return { text, normalized: text, intent: 'booking_new', confidence: 0.41, ranked, slots: { space: 'meeting-room' }, unsure: true };
      },
    };
    const own = await botHarness({ store, clock: () => NOW, nlu: unsure });
    try {
      const chat = 'typing-unsure-0000001';
      await own.consent('web', chat);
      await own.say('web', chat, 'phòng họp');
      const asked = (await own.settle()).filter((s) => s.to.chatId === chat).map((s) => s.message);
      expect(payloads(asked)).toEqual(['intent:booking_new', 'intent:kb_question', 'intent:menu']);
      await own.press('web', chat, 'intent:booking_new');
      await own.settle();
      expect((await stateOf(chat)).flow).toMatchObject({ id: 'booking', answers: { space: 'meeting-room' } });
    } finally {
      await own.bot.stop();
    }
  });

  it('sends a question read as chat ("do you have a printer" as a goodbye) to the documents, and keeps a greeting', async () => {
    const chat: Nlu = {
      understand(text) {
        const intent: IntentName = text.startsWith('hi') ? 'greeting' : 'goodbye';
        return { text, normalized: text.toLowerCase(), intent, confidence: 0.6, ranked: [{ intent, score: 0.6 }], slots: {}, unsure: false };
      },
    };
    const own = await botHarness({ store, clock: () => NOW, nlu: chat });
    try {
      const id = 'typing-chat-question-01';
      await own.consent('web', id);
      await own.say('web', id, 'do you have a printer');
      const [answer] = (await own.settle()).filter((s) => s.to.chatId === id).map((s) => s.message);
      expect(payloads([answer!]).some((p) => p.startsWith('handoff:request') || p.startsWith('kb:'))).toBe(true);
      await own.say('web', id, 'hi, how are you?');
      const [menu] = (await own.settle()).filter((s) => s.to.chatId === id).map((s) => s.message);
      expect(payloads([menu!])).toContain('menu:booking');
    } finally {
      await own.bot.stop();
    }
  });

  it('offers "the menu" once when it is one of the two readings asked about', async () => {
    const unsure: Nlu = {
      understand(text) {
        const ranked: { intent: IntentName; score: number }[] = [{ intent: 'kb_question', score: 0.41 }, { intent: 'menu', score: 0.39 }];
        return { text, normalized: text, intent: 'kb_question', confidence: 0.41, ranked, slots: {}, unsure: true };
      },
    };
    const own = await botHarness({ store, clock: () => NOW, nlu: unsure });
    try {
      const chat = 'typing-unsure-0000002';
      await own.consent('web', chat);
      await own.say('web', chat, 'whats the phone number');
      const asked = (await own.settle()).filter((s) => s.to.chatId === chat).map((s) => s.message);
      expect(payloads(asked)).toEqual(['intent:kb_question', 'intent:menu']);
    } finally {
      await own.bot.stop();
    }
  });
});
