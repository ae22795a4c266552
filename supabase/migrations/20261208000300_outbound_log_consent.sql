-- The bot's side of a conversation is kept only for founders who consented, like theirs.
--
-- `turn_commit` logs an inbound message only with consent (`p_log_inbound`), and the inbox copy of
-- what a founder typed before consenting is scrubbed. The replies were logged for everyone all
-- the same: a founder who declined and asked the knowledge base "anonymously" still had the
-- answers to their questions kept against their chat, which tells what they asked. A sent
-- reply is now logged only when the conversation's contact has consented at the time it is
-- recorded (after `/forget` there is no consent, so nothing more is kept either). Broadcasts are
-- still never logged as conversation messages. The function is otherwise as before, with the
-- settings the message path's functions carry (`jit = off`, generic plans).
create or replace function public.outbox_complete(p_worker text, p_results jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
set jit = off
set plan_cache_mode = force_generic_plan
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
      join public.conversations c on c.id = m.conversation_id
      join public.contacts k on k.id = c.contact_id
     where m.kind <> 'broadcast'
       and k.consented_at is not null
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
