-- `dispatch_claim` for named conversations reads only theirs.
--
-- `inbox_put_claim` claims the conversations it just stored events for (`p_conversations`). The
-- claim still found each conversation's oldest open event by walking every entry of the partial
-- index `inbox_open`, and an event marked done leaves its entry there until the next vacuum:
-- under load, with autovacuum behind, a claim of three conversations cost about 0.6 ms on
-- PostgreSQL (`.scratch`-style measurement: 0.75 ms per call against 0.15 for `select 1`).
-- With the conversations named, each one's oldest open event is read through its own index
-- entries (a lateral `limit 1`). The rule is the same: a conversation's oldest open event,
-- never one leased elsewhere, oldest first, up to `p_limit`, skipping rows another claim locks.
create or replace function public.dispatch_claim(
  p_worker text,
  p_limit integer default 8,
  p_lease_seconds integer default 120,
  p_conversations bigint[] default null
)
returns jsonb
language plpgsql security definer set search_path = ''
set jit = off
set plan_cache_mode = force_generic_plan
as $$
declare
  v_now timestamptz := public.uom_now();
  v_out jsonb;
begin
  if p_conversations is not null then
    with picked as (
      -- Just the named conversations, each read through its own entries of `inbox_open`: the
      -- scan of every open event below also walks the entries of events done since the last
      -- vacuum, which under load cost more than the rest of the call.
      select c.id as conversation_id, h.id as inbox_id
        from public.conversations c
        cross join lateral (
          select i.id, i.next_attempt_at
            from public.inbox i
           where i.conversation_id = c.id
             and i.status in ('pending', 'processing')
           order by i.id
           limit 1
        ) h
       where c.id = any (p_conversations)
         and h.next_attempt_at <= v_now
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
  end if;
  with picked as (
    select c.id as conversation_id, h.id as inbox_id
      from (
        select distinct on (i.conversation_id) i.conversation_id, i.id, i.next_attempt_at
          from public.inbox i
         where i.status in ('pending', 'processing')
           and (p_conversations is null or i.conversation_id = any (p_conversations))
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
