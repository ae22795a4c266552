-- about_messages: a new area of contact_about (which calls every public.about_*(bigint)): how
-- many messages of the founder's conversations the message log keeps (/me says it, with the
-- retention period, as the privacy notice promises).
create function public.about_messages(p_contact_id bigint) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object('count', count(*))
    from public.messages m
    join public.conversations c on c.id = m.conversation_id
   where c.contact_id = p_contact_id
$$;

revoke execute on function public.about_messages(bigint) from public, anon, authenticated;
grant execute on function public.about_messages(bigint) to service_role;
