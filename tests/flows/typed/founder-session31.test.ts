/**
 * What a tester typing founder sessions found in session 31, each fixed by its general cause,
 * through the whole bot (default features, the project's content) on PGlite at a fixed clock:
 * - a question typed at the profile's first questions ("cho mình hỏi giờ mở cửa" at "Bạn tên là
 *   gì?") is answered at once and the question asked again, never stored as the name;
 * - "ok, but in English please" at a booking's confirmation both switches and books;
 * - a booking request typed in a survey ("thôi đặt bàn mai 9h đi") asks whether to leave the
 *   survey, and is not stored as an answer;
 * - a request for a person written in English after a Vietnamese hello opens the ticket in
 *   English (staff replies are labelled in the founder's language);
 * - "cái đầu" / "cái cuối" / "the first one" pick the first / last choice of a survey question;
 * - a Vietnamese phrase with its diacritics switches back a language that followed an English
 *   message, and never one chosen with /lang.
 * Assertions are on payloads, flow state, rows and languages, not on whole sentences.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spacesDocument } from '../../../src/flows/booking/spaces-document.js';
import { loadSpaces } from '../../../src/flows/booking/spaces.js';
import { ingestDocument, ingestPath } from '../../../src/knowledge/ingest.js';
import { flowStateOf, languagesOf, openTuesday, payloads } from '../../support/typed-chat.js';
import { typedBot } from './typed-bot.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

const bot = typedBot(NOW);
const { say, press } = bot;
// The documents the bot answers from at start-up: the centre's knowledge and its spaces.
beforeAll(async () => {
  await ingestPath(bot.store, 'content/knowledge');
  const spaces = spacesDocument(loadSpaces('content'));
  await ingestDocument(bot.store, spaces.name, Buffer.from(spaces.text, 'utf8'));
}, 60_000);

/** A founder who said hello in Vietnamese and agreed: the profile's first question is asked. */
async function agreed(chat: string): Promise<void> {
  await say(chat, 'chào');
  await press(chat, 'consent:agree');
  expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'profile', step: 'name' });
}

/** Whether the replies answer from the documents (their feedback or "ask staff" button). */
const answeredFromDocuments = (p: string[]) => p.includes('kb:helpful') || p.some((x) => x.startsWith('handoff:request:other:kb_'));

async function bookingsOf(chat: string): Promise<number> {
  const rows = await bot.store.query<{ n: number }>(
    `select count(*)::int as n from public.bookings b join public.conversations c on c.contact_id = b.contact_id
      where c.channel = 'web' and c.chat_id = $1`, [chat],
  );
  return rows[0]!.n;
}

describe('a question typed at the profile after consent', () => {
  it.each([
    'cho mình hỏi giờ mở cửa',
    'cho hỏi địa chỉ trung tâm',
    'mình muốn hỏi về phí coworking',
    'hoi chut ve chuong trinh uom tao',
  ])('"%s" at the name: answered, the name asked again, nothing stored', async (text) => {
    const chat = `s31-ask-${text.length}-${text.slice(0, 6)}`;
    await agreed(chat);
    const replies = await say(chat, text);
    expect(answeredFromDocuments(payloads(replies))).toBe(true);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ id: 'profile', step: 'name' });
    expect(flow?.answers.name).toBeUndefined();
  });

  it('at the startup\'s name too', async () => {
    const chat = 's31-ask-startup';
    await agreed(chat);
    await say(chat, 'Lan');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'startup' });
    const replies = await say(chat, 'cho hỏi địa chỉ trung tâm');
    expect(answeredFromDocuments(payloads(replies))).toBe(true);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ id: 'profile', step: 'startup' });
    expect(flow?.answers.startup).toBeUndefined();
  });
});

describe('a yes and a change of language in one message', () => {
  it.each([
    ['vi', 'đặt bàn mai 9h 2 tiếng', 'ok, but in English please', 'en'],
    ['en', 'book a desk tomorrow 9am for 2 hours', 'ok nói tiếng việt đi', 'vi'],
  ] as const)('%s founder, "%s" then "%s": switched and booked', async (locale, request, reply, after) => {
    const chat = `s31-lang-yes-${locale}`;
    await bot.harness.consent('web', chat, locale);
    expect(payloads(await say(chat, request))).toContain('flow:confirm:yes');
    await say(chat, reply);
    expect(await bookingsOf(chat)).toBe(1);
    expect(await flowStateOf(bot.store, chat)).toBeUndefined();
    expect((await languagesOf(bot.store, chat)).conversation).toBe(after);
  });

  it('a yes the question does not take ("ok, in English please" at the stage) only switches', async () => {
    const chat = 's31-lang-yes-stage';
    await agreed(chat);
    await say(chat, 'Lan');
    await press(chat, 'flow:_:skip');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'stage' });
    await say(chat, 'ok, but in English please');
    expect((await languagesOf(bot.store, chat)).conversation).toBe('en');
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ step: 'stage', misses: 0 });
    expect(flow?.answers.stage).toBeUndefined();
  });
});

describe('a booking request typed in a survey', () => {
  async function surveyAt(chat: string): Promise<void> {
    await bot.harness.consent('web', chat, 'vi');
    await say(chat, 'làm khảo sát');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'survey-support-needs', step: 'role' });
  }

  it('"thôi đặt bàn mai 9h đi" at a choice: leave or stay is asked, nothing stored', async () => {
    const chat = 's31-survey-book';
    await surveyAt(chat);
    const asked = payloads(await say(chat, 'thôi đặt bàn mai 9h đi'));
    expect(asked).toEqual(expect.arrayContaining(['flow:_:switch', 'flow:_:continue']));
    const flow = await flowStateOf(bot.store, chat);
    expect(flow?.answers.role).toBeUndefined();
    await press(chat, 'flow:_:switch');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ id: 'booking' });
  });

  it('at the team size (a number, optional): asked too, not taken as 9 nor as a skip', async () => {
    const chat = 's31-survey-book-size';
    await surveyAt(chat);
    await press(chat, 'flow:role:founder');
    await press(chat, 'flow:stage:idea');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'team_size' });
    const asked = payloads(await say(chat, 'thôi đặt bàn mai 9h đi'));
    expect(asked).toContain('flow:_:switch');
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ step: 'team_size' });
    expect(Object.hasOwn(flow!.answers, 'team_size')).toBe(false);
  });
});

describe('the language of a ticket opened by an English request', () => {
  it('"I want to talk to a person" after "chào": the ticket and the founder are English', async () => {
    const chat = 's31-ticket-en';
    await say(chat, 'chào');
    await press(chat, 'consent:agree');
    await say(chat, 'hủy');
    await say(chat, 'I want to talk to a person');
    const rows = await bot.store.query<{ locale: string }>(
      `select t.locale from public.tickets t join public.conversations c on c.contact_id = t.contact_id
        where c.channel = 'web' and c.chat_id = $1`, [chat],
    );
    expect(rows.map((r) => r.locale)).toEqual(['en']);
    expect(await languagesOf(bot.store, chat)).toEqual({ conversation: 'en', contact: 'en' });
  });
});

describe('the first or last choice named in words', () => {
  it.each([
    ['cái đầu', 'vi', 'founder'],
    ['cai dau nhe', 'vi', 'founder'],
    ['lựa chọn đầu', 'vi', 'founder'],
    ['cái cuối', 'vi', 'support'],
    ['the first one', 'en', 'founder'],
    ['the last one', 'en', 'support'],
  ] as const)('"%s" at the survey\'s role picks %s', async (text, locale, role) => {
    const chat = `s31-ends-${text.replace(/\W+/g, '-')}`;
    await bot.harness.consent('web', chat, locale);
    await say(chat, locale === 'vi' ? 'làm khảo sát' : 'take the survey');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'role' });
    await say(chat, text);
    expect((await flowStateOf(bot.store, chat))?.answers.role).toBe(role);
  });
});

describe('a language that followed one English message', () => {
  it('switches back on a Vietnamese phrase with its diacritics', async () => {
    const chat = 's31-back-vi';
    await say(chat, 'chào');
    await press(chat, 'consent:agree');
    await say(chat, 'hủy');
    await say(chat, 'what programmes do you have for edtech startups?');
    expect((await languagesOf(bot.store, chat)).conversation).toBe('en');
    await say(chat, 'hủy');
    await say(chat, 'dự án về du lịch cộng đồng');
    expect(await languagesOf(bot.store, chat)).toEqual({ conversation: 'vi', contact: 'vi' });
  });

  it('but not when English was chosen with /lang', async () => {
    const chat = 's31-chosen-en';
    await bot.harness.consent('web', chat, 'vi');
    await say(chat, '/lang en');
    await say(chat, 'dự án về du lịch cộng đồng');
    expect((await languagesOf(bot.store, chat)).conversation).toBe('en');
  });
});

describe('a place that is no province, given at the province question', () => {
  /** A founder at the profile's province question. */
  async function atProvince(chat: string): Promise<void> {
    await agreed(chat);
    await say(chat, 'Lan');
    await press(chat, 'flow:_:skip');
    await press(chat, 'flow:stage:idea');
    await press(chat, 'flow:sector:tourism');
    expect(await flowStateOf(bot.store, chat)).toMatchObject({ step: 'province' });
  }

  it.each(['mình ở Mẫu Sơn', 'bên Sầm Sơn ạ'])('"%s": asked again naming the place, nothing stored', async (text) => {
    const chat = `s31-place-${text.length}`;
    await atProvince(chat);
    const replies = await say(chat, text);
    const flow = await flowStateOf(bot.store, chat);
    expect(flow).toMatchObject({ step: 'province' });
    expect(flow?.answers.province).toBeUndefined();
    const place = text.replace(/^(mình ở|bên) /, '').replace(/ ạ$/, '');
    expect(replies.at(-1)!.text).toContain(`“${place}”`);
  });

  it('the place with its province ("bên Sầm Sơn, Thanh Hóa"): the province is taken', async () => {
    const chat = 's31-place-with-province';
    await atProvince(chat);
    await say(chat, 'bên Sầm Sơn, Thanh Hóa');
    expect((await flowStateOf(bot.store, chat))?.answers.province).toBe('thanh-hoa');
  });
});
