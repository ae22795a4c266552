-- Baseline of release 2026-11 (squashed from its nine migrations; the originals are kept in
-- tests/store/fixtures/release-2026-11/). Released: never edit; change the schema in a new file.
--
-- Platform: Supabase's API roles (created where missing), the extensions schema and the default
-- privileges. Nothing here is data.
--
-- Runs on PostgreSQL 15+ (Debian, Supabase) and PGlite (Postgres 18). Every data operation is a
-- function returning jsonb so the embedded, postgres and supabase drivers behave identically.
-- Functions are `security definer` with `search_path = ''`, callable only by `service_role`.

-- Supabase's API roles. A plain server lacks them; create them so grants below mean the same
-- thing everywhere. Concurrent runners on one cluster may race on the catalogue: ignore that.
do $$
declare
  r text;
begin
  foreach r in array array['anon', 'authenticated', 'service_role'] loop
    if not exists (select 1 from pg_roles where rolname = r) then
      begin
        execute format('create role %I nologin noinherit', r);
      exception when duplicate_object or unique_violation then null;
      end;
    end if;
  end loop;
end $$;

create schema if not exists extensions;

grant usage on schema extensions to service_role;

create extension if not exists pg_trgm with schema extensions;

create extension if not exists unaccent with schema extensions;

create extension if not exists btree_gist with schema extensions;

-- Supabase grants new objects in public to anon/authenticated by default; we grant nothing.
alter default privileges in schema public revoke all on tables from anon, authenticated;

alter default privileges in schema public revoke all on sequences from anon, authenticated;

alter default privileges in schema public revoke execute on functions from public, anon, authenticated;

grant usage on schema public to service_role;
