/**
 * Announcements as founders read and answer them (tester session 30): a typed "tui đăng ký tham
 * dự" / "count me in" / "mình sẽ đến" registers for the latest open announcement (F43), the title
 * shown back has no raw "{name}" and is never cut inside a word (F45), and founders who read
 * English get the English text, or the Vietnamese one said to be Vietnamese (F44). PGlite.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/content/messages.js';
import { readableTitle, titleOf } from '../../../src/staff/broadcast/compose.js';
import { typedRsvp } from '../../../src/staff/broadcast/feature.js';
import type { BotHarness } from '../../support/bot.js';
import { founder, send, sql, useBroadcastTestbed } from './support.js';

let h: BotHarness;
useBroadcastTestbed((bed) => {
  ({ h } = bed);
});

const INVITE = 'Chào {name}! Trung tâm tổ chức buổi kết nối nhà đầu tư lúc 14:00 thứ Sáu 18/12 tại Hội trường tầng 3, số 1 Đinh Tiên Hoàng. Bấm nút để đăng ký tham dự.';

async function rsvps(broadcastId: number): Promise<number> {
  const rows = await sql().query<{ n: number }>('select count(*)::int n from public.broadcast_rsvps where broadcast_id = $1', [broadcastId]);
  return rows[0]!.n;
}

describe('a typed RSVP', () => {
  // One test for the words (each test of this file opens a fresh database).
  it('is read with or without diacritics, in English, and not from other requests', () => {
    for (const text of ['tui đăng ký tham dự nha, mà có cần mang gì hông', 'tui dang ky tham du', 'count me in!', 'mình sẽ đến', "I'll be there"]) {
      expect(typedRsvp(text), text).toBe(true);
    }
    for (const text of ['đăng ký chương trình IPP2', 'mình sẽ đặt phòng họp', 'count the seats']) expect(typedRsvp(text), text).toBe(false);
  });

  it('registers the founder for the announcement they got, in either language; nobody else', async () => {
    await founder('telegram', '3001', {}, 'Hải');
    await founder('telegram', '3002', {}, 'Kate', 'en');
    const eventAt = new Date(h.bot.services.clock().getTime() + 10 * 24 * 3600_000);
    const { id } = await send(INVITE, 'all', { rsvp: true, eventAt });
    await h.say('telegram', '3001', 'tui đăng ký tham dự');
    const [reply] = await h.settle();
    expect(await rsvps(id)).toBe(1);
    expect(reply!.message.text).not.toContain('{name}');
    expect(reply!.message.text).not.toMatch(/\d\/\d?…/);
    await h.say('telegram', '3002', 'count me in!');
    await h.settle();
    expect(await rsvps(id)).toBe(2);
    await founder('telegram', '3003', {}, 'Lan'); // joined after the announcement: nothing to attend
    await h.say('telegram', '3003', 'mình sẽ đến');
    await h.settle();
    expect(await rsvps(id)).toBe(2);
  });
});

describe('an announcement title', () => {
  it('leaves out the greeting to {name} and cuts at a whole word', () => {
    const title = titleOf(INVITE);
    expect(title.startsWith('Trung tâm tổ chức buổi kết nối nhà đầu tư')).toBe(true);
    expect(title).not.toContain('{name}');
    expect(title.length).toBeLessThanOrEqual(80);
    expect(INVITE).toContain(title.replace(/…$/, ''));
    expect(INVITE.charAt(INVITE.indexOf(title.replace(/…$/, '')) + title.length - 1)).toBe(' ');
    expect(readableTitle('Hi {name}, demo day')).toBe('demo day');
  });
});

describe('founders who read English', () => {
  it('get the English text when there is one, else the Vietnamese one said to be Vietnamese', async () => {
    await founder('telegram', '3101', {}, 'Kate', 'en');
    await founder('telegram', '3102', {}, 'Hải', 'vi');
    const both = await send('Chào {name}! Lớp gọi vốn 1/12.', 'all', { textEn: 'Hi {name}! Fundraising class on 1 Dec.' });
    const textTo = (chat: string) => both.sent.find((s) => s.to.chatId === chat)!.message.text;
    expect(textTo('3101')).toBe('Hi Kate! Fundraising class on 1 Dec.');
    expect(textTo('3102')).toBe('Chào Hải! Lớp gọi vốn 1/12.');
    const only = await send('Chào {name}! Lớp gọi vốn 2/12.', 'all');
    const english = only.sent.find((s) => s.to.chatId === '3101')!.message.text!;
    expect(english.startsWith(translator(h.bot.services.messages, 'en')('broadcast.only_vietnamese'))).toBe(true);
    expect(english).toContain('Chào Kate! Lớp gọi vốn 2/12.');
  });
});
