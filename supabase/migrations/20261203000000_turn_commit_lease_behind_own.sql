-- Turn commit leases a turn's replies to the committing process's sender also when the chat's
-- only open rows are already in flight with that same sender.
--
-- Before, a reply was leased only when its chat had nothing open at all. Under load the chat's
-- previous reply is usually still 'sending' (sent, its outcome not yet recorded: outcomes are
-- written in batches), so most replies fell back to a separate claim: one more database call
-- per update, which on the embedded database waits its turn on the one connection. The sender
-- runs one chat's rows one after another (and hands back the rest of a chat's rows when one is
-- not sent), so leasing behind its own in-flight row keeps the chat's order.
-- The function is otherwise unchanged.

create or replace function public.turn_commit(
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
         -- Only rows whose chat has nothing else open, or only rows in flight with this same
         -- sender (it sends one chat's rows one after another, so the order holds).
         and not exists (
           select 1 from public.outbox e
            where e.channel = o.channel and e.recipient = o.recipient
              and e.status in ('pending', 'sending') and not (e.id = any (v_new))
              and not (e.status = 'sending' and e.locked_by = p_lease->>'worker' and e.locked_until > v_now))
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

revoke execute on function public.turn_commit(bigint, text, integer, jsonb, jsonb, jsonb, boolean, jsonb) from public, anon, authenticated;
grant execute on function public.turn_commit(bigint, text, integer, jsonb, jsonb, jsonb, boolean, jsonb) to service_role;
