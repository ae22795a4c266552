/**
 * Handoff when founders type (issue 12), with the whole bot (flows, booking, intents, knowledge)
 * and a stand-in for Telegram's createForumTopic: "kết thúc" / "ket thuc" end the conversation,
 * "menu" and "/menu" are answered by the bot (never relayed), a typed "5" after resolve is the
 * rating, and later messages ("meeting room" in the booking flow, "xoa het") go to the bot; only
 * a request for a person, a reply to a staff message or a message within the short window reopen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handoffFeature } from '../../../src/staff/handoff/feature.js';
import { defaultFeatures } from '../../../src/app/features.js';
import type { Feature } from '../../../src/bot/router.js';
import type { SqlStore } from '../../../src/store/store.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { alwaysAtWork } from './support.js';

const STAFF_CHAT = '-1001234567890';
const STAFF = '5001';
let harness: BotHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function setup(): Promise<{ h: BotHarness; handoff: ReturnType<typeof handoffFeature>; now: { value: Date } }> {
  let topics = 0;
  const handoff = handoffFeature({ createTopic: async () => String(100 + ++topics) });
  const features: Feature[] = [...defaultFeatures().filter((f) => f.name !== 'handoff'), handoff];
  // The bot's clock starts at the real time: tickets are stamped by the database, whose clock
  // is the real one until every driver passes the bot's clock (uom.now), and the reopen window
  // compares the two. Only differences from this start matter to the assertions.
  const now = { value: new Date() };
  const h = await botHarness({ features, env: { STAFF_CHAT_ID: STAFF_CHAT }, clock: () => now.value });
  harness = h;
  // A real-time clock may fall outside office hours, where waiting founders get a note: these
  // tests are about other replies, so staff are at work around the clock here.
  alwaysAtWork(h);
  await h.store.call('staff_add', { telegram_user_id: STAFF, role: 'staff', display_name: 'Lan' });
  return { h, handoff, now };
}

let update = 0;
function staffSays(h: BotHarness, text: string) {
  return h.send({
    channel: 'telegram', chatId: STAFF_CHAT, userId: STAFF, userName: 'Lan', chatType: 'group', kind: 'text', text,
    eventId: `typing-staff-${++update}`, meta: { threadId: 101, messageId: update, isTopicMessage: true },
  });
}

async function ticket(h: BotHarness) {
  return h.store.call<Record<string, unknown> & { messages: { author: string }[] }>('ticket_get', { number: 1 });
}

/** What the founder's chat got in one settle. */
async function toFounder(h: BotHarness, chat: string) {
  return (await h.settle()).filter((s) => s.to.chatId === chat).map((s) => s.message);
}

async function openTicket(h: BotHarness, handoff: ReturnType<typeof handoffFeature>, chat: string): Promise<void> {
  await h.consent('telegram', chat);
  await h.say('telegram', chat, 'gặp cán bộ');
  await h.settle();
  await handoff.worker()!.runOnce();
  await h.settle();
}

describe('typing during a handoff', () => {
  it.each(['kết thúc', 'ket thuc', 'end'])('"%s" after staff answered ends the conversation with staff and asks for a rating', async (text) => {
    const { h, handoff } = await setup();
    await openTicket(h, handoff, '71');
    await staffSays(h, 'Chào bạn, mình là Lan');
    await h.settle();
    await h.say('telegram', '71', text);
    const sent = await toFounder(h, '71');
    expect(sent.flatMap((m) => m.buttons?.map((b) => b.payload) ?? [])).toEqual([1, 2, 3, 4, 5].map((n) => `handoff:csat:1:${n}`));
    expect(await ticket(h)).toMatchObject({ status: 'resolved', resolved_by: 'founder' });
  });

  // Session-30 tester report: a request nobody from staff answered asked the founder to rate staff.
  it.each(['kết thúc', 'ket thuc', 'thôi ko cần nữa', 'thoi ko can nua', 'never mind, I don\'t need it anymore', '@handoff:end'])(
    '"%s" before any staff reply closes the request without a rating and offers staff again', async (text) => {
      const { h, handoff } = await setup();
      await openTicket(h, handoff, '72');
      if (text.startsWith('@')) await h.press('telegram', '72', text.slice(1));
      else await h.say('telegram', '72', text);
      const sent = await toFounder(h, '72');
      const shown = sent.flatMap((m) => m.buttons?.map((b) => b.payload) ?? []);
      expect(shown.filter((p) => p.startsWith('handoff:csat'))).toEqual([]);
      expect(shown).toContain('handoff:request:other:requested');
      expect(await ticket(h)).toMatchObject({ status: 'resolved', resolved_by: 'founder', csat_score: null });
      // A "5" typed next is no rating of a ticket nobody answered.
      await h.say('telegram', '72', '5');
      await h.settle();
      expect(await ticket(h)).toMatchObject({ csat_score: null });
    },
  );

  it.each(['ok cảm ơn, mình xong rồi', "thanks, that's all", 'ok e cam on, vay thoi a'])(
    '"%s" is relayed, and the end button offered (the conversation goes on until it is pressed)', async (text) => {
      const { h, handoff } = await setup();
      await openTicket(h, handoff, '74');
      await h.say('telegram', '74', text);
      const sent = await h.settle();
      expect(sent.map((s) => s.to.chatId).sort()).toEqual([STAFF_CHAT, '74'].sort());
      expect(sent.find((s) => s.to.chatId === '74')!.message.buttons?.map((b) => b.payload)).toEqual(['handoff:end']);
      const t = await ticket(h);
      expect(t.status).not.toBe('resolved');
      expect(t.messages.filter((m) => m.author === 'founder')).toHaveLength(1);
    },
  );

  it('answers "menu" and "/menu" itself, not relaying them; other text is relayed', async () => {
    const { h, handoff } = await setup();
    await openTicket(h, handoff, '72');
    for (const text of ['menu', '/menu']) {
      await h.say('telegram', '72', text);
      const sent = await h.settle();
      expect(sent.map((s) => s.to.chatId)).toEqual(['72']);
      expect(sent[0]!.message.buttons?.[0]!.payload).toBe('menu:programmes');
    }
    await h.say('telegram', '72', 'Em muốn hỏi thêm về vốn');
    const relayed = await h.settle();
    expect(relayed.map((s) => s.to.chatId)).toEqual([STAFF_CHAT]);
    const t = await ticket(h);
    expect(t.status).not.toBe('resolved');
    expect(t.messages.filter((m) => m.author === 'founder')).toHaveLength(1); // the question only
  });
});

describe('after a ticket is resolved', () => {
  it('takes a typed "5" as the rating, then "meeting room" answers the booking flow (no reopen)', async () => {
    const { h, handoff, now } = await setup();
    await h.consent('telegram', '73');
    await h.say('telegram', '73', 'đặt chỗ');
    await h.settle();
    // In the middle of the booking flow, the founder asks for a person (the flow stays).
    await h.press('telegram', '73', 'handoff:request');
    await h.settle();
    await handoff.worker()!.runOnce();
    await staffSays(h, 'Chào bạn, mình đã xem');
    await staffSays(h, '/resolve');
    await h.settle();
    expect(await ticket(h)).toMatchObject({ status: 'resolved' });

    now.value = new Date(now.value.getTime() + 60_000);
    await h.say('telegram', '73', '5');
    await h.settle();
    expect(await ticket(h)).toMatchObject({ status: 'resolved', csat_score: 5 });

    await h.say('telegram', '73', 'meeting room');
    const answered = await toFounder(h, '73');
    expect(answered.flatMap((m) => m.buttons?.map((b) => b.payload) ?? []).some((p) => p.startsWith('flow:day:'))).toBe(true);
    const after = await ticket(h);
    expect(after).toMatchObject({ status: 'resolved', reopened_count: 0, csat_comment: null });

    await h.say('telegram', '73', 'hủy'); // leaves the booking flow
    await h.settle();
    await h.say('telegram', '73', 'xoa het');
    const forget = await toFounder(h, '73');
    expect(forget.flatMap((m) => m.buttons?.map((b) => b.payload) ?? [])).toEqual(['account:forget_yes', 'account:forget_no']);
    expect(await ticket(h)).toMatchObject({ status: 'resolved', reopened_count: 0 });
  });

  it('reopens within the short window or on a reply to a staff message, not later', async () => {
    const { h, handoff, now } = await setup();
    await openTicket(h, handoff, '74');
    await staffSays(h, 'Bạn gửi giúp mình kế hoạch nhé');
    const relay = (await h.settle()).find((s) => s.to.chatId === '74')!;
    await h.press('telegram', '74', 'handoff:end');
    await h.press('telegram', '74', 'handoff:csat_skip:1');
    await h.settle();

    // Two hours later (past the 10-minute window), a plain message goes to the bot.
    now.value = new Date(now.value.getTime() + 2 * 3600_000);
    await h.say('telegram', '74', 'Em quên hỏi một việc nữa');
    await h.settle();
    expect(await ticket(h)).toMatchObject({ status: 'resolved', reopened_count: 0 });

    // A reply (reply-to) to the staff message reopens it.
    const platformId = (await (h.store as SqlStore).query<{ platform_message_id: string }>(
      `select platform_message_id from public.outbox where kind = 'relay' and recipient = '74' order by id desc limit 1`,
    ))[0]!.platform_message_id;
    expect(relay).toBeDefined();
    await h.send({ channel: 'telegram', chatId: '74', userId: '74', kind: 'text', text: 'Dạ em gửi đây ạ', meta: { replyToMessageId: Number(platformId) } });
    await h.settle();
    const reopened = await ticket(h);
    expect(reopened).toMatchObject({ reopened_count: 1 });
    expect(reopened.status).not.toBe('resolved');
  });
});
