/**
 * A database's schema read through the catalog (pg_catalog), as sorted plain data, so two
 * databases can be compared with one `expect(a).toEqual(b)`: tables and their row security,
 * columns (in order, with types, defaults, identity), constraints, indexes, sequences, functions
 * with their full definitions (bodies included), comments, policies, triggers, grants and default
 * privileges, and the extensions. The bookkeeping schema `supabase_migrations` is left out.
 *
 * @example
 * expect(await schemaSnapshot(upgraded)).toEqual(await schemaSnapshot(fresh));
 */
import type { SqlStore } from '../../src/store/store.js';

/** Schemas whose objects are ours (extensions live in `extensions`, listed by name only). */
const OURS = `('public')`;

const QUERIES: Record<string, string> = {
  tables: `
    select c.relname as name, c.relkind::text as kind, c.relrowsecurity as rls, c.relforcerowsecurity as force_rls,
           array(select x::text from unnest(coalesce(c.relacl, '{}')) x order by 1) as acl,
           obj_description(c.oid, 'pg_class') as comment
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ${OURS} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
     order by 1`,
  columns: `
    select c.relname as table, a.attname as name,
           row_number() over (partition by c.oid order by a.attnum) as position,
           format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
           pg_get_expr(d.adbin, d.adrelid) as default, a.attidentity::text as identity,
           a.attgenerated::text as generated, col_description(c.oid, a.attnum) as comment,
           array(select x::text from unnest(coalesce(a.attacl, '{}')) x order by 1) as acl
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where n.nspname in ${OURS} and c.relkind in ('r', 'p', 'v', 'm', 'f') and a.attnum > 0 and not a.attisdropped
     order by 1, 3`,
  constraints: `
    select cl.relname as table, co.conname as name, co.contype::text as type, pg_get_constraintdef(co.oid) as definition
      from pg_constraint co join pg_class cl on cl.oid = co.conrelid join pg_namespace n on n.oid = cl.relnamespace
     where n.nspname in ${OURS}
     order by 1, 2`,
  indexes: `
    select tablename as table, indexname as name, indexdef as definition
      from pg_indexes where schemaname in ${OURS} order by 1, 2`,
  sequences: `
    select c.relname as name, format_type(s.seqtypid, null) as type, s.seqstart::text as start, s.seqincrement::text as increment,
           s.seqmin::text as min, s.seqmax::text as max, s.seqcache::text as cache, s.seqcycle as cycle
      from pg_sequence s join pg_class c on c.oid = s.seqrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ${OURS}
     order by 1`,
  functions: `
    select p.proname as name, pg_get_function_identity_arguments(p.oid) as arguments,
           pg_get_functiondef(p.oid) as definition,
           array(select x::text from unnest(coalesce(p.proacl, '{}')) x order by 1) as acl,
           obj_description(p.oid, 'pg_proc') as comment
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ${OURS} and p.prokind in ('f', 'p', 'w')
     order by 1, 2`,
  policies: `
    select tablename as table, policyname as name, permissive, roles::text[] as roles, cmd, qual, with_check
      from pg_policies where schemaname in ${OURS} order by 1, 2`,
  triggers: `
    select c.relname as table, t.tgname as name, pg_get_triggerdef(t.oid) as definition
      from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ${OURS} and not t.tgisinternal
     order by 1, 2`,
  types: `
    select t.typname as name, t.typtype::text as kind,
           array(select e.enumlabel::text from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder) as labels
      from pg_type t join pg_namespace n on n.oid = t.typnamespace
     where n.nspname in ${OURS} and t.typtype in ('e', 'd', 'c') and t.typrelid = 0 or
           (n.nspname in ${OURS} and t.typtype = 'e')
     order by 1`,
  schemas: `
    select n.nspname as name, array(select x::text from unnest(coalesce(n.nspacl, '{}')) x order by 1) as acl
      from pg_namespace n where n.nspname in ('public', 'extensions') order by 1`,
  defaultPrivileges: `
    select coalesce(n.nspname, '') as schema, d.defaclobjtype::text as type,
           array(select x::text from unnest(d.defaclacl) x order by 1) as acl
      from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace
     order by 1, 2`,
  extensions: `
    select e.extname as name, n.nspname as schema
      from pg_extension e join pg_namespace n on n.oid = e.extnamespace order by 1`,
};

export type SchemaSnapshot = Record<keyof typeof QUERIES, Record<string, unknown>[]>;

/** Reads the schema of `store`'s database; see the module comment for what is included. */
export async function schemaSnapshot(store: SqlStore): Promise<SchemaSnapshot> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [part, sql] of Object.entries(QUERIES)) {
    const rows = await store.query<Record<string, unknown>>(sql);
    // Numbers come back as bigint/number/string depending on the driver: compare them as text.
    out[part] = rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' || typeof v === 'number' ? String(v) : v])),
    );
  }
  return out as SchemaSnapshot;
}
