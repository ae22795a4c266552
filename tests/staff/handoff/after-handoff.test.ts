/**
 * Tester report session 29, #5, #6 and #18 (the whole bot, PGlite, injected clock): what a
 * founder types around a handoff. The rating's comment question and the reopen window leave
 * plain questions and requests to the bot; a typed rating after a reopen is the rating; a
 * complaint about being transferred withdraws the ticket; outside office hours a waiting founder
 * gets one note saying when staff answer, then a one-line reminder to each message; a booking typed while
 * waiting overnight is offered; the confirmation comes after "thanks for agreeing".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handoffFeature } from '../../../src/staff/handoff/feature.js';
import { defaultFeatures } from '../../../src/app/features.js';
import type { Feature } from '../../../src/bot/router.js';
import { translator } from '../../../src/content/messages.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { alwaysAtWork } from './support.js';

const STAFF_CHAT = '-1001234567890';
const STAFF = '5001';
/** Monday 07/12/2026 20:00 in Hà Nội: after office hours (08:00–17:30). */
const MONDAY_EVENING = '2026-12-07T13:00:00Z';
let harness: BotHarness | undefined;
let update = 0;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A bot whose clock is `start` (the real time when omitted: the reopen window compares it with the database's). */
async function setup(start?: string): Promise<{ h: BotHarness; handoff: ReturnType<typeof handoffFeature>; now: { value: Date } }> {
  const handoff = handoffFeature({ createTopic: async () => '101' });
  const features: Feature[] = [...defaultFeatures().filter((f) => f.name !== 'handoff'), handoff];
  const now = { value: start ? new Date(start) : new Date() };
  const h = await botHarness({ features, env: { STAFF_CHAT_ID: STAFF_CHAT }, clock: () => now.value });
  harness = h;
  if (!start) alwaysAtWork(h);
  await h.store.call('staff_add', { telegram_user_id: STAFF, role: 'staff', display_name: 'Lan' });
  return { h, handoff, now };
}

function staffSays(h: BotHarness, text: string) {
  return h.send({
    channel: 'telegram', chatId: STAFF_CHAT, userId: STAFF, userName: 'Lan', chatType: 'group', kind: 'text', text,
    eventId: `after-staff-${++update}`, meta: { threadId: 101, messageId: update, isTopicMessage: true },
  });
}

async function opened(h: BotHarness, handoff: ReturnType<typeof handoffFeature>, chat: string, words = 'gặp cán bộ', locale: 'vi' | 'en' = 'vi') {
  await h.consent('telegram', chat, locale);
  await h.say('telegram', chat, words);
  const sent = await h.settle();
  await handoff.worker()!.runOnce();
  await h.settle();
  return sent.filter((s) => s.to.chatId === chat).map((s) => s.message);
}

async function toFounder(h: BotHarness, chat: string) {
  return (await h.settle()).filter((s) => s.to.chatId === chat).map((s) => s.message);
}

async function ticket(h: BotHarness, number = 1) {
  return h.store.call<Record<string, unknown>>('ticket_get', { number });
}

const payloads = (messages: { buttons?: { payload: string }[] }[]) => messages.flatMap((m) => m.buttons ?? []).map((b) => b.payload);

describe('after a handoff (tester #5)', () => {
  it.each(['có chỗ để xe máy ko', 'co cho gui xe may ko ad', 'is there parking for motorbikes?'])(
    'the comment question does not capture the question "%s"',
    async (question) => {
      const { h, handoff } = await setup();
      await opened(h, handoff, '91');
      await staffSays(h, 'Chào bạn, mình là Lan');
      await h.settle();
      await h.press('telegram', '91', 'handoff:end');
      await h.settle();
      await h.say('telegram', '91', '5');
      await h.settle();
      expect(await ticket(h)).toMatchObject({ csat_score: 5 });
      await h.say('telegram', '91', question);
      const answer = await toFounder(h, '91');
      const vi = translator(h.bot.services.messages, 'vi');
      expect(answer.map((m) => m.text)).not.toContain(vi('handoff.csat_comment_thanks'));
      expect(payloads(answer)).not.toContain('handoff:end');
      expect(await ticket(h)).toMatchObject({ status: 'resolved', csat_comment: null, reopened_count: 0 });
    },
    120_000, // the first test of the file also trains the NLU, slow on a busy machine
  );

  it('a comment that praises staff is a comment, not a new request for a person', async () => {
    const { h, handoff } = await setup();
    await opened(h, handoff, '92');
    await staffSays(h, 'Chào bạn, mình là Lan');
    await h.settle();
    await h.press('telegram', '92', 'handoff:end');
    await h.settle();
    await h.press('telegram', '92', 'handoff:csat:1:5');
    await h.settle();
    await h.say('telegram', '92', 'cán bộ trả lời nhanh, rất nhiệt tình');
    await h.settle();
    expect(await ticket(h)).toMatchObject({ status: 'resolved', csat_comment: 'cán bộ trả lời nhanh, rất nhiệt tình' });
    expect(await ticket(h, 2)).toBeNull();
  });

  it('a typed digit after a reopened ticket is ended again is its new rating, not another reopen', async () => {
    const { h, handoff, now } = await setup();
    await opened(h, handoff, '93');
    await staffSays(h, 'Chào bạn, mình là Lan');
    await h.settle();
    await staffSays(h, '/resolve');
    await h.settle();
    await h.say('telegram', '93', '5');
    await h.settle();
    await h.press('telegram', '93', 'handoff:csat_skip:1');
    await h.settle();
    now.value = new Date(now.value.getTime() + 60_000);
    await h.say('telegram', '93', 'à em quên gửi file hồ sơ cho chị'); // within the window: reopens
    await h.settle();
    // Staff answered before closing it, so the reopened ticket is theirs again ('assigned').
    expect(await ticket(h)).toMatchObject({ status: 'assigned', reopened_count: 1 });
    await h.press('telegram', '93', 'handoff:end');
    const asked = await toFounder(h, '93');
    expect(payloads(asked)).toEqual([1, 2, 3, 4, 5].map((n) => `handoff:csat:1:${n}`));
    await h.say('telegram', '93', '4');
    const thanks = await toFounder(h, '93');
    expect(payloads(thanks)).toEqual(['handoff:csat_skip:1']);
    expect(await ticket(h)).toMatchObject({ status: 'resolved', csat_score: 4, reopened_count: 1 });
  });

  it.each([
    ['ủa sao lại chuyển cán bộ, e chỉ hỏi chỗ gửi xe thôi', 'vi'],
    ['ua sao lai chuyen cb vay, e ko can gap can bo', 'vi'],
    ['why did you transfer me? I only asked about parking', 'en'],
  ] as const)('"%s" withdraws the ticket staff had not answered, with an apology and no rating', async (words, locale) => {
    const { h, handoff } = await setup();
    await opened(h, handoff, '94', locale === 'vi' ? 'gặp cán bộ' : 'talk to a human', locale);
    await h.say('telegram', '94', words);
    const sent = await toFounder(h, '94');
    expect(sent[0]!.text).toBe(translator(h.bot.services.messages, locale)('handoff.misrouted'));
    expect(payloads(sent).filter((p) => p.startsWith('handoff:csat'))).toEqual([]);
    expect(await ticket(h)).toMatchObject({ status: 'resolved', resolved_by: 'founder', csat_score: null });
    await h.say('telegram', '94', '5'); // never asked to rate: not a rating
    await h.settle();
    expect(await ticket(h)).toMatchObject({ csat_score: null, reopened_count: 0 });
  });
});

describe('outside office hours (tester #6)', () => {
  it('says when staff answer, once, then a one-line reminder to every later message (never silence)', async () => {
    const { h, handoff, now } = await setup(MONDAY_EVENING);
    const first = await opened(h, handoff, '95');
    expect(first.at(-1)!.text).toContain('08:00 Thứ Ba 08/12');
    now.value = new Date(now.value.getTime() + 60_000);
    await h.say('telegram', '95', 'hello? có ai ko');
    const ack = await toFounder(h, '95');
    expect(ack).toHaveLength(1);
    expect(ack[0]!.text).toContain('08/12');
    expect(payloads(ack)).toEqual(['handoff:end']);
    // Session 31 (F43): "yes" and "hello?" after the note once got no answer at all.
    for (const line of ['alo alo', 'ad ơi']) {
      await h.say('telegram', '95', line);
      const short = await toFounder(h, '95');
      expect(short).toHaveLength(1);
      expect(short[0]!.buttons ?? []).toEqual([]);
    }
    now.value = new Date(now.value.getTime() + 40 * 60_000);
    await h.say('telegram', '95', 'vẫn chưa ai trả lời à');
    const reminder = await toFounder(h, '95');
    expect(reminder).toHaveLength(1);
    expect(reminder[0]!.buttons ?? []).toEqual([]);
    const t = await h.store.call<{ status: string; messages: { author: string }[] }>('ticket_get', { number: 1 });
    expect(t.status).not.toBe('resolved');
    expect(t.messages.filter((m) => m.author === 'founder')).toHaveLength(4); // every line reached staff
  });

  it('names the next working day after holidays, in English for an English founder', async () => {
    // Tuesday 01/09/2026 09:00 in Hà Nội: 1 and 2 September are holidays.
    const { h, handoff } = await setup('2026-09-01T02:00:00Z');
    const first = await opened(h, handoff, '96', 'talk to a human', 'en');
    expect(first.at(-1)!.text).toContain('08:00 Thursday 03/09');
  });

  it('offers a booking typed while waiting overnight, and carries it out when the founder leaves', async () => {
    const { h, handoff } = await setup(MONDAY_EVENING);
    await opened(h, handoff, '97');
    await h.say('telegram', '97', 'đặt bàn làm việc mai 9h 2 tiếng');
    const offer = await toFounder(h, '97');
    expect(payloads(offer)).toEqual(['handoff:leave:1', 'handoff:stay:1']);
    await h.press('telegram', '97', 'handoff:leave:1');
    const after = await toFounder(h, '97');
    expect(payloads(after)).toContain('flow:confirm:yes');
    expect(await ticket(h)).toMatchObject({ status: 'resolved', csat_score: null });
  });

  it.each(['thôi cảm ơn', 'ok thanks'])('"%s" while waiting is passed on with the end button offered; it does not end the talk', async (words) => {
    const { h, handoff } = await setup();
    await opened(h, handoff, '98');
    await h.say('telegram', '98', words);
    const sent = await toFounder(h, '98');
    expect(payloads(sent)).toEqual(['handoff:end']);
    expect((await ticket(h)).status).not.toBe('resolved');
  });

  it.each(['thôi e ko cần nữa, cảm ơn', 'thoi khoi, ko can gap can bo nua', "never mind, I don't need it anymore"])('"%s" ends the talk', async (words) => {
    const { h, handoff } = await setup();
    await opened(h, handoff, '99');
    await h.say('telegram', '99', words);
    await h.settle();
    expect(await ticket(h)).toMatchObject({ status: 'resolved', resolved_by: 'founder' });
  });
});

describe('consent given with a request for a person (tester #18)', () => {
  it('thanks for agreeing first, then the confirmation', async () => {
    const { h } = await setup();
    await h.say('telegram', '90', 'cho e gặp cán bộ');
    await h.settle();
    await h.say('telegram', '90', 'đồng ý');
    const sent = await toFounder(h, '90');
    const vi = translator(h.bot.services.messages, 'vi');
    expect(sent.map((m) => m.text)[0]).toBe(vi('onboarding.thanks_short'));
    expect(payloads(sent.slice(1))).toEqual(['handoff:end']);
    expect(await ticket(h)).toMatchObject({ status: 'open' });
  });
});
