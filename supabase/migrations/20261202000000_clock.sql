-- One clock. Every time-dependent function reads the time from `public.uom_now()`, which returns
-- the instant the caller's store set for this call (`uom.now`, transaction-local, set by every
-- driver from the bot's injected clock) and falls back to the transaction time only for
-- ad-hoc SQL sessions. Tests move the bot's clock and the database follows; nothing depends on
-- the machine's wall clock when called through a store.

create or replace function public.uom_now()
returns timestamptz
language sql stable security definer set search_path = ''
as $$
  select coalesce(nullif(pg_catalog.current_setting('uom.now', true), '')::timestamptz, pg_catalog.now())
$$;
comment on function public.uom_now() is 'The caller''s clock for this call (setting uom.now), else the transaction time.';

revoke execute on function public.uom_now() from public, anon, authenticated;
grant execute on function public.uom_now() to service_role;
