-- Store and claim in one call.
--
-- A webhook's event used to cost two calls before its turn could run: `inbox_put(_many)` to
-- store it, then the dispatcher's `dispatch_claim` to lease its conversation. On the embedded
-- database every call waits its turn on the one connection, so the claim was a third of the
-- one-at-a-time latency; under load it was a quarter of the calls. `inbox_put_claim` stores a
-- group of events and, in the same transaction, claims the conversations they were stored for,
-- as far as the caller has room (`p_limit`) and nobody else holds them, by the same rule as
-- `dispatch_claim` (a conversation's oldest open event first, never one leased elsewhere).
-- What it cannot claim is left for the dispatchers as before.

-- `dispatch_claim` may be limited to some conversations: the ones just stored.
drop function if exists public.dispatch_claim(text, integer, integer);

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

revoke execute on function public.dispatch_claim(text, integer, integer, bigint[]) from public, anon, authenticated;
grant execute on function public.dispatch_claim(text, integer, integer, bigint[]) to service_role;

-- Returns { results: <inbox_put_many's, one per event>, claimed: <dispatch_claim's> }.
create or replace function public.inbox_put_claim(
  p_events jsonb,
  p_worker text,
  p_limit integer,
  p_lease_seconds integer default 120
)
returns jsonb
language plpgsql security definer set search_path = ''
set jit = off
set plan_cache_mode = force_generic_plan
as $$
declare
  v_results jsonb := public.inbox_put_many(p_events);
  v_conversations bigint[];
begin
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
    end);
end $$;

revoke execute on function public.inbox_put_claim(jsonb, text, integer, integer) from public, anon, authenticated;
grant execute on function public.inbox_put_claim(jsonb, text, integer, integer) to service_role;
