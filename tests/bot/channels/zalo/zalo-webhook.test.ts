/**
 * The Zalo OA channel end to end: signed webhooks into the real server on PGlite, replies
 * captured by the loopback Zalo OpenAPI fake (fetch is the client library).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloRig, textEvent, type ZaloRig } from './support.js';

// One server for the file (each test talks to its own Zalo users): fast on a loaded machine.
let rig: ZaloRig;
beforeAll(async () => {
  rig = await startZaloRig();
});
afterAll(async () => {
  await rig.close();
});

describe('Zalo webhook', () => {
  it('rejects a wrong or missing signature with 401, malformed bodies with 400, and over 1 MB with 413', async () => {
    const body = JSON.stringify({ app_id: '1', timestamp: '1700000000001', ...textEvent('9001', 'm-x', 'hi') });
    expect((await rig.post(body, 'mac=' + '0'.repeat(64))).status).toBe(401);
    expect((await rig.post(body, null)).status).toBe(401);
    expect((await rig.post(body, 'mac=nothex')).status).toBe(401);
    // A body altered after signing fails too.
    const signed = await rig.post(body);
    expect(signed.status).toBe(200);
    expect((await rig.post('{"timestamp": "1", "event_name": ', undefined)).status).toBe(400);
    expect((await rig.post('[1,2,3]')).status).toBe(400);
    const huge = JSON.stringify({ timestamp: '1', event_name: 'user_send_text', pad: 'x'.repeat(1024 * 1024 + 10) });
    expect((await rig.post(huge)).status).toBe(413);
    // The process stays up.
    expect((await fetch(`${rig.server.url}/healthz`)).status).toBe(200);
  });

  it('answers a text, and processes the same event delivered three times once', async () => {
    for (let i = 0; i < 3; i++) expect((await rig.event(textEvent('5326712345678901234', 'msg-dup-1', 'xin chào'))).status).toBe(200);
    await rig.until(() => rig.zalo.sentTo('5326712345678901234').length >= 1);
    await rig.server.bot.dispatcher.drain();
    await rig.server.bot.sender.drain();
    expect(rig.zalo.sentTo('5326712345678901234')).toHaveLength(1);
    const sql = rig.store as unknown as { query<R>(q: string): Promise<R[]> };
    expect(await sql.query("select id from inbox where channel = 'zalo' and event_id = 'msg-dup-1'")).toHaveLength(1);
    expect(rig.zalo.sentTo('5326712345678901234')[0]).toMatchObject({ userId: '5326712345678901234', message: { text: 'echo:xin chào' } });
  });

  it('keeps ids beyond 2^53 exact even when sent as bare numbers', async () => {
    const raw = `{"app_id":"1","event_name":"user_send_text","sender":{"id":5326712345678909999},"message":{"msg_id":"m-big","text":"a 12345678901234567890, b"},"timestamp":1700000000123}`;
    expect((await rig.post(raw)).status).toBe(200);
    await rig.until(() => rig.zalo.sentTo('5326712345678909999').length >= 1);
    expect(rig.zalo.sentTo('5326712345678909999')[0]).toMatchObject({ userId: '5326712345678909999', message: { text: 'echo:a 12345678901234567890, b' } });
  });

  it('keeps the order of messages within a conversation', async () => {
    for (const n of ['1', '2', '3', '4', '5', '6']) await rig.event(textEvent('777', `order-${n}`, n));
    await rig.until(() => rig.zalo.sentTo('777').length >= 6);
    expect(rig.zalo.sentTo('777').map((m) => m.message.text)).toEqual(['echo:1', 'echo:2', 'echo:3', 'echo:4', 'echo:5', 'echo:6']);
  });

  it('renders buttons as oa.query.hide and maps a press back to the button payload', async () => {
    await rig.event(textEvent('888', 'btn-1', 'menu'));
    await rig.until(() => rig.zalo.sentTo('888').length >= 1);
    const menu = rig.zalo.sentTo('888')[0]!.message;
    expect(menu.text).toBe('Chọn một mục');
    const buttons = menu.attachment!.payload.buttons!;
    expect(buttons.map((b) => [b.type, b.title])).toEqual([
      ['oa.query.hide', 'Đặt chỗ'],
      ['oa.query.hide', 'Khảo sát'],
      ['oa.open.url', 'Trang web'],
    ]);
    expect(buttons[2]!.payload).toEqual({ url: 'https://example.vn' });
    // Zalo delivers the press as a user_send_text carrying the hidden payload.
    await rig.event(textEvent('888', 'btn-2', String(buttons[0]!.payload)));
    await rig.until(() => rig.zalo.sentTo('888').length >= 2);
    expect(rig.zalo.sentTo('888')[1]!.message.text).toBe('pressed:menu:booking');
  });

  it('falls back to numbered choices for more than five buttons, and splits text over 2,000 characters', async () => {
    await rig.event(textEvent('901', 'many-1', 'many'));
    await rig.event(textEvent('901', 'long-1', 'long'));
    await rig.until(() => rig.zalo.sentTo('901').some((m) => m.message.text?.endsWith('KẾT THÚC')));
    const [choices, ...parts] = rig.zalo.sentTo('901');
    expect(choices!.message.attachment).toBeUndefined();
    expect(choices!.message.text).toContain('1. Mục 1\n2. Mục 2');
    expect(choices!.message.text).toContain('7. Mục 7');
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) expect(Array.from(p.message.text!).length).toBeLessThanOrEqual(2000);
    expect(parts.at(-1)!.message.text).toMatch(/KẾT THÚC$/);
    expect(parts.map((p) => p.message.text).join(' ').replace(/\s+/g, ' ')).toBe(`${'Đoạn văn dài. '.repeat(300)}KẾT THÚC`.replace(/\s+/g, ' '));
  });

  it('asks for the phone with request_user_info and reads user_submit_info as a contact in E.164', async () => {
    await rig.event(textEvent('902', 'ph-1', 'phone'));
    await rig.until(() => rig.zalo.sentTo('902').length >= 1);
    expect(rig.zalo.sentTo('902')[0]!.message.attachment!.payload).toMatchObject({
      template_type: 'request_user_info',
      elements: [{ title: 'Chia sẻ số điện thoại', subtitle: 'Cho mình xin số điện thoại nhé' }],
    });
    await rig.event({ event_name: 'user_submit_info', sender: { id: '902' }, recipient: { id: '1' }, info: { name: 'Lan', phone: '0912 345 678', address: '', city: '', district: '', ward: '' } });
    await rig.until(() => rig.zalo.sentTo('902').length >= 2);
    expect(rig.zalo.sentTo('902')[1]!.message.text).toBe('phone:+84912345678:Lan');
  });

  it('turns images, files and locations into their kinds and stickers into unsupported; ignores echoes and receipts', async () => {
    const media = (name: string, msgId: string, attachment: unknown) =>
      rig.event({ event_name: name, sender: { id: '903' }, recipient: { id: '1' }, message: { msg_id: msgId, attachments: [attachment] } });
    await media('user_send_image', 'md-1', { type: 'image', payload: { thumbnail: 'https://z/t.jpg', url: 'https://z/i.jpg' } });
    await media('user_send_file', 'md-2', { type: 'file', payload: { url: 'https://z/f.pdf', size: '2048', name: 'plan.pdf', checksum: 'x', type: 'pdf' } });
    await media('user_send_location', 'md-3', { type: 'location', payload: { coordinates: { latitude: '10.77', longitude: '106.70' } } });
    await media('user_send_sticker', 'md-4', { type: 'sticker', payload: { id: 's', url: 'https://z/s' } });
    for (const name of ['oa_send_text', 'user_received_message', 'user_seen_message']) {
      const res = await rig.event({ event_name: name, sender: { id: '1' }, recipient: { id: '903' }, message: { msg_id: `echo-${name}`, text: 'x' } });
      expect(res.status).toBe(200);
    }
    await rig.until(() => rig.zalo.sentTo('903').length >= 4);
    expect(rig.zalo.sentTo('903').map((m) => m.message.text)).toEqual(['kind:image', 'kind:file', 'kind:location', 'kind:unsupported:sticker']);
    const sql = rig.store as unknown as { query<R>(q: string): Promise<R[]> };
    const stored = await sql.query<{ event_id: string }>("select event_id from inbox where event_id like 'md-%' or event_id like 'echo-%' order by id");
    expect(stored.map((r) => r.event_id)).toEqual(['md-1', 'md-2', 'md-3', 'md-4']);
  });

  it('records follow and unfollow on the identity', async () => {
    await rig.event(textEvent('904', 'f-0', 'hi'));
    await rig.event({ event_name: 'unfollow', oa_id: '1', follower: { id: '904' }, source: 'oa_profile' });
    const reachable = async () => {
      const sql = rig.store as unknown as { query<R>(q: string): Promise<R[]> };
      const [row] = await sql.query<{ reachable: boolean; unreachable_reason: string | null }>(
        "select reachable, unreachable_reason from channel_identities where channel = 'zalo' and external_id = '904'");
      return row!;
    };
    expect(await reachable()).toEqual({ reachable: false, unreachable_reason: 'zalo_unfollow' });
    await rig.event({ event_name: 'follow', oa_id: '1', follower: { id: '904' }, source: 'oa_profile' });
    expect(await reachable()).toEqual({ reachable: true, unreachable_reason: null });
  });
  it('answers 400 to signed events of the wrong shape and stores text with NUL or lone surrogates cleaned', async () => {
    const signed = (event: Record<string, unknown>) => rig.post(JSON.stringify({ app_id: '1', timestamp: '1700000000200', ...event }));
    expect((await signed({ event_name: 'user_submit_info', sender: { id: '9100' }, info: { phone: { n: 1 } } })).status).toBe(400);
    expect((await signed({ event_name: 'user_send_text', sender: { id: { x: 1 } }, message: { msg_id: 'm', text: 'a' } })).status).toBe(400);
    expect((await signed({ event_name: 'user_send_text', sender: { id: '9101' }, message: { msg_id: 'm-num', text: 42 } })).status).toBe(400);
    expect((await signed({ event_name: 42 })).status).toBe(400);
    const nul = await signed({ event_name: 'user_send_text', sender: { id: '9102' }, message: { msg_id: 'm-nul', text: 'a\u0000b\ud800c' } });
    expect(nul.status).toBe(200);
    const sql = rig.store as unknown as { query<R>(q: string, p?: unknown[]): Promise<R[]> };
    const [row] = await sql.query<{ text: string }>("select payload->>'text' as text from inbox where channel = 'zalo' and event_id = 'm-nul'");
    expect(row!.text).toBe('a\uFFFDb\uFFFDc');
    expect((await fetch(`${rig.server.url}/healthz`)).status).toBe(200);
  });
});

describe('Zalo event freshness', () => {
  let fresh: ZaloRig;
  beforeAll(async () => {
    fresh = await startZaloRig({ ZALO_EVENT_MAX_AGE_SECONDS: '900' });
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('refuses events far from now and still drops a redelivery inside the window', async () => {
    const at = (offsetMs: number, msgId: string) =>
      fresh.post(JSON.stringify({ app_id: '1', timestamp: String(Date.now() + offsetMs), ...textEvent('9200', msgId, 'hi') }));
    const old = await at(-2 * 3600_000, 'stale-1');
    expect(await old.json()).toMatchObject({ ignored: 'stale_event' });
    const future = await at(2 * 3600_000, 'stale-2');
    expect(await future.json()).toMatchObject({ ignored: 'stale_event' });
    expect(await (await at(-60_000, 'fresh-1')).json()).toMatchObject({ ok: true, duplicate: false });
    expect(await (await at(0, 'fresh-1')).json()).toMatchObject({ ok: true, duplicate: true });
    const sql = fresh.store as unknown as { query<R>(q: string): Promise<R[]> };
    expect(await sql.query("select event_id from inbox where channel = 'zalo' and event_id in ('stale-1', 'stale-2', 'fresh-1')")).toEqual([{ event_id: 'fresh-1' }]);
  });
});
