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
    expect(parseLinkCommand('/link 123456')).toEqual({ action: 'redeem', code: '123456' });
    expect(parseLinkCommand('Liên kết 123 456')).toEqual({ action: 'redeem', code: '123456' });
    expect(parseLinkCommand('link 012345')).toEqual({ action: 'redeem', code: '012345' });
    expect(parseLinkCommand('/link 12')).toEqual({ action: 'bad_format' });
    expect(parseLinkCommand('/link abcdef')).toEqual({ action: 'bad_format' });
    expect(parseLinkCommand('link')).toBeNull();
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
        env: { TELEGRAM_RATE_PER_CHAT_PER_SECOND: '1000' },
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
      const code = /(\d{6})/.exec(codeReply!.message.text)?.[1];
      expect(code).toBeDefined();
      expect(codeReply!.message.text).toContain('10 phút');

      await h.say('zalo', 'zalo-user-1', `Liên kết ${code!.slice(0, 3)} ${code!.slice(3)}`);
      const [done] = await h.settle();
      expect(done!.to).toMatchObject({ channel: 'zalo', chatId: 'zalo-user-1' });
      expect(done!.message.text).toContain('Đã liên kết');

      const sql = h.store as SqlStore;
      const identities = await sql.query<{ channel: string; contact_id: number }>(
        `select channel, contact_id::int from public.channel_identities where external_id in ('5001', 'zalo-user-1') order by channel`);
      expect(identities).toEqual([{ channel: 'telegram', contact_id: contactA }, { channel: 'zalo', contact_id: contactA }]);
      const zaloContacts = await sql.query(`select 1 from public.contacts k where not exists
        (select 1 from public.channel_identities i where i.contact_id = k.id) `);
      expect(zaloContacts).toHaveLength(0); // the Zalo contact was merged away, not left orphaned

      // The code was single use, and the Zalo chat now belongs to the consented contact.
      await h.say('zalo', 'zalo-user-2', `/link ${code}`);
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
      expect((await h.settle())[0]!.message.text).toContain('6 digits');
      for (let i = 0; i < 5; i++) await h.say('web', 'web-session-link-000001', '/link 000000');
      const replies = (await h.settle()).map((s) => s.message.text);
      expect(replies.slice(0, 5).every((t) => t.includes('wrong or has expired'))).toBe(true);
      await h.say('web', 'web-session-link-000001', '/link 111111');
      expect((await h.settle())[0]!.message.text).toContain('Too many wrong codes');
    });
  });
}
