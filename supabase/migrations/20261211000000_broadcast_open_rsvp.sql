-- The announcement a founder may still register for by typing ("tui đăng ký tham dự", "count me
-- in"): the latest one with an RSVP button delivered to them in the last 30 days, not cancelled,
-- whose event has not begun. Null when there is none.
create function public.broadcast_open_rsvp(p_contact_id bigint) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce((
    select jsonb_build_object('id', b.id, 'title', b.title, 'event_at', b.event_at)
      from public.broadcast_deliveries d
      join public.broadcasts b on b.id = d.broadcast_id
     where d.contact_id = p_contact_id
       and d.status = 'queued'
       and b.rsvp
       and b.status <> 'cancelled'
       and (b.event_at is null or b.event_at > public.uom_now())
       and d.created_at > public.uom_now() - interval '30 days'
     order by d.created_at desc, b.id desc
     limit 1
  ), 'null'::jsonb)
$$;

revoke execute on function public.broadcast_open_rsvp(bigint) from public, anon, authenticated;
grant execute on function public.broadcast_open_rsvp(bigint) to service_role;
