-- The rest of the message path set-wise, as 20261206000000 did for the commits: storing a
-- group of events, claiming a group of conversations and recording a group of sent replies
-- take a few statements for the whole group instead of a few per row. Measured with
-- `bench/sql-path.ts`; what each function returns is unchanged.

-- Events of chats the bot already knows (their identity and conversation exist) are stored in
-- one insert; a new chat, a duplicate, or an event that fails is stored alone by `inbox_put`,
-- as before, in its own subtransaction. A chat's events all go one way or all the other, so
-- their ids keep the order they came in (a dispatcher takes a chat's oldest id first).
create or replace function public.inbox_put_many(p_events jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_events jsonb := coalesce(p_events, '[]'::jsonb);
  v_results jsonb[] := array_fill(null::jsonb, array[greatest(jsonb_array_length(v_events), 1)]);
  v_stored jsonb;
  v_item jsonb;
  v_row record;
begin
  if jsonb_array_length(v_events) = 0 then
    return '[]'::jsonb;
  end if;

  with ev as (
    select e.n, e.x->>'channel' as channel, e.x->>'event_id' as event_id, e.x->>'chat_id' as chat_id,
           e.x->>'user_id' as user_id, e.x->'payload' as payload
      from jsonb_array_elements(v_events) with ordinality as e(x, n)
  ), known as (
    select ev.*, c.id as conversation_id, i.id as identity_id, i.contact_id
      from ev
      join public.channel_identities i on i.channel = ev.channel and i.external_id = ev.user_id
      join public.conversations c on c.channel = ev.channel and c.chat_id = ev.chat_id
     where ev.payload is not null and ev.event_id is not null
       and not exists (select 1 from public.inbox d where d.channel = ev.channel and d.event_id = ev.event_id)
  ), ready as (
    select k.* from known k
     where (select count(*) from ev e2 where e2.channel = k.channel and e2.chat_id = k.chat_id)
         = (select count(*) from known k2 where k2.channel = k.channel and k2.chat_id = k.chat_id)
  ), stored as (
    insert into public.inbox (channel, event_id, conversation_id, payload)
    select k.channel, k.event_id, k.conversation_id, k.payload from ready k order by k.n
    on conflict (channel, event_id) do nothing
    returning id, channel, event_id
  )
  select coalesce(jsonb_agg(jsonb_build_object('n', k.n, 'result', jsonb_build_object(
           'conversation_id', k.conversation_id, 'contact_id', k.contact_id, 'identity_id', k.identity_id,
           'inbox_id', s.id, 'duplicate', false))), '[]'::jsonb)
    into v_stored
    from stored s
    join ready k on k.channel = s.channel and k.event_id = s.event_id
   -- Two events with one id in the group: the first is stored, the other is its duplicate.
   where k.n = (select min(k2.n) from ready k2 where k2.channel = s.channel and k2.event_id = s.event_id);
  for v_item in select * from jsonb_array_elements(v_stored) loop
    v_results[(v_item->>'n')::integer] := v_item->'result';
  end loop;

  for v_row in select e.n, e.x from jsonb_array_elements(v_events) with ordinality as e(x, n) loop
    continue when v_results[v_row.n] is not null;
    begin
      v_results[v_row.n] := public.inbox_put(
        v_row.x->>'channel', v_row.x->>'event_id', v_row.x->>'chat_id', v_row.x->>'user_id',
        v_row.x->'payload', coalesce(v_row.x->>'chat_type', 'private'), v_row.x->>'locale');
    exception when others then
      v_results[v_row.n] := jsonb_build_object('error', sqlerrm, 'sqlstate', sqlstate);
    end;
  end loop;
  return to_jsonb(v_results);
end $$;

revoke execute on function public.inbox_put_many(jsonb) from public, anon, authenticated;
grant execute on function public.inbox_put_many(jsonb) to service_role;

-- The oldest open event of up to p_limit conversations nobody holds: leased, marked processing
-- and returned in one statement (before: two updates and a query per event).
create or replace function public.dispatch_claim(p_worker text, p_limit integer default 8, p_lease_seconds integer default 120)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_out jsonb;
begin
  with picked as (
    select c.id as conversation_id, h.id as inbox_id
      from (
        select distinct on (i.conversation_id) i.conversation_id, i.id, i.next_attempt_at
          from public.inbox i
         where i.status in ('pending', 'processing')
         order by i.conversation_id, i.id
      ) h
      join public.conversations c on c.id = h.conversation_id
     where h.next_attempt_at <= v_now
       and (c.lease_until is null or c.lease_until < v_now)
     order by h.id
     limit p_limit
     for update of c skip locked
  ), leased as (
    update public.conversations c
       set lease_owner = p_worker, lease_until = v_now + make_interval(secs => p_lease_seconds)
      from picked
     where c.id = picked.conversation_id
    returning c.id, c.channel, c.chat_id, c.chat_type, c.state, c.version, c.contact_id, c.identity_id, c.last_inbound_at
  ), claimed as (
    update public.inbox i
       set status = 'processing', attempts = i.attempts + 1
      from picked
     where i.id = picked.inbox_id
    returning i.id, i.attempts, i.received_at, i.payload, i.conversation_id
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'inbox_id', i.id,
           'attempts', i.attempts,
           'received_at', i.received_at,
           'payload', i.payload,
           'conversation', jsonb_build_object(
             'id', c.id, 'channel', c.channel, 'chat_id', c.chat_id, 'chat_type', c.chat_type,
             'state', c.state, 'version', c.version, 'contact_id', c.contact_id,
             'identity_id', c.identity_id, 'last_inbound_at', c.last_inbound_at),
           'contact', case when k.id is not null then jsonb_build_object(
             'id', k.id, 'locale', k.locale, 'display_name', k.display_name, 'profile', k.profile,
             'consent_version', k.consent_version, 'consented_at', k.consented_at,
             'subscribed', k.subscribed) end)
           order by i.id), '[]'::jsonb)
    into v_out
    from claimed i
    join leased c on c.id = i.conversation_id
    left join public.contacts k on k.id = c.contact_id;
  return v_out;
end $$;

revoke execute on function public.dispatch_claim(text, integer, integer) from public, anon, authenticated;
grant execute on function public.dispatch_claim(text, integer, integer) to service_role;

-- Sent replies are recorded in one update and one insert of the logged messages, numbered
-- (sent_seq) in the order the results list them; every other outcome row by row, as before.
create or replace function public.outbox_complete(p_worker text, p_results jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_item jsonb;
  v_row public.outbox;
  v_count integer := 0;
  v_sent integer;
begin
  with sent as (
    -- Numbered in the results' order: the subquery's order is the order nextval runs in.
    select s.id, s.platform_message_id, nextval('public.outbox_sent_seq') as seq
      from (
        select distinct on ((r.x->>'id')::bigint) (r.x->>'id')::bigint as id, r.x->>'platform_message_id' as platform_message_id, r.n
          from jsonb_array_elements(coalesce(p_results, '[]'::jsonb)) with ordinality as r(x, n)
          join public.outbox o on o.id = (r.x->>'id')::bigint and o.status = 'sending' and o.locked_by = p_worker
         where r.x->>'outcome' = 'sent'
         order by (r.x->>'id')::bigint, r.n
      ) s
     order by s.n
  ), marked as (
    update public.outbox o
       set status = 'sent', sent_at = v_now, sent_seq = sent.seq,
           locked_by = null, locked_until = null,
           platform_message_id = sent.platform_message_id, last_error = null
      from sent
     where o.id = sent.id and o.status = 'sending' and o.locked_by = p_worker
    returning o.id, o.conversation_id, o.kind, o.payload, sent.seq
  ), logged as (
    insert into public.messages (conversation_id, direction, body, created_at)
    select m.conversation_id, 'out', m.payload, v_now
      from marked m
     where m.conversation_id is not null and m.kind <> 'broadcast'
     order by m.seq
  )
  select count(*) into v_sent from marked;
  v_count := v_sent;

  for v_item in
    select * from jsonb_array_elements(coalesce(p_results, '[]'::jsonb)) where value->>'outcome' is distinct from 'sent'
  loop
    select * into v_row from public.outbox
     where id = (v_item->>'id')::bigint and status = 'sending' and locked_by = p_worker
     for update;
    continue when not found;
    v_count := v_count + 1;
    case v_item->>'outcome'
      when 'release' then
        -- Never sent: as if it had not been claimed (its place and its chat's order kept).
        update public.outbox
           set status = 'pending', locked_by = null, locked_until = null,
               attempts = greatest(attempts - 1, 0)
         where id = v_row.id;
      when 'retry' then
        update public.outbox
           set status = 'pending', locked_by = null, locked_until = null,
               last_error = left(v_item->>'error', 2000),
               next_attempt_at = greatest(not_before,
                 v_now + make_interval(secs => coalesce((v_item->>'retry_in_ms')::numeric, 1000) / 1000.0))
         where id = v_row.id;
      else
        update public.outbox
           set status = 'failed', locked_by = null, locked_until = null,
               last_error = left(coalesce(v_item->>'unreachable_reason', v_item->>'error'), 2000)
         where id = v_row.id;
        if v_item->>'unreachable_reason' is not null then
          update public.channel_identities i
             set reachable = false, unreachable_reason = v_item->>'unreachable_reason', unreachable_at = v_now
           where i.channel = v_row.channel
             and (i.id = (select identity_id from public.conversations where id = v_row.conversation_id)
                  or (v_row.conversation_id is null and i.external_id = v_row.recipient));
        end if;
    end case;
  end loop;
  return jsonb_build_object('updated', v_count);
end $$;

revoke execute on function public.outbox_complete(text, jsonb) from public, anon, authenticated;
grant execute on function public.outbox_complete(text, jsonb) to service_role;
