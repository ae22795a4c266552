/**
 * One clock: the database follows the caller's clock on every driver (PGlite, PostgreSQL,
 * supabase-js through the PostgREST fake), call by call, and no SQL function or column default
 * in `public` reads the server's clock directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore, Store } from '../../src/store/store.js';
import { driverFactories, type DriverUnderTest } from './drivers.js';

// Far from any date the suite runs on (CI also runs it under faketime in 2027 and 2031).
const OPENED = new Date('2033-04-30T16:45:00.000Z');
const RESOLVED = new Date('2033-05-01T01:15:30.250Z');
const iso = (value: unknown) => new Date(value as string).toISOString();

describe.each(driverFactories.map((f) => [f.name, f] as const))('the %s driver', (name, factory) => {
  let driver: DriverUnderTest;
  beforeAll(async () => {
    if (factory.available) driver = await factory.open();
  });
  afterAll(async () => {
    await driver?.close();
  });

  it.skipIf(!factory.available)('runs each call at its store\'s clock', async () => {
    const at = (d: Date): Store => driver.store.withClock(() => d);
    expect(iso(await at(OPENED).call('uom_now'))).toBe(OPENED.toISOString());
    expect(iso(await at(RESOLVED).call('uom_now'))).toBe(RESOLVED.toISOString());
    // Views share the connection but not the clock; the original keeps the machine's clock.
    const drift = Math.abs(new Date(iso(await driver.store.call('uom_now'))).getTime() - Date.now());
    expect(drift).toBeLessThan(60_000);
  });

  it.skipIf(!factory.available)('stamps a ticket opened and resolved at test instants with those instants', async () => {
    const opened = driver.store.withClock(() => OPENED);
    const ids = await opened.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', {
      channel: 'web', chat_id: `clock-${name}-session-000000`, user_id: `clock-${name}-session-000000`,
    });
    const ticket = await opened.call<{ ticket_id: number; number: number }>('fx_ticket_open', {
      args: { conversation_id: ids.conversation_id, summary: 'clock' },
    });
    await driver.store.withClock(() => RESOLVED).call('fx_ticket_resolve', { args: { ticket_id: ticket.ticket_id, by: 'staff' } });
    const rows = await driver.sql.query<{ opened_at: Date; resolved_at: Date; updated_at: Date }>(
      'select opened_at, resolved_at, updated_at from public.tickets where id = $1',
      [ticket.ticket_id],
    );
    expect(rows.map((r) => [iso(r.opened_at), iso(r.resolved_at), iso(r.updated_at)])).toEqual([
      [OPENED.toISOString(), RESOLVED.toISOString(), RESOLVED.toISOString()],
    ]);
  });

  it.skipIf(!factory.available)('keeps concurrent calls at different clocks apart', async () => {
    const instants = Array.from({ length: 12 }, (_, i) => new Date(OPENED.getTime() + i * 86_400_000 + i));
    const seen = await Promise.all(instants.map((d) => driver.store.withClock(() => d).call('uom_now')));
    expect(seen.map(iso)).toEqual(instants.map((d) => d.toISOString()));
  });
});

describe('the schema', () => {
  let sql: SqlStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const driver = await driverFactories[0]!.open();
    sql = driver.sql;
    close = () => driver.close();
  });
  afterAll(async () => {
    await close();
  });

  // `now()`, `current_timestamp` & co. are the server's transaction time, not the caller's clock.
  const SERVER_CLOCK = String.raw`(^|[^a-z0-9_.])(now\(\)|current_timestamp|current_date|localtimestamp|clock_timestamp\(\)|statement_timestamp\(\)|transaction_timestamp\(\))`;

  it('has no function in public reading the server clock, except uom_now itself', async () => {
    const rows = await sql.query<{ name: string }>(
      `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname <> 'uom_now'
          and (p.prosrc ~* $1 or coalesce(pg_get_expr(p.proargdefaults, 0), '') ~* $1)
        order by 1`,
      [SERVER_CLOCK],
    );
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it('stamps rows with the caller\'s clock in every column default', async () => {
    const rows = await sql.query<{ column: string }>(
      `select c.relname || '.' || a.attname as column
         from pg_attrdef d join pg_class c on c.oid = d.adrelid join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
        where n.nspname = 'public' and pg_get_expr(d.adbin, d.adrelid) ~* $1
        order by 1`,
      [SERVER_CLOCK],
    );
    expect(rows.map((r) => r.column)).toEqual([]);
    const stamped = await sql.query<{ n: number }>(
      `select count(*)::int as n from pg_attrdef d join pg_class c on c.oid = d.adrelid
        where c.relnamespace = 'public'::regnamespace and pg_get_expr(d.adbin, d.adrelid) ~ 'uom_now\(\)'`,
    );
    expect(stamped[0]!.n).toBeGreaterThan(30);
  });
});
