-- Finished turns ride along with the next stored events, as the sender's outcomes already do.
--
-- Under load a bot process ran two database calls side by side: one storing webhooks and
-- claiming their conversations (`inbox_put_claim`), one committing the turns that had finished
-- (`turn_commit` / `turn_commit_many`), each a transaction of its own, about one transaction
-- per update in all. On PostgreSQL with two bot processes the database's share of the CPU was
-- a third of the whole path, much of it per transaction rather than per row. Now the process
-- makes one call at a time (`InboxWriter`): the events and the turns waiting when it starts go
-- together, and `inbox_put_claim` commits the turns (`p_turns`: `turn_commit_many`'s argument)
-- after storing and claiming, returning their results in `committed`.
--
-- Each turn still commits or fails on its own (`turn_commit_many` runs one subtransaction per
-- turn). The claim runs before the commits, so a conversation whose turn is committed here is
-- not claimed again in the same call, exactly as when the two calls ran apart. No new lock
-- order: storing an event only key-share locks its conversation (the foreign key), which a
-- commit's update of that conversation does not conflict with.
drop function if exists public.inbox_put_claim(jsonb, text, integer, integer, jsonb);

create or replace function public.inbox_put_claim(
  p_events jsonb,
  p_worker text,
  p_limit integer,
  p_lease_seconds integer default 120,
  p_outcomes jsonb default null,
  p_turns jsonb default null
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
  v_claimed jsonb := '[]'::jsonb;
  v_committed jsonb;
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
  if coalesce(p_limit, 0) > 0 and v_conversations is not null then
    v_claimed := public.dispatch_claim(p_worker, p_limit, p_lease_seconds, v_conversations);
  end if;
  if p_turns is not null then
    v_committed := public.turn_commit_many(p_turns);
  end if;
  return jsonb_build_object(
    'results', v_results,
    'claimed', v_claimed,
    'outcomes', v_recorded,
    'committed', v_committed);
end $$;

revoke execute on function public.inbox_put_claim(jsonb, text, integer, integer, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.inbox_put_claim(jsonb, text, integer, integer, jsonb, jsonb) to service_role;
