/**
 * Handoff inside the bot's real feature list (consent gate, flows, booking, knowledge base …):
 * at order 10 it wins over all of them while a ticket is open.
 */
import { expect, it } from 'vitest';
import { botHarness } from '../../support/bot.js';
import { alwaysAtWork } from './support.js';

it('keeps every other feature quiet during a handoff and relays staff replies', { timeout: 120_000 }, async () => {
  const h = await botHarness({ env: { STAFF_CHAT_ID: '-100200' } });
  try {
    // The clock is the real time: outside office hours a waiting founder would get a note (and a
    // booking typed would be offered); this test is about office hours.
    alwaysAtWork(h);
    await h.store.call('staff_add', { telegram_user_id: '9', role: 'staff', display_name: null });
    await h.consent('zalo', 'z-full');
    await h.say('zalo', 'z-full', 'gặp cán bộ');
    const opened = await h.settle();
    expect(opened.map((s) => s.message.buttons?.map((b) => b.payload))).toEqual([['handoff:end']]);
    await h.say('zalo', 'z-full', 'đặt phòng họp'); // booking would answer this otherwise
    expect(await h.settle()).toEqual([]);
    const ticket = await h.store.call<{ id: number }>('ticket_get', { number: 1 });
    await h.store.call('ticket_topic_set', { ticket_id: ticket.id, staff_chat_id: '-100200', topic_id: '5', card: { text: 'card' } });
    await h.send({ channel: 'telegram', chatId: '-100200', userId: '9', chatType: 'group', kind: 'text', text: 'xin chào', meta: { threadId: 5, messageId: 1 } });
    const sent = await h.settle();
    expect(sent.map((s) => [s.to.chatId, s.message.text])).toEqual([
      ['-100200', 'card'],
      ['-100200', '👤 Founder (chưa rõ tên): đặt phòng họp'],
      ['z-full', '💬 Cán bộ: xin chào'],
    ]);
  } finally {
    await h.close();
  }
});
