-- Issue 12: after a ticket is resolved, a founder's reply (the platform's reply-to) to a message
-- staff sent reopens the ticket; other later messages go to the bot. This says whether a
-- platform message id the founder replied to is one of the staff messages relayed to them.
create or replace function public.handoff_reply_is_to_staff(
  p_channel text, p_recipient text, p_platform_message_id text
) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object('staff', exists (
    select 1 from public.outbox o
     where o.channel = p_channel and o.recipient = p_recipient and o.kind = 'relay'
       and o.platform_message_id = p_platform_message_id and o.status = 'sent'))
$$;
comment on function public.handoff_reply_is_to_staff(text, text, text) is
  'Whether the founder''s reply-to target is a staff message relayed to them (reopens a resolved ticket).';

-- ---------------------------------------------------------------------------------------------
-- Security (no new tables)
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema public from public, anon, authenticated;
grant execute on all functions in schema public to service_role;
