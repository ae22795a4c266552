-- One clock. Every time-dependent function reads the time from `public.uom_now()`, which returns
-- the instant the caller's store set for this call and falls back to the transaction time only
-- for ad-hoc SQL sessions. Tests move the bot's clock and the database follows; nothing depends
-- on the machine's wall clock when called through a store.
--
-- Where the instant comes from:
-- - `uom.now`, transaction-local, set by the PGlite and node-postgres drivers in the same
--   statement as the call (`from (select set_config('uom.now', $1, true))`);
-- - the `x-uom-now` request header, for the supabase driver: PostgREST exposes the request's
--   headers to SQL as the transaction-local setting `request.headers` (a JSON object with
--   lower-case names).

create or replace function public.uom_now()
returns timestamptz
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    nullif(pg_catalog.current_setting('uom.now', true), '')::timestamptz,
    (nullif(pg_catalog.current_setting('request.headers', true), '')::jsonb ->> 'x-uom-now')::timestamptz,
    pg_catalog.now())
$$;
comment on function public.uom_now() is 'The caller''s clock for this call (setting uom.now or header x-uom-now), else the transaction time.';

revoke execute on function public.uom_now() from public, anon, authenticated;
grant execute on function public.uom_now() to service_role;
