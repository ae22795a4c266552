/**
 * /link through the whole message path (inbox → dispatcher → router → commit → outbox), on
 * PGlite and, when TEST_DATABASE_URL is set, on the real PostgreSQL server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkingFeature } from '../../../src/flows/linking/feature.js';
import { parseLinkCommand } from '../../../src/flows/linking/parse.js';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import type { SqlStore } from '../../../src/store/store.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { postgresTestStore, type PostgresTestStore } from '../../support/stores.js';

describe('parseLinkCommand', () => {
  it('understands the commands with or without diacritics', () => {
    expect(parseLinkCommand('/link')).toEqual({ action: 'create' });
    expect(parseLinkCommand('/link@uom_bot')).toEqual({ action: 'create' });
    expect(parseLinkCommand('Liên kết tài khoản')).toEqual({ action: 'create' });
    expect(parseLinkCommand('lien ket')).toEqual({ action: 'create' });
    expect(parseLinkCommand('/link K7QM3-XPA9R')).toEqual({ action: 'redeem', code: 'K7QM3XPA9R' });
    expect(parseLinkCommand('Liên kết k7qm3 xpa9r')).toEqual({ action: 'redeem', code: 'K7QM3XPA9R' });
    // Look-alikes typed by mistake are forgiven: O is 0, I and L are 1.
    expect(parseLinkCommand('/link kOqm3-xpaIl')).toEqual({ action: 'redeem', code: 'K0QM3XPA11' });
    expect(parseLinkCommand('link K7QM3-XPA9R')).toEqual({ action: 'redeem', code: 'K7QM3XPA9R' });
    expect(parseLinkCommand('link abcde-fghjk')).toEqual({ action: 'redeem', code: 'ABCDEFGHJK' });
    expect(parseLinkCommand('/link 123456')).toEqual({ action: 'bad_format' }); // the old 6-digit codes
    expect(parseLinkCommand('/link 12')).toEqual({ action: 'bad_format' });
    expect(parseLinkCommand('/link abcdefghju')).toEqual({ action: 'bad_format' }); // U is not in the alphabet
    expect(parseLinkCommand('/unlink')).toEqual({ action: 'undo' });
    expect(parseLinkCommand('Huỷ liên kết')).toEqual({ action: 'undo' });
    expect(parseLinkCommand('link')).toBeNull();
    expect(parseLinkCommand('link vanphong')).toBeNull();
    expect(parseLinkCommand('link dangkyabc')).toBeNull();
    expect(parseLinkCommand('cho mình xin link đăng ký')).toBeNull();
    expect(parseLinkCommand('xin chào')).toBeNull();
  });
});

const targets = [
  { name: 'PGlite', store: async () => undefined },
  { name: 'PostgreSQL', store: () => postgresTestStore() },
];

for (const target of targets) {
  describe.skipIf(target.name === 'PostgreSQL' && !process.env.TEST_DATABASE_URL)(`/link on ${target.name}`, () => {
    // One bot per database for the whole block (start-up is the slow part); tests use their own chats.
    let harness: BotHarness | undefined;
    let pg: PostgresTestStore | undefined;
    beforeAll(async () => {
      pg = await target.store();
      harness = await botHarness({
        features: [linkingFeature, menuFeature, fallbackFeature],
        env: { TELEGRAM_RATE_PER_CHAT_PER_SECOND: '1000', LINK_GUESSES_GLOBAL: '60' },
        ...(pg ? { store: pg } : {}),
      });
    });
    afterAll(async () => {
      await harness?.close();
      await pg?.destroy();
    });

    async function start(): Promise<BotHarness> {
      return harness!;
    }

    it('links a Telegram and a Zalo account of one founder into one contact', async () => {
      const h = await start();
      const contactA = await h.consent('telegram', '5001', 'vi');
      await h.say('telegram', '5001', '/link');
      const [codeReply] = await h.settle();
      const code = /\b([0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5})\b/.exec(codeReply!.message.text)?.[1];
      expect(code).toBeDefined();
      expect(codeReply!.message.text).toContain('10 phút');

      await h.say('zalo', 'zalo-user-1', `Liên kết ${code!.toLowerCase().replace('-', ' ')}`);
      const sent = await h.settle();
      const done = sent.find((s) => s.to.channel === 'zalo');
      expect(done!.to).toMatchObject({ channel: 'zalo', chatId: 'zalo-user-1' });
      expect(done!.message.text).toContain('Đã liên kết');
      // The owner is told on the chat where they asked for the code, with a way to undo.
      const notice = sent.find((s) => s.to.channel === 'telegram');
      expect(notice!.to.chatId).toBe('5001');
      expect(notice!.message.buttons?.[0]?.payload).toMatch(/^link:undo:\d+$/);

      const sql = h.store as SqlStore;
      const identities = await sql.query<{ channel: string; contact_id: number }>(
        `select channel, contact_id::int from public.channel_identities where external_id in ('5001', 'zalo-user-1') order by channel`);
      expect(identities).toEqual([{ channel: 'telegram', contact_id: contactA }, { channel: 'zalo', contact_id: contactA }]);
      const zaloContacts = await sql.query(`select 1 from public.contacts k where not exists
        (select 1 from public.channel_identities i where i.contact_id = k.id) `);
      expect(zaloContacts).toHaveLength(0); // the Zalo contact was merged away, not left orphaned

      // The code was single use, and the Zalo chat now belongs to the consented contact.
      await h.say('zalo', 'zalo-user-2', `/link ${code!}`);
      expect((await h.settle())[0]!.message.text).toContain('không đúng hoặc đã hết hạn');
      await h.say('zalo', 'zalo-user-1', 'hello');
      expect((await h.settle())[0]!.message.buttons?.length).toBeGreaterThan(0);
      const [conv] = await sql.query<{ contact_id: number }>(`select contact_id::int from public.conversations where chat_id = 'zalo-user-1'`);
      expect(conv!.contact_id).toBe(contactA);
    });

    it('leaves "/link" in a group to the staff workspace', async () => {
      const h = await start();
      await h.send({ channel: 'telegram', chatId: '-1001', userId: '5002', chatType: 'group', kind: 'text', text: '/link' });
      expect(await h.settle()).toEqual([]); // the fallback never chatters in groups
      const sql = h.store as SqlStore;
      const codes = await sql.query(`select 1 from public.link_codes c join public.channel_identities i
        on i.contact_id = c.contact_id where i.external_id = '5002'`);
      expect(codes).toHaveLength(0);
    });

    it('answers wrong formats, wrong codes and too many guesses clearly, in English too', async () => {
      const h = await start();
      await h.consent('web', 'web-session-link-000001', 'en');
      await h.say('web', 'web-session-link-000001', '/link 12');
      expect((await h.settle())[0]!.message.text).toContain('10 letters and digits');
      for (let i = 0; i < 5; i++) await h.say('web', 'web-session-link-000001', '/link 00000-0000' + String(i));
      const replies = (await h.settle()).map((s) => s.message.text);
      expect(replies.slice(0, 5).every((t) => t.includes('wrong or has expired'))).toBe(true);
      await h.say('web', 'web-session-link-000001', '/link 11111-11111');
      expect((await h.settle())[0]!.message.text).toContain('Too many wrong codes');
    });

    it('lets the owner undo a link from the notice: the other account is cut off', async () => {
      const h = await start();
      const owner = await h.consent('telegram', '5101', 'en');
      await h.say('telegram', '5101', '/link');
      const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec((await h.settle())[0]!.message.text)![1]!;
      await h.say('web', 'web-session-undo-000001', `/link ${code}`);
      const notice = (await h.settle()).find((s) => s.to.channel === 'telegram')!;
      const sql = h.store as SqlStore;
      const ownerOf = async (external: string) =>
        (await sql.query<{ contact_id: number }>(`select contact_id::int from public.channel_identities where external_id = $1`, [external]))[0]!.contact_id;
      expect(await ownerOf('web-session-undo-000001')).toBe(owner);

      await h.press('telegram', '5101', notice.message.buttons![0]!.payload);
      const [undone] = await h.settle();
      expect(undone!.to.chatId).toBe('5101');
      expect(undone!.message.text).toContain('Link undone');
      expect(await ownerOf('web-session-undo-000001')).not.toBe(owner);
      expect(await ownerOf('5101')).toBe(owner);
      // Nothing left to undo; a forged button for someone else's link finds nothing either.
      await h.say('telegram', '5101', '/unlink');
      expect((await h.settle())[0]!.message.text).toContain('no link to undo');
      await h.press('web', 'web-session-undo-000001', notice.message.buttons![0]!.payload);
      expect((await h.settle())[0]!.message.text).toMatch(/Không có liên kết|no link/);
    });

    it('withstands the reported attack: many fresh web sessions guessing a live code never take the contact over', async () => {
      const h = await start();
      const victim = await h.consent('telegram', '5201', 'vi');
      await (h.store as SqlStore).exec('delete from public.link_attempts'); // wrong codes of the tests above
      await h.say('telegram', '5201', '/link');
      const code = /\b([0-9A-Z]{5}-[0-9A-Z]{5})\b/.exec((await h.settle())[0]!.message.text)![1]!.replace('-', '');
      const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
      let seed = 7;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
      const replies: string[] = [];
      // 25 sessions × 4 guesses, each session a new contact; the attacker even knows the selector.
      for (let session = 0; session < 25; session++) {
        const chat = `web-attack-${String(session).padStart(4, '0')}-000000`;
        for (let guess = 0; guess < 4; guess++) {
          let rest = '';
          for (let i = 0; i < 8; i++) rest += alphabet[Math.floor(random() * 32)];
          const attempt = code.slice(0, 2) + rest;
          await h.say('web', chat, `/link ${attempt === code ? code.slice(0, 2) + '00000000' : attempt}`);
        }
        replies.push(...(await h.settle()).map((s) => s.message.text));
      }
      expect(replies).toHaveLength(100);
      expect(replies.some((t) => t.includes('Đã liên kết'))).toBe(false);
      // After 60 wrong codes from everyone, linking paused for all (the last 40 guesses).
      expect(replies.filter((t) => t.includes('tạm dừng')).length).toBe(40);
      // The code took five guesses against its selector and was burnt: the right code no longer works.
      await h.say('web', 'web-attack-lucky-0000000', `/link ${code}`);
      expect((await h.settle())[0]!.message.text).not.toContain('Đã liên kết');
      const sql = h.store as SqlStore;
      const identities = await sql.query(`select channel from public.channel_identities where contact_id = $1`, [victim]);
      expect(identities).toEqual([{ channel: 'telegram' }]);
      const attempts = await sql.query<{ n: number }>(`select count(*)::int as n from public.link_attempts`);
      expect(attempts[0]!.n).toBeGreaterThanOrEqual(60); // counted in the database, across sessions
    }, 120_000);
  });
}
