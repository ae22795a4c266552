-- A committed turn claims its conversation's next event in the same call.
--
-- Under load a founder's second message often arrives while the first is being handled. Its
-- store could not claim it (the conversation was leased), so the dispatcher claimed it with a
-- call of its own once the turn was committed: on PostgreSQL with two bot processes about 0.3
-- `dispatch_claim` calls per update, most of them the unnamed scan of every open event, and an
-- event stored by the other process waited for a poll. Now a turn may ask for its
-- conversation's next event (`next`: the lease in seconds) and `turn_commit_chain` commits the
-- group with `turn_commit_many`, then claims, for each committed turn that asked, the oldest due
-- event of its conversation (`dispatch_claim` with the conversations named, the same rule and
-- lease as any claim) and returns it in that turn's result as `next`. The dispatcher goes on
-- with it in the same slot: a busy conversation keeps its place and its order.
--
-- `inbox_put_claim` commits its turns the same way and reports which stored events it did not
-- claim although their conversation is leased (`busy`): the lease holder's commit claims them,
-- so nobody needs waking. An event stored by one process while another process commits that
-- conversation's turn can fall between the two (the commit's claim does not yet see it, the
-- store still sees the lease); the dispatchers' idle poll picks it up, as before.
create or replace function public.turn_commit_chain(p_turns jsonb) returns jsonb
language plpgsql security definer set search_path = ''
set jit = off
set plan_cache_mode = force_generic_plan
as $$
declare
  v_turns jsonb := coalesce(p_turns, '[]'::jsonb);
  v_results jsonb;
  v_claimed jsonb := '[]'::jsonb;
  v_group record;
  v_turn jsonb := v_turns->0;
begin
  if jsonb_array_length(v_turns) = 1 then
    -- A lone turn: `turn_commit`'s few statements cost less than the group's set-wise ones.
    begin
      v_results := jsonb_build_array(public.turn_commit(
        (v_turn->>'inbox_id')::bigint,
        v_turn->>'worker',
        (v_turn->>'version')::integer,
        v_turn->'state',
        coalesce(v_turn->'outbound', '[]'::jsonb),
        coalesce(v_turn->'effects', '[]'::jsonb),
        coalesce((v_turn->>'log_inbound')::boolean, true),
        case when jsonb_typeof(v_turn->'lease') = 'object' then v_turn->'lease' end));
    exception when others then
      v_results := jsonb_build_array(jsonb_build_object('error', sqlerrm, 'sqlstate', sqlstate));
    end;
  else
    v_results := public.turn_commit_many(v_turns);
  end if;
  -- One claim per worker (a call's turns normally all come from one dispatcher).
  for v_group in
    select t.x->>'worker' as worker, max((t.x->>'next')::integer) as lease_seconds,
           array_agg(i.conversation_id) as conversations
      from jsonb_array_elements(v_turns) with ordinality as t(x, n)
      join public.inbox i on i.id = (t.x->>'inbox_id')::bigint
     where jsonb_typeof(t.x->'next') = 'number'
       and not (v_results->(t.n::integer - 1) ? 'error')
       -- Most conversations have nothing more: no claim for them.
       and exists (select 1 from public.inbox o
                    where o.conversation_id = i.conversation_id and o.status = 'pending')
     group by t.x->>'worker'
  loop
    v_claimed := v_claimed || public.dispatch_claim(
      v_group.worker, cardinality(v_group.conversations), v_group.lease_seconds, v_group.conversations);
  end loop;
  if jsonb_array_length(v_claimed) = 0 then
    return v_results;
  end if;
  return (
    select jsonb_agg(case when c.event is not null then r.x || jsonb_build_object('next', c.event) else r.x end
                     order by r.n)
      from jsonb_array_elements(v_results) with ordinality as r(x, n)
      join jsonb_array_elements(v_turns) with ordinality as t(x, n) on t.n = r.n
      left join public.inbox i on i.id = (t.x->>'inbox_id')::bigint
      left join lateral (
        select e as event
          from jsonb_array_elements(v_claimed) as e
         where (e->'conversation'->>'id')::bigint = i.conversation_id
           and jsonb_typeof(t.x->'next') = 'number'
           and not (r.x ? 'error')
      ) c on true);
end $$;

revoke execute on function public.turn_commit_chain(jsonb) from public, anon, authenticated;
grant execute on function public.turn_commit_chain(jsonb) to service_role;

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
  v_busy jsonb;
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
    -- After the claim: a turn committed here takes its conversation's event stored here.
    v_committed := public.turn_commit_chain(p_turns);
  end if;
  select coalesce(jsonb_agg(c.id), '[]'::jsonb)
    into v_busy
    from public.conversations c
   where c.id = any (v_conversations)
     and c.lease_until > public.uom_now();
  return jsonb_build_object(
    'results', v_results,
    'claimed', v_claimed,
    'outcomes', v_recorded,
    'committed', v_committed,
    'busy', v_busy);
end $$;

revoke execute on function public.inbox_put_claim(jsonb, text, integer, integer, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.inbox_put_claim(jsonb, text, integer, integer, jsonb, jsonb) to service_role;
