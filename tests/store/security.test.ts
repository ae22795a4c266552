/**
 * Security as on Supabase, checked on every migration (including those added later): RLS on
 * every table, nothing granted to anon/authenticated, functions executable by service_role only,
 * security-definer functions with an empty search_path. On the real server, connecting as anon
 * reads no table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../src/store/store.js';
import { pgliteTestStore, postgresTestStore, type PostgresTestStore } from '../support/stores.js';

const SCHEMAS = "('public')";

async function checks(sql: SqlStore) {
  const tables = await sql.query<{ name: string; rls: boolean }>(
    `select c.relname as name, c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ${SCHEMAS} and c.relkind in ('r', 'p') order by 1`,
  );
  const grants = await sql.query<{ grantee: string; table_name: string; privilege_type: string }>(
    `select grantee, table_name, privilege_type from information_schema.role_table_grants
      where table_schema in ${SCHEMAS} and grantee in ('anon', 'authenticated', 'PUBLIC')`,
  );
  const functions = await sql.query<{ name: string; anon: boolean; authenticated: boolean; service: boolean; definer: boolean; config: string[] | null }>(
    `select p.proname as name,
            has_function_privilege('anon', p.oid, 'execute') as anon,
            has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
            has_function_privilege('service_role', p.oid, 'execute') as service,
            p.prosecdef as definer, p.proconfig as config
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ${SCHEMAS} and p.prokind = 'f'`,
  );
  return { tables, grants, functions };
}

function expectLockedDown(result: Awaited<ReturnType<typeof checks>>) {
  expect(result.tables.length).toBeGreaterThanOrEqual(6);
  expect(result.tables.filter((t) => !t.rls).map((t) => t.name)).toEqual([]);
  expect(result.grants).toEqual([]);
  expect(result.functions.length).toBeGreaterThan(5);
  expect(result.functions.filter((f) => f.anon || f.authenticated).map((f) => f.name)).toEqual([]);
  expect(result.functions.filter((f) => !f.service).map((f) => f.name)).toEqual([]);
  const definerWithoutPath = result.functions.filter(
    (f) => f.definer && !(f.config ?? []).some((c) => c === 'search_path=' || c === 'search_path=""'),
  );
  expect(definerWithoutPath.map((f) => f.name)).toEqual([]);
}

describe('security on PGlite', () => {
  let store: SqlStore & { close(): Promise<void> };
  beforeAll(async () => {
    store = await pgliteTestStore();
  });
  afterAll(async () => store?.close());

  it('enables RLS everywhere and grants nothing to anon or authenticated', async () => {
    expectLockedDown(await checks(store));
  });

  it('creates the Supabase roles', async () => {
    const roles = await store.query<{ rolname: string }>(
      "select rolname from pg_roles where rolname in ('anon', 'authenticated', 'service_role') order by 1",
    );
    expect(roles.map((r) => r.rolname)).toEqual(['anon', 'authenticated', 'service_role']);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('security on PostgreSQL', () => {
  let store: PostgresTestStore;
  beforeAll(async () => {
    store = (await postgresTestStore())!;
  });
  afterAll(async () => store?.destroy());

  it('enables RLS everywhere and grants nothing to anon or authenticated', async () => {
    expectLockedDown(await checks(store));
  });

  it('reads no table and runs no function when connected as anon', async () => {
    const tables = await store.query<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public'",
    );
    // anon is NOLOGIN (as on Supabase, where PostgREST switches to it): switch role per session.
    const client = await store.pool.connect();
    try {
      await client.query('set role anon');
      for (const { name } of tables) {
        await expect(client.query(`select * from public.${name} limit 1`)).rejects.toMatchObject({ code: '42501' });
      }
      await expect(client.query("select public.inbox_put('web','x','c','u','{}'::jsonb)")).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.query('reset role');
      client.release();
    }
    // The service role (what the bot uses on Supabase) can call the functions.
    const service = await store.pool.connect();
    try {
      await service.query('set role service_role');
      const res = await service.query<{ r: { ok: boolean } }>('select public.uom_ping() as r');
      expect(res.rows[0]!.r.ok).toBe(true);
    } finally {
      await service.query('reset role');
      service.release();
    }
  });
});
