-- Commits the plain turns of a `turn_commit_many` call together: a handful of statements for
-- the whole group instead of about ten per turn.
--
-- Under load almost every turn is plain: replies to its own chat and nothing else (no effect,
-- nothing addressed to another chat, scheduled, prioritised or deduplicated). Committed one by
-- one, each paid about ten statements, three function calls and a subtransaction; measured with
-- `bench/sql-path.ts`, the commits were over half of the database's time per update. Plain
-- turns are now checked and written set-wise: their conversations locked in id order and
-- checked, then one update of the conversations, one insert of the replies (leased to the
-- committing sender in that insert when their chat has nothing else open, as `turn_commit`
-- leases them), one insert of the logged messages and one update of the events. A plain turn
-- whose lease was lost or whose conversation changed is reported in its slot as before
-- ({error, sqlstate}) and writes nothing. Every other turn (and a second turn of a conversation
-- already in the group) is then committed by `turn_commit` in its own subtransaction, as before.
--
-- The turns of one call are for different conversations (a dispatcher holds one event per
-- conversation at a time), so committing the plain ones first changes no chat's order.
--
-- p_turns and the result are unchanged (see 20261204000000_turn_commit_many.sql).
create or replace function public.turn_commit_many(p_turns jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_turns jsonb := coalesce(p_turns, '[]'::jsonb);
  v_results jsonb[] := array_fill(null::jsonb, array[greatest(jsonb_array_length(v_turns), 1)]);
  v_ok bigint[] := '{}';
  v_seen bigint[] := '{}';
  v_written jsonb;
  v_committed jsonb;
  v_row record;
  v_turn jsonb;
begin
  -- The plain turns, their conversations locked in id order (two committers never wait on
  -- each other in a cycle) and checked as `turn_commit` checks them.
  for v_row in
    select t.n, t.x, i.status, c.id as conversation_id, c.lease_owner, c.version
      from jsonb_array_elements(v_turns) with ordinality as t(x, n)
      join public.inbox i on i.id = (t.x->>'inbox_id')::bigint
      join public.conversations c on c.id = i.conversation_id
     where coalesce(jsonb_array_length(t.x->'effects'), 0) = 0
       and jsonb_typeof(coalesce(t.x->'outbound', '[]'::jsonb)) = 'array'
       and not exists (
         select 1 from jsonb_array_elements(coalesce(t.x->'outbound', '[]'::jsonb)) as o(item)
          where jsonb_typeof(o.item) <> 'object'
             or jsonb_typeof(o.item->'payload') is distinct from 'object'
             or o.item ?| array['channel', 'recipient', 'conversation_id', 'contact_id', 'priority',
                                'not_before', 'dedupe_key', 'source_id']
             or coalesce(o.item->>'kind', 'reply') not in ('reply', 'relay', 'reminder', 'broadcast', 'staff', 'notice'))
     order by c.id, t.n
       for update of c
  loop
    if v_row.conversation_id = any (v_seen) then
      continue; -- committed alone below, after the first (which it will find changed)
    end if;
    v_seen := v_seen || v_row.conversation_id;
    if v_row.status <> 'processing' or v_row.lease_owner is distinct from v_row.x->>'worker' then
      v_results[v_row.n] := jsonb_build_object('error', 'lease lost: another dispatcher owns this conversation', 'sqlstate', 'PT409');
    elsif v_row.version <> (v_row.x->>'version')::integer then
      v_results[v_row.n] := jsonb_build_object(
        'error', format('conversation %s changed (version %s, expected %s)', v_row.conversation_id, v_row.version, (v_row.x->>'version')::integer),
        'sqlstate', 'PT409');
    else
      v_ok := v_ok || v_row.n;
    end if;
  end loop;

  if cardinality(v_ok) > 0 then
    -- The replies, leased in the insert when the turn asked for a lease and the chat has
    -- nothing else open but rows in flight with that same sender (the rows are new, so they
    -- are pending, due now and of priority 0, as `turn_commit` requires).
    with ok as (
      select t.n, t.x, c.id as conversation_id, c.channel, c.chat_id, c.contact_id, c.identity_id,
             case when jsonb_typeof(t.x->'lease') = 'object' then t.x->'lease' end as lease
        from jsonb_array_elements(v_turns) with ordinality as t(x, n)
        join public.inbox i on i.id = (t.x->>'inbox_id')::bigint
        join public.conversations c on c.id = i.conversation_id
       where t.n = any (v_ok)
    ), leasing as (
      select ok.*,
             ok.lease is not null
             and ok.channel in (select jsonb_array_elements_text(ok.lease->'channels'))
             and not exists (select 1 from public.channel_pauses p where p.channel = ok.channel and p.paused_until > v_now)
             and not exists (
               select 1 from public.outbox e
                where e.channel = ok.channel and e.recipient = ok.chat_id
                  and e.status in ('pending', 'sending')
                  and not (e.status = 'sending' and e.locked_by = ok.lease->>'worker' and e.locked_until > v_now)) as leased
        from ok
    ), written as (
      insert into public.outbox (
        channel, recipient, conversation_id, contact_id, payload, kind, priority, status, attempts,
        not_before, next_attempt_at, locked_by, locked_until, created_at)
      select l.channel, l.chat_id, l.conversation_id, l.contact_id, o.item->'payload',
             coalesce(o.item->>'kind', 'reply'), 0,
             case when l.leased then 'sending' else 'pending' end,
             case when l.leased then 1 else 0 end,
             v_now, v_now,
             case when l.leased then l.lease->>'worker' end,
             case when l.leased then v_now + make_interval(secs => coalesce((l.lease->>'lease_seconds')::integer, 60)) end,
             v_now
        from leasing l
        cross join lateral jsonb_array_elements(l.x->'outbound') with ordinality as o(item, k)
       order by l.n, o.k
      returning id, channel, recipient, payload, kind, priority, attempts, conversation_id, contact_id, source_id, status
    )
    select coalesce(jsonb_object_agg(w.conversation_id, jsonb_build_object(
             'ids', w.ids,
             'leased', w.leased)), '{}'::jsonb)
      into v_written
      from (
        select r.conversation_id,
               jsonb_agg(r.id order by r.id) as ids,
               coalesce(jsonb_agg(jsonb_build_object(
                 'id', r.id, 'channel', r.channel, 'recipient', r.recipient, 'payload', r.payload,
                 'kind', r.kind, 'priority', r.priority, 'attempts', r.attempts,
                 'conversation_id', r.conversation_id, 'contact_id', r.contact_id, 'source_id', r.source_id,
                 'reference', ident.reference) order by r.priority, r.id) filter (where r.status = 'sending'), '[]'::jsonb) as leased
          from written r
          left join ok on ok.conversation_id = r.conversation_id
          left join public.channel_identities ident on ident.id = ok.identity_id
         group by r.conversation_id
      ) w;

    with ok as (
      select t.n, t.x, i.id as inbox_id, i.received_at, i.payload as event, i.conversation_id
        from jsonb_array_elements(v_turns) with ordinality as t(x, n)
        join public.inbox i on i.id = (t.x->>'inbox_id')::bigint
       where t.n = any (v_ok)
    ), turned as (
      update public.conversations c
         set state = coalesce(ok.x->'state', '{}'::jsonb), version = c.version + 1,
             lease_owner = null, lease_until = null, updated_at = v_now,
             last_inbound_at = greatest(c.last_inbound_at, ok.received_at)
        from ok
       where c.id = ok.conversation_id
      returning c.id, c.version
    ), logged as (
      insert into public.messages (conversation_id, direction, body, created_at)
      select ok.conversation_id, 'in', ok.event, ok.received_at
        from ok
       where coalesce((ok.x->>'log_inbound')::boolean, true)
    ), done as (
      update public.inbox e
         set status = 'done', processed_at = v_now, last_error = null
        from ok
       where e.id = ok.inbox_id
    )
    select jsonb_agg(jsonb_build_object('n', ok.n, 'result', jsonb_build_object(
             'version', turned.version,
             'outbox_ids', coalesce(v_written->(ok.conversation_id::text)->'ids', '[]'::jsonb),
             'effects', '[]'::jsonb,
             'leased', coalesce(v_written->(ok.conversation_id::text)->'leased', '[]'::jsonb))))
      into v_committed
      from ok join turned on turned.id = ok.conversation_id;
    for v_turn in select * from jsonb_array_elements(v_committed) loop
      v_results[(v_turn->>'n')::integer] := v_turn->'result';
    end loop;
  end if;

  -- Every other turn alone, as before: a failure rolls back that turn only.
  for v_row in select t.n, t.x from jsonb_array_elements(v_turns) with ordinality as t(x, n) loop
    continue when v_results[v_row.n] is not null;
    v_turn := v_row.x;
    begin
      v_results[v_row.n] := public.turn_commit(
        (v_turn->>'inbox_id')::bigint,
        v_turn->>'worker',
        (v_turn->>'version')::integer,
        v_turn->'state',
        coalesce(v_turn->'outbound', '[]'::jsonb),
        coalesce(v_turn->'effects', '[]'::jsonb),
        coalesce((v_turn->>'log_inbound')::boolean, true),
        case when jsonb_typeof(v_turn->'lease') = 'object' then v_turn->'lease' end);
    exception when others then
      v_results[v_row.n] := jsonb_build_object('error', sqlerrm, 'sqlstate', sqlstate);
    end;
  end loop;

  if jsonb_array_length(v_turns) = 0 then
    return '[]'::jsonb;
  end if;
  return to_jsonb(v_results);
end $$;

revoke execute on function public.turn_commit_many(jsonb) from public, anon, authenticated;
grant execute on function public.turn_commit_many(jsonb) to service_role;
