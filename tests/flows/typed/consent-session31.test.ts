/**
 * Tester's report, session 31 (F1, F2, F13, F24, F26), through the whole bot on PGlite at a fixed
 * clock (Tuesday 09:00 in Hà Nội, office hours):
 * - a head count ("2 người", "mấy người hả, 5 người") never opens a staff ticket: alone, the bot
 *   asks what it is for; "gặp người", "người thật" still reach staff;
 * - requests typed before consent are kept: the booking with the details typed after it is
 *   carried out once the founder agrees, a question typed beside it is offered on a button, and
 *   a loose "2 người" is never replayed as a request of its own;
 * - "sao phải đồng ý z" (why must I agree?) gets the reasons and the buttons, never consent; an
 *   emoji or "..." from a founder who agreed long ago is not offered "✅ Đồng ý";
 * - a founder who writes English from the first message ("Good morning", "help me") is answered
 *   in English, the privacy notice included.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPath } from '../../../src/knowledge/ingest.js';
import { flowStateOf, languagesOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));
const bot = typedBot(NOW);
const { say, press } = bot;
// The centre's documents, for the question typed before consent.
beforeAll(() => ingestPath(bot.store, 'content/knowledge'), 60_000);

/** The day `days` after the test's day, YYYY-MM-DD (the centre's day: the clock is 09:00 there). */
function dayAfter(days: number): string {
  return new Date(NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant of `hhmm` in Hà Nội on the day `days` after the test's day, as the booking flow stores a start. */
function startAt(days: number, hhmm: string): string {
  return new Date(`${dayAfter(days)}T${hhmm}:00+07:00`).toISOString();
}

/** The tickets of a web chat's founder, oldest first. */
async function ticketsOf(chat: string): Promise<{ status: string; reason: string }[]> {
  return bot.store.query<{ status: string; reason: string }>(
    `select t.status, t.reason from public.tickets t join public.conversations c on c.contact_id = t.contact_id
      where c.channel = 'web' and c.chat_id = $1 order by t.id`, [chat]);
}

/** When the chat's contact agreed (null before). */
async function consentedAt(chat: string): Promise<string | null> {
  const rows = await bot.store.query<{ consented_at: string | null }>(
    `select k.consented_at from public.contacts k join public.conversations c on c.contact_id = k.id
      where c.channel = 'web' and c.chat_id = $1`, [chat]);
  return rows[0]?.consented_at ?? null;
}

/** Says each text in turn; the replies to the last. */
async function sayAll(chat: string, ...texts: string[]) {
  let last: Awaited<ReturnType<typeof say>> = [];
  for (const text of texts) last = await say(chat, text);
  return last;
}

describe('a head count is no request for a person (F13)', () => {
  it.each(['2 người', 'mấy người hả, 5 người', '5 ng'])('"%s" with nothing begun asks what it is for, and opens no ticket', async (text) => {
    const chat = `heads-${text.length}-${text.charCodeAt(0)}`;
    await bot.harness.consent('web', chat, 'vi');
    const replies = await say(chat, text);
    expect(payloads(replies)).toEqual(['intent:booking_new', 'intent:menu']);
    expect(await ticketsOf(chat)).toEqual([]);
    // "Đặt chỗ": the booking starts.
    await press(chat, 'intent:booking_new');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking' });
  });

  it.each(['cho mình gặp người', 'người thật', 'mình muốn nói chuyện với nhân viên'])('"%s" still reaches staff', async (text) => {
    const chat = `person-${text.length}`;
    await bot.harness.consent('web', chat, 'vi');
    expect(payloads(await say(chat, text))).toContain('handoff:end');
    expect(await ticketsOf(chat)).toMatchObject([{ status: 'open' }]);
  });
});

describe('requests typed before consent (F1, F2)', () => {
  it('the booking and its later details are carried out; the question beside it is offered on a button', async () => {
    const chat = 'pending-f2';
    await sayAll(chat, 'xin chào', 'mình muốn đặt bàn coworking chiều mai tầm 2h', 'à mà ở đây wifi có mạnh ko');
    const agreed = await say(chat, 'ok');
    expect(await consentedAt(chat)).not.toBeNull();
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking', answers: { kind: 'hot_desk', day: dayAfter(1), start: startAt(1, '14:00') } });
    expect(payloads(agreed)).toContain('consent:later:0');
    // The question, when pressed, is answered in the booking (asked again after it), once.
    const answered = await press(chat, 'consent:later:0');
    expect(payloads(answered)).toContain('kb:helpful');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking' });
    expect(payloads(await press(chat, 'consent:later:0'))).not.toContain('kb:helpful');
  });

  it('a booking typed in pieces keeps its space, day and hours (casual spelling)', async () => {
    const chat = 'pending-pieces';
    await sayAll(chat, 'ê bn ơi', 'mik mún đặt phòng họp j đó cho 4 ng', 't7 nay dc ko', 'tầm 9h-11h sáng');
    const agreed = await say(chat, 'oke');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking', answers: { kind: 'meeting_room', day: dayAfter(4), start: startAt(4, '09:00') } });
    expect(payloads(agreed)).toContain('flow:confirm:yes');
    expect(await ticketsOf(chat)).toEqual([]);
  });

  it('"2 người" typed before consent is never replayed as a request for staff', async () => {
    const chat = 'pending-f1';
    await sayAll(chat, 'xin chào', 'mình là Lan, làm edtech, team 3 ng, chưa có doanh thu', 'mình muốn đặt bàn coworking chiều mai tầm 2h',
      'à mà ở đây wifi có mạnh ko', 'ok tiếp tục đặt đi', '2 người');
    const agreed = await say(chat, 'ok');
    expect(await ticketsOf(chat)).toEqual([]);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking', answers: { kind: 'hot_desk', day: dayAfter(1), start: startAt(1, '14:00') } });
    expect(payloads(agreed)).toContain('consent:later:0');
    expect(payloads(agreed)).not.toContain('handoff:end');
  });

  it('a head count alone before consent is kept as nothing: agreeing offers the profile', async () => {
    const chat = 'pending-heads';
    await sayAll(chat, 'chào', '2 người');
    await say(chat, 'đồng ý');
    expect(await ticketsOf(chat)).toEqual([]);
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'name' });
  });
});

describe('asking why consent is needed (F26)', () => {
  it('after declining, "sao phải đồng ý z" gets the reasons and the buttons, not consent', async () => {
    const chat = 'why-declined';
    await sayAll(chat, '???', 'không đồng ý');
    const why = await say(chat, 'sao phải đồng ý z');
    expect(await consentedAt(chat)).toBeNull();
    expect(payloads(why)).toEqual(['consent:agree', 'consent:decline']);
    // Then agreeing in words is consent, and is not taken for the founder's name.
    await say(chat, 'ok vậy đồng ý');
    expect(await consentedAt(chat)).not.toBeNull();
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'name', answers: {} });
  });

  it.each(['tại sao phải đồng ý vậy', 'why do I have to agree?', 'ko đồng ý thì sao'])('"%s" before answering is a question, not an answer', async (text) => {
    const chat = `why-${text.length}`;
    await say(chat, 'hi');
    const why = await say(chat, text);
    expect(await consentedAt(chat)).toBeNull();
    expect(payloads(why)).toEqual(['consent:agree', 'consent:decline']);
  });

  it.each(['...', '🤔🤔', '👍👍👍'])('"%s" from a founder who agreed is not offered "✅ Đồng ý"', async (text) => {
    const chat = `agreed-${[...text].length}-${text.codePointAt(0)}`;
    await bot.harness.consent('web', chat, 'vi');
    const replies = await say(chat, text);
    expect(replies.length).toBeGreaterThan(0);
    expect(payloads(replies)).not.toContain('intent:consent_accept');
  });
});

describe('English from the first message (F24)', () => {
  it('"Good morning" gets the notice in English, and the profile after it', async () => {
    const chat = 'english-morning';
    const notice = await say(chat, 'Good morning');
    expect(payloads(notice)).toEqual(['consent:agree', 'consent:decline', 'consent:more']);
    expect((await languagesOf(bot.store, chat)).conversation).toBe('en');
    await press(chat, 'consent:agree');
    expect(await languagesOf(bot.store, chat)).toEqual({ conversation: 'en', contact: 'en' });
  });

  it('"help me" after a Vietnamese start switches to English', async () => {
    const chat = 'english-help';
    await bot.harness.consent('web', chat, 'vi');
    await say(chat, 'help me');
    expect(await languagesOf(bot.store, chat)).toEqual({ conversation: 'en', contact: 'en' });
  });

  it('"thank you" and "ok thanks" tell no language', async () => {
    const chat = 'english-thanks';
    await bot.harness.consent('web', chat, 'vi');
    await sayAll(chat, 'thank you', 'ok thanks');
    expect((await languagesOf(bot.store, chat)).conversation).not.toBe('en');
  });
});
