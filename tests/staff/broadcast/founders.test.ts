/**
 * Broadcasts, founder side, on PGlite: unsubscribe (button, /stop, "hủy đăng ký" with or
 * without diacritics) and /subscribe, RSVP with its reminder, and the data-protection eraser.
 */
import { describe, expect, it } from 'vitest';
import { createBroadcast, countAudience } from '../../../src/staff/broadcast/compose.js';
import { broadcastReport } from '../../../src/staff/broadcast/report.js';
import { BroadcastRunner } from '../../../src/staff/broadcast/runner.js';
import type { BotHarness } from '../../support/bot.js';
import { founder, send, sql, useBroadcastTestbed } from './support.js';

let h: BotHarness;
let runner: BroadcastRunner;
useBroadcastTestbed((bed) => {
  ({ h, runner } = bed);
});

describe('founders', () => {
  it('opts out with the button, /stop or "hủy đăng ký" (any diacritics) and back in with /subscribe', async () => {
    const id = await founder('telegram', '901', {});
    const subscribed = async () => (await sql().query<{ s: boolean }>('select subscribed s from public.contacts where id = $1', [id]))[0]!.s;
    await h.press('telegram', '901', 'bc:stop');
    const [reply] = await h.settle();
    expect(reply!.message.text).toContain('hủy đăng ký');
    expect(await subscribed()).toBe(false);
    await h.say('telegram', '901', '/subscribe');
    await h.settle();
    expect(await subscribed()).toBe(true);
    for (const words of ['Hủy đăng ký', 'huy dang ky', '/stop', 'HUỶ ĐĂNG KÝ!']) {
      await h.say('telegram', '901', '/subscribe');
      await h.settle();
      await h.say('telegram', '901', words);
      await h.settle();
      expect(await subscribed(), words).toBe(false);
    }
  });

  it('cancels announcements still waiting for a founder who opts out', async () => {
    await founder('telegram', '951', {});
    await createBroadcast(h.store, h.bot.services.messages, { createdBy: 'test', text: 'x', audience: 'all' });
    await runner.materializeDue();
    await h.say('telegram', '951', '/stop');
    await h.bot.dispatcher.drain();
    const sent = await h.settle();
    expect(sent.map((s) => s.message.text)).not.toContain('x');
  });

  it('records an RSVP and schedules a reminder a day before the event', async () => {
    const contactId = await founder('telegram', '1001', {}, 'Lan');
    const eventAt = new Date(Date.now() + 3 * 24 * 3600_000);
    const { id, sent } = await send('Lớp gọi vốn', 'all', { rsvp: true, eventAt });
    const buttons = sent[0]!.message.buttons!;
    expect(buttons[0]).toEqual({ label: '✅ Đăng ký tham dự', payload: `bc:rsvp:${id}` });
    await h.press('telegram', '1001', buttons[0]!.payload);
    const [reply] = await h.settle();
    expect(reply!.message.text).toContain('Lớp gọi vốn');
    await h.press('telegram', '1001', buttons[0]!.payload); // pressed twice: one RSVP, one reminder
    await h.settle();
    const rsvps = await sql().query<{ n: number }>('select count(*)::int n from public.broadcast_rsvps where broadcast_id = $1 and contact_id = $2', [id, contactId]);
    expect(rsvps[0]!.n).toBe(1);
    const reminders = await sql().query<{ not_before: Date; kind: string; payload: { text: string } }>(
      `select not_before, kind, payload from public.outbox where dedupe_key like 'broadcast-reminder:%'`);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.kind).toBe('reminder');
    expect(new Date(reminders[0]!.not_before).getTime()).toBe(eventAt.getTime() - 24 * 3600_000);
    expect(reminders[0]!.payload.text).toContain('⏰');
    expect((await broadcastReport(h.store, id)).rsvps).toBe(1);
    // The RSVP list is an audience of its own.
    expect((await countAudience(h.store, `rsvp=${id}`)).total).toBe(1);
  });

  it('answers politely when the event takes no RSVPs', async () => {
    await founder('telegram', '1101', {});
    const { id } = await send('Không RSVP', 'all');
    await h.press('telegram', '1101', `bc:rsvp:${id}`);
    const [reply] = await h.settle();
    expect(reply!.message.text).toContain('không còn nhận đăng ký');
  });

  it('forgets a founder but keeps anonymous counts', async () => {
    const contactId = await founder('telegram', '1201', {});
    const { id } = await send('x', 'all', { rsvp: true, eventAt: new Date(Date.now() + 86400_000 * 2) });
    await h.press('telegram', '1201', `bc:rsvp:${id}`);
    await h.settle();
    expect(await h.store.call('forget_broadcast', { contact_id: contactId })).toEqual({ deliveries: 1, rsvps: 1 });
    const left = await sql().query<{ n: number }>(
      'select count(*)::int n from public.broadcast_deliveries where contact_id is not null or recipient is not null');
    expect(left[0]!.n).toBe(0);
    expect(await broadcastReport(h.store, id)).toMatchObject({ total: 1, sent: 1, rsvps: 1 });
  });
});
