/**
 * The linking SQL (supabase/migrations/20261123020000_linking.sql) on PGlite and, when
 * TEST_DATABASE_URL is set, on the real PostgreSQL server: one-time hashed codes, rate-limited
 * guesses, and the merge of two contacts that re-points every foreign key to contacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../../src/store/store.js';
import { pgliteTestStore, postgresTestStore, type PostgresTestStore } from '../../support/stores.js';

interface Ensured { contact_id: number; conversation_id: number; identity_id: number }

const targets: { name: string; open: () => Promise<(SqlStore & { destroy?: () => Promise<void> }) | undefined> }[] = [
  { name: 'PGlite', open: () => pgliteTestStore() },
  { name: 'PostgreSQL', open: () => postgresTestStore() as Promise<PostgresTestStore | undefined> },
];

for (const target of targets) {
  describe(`linking on ${target.name}`, () => {
    let store: (SqlStore & { destroy?: () => Promise<void> }) | undefined;
    let seq = 0;
    beforeAll(async () => {
      store = await target.open();
      // A table another engineer might add later, with a unique key per contact.
      await store?.exec(`create table public.test_link_prefs (
        contact_id bigint not null references public.contacts (id) on delete cascade,
        topic text not null, value text, unique (contact_id, topic))`);
    });
    afterAll(async () => {
      if (store?.destroy) await store.destroy();
      else await store?.close();
    });

    const ensure = (channel: string, chat: string) =>
      store!.call<Ensured>('conversation_ensure', { channel, chat_id: chat, user_id: chat });
    const newCode = async (contactId: number, code: string, ttl?: number) =>
      store!.call('fx_link_code_create', { args: { contact_id: contactId, code, ...(ttl ? { ttl_seconds: ttl } : {}) } });
    const uniqueCode = () => String(100000 + (++seq * 7919) % 900000);

    it.skipIf(target.name === 'PostgreSQL' && !process.env.TEST_DATABASE_URL)('stores only a hash and merges the typing contact into the code owner', async () => {
      const a = await ensure('telegram', `tg-${++seq}`);
      const b = await ensure('zalo', `za-${seq}`);
      await store!.call('fx_contact_consent', { args: { contact_id: a.contact_id, version: 'v1', channel: 'telegram' } });
      await store!.query(`update public.contacts set display_name = 'Lan', profile = '{"company":"A","stage":"idea"}' where id = $1`, [a.contact_id]);
      await store!.query(`update public.contacts set phone = '+84901234567', profile = '{"stage":"mvp","city":"Huế"}', subscribed = false where id = $1`, [b.contact_id]);
      await store!.query(`insert into public.test_link_prefs values ($1, 'news', 'a'), ($2, 'news', 'b'), ($2, 'events', 'b')`, [a.contact_id, b.contact_id]);
      await store!.query(`insert into public.outbox (channel, recipient, contact_id, payload) values ('zalo', $1, $2, '{"text":"x"}')`, [`za-${seq}`, b.contact_id]);

      const code = uniqueCode();
      await newCode(a.contact_id, code);
      const stored = await store!.query<{ code_hash: string }>(`select code_hash from public.link_codes where contact_id = $1`, [a.contact_id]);
      expect(stored[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0]!.code_hash).not.toContain(code);

      const result = await store!.call<Record<string, unknown>>('link_redeem', { code, contact_id: b.contact_id });
      expect(result).toMatchObject({ ok: true, survivor_contact_id: a.contact_id, merged_contact_id: b.contact_id });

      const identities = await store!.query<{ channel: string; contact_id: number }>(
        `select channel, contact_id::int from public.channel_identities where id in ($1, $2) order by channel`, [a.identity_id, b.identity_id]);
      expect(identities.map((i) => i.contact_id)).toEqual([a.contact_id, a.contact_id]);
      const convs = await store!.query<{ contact_id: number }>(`select contact_id::int from public.conversations where id = $1`, [b.conversation_id]);
      expect(convs[0]!.contact_id).toBe(a.contact_id);
      const prefs = await store!.query<{ topic: string; value: string }>(`select topic, value from public.test_link_prefs where contact_id = $1 order by topic`, [a.contact_id]);
      expect(prefs).toEqual([{ topic: 'events', value: 'b' }, { topic: 'news', value: 'a' }]); // survivor's row kept
      const outbox = await store!.query<{ n: number }>(`select count(*)::int as n from public.outbox where contact_id = $1`, [a.contact_id]);
      expect(outbox[0]!.n).toBe(1);
      const [contact] = await store!.query<Record<string, unknown>>(
        `select display_name, phone, profile, consent_version, subscribed from public.contacts where id = $1`, [a.contact_id]);
      expect(contact).toEqual({ display_name: 'Lan', phone: '+84901234567', profile: { company: 'A', stage: 'idea', city: 'Huế' }, consent_version: 'v1', subscribed: false });
      const gone = await store!.query(`select 1 from public.contacts where id = $1`, [b.contact_id]);
      expect(gone).toHaveLength(0);

      // Single use; a retried turn of the merged conversation (now the survivor's) is told ok.
      expect(await store!.call('link_redeem', { code, contact_id: a.contact_id })).toMatchObject({ ok: true, repeated: true });
      const c = await ensure('web', `web-${seq}-0000000000000`);
      expect(await store!.call('link_redeem', { code, contact_id: c.contact_id })).toEqual({ ok: false, code: 'invalid' });
    });

    it.skipIf(target.name === 'PostgreSQL' && !process.env.TEST_DATABASE_URL)('refuses expired codes, own codes and too many guesses', async () => {
      const a = await ensure('telegram', `tg-${++seq}`);
      const b = await ensure('zalo', `za-${seq}`);
      const own = uniqueCode();
      await newCode(a.contact_id, own);
      expect(await store!.call('link_redeem', { code: own, contact_id: a.contact_id })).toEqual({ ok: false, code: 'same_contact' });
      const expired = uniqueCode();
      await newCode(a.contact_id, expired);
      await store!.query(`update public.link_codes set expires_at = now() - interval '1 second' where contact_id = $1`, [a.contact_id]);
      expect(await store!.call('link_redeem', { code: expired, contact_id: b.contact_id })).toEqual({ ok: false, code: 'invalid' });
      // A new code replaces the contact's earlier one.
      const fresh = uniqueCode();
      await newCode(a.contact_id, fresh);
      const live = await store!.query(`select 1 from public.link_codes where contact_id = $1 and used_at is null`, [a.contact_id]);
      expect(live).toHaveLength(1);
      for (let i = 0; i < 4; i++) {
        expect(await store!.call('link_redeem', { code: '000000', contact_id: b.contact_id })).toEqual({ ok: false, code: 'invalid' });
      }
      // Five wrong guesses in 15 minutes: even the right code is refused for now.
      expect(await store!.call('link_redeem', { code: fresh, contact_id: b.contact_id })).toEqual({ ok: false, code: 'rate_limited' });
      await store!.query(`update public.link_attempts set at = now() - interval '16 minutes' where contact_id = $1`, [b.contact_id]);
      expect(await store!.call('link_redeem', { code: fresh, contact_id: b.contact_id })).toMatchObject({ ok: true });
    });

    it.skipIf(target.name === 'PostgreSQL' && !process.env.TEST_DATABASE_URL)('forgets a contact\'s codes and attempts', async () => {
      const a = await ensure('telegram', `tg-${++seq}`);
      await newCode(a.contact_id, uniqueCode());
      await store!.call('link_redeem', { code: '999999', contact_id: a.contact_id });
      expect(await store!.call('forget_linking', { contact_id: a.contact_id })).toEqual({ link_codes: 1, link_attempts: 1 });
    });
  });
}
