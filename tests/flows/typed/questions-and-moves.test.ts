/**
 * Typed messages a founder sends that were handled badly (found by chatting with the running
 * bot), each fixed by its general cause, through the whole bot (default features, inbox →
 * dispatcher → router → outbox) on PGlite with the project's content:
 * - a question about who may join a programme is answered from its content, with its Apply
 *   button, and does not start the application;
 * - a move that names the booking it moves ("mai 9h … đổi qua 2h chiều") moves that booking;
 * - "không muốn hủy, chỉ muốn xem lại lịch" lists the bookings (the refused wish is not acted on).
 * Assertions are on payloads, flow state and rows, never on whole sentences.
 *
 * The clock is a Tuesday 09:00 in Hà Nội, fixed, with no closed day in the week after it.
 */
import { describe, expect, it } from 'vitest';
import { goesAheadAfterNotCancelling } from '../../../src/flows/engine/typed.js';
import { addDays } from '../../../src/flows/parse/date.js';
import { flowStateOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));
const WED = addDays(NOW.toISOString().slice(0, 10), 1);

const bot = typedBot(NOW);
const { say, press } = bot;

/** Books by typing and confirming; returns the new booking's code. */
async function book(chat: string, text: string): Promise<string> {
  expect(payloads(await say(chat, text))).toContain('flow:confirm:yes');
  await press(chat, 'flow:confirm:yes');
  const rows = await bot.store.query<{ code: string }>(
    `select b.code from public.bookings b join public.conversations c on c.contact_id = b.contact_id
      where c.channel = 'web' and c.chat_id = $1 order by b.id desc limit 1`, [chat],
  );
  return rows[0]!.code;
}

describe('a question about who may join a programme', () => {
  it.each([
    ['who can apply to the provincial incubation programme?', 'en'],
    ['ai được đăng ký chương trình ươm tạo của tỉnh?', 'vi'],
    ['ai dc dang ky ct uom tao cua tinh vay', 'vi'],
    ['mình có đủ điều kiện tham gia IPP2 không?', 'vi'],
  ] as const)('"%s" gets the conditions with Apply offered, not the application', async (text, locale) => {
    const chat = `elig-${text.length}-${locale}`;
    await bot.harness.consent('web', chat, locale);
    const replies = await say(chat, text);
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
    const buttons = payloads(replies);
    expect(buttons.some((p) => p.startsWith('programme:apply:'))).toBe(true);
    expect(buttons.some((p) => p.startsWith('programme:view:'))).toBe(true);
    // Cites the programme's source document by its title, never by its file name.
    expect(replies.at(-1)!.text).toMatch(/📄 (Nguồn|Source): [^\n]+/);
    expect(replies.at(-1)!.text).not.toMatch(/\.md\b/);
  });

  it('names the programme asked about, and its conditions from the content file', async () => {
    await bot.harness.consent('web', 'elig-named', 'vi');
    const replies = await say('elig-named', 'ai được đăng ký chương trình ươm tạo của tỉnh?');
    expect(payloads(replies)).toEqual(['programme:apply:provincial-incubator', 'programme:view:provincial-incubator']);
    expect(replies[0]!.text).toContain('Lạng Sơn'); // one of its provinces
  });

  it('asks which programme when the words name several ("ct ươm tạo"), then answers the one pressed or typed', async () => {
    await bot.harness.consent('web', 'elig-which', 'vi');
    const which = payloads(await say('elig-which', 'dieu kien tham gia ct uom tao la gi'));
    expect(which.sort()).toEqual(['programme:who:craft-village-incubation', 'programme:who:provincial-incubator']);
    expect(await flowStateOf(bot.store, 'elig-which')).toBeUndefined();
    const answered = payloads(await press('elig-which', 'programme:who:provincial-incubator'));
    expect(answered).toContain('programme:apply:provincial-incubator');
  });

  it('still starts the application when the founder asks to apply', async () => {
    await bot.harness.consent('web', 'elig-apply', 'vi');
    await say('elig-apply', 'đăng ký chương trình ươm tạo của tỉnh');
    expect(await flowStateOf(bot.store, 'elig-apply')).toMatchObject({ id: 'apply-provincial-incubator' });
  });
});

describe('a move that names the booking it moves', () => {
  it.each([
    ['em đặt mai 9h rồi mà giờ muốn đổi qua 2h chiều', 'vi'],
    ['em dat mai 9h roi ma gio muon doi qua 2h chieu', 'vi'],
    ['can I move my 9am booking tomorrow to 2pm', 'en'],
  ] as const)('"%s" moves tomorrow\'s 9:00 booking of two to 14:00', async (text, locale) => {
    await bot.fresh();
    const chat = `move-${text.length}-${locale}`;
    await bot.harness.consent('web', chat, locale);
    const nine = await book(chat, 'đặt phòng họp mai 9h 1 tiếng');
    await book(chat, 'đặt bàn mai 10h 1 tiếng');
    const replies = await say(chat, text);
    expect(payloads(replies)).toContain('flow:confirm:yes');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({
      id: 'booking',
      answers: { moveCode: nine, space: 'meeting-room', day: WED, start: `${WED}T07:00:00.000Z` }, // 14:00 in Hà Nội
    });
  });

  it('lists the bookings to choose from when the words fit two', async () => {
    await bot.fresh();
    await bot.harness.consent('web', 'move-two', 'vi');
    await book('move-two', 'đặt bàn mai 9h 1 tiếng');
    await book('move-two', 'đặt phòng họp mai 9h 1 tiếng');
    const replies = await say('move-two', 'em đặt mai 9h rồi mà giờ muốn đổi qua 2h chiều');
    expect(payloads(replies).filter((p) => p.startsWith('booking:move:'))).toHaveLength(2);
    expect(await flowStateOf(bot.store, 'move-two')).toBeUndefined();
  });
});

describe('a refused wish followed by the request', () => {
  it.each([
    ['mình không muốn hủy, chỉ muốn xem lại lịch', 'vi'],
    ['minh ko muon huy, chi muon xem lai lich thoi', 'vi'],
    ["I don't want to cancel, I just want to see my bookings", 'en'],
  ] as const)('"%s" lists the bookings and cancels nothing', async (text, locale) => {
    await bot.fresh();
    const chat = `refused-${text.length}-${locale}`;
    await bot.harness.consent('web', chat, locale);
    const code = await book(chat, 'đặt phòng họp mai 3h chiều 1 tiếng');
    const replies = await say(chat, text);
    const buttons = payloads(replies);
    expect(buttons.some((p) => p.startsWith('booking:move:'))).toBe(true);
    expect(buttons.some((p) => p.startsWith('intent:'))).toBe(false); // no "did you mean" question
    expect(replies[0]!.text).toContain(code);
    const [row] = await bot.store.query<{ status: string }>(`select status from public.bookings where code = $1`, [code]);
    expect(row!.status).toBe('booked');
    const [contact] = await bot.store.query<{ consented_at: string | null }>(
      `select k.consented_at from public.contacts k join public.conversations c on c.contact_id = k.id where c.channel = 'web' and c.chat_id = $1`, [chat],
    );
    expect(contact!.consented_at).not.toBeNull();
  });
});

describe('a refused cancellation at a summary, then go ahead', () => {
  it.each([
    ['không hủy đâu, đặt đi', 'vi'],
    ["don't cancel, book it", 'en'],
  ] as const)('"%s" books (it is no "no")', async (text, locale) => {
    await bot.fresh();
    const chat = `goahead-${locale}`;
    await bot.harness.consent('web', chat, locale);
    expect(payloads(await say(chat, 'đặt phòng họp mai 9h 2 tiếng'))).toContain('flow:confirm:yes');
    await say(chat, text);
    const [row] = await bot.store.query<{ status: string }>(
      `select b.status from public.bookings b join public.conversations c on c.contact_id = b.contact_id where c.channel = 'web' and c.chat_id = $1`, [chat],
    );
    expect(row?.status).toBe('booked');
  });

  it('"ko hủy, gửi luôn" sends an application', async () => {
    await bot.harness.consent('web', 'goahead-app', 'vi');
    await press('goahead-app', 'programme:apply:provincial-incubator');
    for (const answer of ['Lan', 'Rau Sạch Xanh', '3', 'Kết nối nông dân với bếp ăn trường học', 'có', '0912 345 678', 'bỏ qua']) await say('goahead-app', answer);
    expect(await flowStateOf(bot.store, 'goahead-app')).toMatchObject({ step: 'confirm' });
    await say('goahead-app', 'ko hủy, gửi luôn');
    expect(await flowStateOf(bot.store, 'goahead-app')).toBeUndefined();
    const rows = await bot.store.query<{ status: string }>(`select status from public.programme_applications`);
    expect(rows.map((r) => r.status)).toContain('submitted');
  });

  it('"không hủy" alone stays a no', () => {
    expect(goesAheadAfterNotCancelling('không hủy')).toBe(false);
    expect(goesAheadAfterNotCancelling('không hủy, giữ lại')).toBe(false);
  });
});
