/**
 * Onboarding through the whole bot (default features, PGlite): consent first, nothing personal
 * stored before it, the profile, /me, /lang, deep links kept across consent, and /forget leaving
 * no personal data in any table.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultFeatures } from '../../../src/app/features.js';
import type { Outbound } from '../../../src/bot/outbound.js';
import type { Feature } from '../../../src/bot/router.js';
import { registerDeepLink } from '../../../src/flows/onboarding/index.js';
import type { PgliteStore } from '../../../src/store/pglite-driver.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { findPersonalData } from '../../support/personal-data.js';
import { pgliteTestStore } from '../../support/stores.js';

/** A feature of this test's bot with its own deep link (registered with that bot only). */
const testLinks: Feature = {
  name: 'test-links',
  order: 2000,
  async init(services) {
    registerDeepLink(services, 'testlink_', (turn, arg) => {
      turn.reply({ text: `LINK:${arg}` });
    });
  },
  handle: (_turn, next) => next(),
};

let harness: BotHarness | undefined;
let store: PgliteStore | undefined;
afterEach(async () => {
  await harness?.close();
  await store?.close();
  harness = undefined;
  store = undefined;
});

async function start(): Promise<BotHarness> {
  store = await pgliteTestStore();
  harness = await botHarness({ store, features: [...defaultFeatures(), testLinks] });
  return harness;
}

/** Says (text) or presses (payload-looking input) and returns the messages sent back. */
async function talk(h: BotHarness, chat: string, input: string, locale = 'vi'): Promise<Outbound[]> {
  if (/^[a-z_]+:\S+$/.test(input)) await h.send({ channel: 'web', chatId: chat, userId: chat, locale, kind: 'button', payload: input });
  else await h.send({ channel: 'web', chatId: chat, userId: chat, locale, kind: 'text', text: input });
  return (await h.settle()).map((s) => s.message);
}

async function contactOf(chat: string) {
  const [row] = await store!.query<{ id: number; display_name: string | null; phone: string | null; email: string | null; profile: Record<string, unknown>; consented_at: string | null; consent_version: string | null; locale: string }>(
    `select k.* from public.contacts k join public.channel_identities i on i.contact_id = k.id where i.external_id = $1`, [chat]);
  return row!;
}

describe('consent gate', () => {
  it('greets with the privacy notice and stores nothing personal before consent', async () => {
    const h = await start();
    const [reply] = await talk(h, 'w1', 'Chào bạn, mình là Hoàng Yến, số 0912345678');
    expect(reply!.text).toContain('Nghị định 13/2023/NĐ-CP');
    expect(reply!.buttons?.map((b) => b.payload)).toEqual(['consent:agree', 'consent:decline', 'consent:more']);
    expect(await findPersonalData(store!, ['Hoàng Yến', '0912345678'])).toEqual([]);
    const contact = await contactOf('w1');
    expect(contact.consented_at).toBeNull();
    const [more] = await talk(h, 'w1', 'consent:more');
    expect(more!.text).toContain('Quyền của bạn');
  });

  it('records consent and runs the profile in Vietnamese without diacritics', async () => {
    const h = await start();
    const [first] = await talk(h, 'w2', 'ok');
    expect(first!.text).toContain('Nghị định 13'); // a first "ok" is not consent
    expect((await contactOf('w2')).consented_at).toBeNull();
    const afterAgree = await talk(h, 'w2', 'Đồng ý'); // typed, as on platforms showing numbered choices
    expect(afterAgree.map((m) => m.text).join('\n')).toContain('Bạn tên là gì?');
    expect((await contactOf('w2')).consent_version).toBe('2026-11-v1');
    for (const answer of ['Pham Thi Hoang Yen', 'bo qua', '2', 'nong nghiep', 'bac giang', '0912 345 678', 'yen.pham@example.vn']) {
      await talk(h, 'w2', answer);
    }
    const [summary] = await talk(h, 'w2', 'dung');
    expect(summary!.text).toContain('Đã lưu hồ sơ');
    const contact = await contactOf('w2');
    expect(contact).toMatchObject({
      display_name: 'Pham Thi Hoang Yen', phone: '+84912345678', email: 'yen.pham@example.vn',
      profile: { stage: 'prototype', sector: 'agriculture', province: 'bac-ninh' },
    });
    const [me] = await talk(h, 'w2', '/me');
    expect(me!.text).toContain('Pham Thi Hoang Yen');
    expect(me!.text).toContain('0912 345 678');
    expect(me!.text).toContain('Bắc Ninh');
  });

  it('runs the profile in English with diacritics, re-asking wrong answers', async () => {
    const h = await start();
    await talk(h, 'w3', 'hello', 'en');
    await talk(h, 'w3', 'consent:agree', 'en');
    await talk(h, 'w3', 'Trần Văn Minh', 'en');
    await talk(h, 'w3', 'Nông Sạch', 'en');
    const [wrong] = await talk(h, 'w3', 'very early', 'en');
    expect(wrong!.text).toContain("I didn't catch your choice");
    await talk(h, 'w3', 'Idea', 'en');
    await talk(h, 'w3', 'Technology, software', 'en');
    const [badProvince] = await talk(h, 'w3', 'Atlantis', 'en');
    expect(badProvince!.text).toContain('which province “Atlantis” is in'); // the place named back
    await talk(h, 'w3', 'Thừa Thiên Huế', 'en');
    await talk(h, 'w3', 'skip', 'en');
    const [summary] = await talk(h, 'w3', 'skip', 'en');
    expect(summary!.text).toContain('Province: Huế');
    await talk(h, 'w3', 'yes', 'en');
    expect(await contactOf('w3')).toMatchObject({ display_name: 'Trần Văn Minh', phone: null, locale: 'en', profile: { startup: 'Nông Sạch', stage: 'idea', sector: 'tech', province: 'hue' } });
  });

  it('lets a founder who declines ask questions anonymously but asks consent for personal services', async () => {
    const h = await start();
    await talk(h, 'w4', 'xin chào');
    const [declined] = await talk(h, 'w4', 'consent:decline');
    expect(declined!.text).toContain('không lưu thông tin cá nhân');
    const [asked] = await talk(h, 'w4', 'Tôi là Hoàng Yến, trung tâm mở cửa mấy giờ?');
    expect(asked!.text).not.toContain('Nghị định 13');
    const [booking] = await talk(h, 'w4', 'menu:booking');
    expect(booking!.text).toContain('cần bạn đồng ý');
    expect(await findPersonalData(store!, ['Hoàng Yến'])).toEqual([]);
    // Neither side of the anonymous conversation is kept: the answers tell what was asked.
    const logged = async () =>
      (await store!.query<{ direction: string }>(
        `select m.direction from public.messages m join public.conversations c on c.id = m.conversation_id where c.chat_id = 'w4' order by m.id`,
      )).map((r) => r.direction);
    await h.settle();
    expect(await logged()).toEqual([]);
    await talk(h, 'w4', 'consent:agree');
    expect((await contactOf('w4')).consented_at).not.toBeNull();
    await talk(h, 'w4', 'trung tâm mở cửa mấy giờ?');
    for (let i = 0; i < 100 && !(await logged()).includes('out'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(new Set(await logged())).toEqual(new Set(['in', 'out']));
  });

  it('keeps a /start deep link through consent and follows it after', async () => {
    const h = await start();
    const [welcome] = await talk(h, 'w5', '/start testlink_abc');
    expect(welcome!.text).toContain('thông báo bảo mật');
    const after = await talk(h, 'w5', 'consent:agree');
    expect(after.map((m) => m.text)).toContain('LINK:abc');
    const [again] = await talk(h, 'w5', '/start testlink_xyz');
    expect(again!.text).toBe('LINK:xyz');
  });

  it('switches language with /lang, before and after consent', async () => {
    const h = await start();
    const [en] = await talk(h, 'w6', '/lang en');
    expect(en!.text).toContain('Personal data protection');
    await talk(h, 'w6', 'consent:agree');
    await talk(h, 'w6', 'huy');
    const [vi] = await talk(h, 'w6', '/lang vi');
    expect(vi!.text).toContain('tiếng Việt');
    expect((await contactOf('w6')).locale).toBe('vi');
  });

  it('passes group chats through untouched', async () => {
    const h = await start();
    await h.send({ channel: 'telegram', chatId: '-1001', userId: '9', chatType: 'group', kind: 'text', text: 'xin chào' });
    const sent = await h.settle();
    expect(sent.every((s) => !s.message.text.includes('Nghị định'))).toBe(true);
  });
});

describe('/forget', () => {
  it('asks for confirmation, then leaves no personal data in any table', async () => {
    const h = await start();
    await talk(h, 'w7', 'xin chào');
    await talk(h, 'w7', 'consent:agree');
    for (const answer of ['Phạm Thị Hoàng Yến', 'Yến Farm', '3', '1', 'Lạng Sơn', '0912 345 678', 'yen.pham@example.vn', 'đúng']) {
      await talk(h, 'w7', answer);
    }
    await talk(h, 'w7', 'Mình là Hoàng Yến, gọi mình qua 0912345678 nhé');
    const needles = ['Hoàng Yến', 'Hoang Yen', 'Yến Farm', '912345678', '912 345 678', 'yen.pham@example.vn'];
    expect((await findPersonalData(store!, needles)).length).toBeGreaterThan(0);

    const [confirm] = await talk(h, 'w7', '/forget');
    expect(confirm!.buttons?.map((b) => b.payload)).toEqual(['account:forget_yes', 'account:forget_no']);
    const [kept] = await talk(h, 'w7', 'account:forget_no');
    expect(kept!.text).toContain('Không xóa');
    await talk(h, 'w7', '/forget');
    const [done] = await talk(h, 'w7', 'có'); // typed confirmation works as the button
    expect(done!.text).toContain('Đã xóa');

    expect(await findPersonalData(store!, needles)).toEqual([]);
    const contact = await contactOf('w7');
    expect(contact.consented_at).toBeNull();
    const [again] = await talk(h, 'w7', 'xin chào');
    expect(again!.text).toContain('Nghị định 13/2023/NĐ-CP');
  });
});
