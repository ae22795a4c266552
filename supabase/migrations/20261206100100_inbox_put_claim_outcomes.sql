-- The sender's buffered delivery outcomes ride along with the next stored events.
--
-- The sender records what it sent in batches (`outbox_complete`), at the latest 20 ms after a
-- send. On the embedded database that call waits its turn on the one connection, and one
-- update at a time it landed in the middle of the next update's calls nearly every time: a
-- founder's reply waited for the bookkeeping of the previous one. `inbox_put_claim` now takes
-- those outcomes (`p_outcomes`: `outbox_complete`'s worker and results) and records them in
-- its own transaction, so they cost no call of their own.
drop function if exists public.inbox_put_claim(jsonb, text, integer, integer);

create or replace function public.inbox_put_claim(
  p_events jsonb,
  p_worker text,
  p_limit integer,
  p_lease_seconds integer default 120,
  p_outcomes jsonb default null
)
returns jsonb
language plpgsql security definer set search_path = ''
set jit = off
set plan_cache_mode = force_generic_plan
as $$
declare
  v_results jsonb := public.inbox_put_many(p_events);
  v_conversations bigint[];
  v_recorded jsonb;
begin
  if p_outcomes is not null then
    v_recorded := public.outbox_complete(p_outcomes->>'worker', p_outcomes->'results');
  end if;
  select array_agg(distinct (r.x->>'conversation_id')::bigint)
    into v_conversations
    from jsonb_array_elements(v_results) as r(x)
   where jsonb_typeof(r.x) = 'object'
     and r.x->>'duplicate' = 'false'
     and r.x ? 'conversation_id';
  return jsonb_build_object(
    'results', v_results,
    'claimed', case
      when coalesce(p_limit, 0) > 0 and v_conversations is not null
        then public.dispatch_claim(p_worker, p_limit, p_lease_seconds, v_conversations)
      else '[]'::jsonb
    end,
    'outcomes', v_recorded);
end $$;

revoke execute on function public.inbox_put_claim(jsonb, text, integer, integer, jsonb) from public, anon, authenticated;
grant execute on function public.inbox_put_claim(jsonb, text, integer, integer, jsonb) to service_role;
