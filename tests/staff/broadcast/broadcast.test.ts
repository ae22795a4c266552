/**
 * Broadcasts end to end on PGlite: audience filters, delivery rows and outbox rows, `{name}`,
 * buttons, Zalo's interaction window, permanent and transient failures, cancel and export.
 * (Founder side: founders.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { createBroadcast, countAudience } from '../../../src/staff/broadcast/compose.js';
import { broadcastReport, progressText } from '../../../src/staff/broadcast/report.js';
import { BroadcastRunner } from '../../../src/staff/broadcast/runner.js';
import { translator } from '../../../src/content/messages.js';
import type { BotHarness } from '../../support/bot.js';
import { founder, send, sql, useBroadcastTestbed } from './support.js';

let h: BotHarness;
let runner: BroadcastRunner;
useBroadcastTestbed((bed) => {
  ({ h, runner } = bed);
});

describe('audience', () => {
  it('selects by channel, province (with or without diacritics) and stage, only subscribed, reachable, consented founders', async () => {
    await founder('telegram', '101', { province: 'lang-son', stage: 'idea' }, 'Lan');
    await founder('telegram', '102', { province: 'lang-son', stage: 'prototype' }, 'Minh');
    await founder('zalo', 'z103', { province: 'lang-son', stage: 'idea' }, 'Hoa');
    await founder('telegram', '104', { province: 'ha-noi', stage: 'idea' }, 'Tuấn');
    const optedOut = await founder('telegram', '105', { province: 'lang-son', stage: 'idea' });
    await sql().query('update public.contacts set subscribed = false where id = $1', [optedOut]);
    await founder('telegram', '106', { province: 'lang-son', stage: 'idea' });
    await h.store.call('identity_set_reachable', { channel: 'telegram', external_id: '106', reachable: false, reason: 'blocked' });
    await h.store.call('conversation_ensure', { channel: 'telegram', chat_id: '107', user_id: '107' }); // never consented
    await sql().query(`update public.contacts set profile = '{"province":"lang-son","stage":"idea"}' where display_name is null and consented_at is null`);

    expect(await countAudience(h.store, 'province="Lạng Sơn" stage=idea,prototype')).toEqual({ total: 3, by_channel: { telegram: 2, zalo: 1 } });
    expect((await countAudience(h.store, 'tinh="lang son" kenh=telegram')).total).toBe(2);
    expect((await countAudience(h.store, 'all')).total).toBe(4);

    const { id, audience, sent } = await send('Chào {name}! Lớp gọi vốn ngày 1/12.', 'channel=telegram province="Lạng Sơn"');
    expect(audience.total).toBe(2);
    expect(sent.map((s) => [s.to.chatId, s.message.text]).sort()).toEqual([
      ['101', 'Chào Lan! Lớp gọi vốn ngày 1/12.'],
      ['102', 'Chào Minh! Lớp gọi vốn ngày 1/12.'],
    ]);
    const report = await broadcastReport(h.store, id);
    expect(report).toMatchObject({ status: 'done', total: 2, sent: 2, failed: 0, pending: 0 });
  });

  it('selects founders who applied to a programme or gave a survey answer', async () => {
    const a = await founder('telegram', '151', {});
    const b = await founder('telegram', '152', {});
    await founder('telegram', '153', {});
    await sql().query(`insert into public.programme_applications (programme_id, contact_id) values ('uom-incubator', $1)`, [a]);
    await sql().query(`insert into public.programme_applications (programme_id, contact_id, status) values ('uom-incubator', $1, 'withdrawn')`, [b]);
    expect((await countAudience(h.store, 'chuong_trinh=uom-incubator')).total).toBe(1);
    const [ra] = await sql().query<{ id: number }>(`insert into public.survey_responses (survey_id, contact_id) values ('nhu-cau', $1) returning id`, [a]);
    const [rb] = await sql().query<{ id: number }>(`insert into public.survey_responses (survey_id, contact_id) values ('nhu-cau', $1) returning id`, [b]);
    await sql().query(`insert into public.survey_answers (response_id, question_id, kind, value) values ($1, 'need', 'multiple', '["funding","mentoring"]')`, [ra!.id]);
    await sql().query(`insert into public.survey_answers (response_id, question_id, kind, value) values ($1, 'need', 'single', '"office"')`, [rb!.id]);
    expect((await countAudience(h.store, 'khao_sat=nhu-cau cau_hoi=need tra_loi=mentoring')).total).toBe(1);
    expect((await countAudience(h.store, 'survey=nhu-cau answer=office,funding')).total).toBe(2);
  });

  it('fills {name} with a polite word when the name is unknown, in the founder\'s language', async () => {
    await founder('telegram', '201', {}, undefined, 'vi');
    await founder('telegram', '202', {}, undefined, 'en');
    const { sent } = await send('Chào {name}!', 'all');
    const byChat = Object.fromEntries(sent.map((s) => [s.to.chatId, s.message]));
    expect(byChat['201']!.text).toBe('Chào bạn!');
    // No English text was written: the English reader gets the Vietnamese one, said to be so, with its polite word.
    expect(byChat['202']!.text.endsWith('Chào bạn!')).toBe(true);
    expect(byChat['202']!.text).not.toContain('there');
    expect(byChat['201']!.buttons).toEqual([{ label: '🔕 Hủy đăng ký nhận tin', payload: 'bc:stop' }]);
    expect(byChat['202']!.buttons).toEqual([{ label: '🔕 Unsubscribe', payload: 'bc:stop' }]);
  });

  it('reports a Zalo follower outside the interaction window as not reachable on Zalo, without retrying', async () => {
    await founder('zalo', 'z301', {});
    await founder('zalo', 'z302', {});
    await sql().query(`update public.conversations set last_inbound_at = now() - interval '8 days' where chat_id = 'z302'`);
    const { id, sent } = await send('Thông báo', 'channel=zalo');
    expect(sent.map((s) => s.to.chatId)).toEqual(['z301']);
    const report = await broadcastReport(h.store, id);
    expect(report).toMatchObject({ status: 'done', sent: 1, failed: 1, failures: { zalo_window: 1 } });
    const t = translator(h.bot.services.messages, 'vi');
    expect(progressText(t, report)).toContain('không liên lạc được trên Zalo');
  });
});

describe('delivery', () => {
  it('creates one delivery row and one outbox row per recipient, idempotently, in batches', async () => {
    for (let i = 0; i < 5; i++) await founder('telegram', `40${i}`, {});
    const created = await createBroadcast(h.store, h.bot.services.messages, { createdBy: 'test', text: 'x', audience: 'all' });
    expect(await runner.materializeDue()).toBe(5);
    expect(await runner.materializeDue()).toBe(0);
    const rows = await sql().query<{ n: number; kinds: string[] }>(
      `select count(*)::int n, array_agg(distinct kind || ':' || priority) kinds from public.outbox where source_id = $1`, [created.id]);
    expect(rows[0]).toEqual({ n: 5, kinds: ['broadcast:100'] });
    const deliveries = await sql().query<{ n: number }>(
      'select count(*)::int n from public.broadcast_deliveries where broadcast_id = $1 and outbox_id is not null', [created.id]);
    expect(deliveries[0]!.n).toBe(5);
  });

  it('waits for a scheduled time', async () => {
    await founder('telegram', '501', {});
    const created = await createBroadcast(h.store, h.bot.services.messages, {
      createdBy: 'test', text: 'later', audience: 'all', sendAt: new Date(Date.now() + 3600_000),
    });
    expect(await runner.materializeDue()).toBe(0);
    expect((await broadcastReport(h.store, created.id)).status).toBe('scheduled');
    await sql().query(`update public.broadcasts set send_at = now() where id = $1`, [created.id]);
    expect(await runner.materializeDue()).toBe(1);
  });

  it('marks a founder who blocked the bot unreachable and retries transient failures', async () => {
    await founder('telegram', '601', {});
    await founder('telegram', '602', {});
    const telegram = h.channels.get('telegram')!;
    let flaky = 1;
    telegram.send = async (to, message) => {
      if (to.chatId === '601') return { status: 'failed', error: 'telegram 403: Forbidden: bot was blocked by the user', unreachable: 'blocked' };
      if (flaky-- > 0) return { status: 'retry', retryInMs: 0, error: 'telegram 502: Bad Gateway' };
      telegram.sent.push({ to, message });
      return { status: 'sent' };
    };
    const { id, sent } = await send('Thông báo', 'all');
    expect(sent.map((s) => s.to.chatId)).toEqual(['602']);
    const report = await broadcastReport(h.store, id);
    expect(report).toMatchObject({ status: 'done', sent: 1, failed: 1, failures: { blocked: 1 } });
    const identity = await sql().query<{ reachable: boolean }>(`select reachable from public.channel_identities where external_id = '601'`);
    expect(identity[0]!.reachable).toBe(false);
    // The next broadcast leaves them out.
    expect((await countAudience(h.store, 'all')).total).toBe(1);
  });

  it('cancels what has not been sent yet', async () => {
    for (let i = 0; i < 3; i++) await founder('telegram', `70${i}`, {});
    const created = await createBroadcast(h.store, h.bot.services.messages, { createdBy: 'test', text: 'x', audience: 'all' });
    await runner.materializeDue();
    expect(await h.store.call('broadcast_cancel', { id: created.id })).toEqual({ ok: true, cancelled: 3 });
    expect(await h.settle()).toEqual([]);
    expect(await broadcastReport(h.store, created.id)).toMatchObject({ status: 'cancelled', sent: 0, cancelled: 3 });
    expect(await h.store.call('broadcast_cancel', { id: created.id })).toEqual({ ok: false, code: 'already_cancelled' });
  });

  it('exports per-recipient outcomes without names or chat ids', async () => {
    await founder('telegram', '801', {}, 'Lan');
    const { id } = await send('x', 'all');
    const rows = await h.store.call<Record<string, unknown>[]>('broadcast_export', { id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'telegram', status: 'sent', attempts: 1, rsvp: false });
    expect(JSON.stringify(rows)).not.toContain('Lan');
    expect(JSON.stringify(rows)).not.toContain('801');
  });
});
