/**
 * Human handoff through the bot's own message path (recording channel adapters stand in for the
 * platforms; the staff group's events are sent as the Telegram adapter normalizes them).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { handoffFeature } from '../../../src/staff/handoff/feature.js';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import { alwaysAtWork } from './support.js';
import { botHarness, type BotHarness } from '../../support/bot.js';

const STAFF_CHAT = '-1001234567890';
const STAFF = '5001';
const STRANGER = '5002';

let harness: BotHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

interface Setup {
  harness: BotHarness;
  handoff: ReturnType<typeof handoffFeature>;
  topics: { chatId: string; name: string }[];
  now: { value: Date };
}

async function setup(env: Record<string, string> = { STAFF_CHAT_ID: STAFF_CHAT }): Promise<Setup> {
  const topics: { chatId: string; name: string }[] = [];
  const handoff = handoffFeature({
    createTopic: async (chatId, name) => {
      topics.push({ chatId, name });
      return String(100 + topics.length);
    },
  });
  // Monday 2026-11-23 10:00 in Hà Nội.
  const now = { value: new Date('2026-11-23T03:00:00Z') };
  harness = await botHarness({ features: [handoff, menuFeature, fallbackFeature], env, clock: () => now.value });
  await harness.store.call('staff_add', { telegram_user_id: STAFF, role: 'staff', display_name: 'Lan' });
  return { harness, handoff, topics, now };
}

let update = 0;
function staffSays(h: BotHarness, topic: string, text: string, userId = STAFF) {
  return h.send({
    channel: 'telegram', chatId: STAFF_CHAT, userId, userName: 'Cán bộ Lan', chatType: 'group', kind: 'text', text,
    eventId: `staff-${++update}`, meta: { threadId: Number(topic), messageId: update, isTopicMessage: true },
  });
}

function staffPress(h: BotHarness, topic: string, payload: string, userId = STAFF) {
  return h.send({
    channel: 'telegram', chatId: STAFF_CHAT, userId, chatType: 'group', kind: 'button', payload,
    eventId: `staff-${++update}`, meta: { threadId: Number(topic), messageId: update },
  });
}

async function ticket(h: BotHarness, number = 1) {
  return h.store.call<Record<string, unknown> & { messages: { author: string; body: Record<string, unknown> }[] }>('ticket_get', { number });
}

describe('opening a ticket', () => {
  it.each(['gặp cán bộ', 'gap can bo', 'Nhân viên!', 'talk to a human', 'I want to talk to staff'])('opens on "%s"', async (text) => {
    const { harness: h } = await setup();
    await h.consent('zalo', 'z-founder');
    await h.say('zalo', 'z-founder', text);
    const sent = await h.settle();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message.buttons?.map((b) => b.payload)).toEqual(['handoff:end']);
    expect(await ticket(h)).toMatchObject({ status: 'open', channel: 'zalo', category: 'other', reason: 'requested' });
  });

  it('opens from the menu button and from offers of other features, with their category and reason', async () => {
    const { harness: h } = await setup();
    await h.consent('web', 'web-session-000000000001');
    await h.press('web', 'web-session-000000000001', 'menu:staff');
    await h.consent('telegram', '42');
    await h.press('telegram', '42', 'handoff:request:funding:kb_unanswered');
    await h.settle();
    expect(await ticket(h, 1)).toMatchObject({ channel: 'web', category: 'other' });
    expect(await ticket(h, 2)).toMatchObject({ channel: 'telegram', category: 'funding', reason: 'kb_unanswered', priority: 3 });
  });

  it('does not take a long question that mentions staff, nor a founder who has not consented', async () => {
    const { harness: h } = await setup();
    await h.consent('zalo', 'z-q');
    await h.say('zalo', 'z-q', 'cán bộ của trung tâm có hỗ trợ hồ sơ xin vốn ươm tạo cho nhóm sinh viên không ạ');
    await h.say('zalo', 'z-new', 'gặp cán bộ');
    const sent = await h.settle();
    expect(sent.every((s) => !s.message.buttons?.some((b) => b.payload === 'handoff:end'))).toBe(true);
    expect(await ticket(h)).toBeNull();
  });
});

describe('talking to staff', () => {
  it('relays both ways, keeps the bot silent, and ends with a stored rating', async () => {
    const { harness: h, handoff, topics } = await setup();
    await h.consent('zalo', 'z-lan');
    await h.say('zalo', 'z-lan', 'gặp cán bộ');
    await h.settle();
    // Written before the topic exists: it waits, nothing is lost.
    await h.say('zalo', 'z-lan', 'Em cần hỏi về vốn');
    expect(await h.settle()).toEqual([]); // the bot stays silent
    expect(await handoff.worker()!.runOnce()).toMatchObject({ topics: 1 });
    expect(topics).toEqual([{ chatId: STAFF_CHAT, name: expect.stringMatching(/^#1 · .+ · Khác$/) }]);
    const posted = await h.settle();
    expect(posted.map((p) => [p.to.chatId, p.message.threadId])).toEqual([[STAFF_CHAT, '101'], [STAFF_CHAT, '101']]);
    expect(posted[0]!.message.buttons?.map((b) => b.payload)).toEqual(['handoff:claim:1', 'handoff:resolve:1']);
    expect(posted[0]!.message.text).toContain('gặp cán bộ'); // last messages of the conversation
    expect(posted[1]!.message.text).toContain('Em cần hỏi về vốn');

    // Staff → founder, once even if Telegram redelivers the update.
    await staffSays(h, '101', 'Chào bạn, bạn cần bao nhiêu?');
    await h.send({ channel: 'telegram', chatId: STAFF_CHAT, userId: STAFF, chatType: 'group', kind: 'text', text: 'Chào bạn, bạn cần bao nhiêu?',
      eventId: `staff-${update}`, meta: { threadId: 101, messageId: update } });
    const toFounder = await h.settle();
    expect(toFounder.map((s) => [s.to.channel, s.to.chatId, s.message.text])).toEqual([['zalo', 'z-lan', '💬 Cán bộ: Chào bạn, bạn cần bao nhiêu?']]);
    expect(await ticket(h)).toMatchObject({ status: 'waiting', assignee_telegram_user_id: STAFF });

    // Founder answers: to the topic, not answered by the bot; status back to assigned.
    await h.send({ channel: 'zalo', chatId: 'z-lan', userId: 'z-lan', kind: 'image', file: { fileId: 'abc', url: 'https://cdn.zalo.example/abc.jpg' }, caption: 'Kế hoạch' });
    const answerSent = await h.settle();
    expect(answerSent).toHaveLength(1);
    expect(answerSent[0]!.message).toMatchObject({ threadId: '101', image: { url: 'https://cdn.zalo.example/abc.jpg' } });
    expect(await ticket(h)).toMatchObject({ status: 'assigned' });

    // Internal note: not relayed. Canned reply: relayed in the founder's language.
    await staffSays(h, '101', '/note khách tiềm năng');
    await staffSays(h, '101', '/t cho');
    const afterNote = await h.settle();
    expect(afterNote.map((s) => s.to.chatId)).toEqual([STAFF_CHAT, 'z-lan']);
    expect(afterNote[1]!.message.text).toContain('vài phút');

    // A stranger in the group: messages not relayed, commands refused.
    await staffSays(h, '101', 'tôi cũng trả lời', STRANGER);
    await staffSays(h, '101', '/resolve', STRANGER);
    const strangers = await h.settle();
    expect(strangers.map((s) => s.to.chatId)).toEqual([STAFF_CHAT]);
    expect(strangers[0]!.message.text).toContain('uom staff add');
    expect(await ticket(h)).toMatchObject({ status: 'waiting' }); // after the canned reply

    await staffPress(h, '101', 'handoff:resolve:1');
    const closing = await h.settle();
    const question = closing.find((s) => s.to.chatId === 'z-lan')!;
    expect(question.message.buttons?.map((b) => b.payload)).toEqual([1, 2, 3, 4, 5].map((n) => `handoff:csat:1:${n}`));
    await h.press('zalo', 'z-lan', 'handoff:csat:1:5');
    await h.say('zalo', 'z-lan', 'Cán bộ rất nhiệt tình');
    await h.settle();
    const done = await ticket(h);
    expect(done).toMatchObject({ status: 'resolved', resolved_by: 'staff', csat_score: 5, csat_comment: 'Cán bộ rất nhiệt tình' });
    expect(done.messages.map((m) => m.author)).toEqual(['system', 'founder', 'staff', 'founder', 'note', 'staff', 'system']);
  });

  it('lets the founder end it; their next words go to the bot, even within the short reopen window', async () => {
    const { harness: h, handoff, now } = await setup();
    // The database stamps resolved_at with its own clock until every driver passes the bot's
    // (uom.now): start the bot's clock at the real time so the window compares like with like.
    now.value = new Date();
    alwaysAtWork(h);
    await h.consent('telegram', '76');
    await h.say('telegram', '76', 'talk to staff');
    await h.settle();
    await handoff.worker()!.runOnce();
    await h.settle();
    await staffSays(h, '101', 'Chào bạn, mình là Lan');
    await h.settle();
    await h.press('telegram', '76', 'handoff:end');
    const sent = await h.settle();
    expect(sent.find((s) => s.to.chatId === '76' && s.message.buttons?.length === 5)).toBeDefined();
    expect(await ticket(h)).toMatchObject({ status: 'resolved', resolved_by: 'founder' });

    // Tester #5: the founder said they were done; what they type next is for the bot.
    now.value = new Date(now.value.getTime() + 2 * 60_000);
    await h.say('telegram', '76', 'Em quên hỏi một việc nữa');
    const next = await h.settle();
    expect(next.map((s) => s.to.chatId)).toEqual(['76']);
    expect(next[0]!.message.buttons?.map((b) => b.payload)).not.toContain('handoff:end');
    expect(await ticket(h)).toMatchObject({ status: 'resolved', reopened_count: 0 });
  });

  it('reopens on a message within the short reopen window after staff closed it, not later', async () => {
    const { harness: h, handoff, now } = await setup();
    now.value = new Date();
    alwaysAtWork(h);
    await h.consent('telegram', '77');
    await h.say('telegram', '77', 'talk to staff');
    await h.settle();
    await handoff.worker()!.runOnce();
    await h.settle();
    await staffSays(h, '101', '/resolve');
    const sent = await h.settle();
    expect(sent.find((s) => s.to.chatId === '77' && s.message.buttons?.length === 5)).toBeDefined();
    expect(await ticket(h)).toMatchObject({ status: 'resolved', resolved_by: 'staff' });

    // Issue 12: within `reopen_minutes` (10) "one more thing" continues the ticket; days later
    // only a request for a person or a reply to a staff message would.
    now.value = new Date(now.value.getTime() + 5 * 60_000);
    await h.say('telegram', '77', 'Em quên hỏi một việc nữa');
    const reopened = await h.settle();
    expect(reopened.map((s) => s.to.chatId).sort()).toEqual([STAFF_CHAT, STAFF_CHAT, '77'].sort());
    expect(await ticket(h)).toMatchObject({ status: 'open', reopened_count: 1 });

    // Resolved two days ago (the old window was 7 days): the bot answers again.
    await staffSays(h, '101', '/resolve');
    await h.settle();
    now.value = new Date(now.value.getTime() + 2 * 86_400_000);
    await h.say('telegram', '77', 'Em quên hỏi một việc nữa');
    const later = await h.settle();
    expect(later.map((s) => s.to.chatId)).toEqual(['77']);
    expect(later[0]!.message.buttons?.[0]!.payload).toBe('menu:programmes');
  });
});

describe('staff workspace', () => {
  it('lists open tickets by SLA, ignores the General topic and announces overdue first responses once', async () => {
    const { harness: h, handoff, now } = await setup();
    await h.consent('zalo', 'z-1');
    await h.say('zalo', 'z-1', 'gặp cán bộ');
    await h.consent('zalo', 'z-2');
    await h.press('zalo', 'z-2', 'handoff:request:booking:flow_failed'); // urgent: due first
    await h.settle();
    await handoff.worker()!.runOnce();
    await h.settle();
    // General topic (no thread): chatter is ignored, /tickets answers.
    await h.send({ channel: 'telegram', chatId: STAFF_CHAT, userId: STAFF, chatType: 'group', kind: 'text', text: 'chào cả nhà' });
    await h.send({ channel: 'telegram', chatId: STAFF_CHAT, userId: STAFF, chatType: 'group', kind: 'text', text: '/tickets' });
    const list = await h.settle();
    expect(list).toHaveLength(1);
    expect(list[0]!.message.text.split('\n').slice(1).map((l) => l.split(' · ')[0])).toEqual(['#2', '#1']);

    await staffPress(h, '101', 'handoff:claim:1');
    const claimed = await h.settle();
    expect(claimed.map((s) => [s.message.threadId, s.message.text])).toEqual([['101', expect.stringContaining('#1')]]);
    expect(await ticket(h, 1)).toMatchObject({ status: 'assigned', assignee_telegram_user_id: STAFF });

    now.value = new Date(now.value.getTime() + 2 * 3_600_000); // past the urgent ticket's hour
    expect(await handoff.worker()!.runOnce()).toMatchObject({ overdue: 1 });
    expect(await handoff.worker()!.runOnce()).toMatchObject({ overdue: 0 });
    const overdue = await h.settle();
    expect(overdue).toHaveLength(2); // in its topic and in General
    expect(overdue[0]!.message.text).toContain('#2');
  });

  it('keeps a ticket when Telegram cannot create its topic, and creates it on a later round', async () => {
    let fail = true;
    const topics: string[] = [];
    const handoff = handoffFeature({
      createTopic: async (_chat, name) => {
        if (fail) throw new Error('502 Bad Gateway');
        topics.push(name);
        return '900';
      },
    });
    harness = await botHarness({ features: [handoff, menuFeature, fallbackFeature], env: { STAFF_CHAT_ID: STAFF_CHAT } });
    await harness.consent('zalo', 'z-down');
    await harness.say('zalo', 'z-down', 'gặp cán bộ');
    await harness.say('zalo', 'z-down', 'alo?');
    await harness.settle();
    expect(await handoff.worker()!.runOnce()).toMatchObject({ topics: 0 });
    const sql = harness.store as unknown as { exec(q: string): Promise<void> };
    await sql.exec('update tickets set topic_claimed_until = null'); // the claim lease would expire
    fail = false;
    expect(await handoff.worker()!.runOnce()).toMatchObject({ topics: 1 });
    const sent = await harness.settle();
    expect(sent.map((s) => s.message.threadId)).toEqual(['900', '900']);
    expect(sent[1]!.message.text).toContain('alo?');
  });

  it('works without a staff group: tickets get an SLA and wait for the command line', async () => {
    const { harness: h, handoff, topics } = await setup({});
    await h.consent('zalo', 'z-cli');
    await h.say('zalo', 'z-cli', 'gặp cán bộ');
    await h.say('zalo', 'z-cli', 'Em ở đây');
    await h.settle();
    await handoff.worker()!.runOnce();
    expect(topics).toEqual([]);
    const t = await ticket(h);
    // Monday 10:00 in Hà Nội + 240 business minutes = 14:00 (07:00 UTC).
    expect(Date.parse(t.sla_due_at as string)).toBe(Date.parse('2026-11-23T07:00:00Z'));
    expect(t.messages.map((m) => m.author)).toEqual(['system', 'founder']);
  });
});

describe('tickets other features open', () => {
  it('does not silence the bot for an application until the founder asks for a person', async () => {
    const { harness: h } = await setup();
    const contactId = await h.consent('zalo', 'z-app');
    const ids = await h.store.call<{ conversation_id: number }>('conversation_ensure', { channel: 'zalo', chat_id: 'z-app', user_id: 'z-app' });
    await h.store.call('fx_ticket_open', {
      args: { conversation_id: ids.conversation_id, contact_id: contactId, inbox_id: 0, category: 'programme', reason: 'application', summary: 'Đơn VIISA' },
    });
    await h.say('zalo', 'z-app', 'xin chào');
    const menu = await h.settle();
    expect(menu[0]!.message.buttons?.[0]!.payload).toBe('menu:programmes'); // the bot still answers
    await h.say('zalo', 'z-app', 'gặp cán bộ');
    const joined = await h.settle();
    expect(joined[0]!.message.buttons?.map((b) => b.payload)).toEqual(['handoff:end']);
    await h.say('zalo', 'z-app', 'Đơn của em thế nào ạ?');
    expect(await h.settle()).toEqual([]); // now relayed, not answered
    const t = await ticket(h);
    expect(t).toMatchObject({ reason: 'application', category: 'programme', summary: 'Đơn VIISA' });
    expect(t.messages.filter((m) => m.author === 'founder')).toHaveLength(2);
  });

  it('lets account commands through during a handoff', async () => {
    const seen: string[] = [];
    const account = { name: 'account', order: 20, async handle(turn: { event: { kind: string; text?: string } }, next: () => Promise<void>) {
      if (turn.event.kind === 'text' && turn.event.text?.startsWith('/forget')) seen.push(turn.event.text);
      else await next();
    } };
    const handoff = handoffFeature({ createTopic: async () => '1' });
    harness = await botHarness({ features: [handoff, account as never, menuFeature, fallbackFeature], env: { STAFF_CHAT_ID: STAFF_CHAT } });
    await harness.consent('zalo', 'z-f');
    await harness.say('zalo', 'z-f', 'gặp cán bộ');
    await harness.say('zalo', 'z-f', '/forget');
    await harness.settle();
    expect(seen).toEqual(['/forget']);
  });
});
