-- `uom_now()` inlined into the statements that call it.
--
-- A `security definer` function, or one with its own `set search_path`, is never inlined by the
-- planner: every call is a function call of its own, and the message path makes about four per
-- update (`--sql-stats` of bench/telegram-webhook.ts on PostgreSQL: 3.6 calls and 0.1 ms of the
-- database's time per update, a tenth of all the SQL time). It needs neither: it reads two
-- settings of the caller's own transaction, no table, and every name in it is schema-qualified,
-- so the caller's search_path cannot change what it calls. As a plain `stable` SQL function it
-- is folded into the caller's plan.
create or replace function public.uom_now()
returns timestamptz
language sql stable
as $$
  select coalesce(
    nullif(pg_catalog.current_setting('uom.now', true), '')::timestamptz,
    (nullif(pg_catalog.current_setting('request.headers', true), '')::jsonb operator(pg_catalog.->>) 'x-uom-now')::timestamptz,
    pg_catalog.now())
$$;

-- `create or replace` replaces the attributes (no `security definer`, no `set`) and keeps the
-- grants: service_role only, as before.
