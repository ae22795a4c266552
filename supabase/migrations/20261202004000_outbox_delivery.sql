-- Delivery that never stalls (issue 15 §1, §6; issue 11 "the message path, measured").
--
-- 1. Claiming never starves. `outbox_claim_upto` used to look only at the first
--    `4 × limit + 100` due rows in claim order; when all of them waited behind an earlier row of
--    their chat (a handed-back first reply sorted later than its chat's queued replies), every
--    claim returned nothing, for good. Now a claim takes per-chat heads only (the oldest due row
--    of each chat that has no row in flight), reading due rows in claim order window after
--    window until it has enough or none is left.
-- 2. A sender hands a row back (it waited too long for a rate slot, or it is stopping) with the
--    outcome 'release': the row is as if never claimed (same next_attempt_at, the attempt not
--    counted), so it keeps its place and its chat's order.
-- 3. Heartbeats release a dead sender's leases within seconds: `sender_presence` deletes senders
--    silent for the TTL and, in the same statement, puts their in-flight rows back. Such rows (and
--    rows whose lease expired) may already have reached the recipient: `orphaned_attempts` counts
--    them, so reports say "possible duplicates" instead of claiming exactness.
-- 4. A committed turn's replies are leased to the committing process's sender (`p_lease` of
--    `turn_commit`), which sends them without a second claim.
-- 5. `inbox_put_many` stores a batch of webhook events in one call (a bad one does not fail the
--    others), so accepting under load costs one round trip per batch.
-- 6. `outbox_health` (and `queue_stats`) report the backlog and the age of the oldest due row
--    for `/healthz` and `uom status`.
-- Every time comes from public.uom_now().

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

alter table public.outbox add column if not exists orphaned_attempts integer not null default 0;
comment on column public.outbox.orphaned_attempts is
  'Times the row was in flight when its sender died or its lease expired: a later send may be a duplicate.';

alter table public.sender_presence add column if not exists joined_at timestamptz;

-- ---------------------------------------------------------------------------------------------
-- Claimed rows as the sender receives them
-- ---------------------------------------------------------------------------------------------

create or replace function public.outbox_rows_json(p_ids bigint[]) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', c.id, 'channel', c.channel, 'recipient', c.recipient, 'payload', c.payload,
           'kind', c.kind, 'priority', c.priority, 'attempts', c.attempts,
           'conversation_id', c.conversation_id, 'contact_id', c.contact_id, 'source_id', c.source_id,
           'reference', (select i.reference from public.channel_identities i
                           join public.conversations v on v.identity_id = i.id
                          where v.id = c.conversation_id))
           order by c.priority, c.id), '[]'::jsonb)
    from public.outbox c
   where c.id = any (p_ids)
$$;

-- ---------------------------------------------------------------------------------------------
-- Claim: per-chat heads, never a fixed window only
-- ---------------------------------------------------------------------------------------------

create or replace function public.outbox_claim_upto(
  p_worker text, p_channels jsonb, p_limit integer default 50, p_lease_seconds integer default 60,
  p_max_priority integer default 32767
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_channels text[] := array(
    select c from jsonb_array_elements_text(p_channels) c
     where not exists (select 1 from public.channel_pauses p where p.channel = c and p.paused_until > v_now));
  v_window integer := greatest(p_limit, 1) * 4 + 100;
  v_seen integer;
  v_found bigint[];
  v_heads bigint[];
  v_ids bigint[];
  v_last_priority smallint;
  v_last_at timestamptz;
  v_last_id bigint;
begin
  if cardinality(v_channels) = 0 or p_limit <= 0 then
    return '[]'::jsonb;
  end if;
  -- Leases that ran out: the row may have been sent (counted as a possible duplicate).
  update public.outbox
     set status = 'pending', locked_by = null, locked_until = null,
         orphaned_attempts = orphaned_attempts + 1
   where status = 'sending' and locked_until < v_now and channel = any (v_channels);

  -- Due rows in claim order (the outbox_due index), a window at a time; keep the heads. Each
  -- head test is one probe of outbox_recipient_open (a LIMIT subquery is never a hash join).
  -- Rows queued behind their chat's earlier or in-flight row are skipped by moving on to the
  -- next window (keyset on the claim order), until enough heads are found or no due row is
  -- left: no order of due rows can starve the claim, and the usual case (a broadcast: every
  -- due row is a head) costs one window.
  v_heads := '{}';
  loop
    with window_rows as materialized (
      select o.id, o.channel, o.recipient, o.priority, o.next_attempt_at
        from public.outbox o
       where o.status = 'pending'
         and o.next_attempt_at <= v_now
         and o.priority <= p_max_priority
         and o.channel = any (v_channels)
         and (v_last_id is null
              or (o.priority, o.next_attempt_at, o.id) > (v_last_priority, v_last_at, v_last_id))
       order by o.priority, o.next_attempt_at, o.id
       limit v_window
    ), last_row as (
      select w.priority, w.next_attempt_at, w.id from window_rows w
       order by w.priority desc, w.next_attempt_at desc, w.id desc limit 1
    )
    select (select count(*) from window_rows),
           (select l.priority from last_row l), (select l.next_attempt_at from last_row l), (select l.id from last_row l),
           array(
             select w.id
               from window_rows w
              where not exists (
                select 1 from (
                  select 1 from public.outbox e
                   where e.channel = w.channel and e.recipient = w.recipient and e.id <> w.id
                     and (e.status = 'sending'
                          or (e.status = 'pending' and e.id < w.id and e.next_attempt_at <= v_now))
                   limit 1) blocker)
              order by w.priority, w.next_attempt_at, w.id)
      into v_seen, v_last_priority, v_last_at, v_last_id, v_found;
    v_heads := v_heads || v_found;
    exit when cardinality(v_heads) >= p_limit * 2 or v_seen < v_window;
  end loop;

  with picked as (
    select o.id
      from public.outbox o
     where o.id = any (v_heads)
       and o.status = 'pending'
     order by o.priority, o.next_attempt_at, o.id
     limit p_limit
     for update of o skip locked
  ), claimed as (
    update public.outbox o
       set status = 'sending', locked_by = p_worker,
           locked_until = v_now + make_interval(secs => p_lease_seconds),
           attempts = o.attempts + 1
     where o.id = any (array(select p.id from picked p))
    returning o.id
  )
  select array(select id from claimed) into v_ids;
  return public.outbox_rows_json(v_ids);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Outcomes: sent, retry, failed, and release (a hand-back that keeps the row's place)
-- ---------------------------------------------------------------------------------------------

create or replace function public.outbox_complete(p_worker text, p_results jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_item jsonb;
  v_row public.outbox;
  v_count integer := 0;
begin
  for v_item in select * from jsonb_array_elements(coalesce(p_results, '[]'::jsonb)) loop
    select * into v_row from public.outbox
     where id = (v_item->>'id')::bigint and status = 'sending' and locked_by = p_worker
     for update;
    continue when not found;
    v_count := v_count + 1;
    case v_item->>'outcome'
      when 'sent' then
        update public.outbox
           set status = 'sent', sent_at = v_now, sent_seq = nextval('public.outbox_sent_seq'),
               locked_by = null, locked_until = null,
               platform_message_id = v_item->>'platform_message_id', last_error = null
         where id = v_row.id;
        if v_row.conversation_id is not null and v_row.kind <> 'broadcast' then
          insert into public.messages (conversation_id, direction, body, created_at)
            values (v_row.conversation_id, 'out', v_row.payload, v_now);
        end if;
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

-- ---------------------------------------------------------------------------------------------
-- Heartbeats: presence, rate shares, and a dead sender's leases released within seconds
-- ---------------------------------------------------------------------------------------------

-- Records that p_worker is alive and sends on p_channels. Senders silent for p_ttl_seconds are
-- forgotten and their in-flight rows go back to the queue at once (counted as possibly sent).
-- Returns {senders: {channel: live senders}, paused: {channel: ms left}, alive_before,
-- released, released_own}: alive_before is false when p_worker had no fresh heartbeat (first
-- call, or it stalled past the TTL); released_own lists p_worker's own rows put back because of
-- such a stall: it must not send them (another sender may have them now).
create or replace function public.sender_presence(p_worker text, p_channels jsonb, p_ttl_seconds integer default 10)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_known boolean;
  v_released integer;
  v_own bigint[] := '{}';
begin
  with dead as (
    delete from public.sender_presence
     where seen_at < v_now - make_interval(secs => p_ttl_seconds) and worker <> p_worker
    returning worker
  )
  update public.outbox o
     set status = 'pending', locked_by = null, locked_until = null,
         orphaned_attempts = o.orphaned_attempts + 1
    from dead
   where o.status = 'sending' and o.locked_by = dead.worker;
  get diagnostics v_released = row_count;

  -- This sender's own row, if it went stale (a long stall), counts as dead too.
  select seen_at >= v_now - make_interval(secs => p_ttl_seconds) into v_known
    from public.sender_presence where worker = p_worker;
  if v_known is false then
    with own as (
      update public.outbox
         set status = 'pending', locked_by = null, locked_until = null,
             orphaned_attempts = orphaned_attempts + 1
       where status = 'sending' and locked_by = p_worker
      returning id
    )
    select coalesce(array_agg(id), '{}') into v_own from own;
  end if;

  insert into public.sender_presence (worker, channels, seen_at, joined_at)
  values (p_worker, array(select jsonb_array_elements_text(p_channels)), v_now, v_now)
  on conflict (worker) do update
    set channels = excluded.channels, seen_at = excluded.seen_at,
        joined_at = case when public.sender_presence.seen_at < v_now - make_interval(secs => p_ttl_seconds)
                         then excluded.joined_at else public.sender_presence.joined_at end;
  return jsonb_build_object(
    'senders', (select coalesce(jsonb_object_agg(c, n), '{}'::jsonb)
                  from (select unnest(channels) c, count(*) n from public.sender_presence group by 1) s),
    'paused', (select coalesce(jsonb_object_agg(channel, ceil(extract(epoch from paused_until - v_now) * 1000)), '{}'::jsonb)
                 from public.channel_pauses where paused_until > v_now),
    'alive_before', coalesce(v_known, false),
    'released', v_released,
    'released_own', to_jsonb(v_own));
end $$;

-- Pauses every send on a channel for p_ms (Telegram 429 retry_after is bot-wide).
create or replace function public.channel_pause(p_channel text, p_ms integer, p_reason text default null) returns jsonb
language sql security definer set search_path = ''
as $$
  insert into public.channel_pauses (channel, paused_until, reason)
  values (p_channel, public.uom_now() + make_interval(secs => greatest(p_ms, 0) / 1000.0), p_reason)
  on conflict (channel) do update
    set paused_until = greatest(public.channel_pauses.paused_until, excluded.paused_until),
        reason = excluded.reason;
  select jsonb_build_object('paused_until', paused_until) from public.channel_pauses where channel = p_channel
$$;

-- ---------------------------------------------------------------------------------------------
-- Inbox: a batch of webhook events in one call
-- ---------------------------------------------------------------------------------------------

-- p_events: [{channel, event_id, chat_id, user_id, payload, chat_type?, locale?}]. Returns one
-- result per event, in order: inbox_put's result, or {error, sqlstate} for an event that could
-- not be stored (the others are stored all the same).
create or replace function public.inbox_put_many(p_events jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_event jsonb;
  v_out jsonb := '[]'::jsonb;
begin
  for v_event in select * from jsonb_array_elements(coalesce(p_events, '[]'::jsonb)) loop
    begin
      v_out := v_out || jsonb_build_array(public.inbox_put(
        v_event->>'channel', v_event->>'event_id', v_event->>'chat_id', v_event->>'user_id',
        v_event->'payload', coalesce(v_event->>'chat_type', 'private'), v_event->>'locale'));
    exception when others then
      v_out := v_out || jsonb_build_array(jsonb_build_object('error', sqlerrm, 'sqlstate', sqlstate));
    end;
  end loop;
  return v_out;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Turn commit: the replies leased to the committing process's sender
-- ---------------------------------------------------------------------------------------------

drop function if exists public.turn_commit(bigint, text, integer, jsonb, jsonb, jsonb, boolean);

-- Commits one turn atomically (as before): state with its version and lease checks, effects,
-- outbound messages, the message log and the inbox event's status. With p_lease =
-- {worker, channels, lease_seconds}, the live rows this turn queued that head their chat (no
-- earlier open row, none in flight) are claimed for that sender in the same transaction and
-- returned in `leased`, so it sends them without a second claim.
create function public.turn_commit(
  p_inbox_id bigint,
  p_worker text,
  p_version integer,
  p_state jsonb,
  p_outbound jsonb default '[]'::jsonb,
  p_effects jsonb default '[]'::jsonb,
  p_log_inbound boolean default true,
  p_lease jsonb default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_event public.inbox;
  v_conv public.conversations;
  v_effect jsonb;
  v_result jsonb;
  v_results jsonb := '[]'::jsonb;
  v_outbox jsonb;
  v_new bigint[];
  v_leased bigint[] := '{}';
begin
  select * into v_event from public.inbox where id = p_inbox_id;
  if not found then
    raise exception using errcode = 'PT404', message = format('inbox event %s not found', p_inbox_id);
  end if;
  select * into v_conv from public.conversations where id = v_event.conversation_id for update;
  if v_event.status <> 'processing' or v_conv.lease_owner is distinct from p_worker then
    raise exception using errcode = 'PT409', message = 'lease lost: another dispatcher owns this conversation';
  end if;
  if v_conv.version <> p_version then
    raise exception using errcode = 'PT409',
      message = format('conversation %s changed (version %s, expected %s)', v_conv.id, v_conv.version, p_version);
  end if;

  for v_effect in select * from jsonb_array_elements(coalesce(p_effects, '[]'::jsonb)) loop
    if coalesce(v_effect->>'fn', '') !~ '^fx_[a-z0-9_]{1,60}$' then
      raise exception using errcode = 'PT422', message = format('not an effect function: %s', v_effect->>'fn');
    end if;
    execute format('select public.%I($1)', v_effect->>'fn')
      into v_result
      using coalesce(v_effect->'args', '{}'::jsonb)
        || jsonb_build_object('conversation_id', v_conv.id, 'contact_id', v_conv.contact_id, 'inbox_id', p_inbox_id);
    v_results := v_results || jsonb_build_array(v_result);
  end loop;

  update public.conversations
     set state = coalesce(p_state, '{}'::jsonb), version = version + 1,
         lease_owner = null, lease_until = null, updated_at = v_now,
         last_inbound_at = greatest(last_inbound_at, v_event.received_at)
   where id = v_conv.id;

  v_outbox := public.outbox_enqueue(p_outbound, v_conv.id);

  if p_log_inbound then
    insert into public.messages (conversation_id, direction, body, created_at)
      values (v_conv.id, 'in', v_event.payload, v_event.received_at);
  end if;

  update public.inbox set status = 'done', processed_at = v_now, last_error = null where id = p_inbox_id;

  if p_lease is not null and jsonb_array_length(v_outbox) > 0 then
    v_new := array(select (jsonb_array_elements_text(v_outbox))::bigint);
    with mine as (
      select o.id
        from public.outbox o
       where o.id = any (v_new)
         and o.status = 'pending' and o.priority < 100 and o.next_attempt_at <= v_now
         and o.channel in (select jsonb_array_elements_text(p_lease->'channels'))
         and not exists (select 1 from public.channel_pauses p where p.channel = o.channel and p.paused_until > v_now)
         -- Only rows whose chat has nothing else open: the turn's own rows go out in order.
         and not exists (
           select 1 from public.outbox e
            where e.channel = o.channel and e.recipient = o.recipient
              and e.status in ('pending', 'sending') and not (e.id = any (v_new)))
    ), leased as (
      update public.outbox o
         set status = 'sending', locked_by = p_lease->>'worker',
             locked_until = v_now + make_interval(secs => coalesce((p_lease->>'lease_seconds')::integer, 60)),
             attempts = o.attempts + 1
        from mine where o.id = mine.id
      returning o.id
    )
    select array(select id from leased) into v_leased;
  end if;

  return jsonb_build_object('version', v_conv.version + 1, 'outbox_ids', v_outbox, 'effects', v_results,
                            'leased', public.outbox_rows_json(v_leased));
end $$;

-- ---------------------------------------------------------------------------------------------
-- Health: backlog and the age of the oldest due row
-- ---------------------------------------------------------------------------------------------

-- p_channels: only these channels (null: all). Returns {due, due_live, scheduled, sending,
-- oldest_due_seconds, oldest_due_live_seconds} (ages null when nothing is due).
create or replace function public.outbox_health(p_channels jsonb default null) returns jsonb
language sql stable security definer set search_path = ''
as $$
  with open_rows as (
    select o.status, o.priority, o.next_attempt_at
      from public.outbox o
     where o.status in ('pending', 'sending')
       and (p_channels is null or o.channel in (select jsonb_array_elements_text(p_channels)))
  )
  select jsonb_build_object(
    'due', count(*) filter (where status = 'pending' and next_attempt_at <= public.uom_now()),
    'due_live', count(*) filter (where status = 'pending' and next_attempt_at <= public.uom_now() and priority < 100),
    'scheduled', count(*) filter (where status = 'pending' and next_attempt_at > public.uom_now()),
    'sending', count(*) filter (where status = 'sending'),
    'oldest_due_seconds', round(extract(epoch from public.uom_now() - min(next_attempt_at)
                                 filter (where status = 'pending' and next_attempt_at <= public.uom_now()))::numeric, 1),
    'oldest_due_live_seconds', round(extract(epoch from public.uom_now() - min(next_attempt_at)
                                 filter (where status = 'pending' and next_attempt_at <= public.uom_now() and priority < 100))::numeric, 1))
    from open_rows
$$;

-- Counts for `uom status`: inbox and outbox by status, and the outbox health.
create or replace function public.queue_stats() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'inbox', (select coalesce(jsonb_object_agg(status, n), '{}'::jsonb)
                from (select status, count(*) n from public.inbox group by status) s),
    'outbox', (select coalesce(jsonb_object_agg(status, n), '{}'::jsonb)
                 from (select status, count(*) n from public.outbox group by status) s),
    'outbox_health', public.outbox_health(null),
    'senders', (select count(*) from public.sender_presence))
$$;

-- ---------------------------------------------------------------------------------------------
-- Broadcast report: possible duplicates
-- ---------------------------------------------------------------------------------------------

-- The broadcast's figures as before plus `possible_duplicates`: recipients whose message was
-- in flight when a sender died (or its lease ran out) and was sent again, so it may have
-- arrived twice. Delivery is at least once; this says how far from exactly once.
create or replace function public.broadcast_report(p_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_b public.broadcasts;
  v_counts jsonb;
  v_failures jsonb;
  v_skipped integer;
  v_total integer;
  v_sent integer;
  v_failed integer;
  v_open integer;
  v_recent integer;
  v_audience integer;
  v_rate numeric;
  v_duplicates integer;
begin
  select * into v_b from public.broadcasts where id = p_id;
  if not found then
    raise exception using errcode = 'PT404', message = format('broadcast %s not found', p_id);
  end if;
  select coalesce(jsonb_object_agg(status, n), '{}'::jsonb), coalesce(sum(d), 0) into v_counts, v_duplicates
    from (select status, count(*) n, count(*) filter (where status = 'sent' and orphaned_attempts > 0) d
            from public.outbox
           where source_id = p_id and kind = 'broadcast' group by status) s;
  select count(*) into v_recent from public.outbox
   where source_id = p_id and kind = 'broadcast' and status = 'sent' and sent_at > v_now - interval '30 seconds';
  select coalesce(jsonb_object_agg(reason, n), '{}'::jsonb), coalesce(sum(n) filter (where skipped), 0)
    into v_failures, v_skipped
    from (select coalesce(d.reason, o.last_error, 'unknown') reason, count(*) n, bool_and(d.status = 'skipped') skipped
            from public.broadcast_deliveries d
            left join public.outbox o on o.id = d.outbox_id
           where d.broadcast_id = p_id and (d.status = 'skipped' or o.status = 'failed')
           group by 1) f;
  v_sent := coalesce((v_counts->>'sent')::integer, 0);
  v_failed := coalesce((v_counts->>'failed')::integer, 0);
  v_open := coalesce((v_counts->>'pending')::integer, 0) + coalesce((v_counts->>'sending')::integer, 0);
  select count(*) into v_total from public.broadcast_deliveries where broadcast_id = p_id;
  if v_b.materialized_at is null and v_b.status <> 'cancelled' then
    v_audience := (public.broadcast_audience_count(v_b.audience_spec)->>'total')::integer;
    v_open := v_open + greatest(v_audience - v_total, 0);
    v_total := greatest(v_total, v_audience);
  end if;
  v_rate := round(v_recent / 30.0, 2);
  if v_b.status = 'sending' and v_b.materialized_at is not null and v_open = 0 then
    update public.broadcasts set status = 'done', finished_at = v_now where id = p_id;
    v_b.status := 'done';
    v_b.finished_at := v_now;
  end if;
  return jsonb_build_object(
    'id', v_b.id, 'title', v_b.title, 'status', v_b.status, 'audience', v_b.audience,
    'send_at', v_b.send_at, 'event_at', v_b.event_at, 'rsvp', v_b.rsvp, 'created_by', v_b.created_by,
    'created_at', v_b.created_at, 'finished_at', v_b.finished_at,
    'total', v_total, 'sent', v_sent, 'failed', v_failed + v_skipped, 'pending', v_open,
    'cancelled', coalesce((v_counts->>'cancelled')::integer, 0),
    'possible_duplicates', v_duplicates,
    'failures', v_failures, 'rate_per_second', v_rate,
    'eta_seconds', case when v_open = 0 then 0 when v_rate > 0 then ceil(v_open / v_rate) end,
    'rsvps', (select count(*) from public.broadcast_rsvps r where r.broadcast_id = p_id),
    'progress_chat_id', v_b.progress_chat_id, 'progress_message_id', v_b.progress_message_id);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------
revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
