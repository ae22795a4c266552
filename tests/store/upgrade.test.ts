/**
 * Upgrading from the previous release: a database migrated with release 2026-11's nine files
 * (kept in tests/store/fixtures/release-2026-11/), holding data, then migrated with today's
 * files, has exactly the schema of a fresh database (compared through the catalog, function
 * bodies included) and keeps its data. On PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/store/migrate.js';
import { openPglite } from '../../src/store/pglite-driver.js';
import type { SqlStore } from '../../src/store/store.js';
import { schemaSnapshot } from '../support/schema.js';
import { pgliteTestStore, postgresTestStore, TEST_DATABASE_URL, type PostgresTestStore } from '../support/stores.js';
import { TEST_SPACES } from '../flows/booking/fixtures.js';
import { toSyncPayload } from '../../src/flows/booking/spaces.js';

const RELEASE_2026_11 = join(import.meta.dirname, 'fixtures', 'release-2026-11');
const NOW = new Date('2026-11-30T00:00:00Z');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A fresh database migrated with today's files (PGlite: the suite's migrated template). */
async function freshDatabase(kind: 'PGlite' | 'PostgreSQL'): Promise<SqlStore> {
  const store = kind === 'PGlite' ? await pgliteTestStore() : (await postgresTestStore({ max: 2 }))!;
  cleanups.push(() => ('destroy' in store ? (store as PostgresTestStore).destroy() : store.close()));
  return store;
}

async function emptyDatabase(kind: 'PGlite' | 'PostgreSQL'): Promise<SqlStore> {
  if (kind === 'PGlite') {
    const store = await openPglite({ clock: () => NOW });
    cleanups.push(() => store.close());
    return store;
  }
  const store = (await postgresTestStore({ migrate: false, clock: () => NOW, max: 2 }))!;
  cleanups.push(() => store.destroy());
  return store;
}

/** Data of every area, written through the previous release's functions. */
async function fillWithData(store: SqlStore): Promise<{ ticketNumber: number; bookingCode: string }> {
  const founder = await store.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', {
    channel: 'telegram', chat_id: '700100', user_id: '700100', locale: 'vi',
  });
  await store.call('fx_contact_consent', { args: { contact_id: founder.contact_id, version: 'v1', channel: 'telegram', locale: 'vi' } });
  await store.call('inbox_put', { channel: 'telegram', event_id: 'u-1', chat_id: '700100', user_id: '700100', payload: { kind: 'text', text: 'xin chào' } });
  await store.call('outbox_enqueue', { items: [{ payload: { text: 'Chào bạn' }, kind: 'reply' }], conversation_id: founder.conversation_id });
  const ticket = await store.call<{ ticket_id: number; number: number }>('fx_ticket_open', {
    args: { conversation_id: founder.conversation_id, summary: 'Cần hỗ trợ gọi vốn', category: 'funding' },
  });
  await store.call('booking_spaces_sync', { spaces: toSyncPayload(TEST_SPACES) });
  const booked = await store.call<{ ok: boolean; booking: { code: string } }>('booking_book', {
    space_id: 'room-a', contact_id: founder.contact_id, conversation_id: founder.conversation_id,
    start: '2026-12-01T02:00:00.000Z', minutes: 60, now: NOW.toISOString(),
  });
  expect(booked.ok).toBe(true);
  await store.call('kb_document_put', {
    doc: { doc: 'guide', title: 'Hướng dẫn', source_path: 'content/knowledge/guide.md', kind: 'md', hash: 'h1' },
    chunks: [{ heading: 'Đăng ký', text: 'Đăng ký chương trình ươm tạo trước ngày 15.', folded: 'dang ky chuong trinh uom tao truoc ngay 15', length: 9, hash: 'c1', terms: { dang: 1, ky: 1 } }],
  });
  return { ticketNumber: ticket.number, bookingCode: booked.booking.code };
}

const DATA: Record<string, string> = {
  contacts: 'select id, locale, consented_at, created_at from public.contacts order by id',
  conversations: 'select id, contact_id, channel, chat_id from public.conversations order by id',
  inbox: 'select id, channel, event_id, status from public.inbox order by id',
  outbox: 'select id, channel, recipient, payload, status from public.outbox order by id',
  tickets: 'select id, number, contact_id, status, summary, category, opened_at from public.tickets order by id',
  bookings: 'select id, code, space_id, contact_id, during::text, status from public.bookings order by id',
  kb: 'select d.doc, d.title, c.text from public.kb_documents d join public.kb_chunks c on c.document_id = d.id order by c.id',
};

async function dataOf(store: SqlStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(DATA)) out[name] = await store.query(sql);
  return out;
}

const kinds = ['PGlite', 'PostgreSQL'] as const;

describe.each(kinds)('upgrading from release 2026-11 on %s', (kind) => {
  it.skipIf(kind === 'PostgreSQL' && !TEST_DATABASE_URL)('gives the schema of a fresh database and keeps the data', async () => {
    const legacy = readMigrations(RELEASE_2026_11);
    expect(legacy).toHaveLength(9);
    const old = await emptyDatabase(kind);
    expect(await migrate(old, legacy)).toHaveLength(9);
    const ids = await fillWithData(old);
    const before = await dataOf(old);

    const lines: string[] = [];
    const applied = await migrate(old, undefined, { log: (line) => lines.push(line) });
    expect(lines).toEqual(['recognised the migrations of release 2026-11: its baseline is recorded as applied']);
    const current = readMigrations();
    // Only what came after the baseline ran; the baseline was recorded, not run.
    expect(applied).toEqual(current.filter((m) => m.version > '20261124').map((m) => `${m.version}_${m.name}`));
    const recorded = await old.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version');
    expect(recorded.map((r) => r.version)).toEqual(current.map((m) => m.version));
    const squashed = await old.query<{ version: string }>('select version from supabase_migrations.uom_squashed_migrations order by version');
    expect(squashed.map((r) => r.version)).toEqual(legacy.map((m) => m.version));
    expect(await migrate(old)).toEqual([]);

    const fresh = await freshDatabase(kind);
    expect(await schemaSnapshot(old)).toEqual(await schemaSnapshot(fresh));
    expect(await dataOf(old)).toEqual(before);

    // The data is alive: today's functions work on it.
    const ticket = await old.call<{ status: string; summary: string }>('ticket_get', { number: ids.ticketNumber });
    expect([ticket.status, ticket.summary]).toEqual(['open', 'Cần hỗ trợ gọi vốn']);
    const booking = await old.call<{ code: string; status: string } | null>('booking_get', { code: ids.bookingCode });
    expect(booking?.status).toBe('booked');
  }, 300_000); // migrating PGlite from nothing twice takes a while on a busy machine
});
