/**
 * The linking SQL (supabase/migrations/20261123020000_linking.sql, hardened in
 * 20261202005000_link_security.sql) on PGlite and, when
 * TEST_DATABASE_URL is set, on the real PostgreSQL server: one-time hashed codes, rate-limited
 * guesses, and the merge of two contacts that re-points every foreign key to contacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLinkCode } from '../../../src/flows/linking/code.js';
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
    // Never starting with "00": the wrong guesses below all use that selector.
    const uniqueCode = (): string => {
      const code = newLinkCode();
      return code.startsWith('00') ? uniqueCode() : code;
    };
    const WRONG = '0000000000';

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
        expect(await store!.call('link_redeem', { code: WRONG, contact_id: b.contact_id })).toEqual({ ok: false, code: 'invalid' });
      }
      // Five wrong guesses in 15 minutes: even the right code is refused for now.
      expect(await store!.call('link_redeem', { code: fresh, contact_id: b.contact_id })).toEqual({ ok: false, code: 'rate_limited' });
      await store!.query(`update public.link_attempts set at = now() - interval '16 minutes' where contact_id = $1`, [b.contact_id]);
      expect(await store!.call('link_redeem', { code: fresh, contact_id: b.contact_id })).toMatchObject({ ok: true });
    });

    it.skipIf(target.name === 'PostgreSQL' && !process.env.TEST_DATABASE_URL)('forgets a contact\'s codes and attempts', async () => {
      const a = await ensure('telegram', `tg-${++seq}`);
      await newCode(a.contact_id, uniqueCode());
      await store!.call('link_redeem', { code: WRONG, contact_id: a.contact_id });
      expect(await store!.call('forget_linking', { contact_id: a.contact_id })).toEqual({ link_codes: 1, link_attempts: 1, contact_links: 0 });
    });

    const pg = target.name === 'PostgreSQL' && !process.env.TEST_DATABASE_URL;

    it.skipIf(pg)('burns a code after five wrong guesses against it, from any number of contacts', async () => {
      const owner = await ensure('telegram', `tg-${++seq}`);
      const code = uniqueCode();
      await newCode(owner.contact_id, code);
      // The worst case: the guessers know the code's selector (its first two characters).
      for (let i = 0; i < 5; i++) {
        const guesser = await ensure('web', `web-guess-${seq}-${i}-000000000`);
        const wrong = code.slice(0, 2) + (code.slice(2) === '00000000' ? '11111111' : '00000000');
        expect(await store!.call('link_redeem', { code: wrong, contact_id: guesser.contact_id })).toEqual({ ok: false, code: 'invalid' });
      }
      const late = await ensure('web', `web-guess-${seq}-late-00000000`);
      expect(await store!.call('link_redeem', { code, contact_id: late.contact_id })).toEqual({ ok: false, code: 'invalid' });
      const [row] = await store!.query<{ failures: number }>(`select failures from public.link_codes where contact_id = $1`, [owner.contact_id]);
      expect(row!.failures).toBe(5);
    });

    it.skipIf(pg)('pauses linking for everyone once the wrong guesses of all contacts reach the global limit', async () => {
      await store!.query(`delete from public.link_attempts`);
      const owner = await ensure('telegram', `tg-${++seq}`);
      const code = uniqueCode();
      await newCode(owner.contact_id, code);
      for (let i = 0; i < 3; i++) {
        const guesser = await ensure('web', `web-global-${seq}-${i}-00000000`);
        expect(await store!.call('link_redeem', { code: WRONG, contact_id: guesser.contact_id, max_failures_global: 3 })).toEqual({ ok: false, code: 'invalid' });
      }
      const next = await ensure('web', `web-global-${seq}-x-00000000`);
      expect(await store!.call('link_redeem', { code: WRONG, contact_id: next.contact_id, max_failures_global: 3 })).toEqual({ ok: false, code: 'busy' });
      // Even the right code: a pause that let the right code through would confirm a guess.
      expect(await store!.call('link_redeem', { code, contact_id: next.contact_id, max_failures_global: 3 })).toEqual({ ok: false, code: 'busy' });
      await store!.query(`update public.link_attempts set at = now() - interval '16 minutes'`);
      expect(await store!.call('link_redeem', { code, contact_id: next.contact_id, max_failures_global: 3 })).toMatchObject({ ok: true });
    });

    it.skipIf(pg)('tells where to notify the owner, and an undo cuts the joined identities off into a new contact', async () => {
      const a = await ensure('telegram', `tg-${++seq}`);
      const b = await ensure('web', `web-undo-${seq}-000000000000`);
      await store!.query(`update public.contacts set display_name = 'Lan', phone = '+84901234567' where id = $1`, [a.contact_id]);
      await store!.query(`update public.conversations set state = '{"flow":"x"}' where id = $1`, [b.conversation_id]);
      const code = uniqueCode();
      await store!.call('fx_link_code_create', { args: { contact_id: a.contact_id, conversation_id: a.conversation_id, code } });
      const linked = await store!.call<Record<string, unknown>>('link_redeem', { code, contact_id: b.contact_id });
      expect(linked).toMatchObject({ ok: true, notify_channel: 'telegram', notify_chat_id: `tg-${seq}`, linked_channel: 'web', survivor_locale: 'vi' });
      const linkId = linked.link_id as number;

      // Only the survivor may undo, by id.
      expect(await store!.call('link_undo', { contact_id: b.contact_id, link_id: linkId })).toEqual({ ok: false, code: 'not_found' });
      const undone = await store!.call<Record<string, unknown>>('link_undo', { contact_id: a.contact_id, link_id: linkId });
      expect(undone).toMatchObject({ ok: true, link_id: linkId, identities: 1 });
      const detached = undone.detached_contact_id as number;
      const ids = await store!.query<{ id: number; contact_id: number }>(
        `select id::int, contact_id::int from public.channel_identities where id in ($1, $2) order by id`, [a.identity_id, b.identity_id]);
      expect(ids).toEqual([{ id: a.identity_id, contact_id: a.contact_id }, { id: b.identity_id, contact_id: detached }]);
      const [conv] = await store!.query<{ contact_id: number; state: unknown }>(`select contact_id::int, state from public.conversations where id = $1`, [b.conversation_id]);
      expect(conv).toEqual({ contact_id: detached, state: {} });
      const [fresh] = await store!.query<Record<string, unknown>>(`select display_name, phone from public.contacts where id = $1`, [detached]);
      expect(fresh).toEqual({ display_name: null, phone: null }); // the owner's details stay with the owner
      expect(await store!.call('link_undo', { contact_id: a.contact_id, link_id: linkId })).toMatchObject({ ok: true, repeated: true });
      expect(await store!.call('forget_linking', { contact_id: a.contact_id })).toMatchObject({ contact_links: 1 });
    });
  });
}
