-- A founder's language change reaches their open handoff ticket.
--
-- A ticket keeps the language it was opened in (`tickets.locale`): staff replies from the
-- Telegram workspace and the console are prefixed, and the rating question worded, in it. A
-- founder who switched to English while talking to staff ("switch to English please") got those
-- in Vietnamese until the ticket closed. The contact's language and its open tickets' now change
-- together; a resolved ticket keeps the language it was handled in.
create or replace function public.fx_contact_locale(p_args jsonb) returns jsonb
language sql security definer set search_path = ''
as $$
  with updated as (
    update public.contacts set locale = p_args->>'locale', updated_at = public.uom_now()
     where id = (p_args->>'contact_id')::bigint and p_args->>'locale' in ('vi', 'en') and consented_at is not null
    returning id
  ), tickets as (
    update public.tickets t set locale = p_args->>'locale'
      from updated u
     where t.contact_id = u.id and t.status <> 'resolved' and t.locale is distinct from p_args->>'locale'
    returning t.id
  )
  select jsonb_build_object('updated', (select count(*) from updated), 'tickets', (select count(*) from tickets))
$$;

revoke execute on function public.fx_contact_locale(jsonb) from public, anon, authenticated;
grant execute on function public.fx_contact_locale(jsonb) to service_role;
