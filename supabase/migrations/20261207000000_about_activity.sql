-- /me lists what a founder did, not only counts (Decree 13/2023: the right to know what is kept).
--
-- about_bookings: a new area of contact_about (which calls every public.about_*(bigint)): the
-- founder's upcoming bookings, and the past or cancelled ones still linked to them (a booking is
-- unlinked by /forget; nothing else removes the link). Each with its code, space, start and end.
-- survey_responses_of: the founder's survey responses, for the lines under "Survey responses"
-- (applications already have applications_of).

create function public.about_bookings(p_contact_id bigint) returns jsonb
language sql stable security definer set search_path = ''
as $$
  with mine as (
    select b.code, b.status, b.space_id, s.name as space_name,
           lower(b.during) as start_at, upper(b.during) as end_at, b.cancelled_at,
           b.status = 'booked' and upper(b.during) > public.uom_now() as upcoming
      from public.bookings b
      join public.booking_spaces s on s.id = b.space_id
     where b.contact_id = p_contact_id
       and b.status <> 'moved' -- a moved booking's old range: the booking itself is listed at its new time
  )
  select jsonb_build_object(
    'upcoming', coalesce((select jsonb_agg(jsonb_build_object(
        'code', m.code, 'status', m.status, 'space_id', m.space_id, 'space_name', m.space_name,
        'start', m.start_at, 'end', m.end_at) order by m.start_at)
      from mine m where m.upcoming), '[]'::jsonb),
    'past', coalesce((select jsonb_agg(jsonb_build_object(
        'code', m.code, 'status', m.status, 'space_id', m.space_id, 'space_name', m.space_name,
        'start', m.start_at, 'end', m.end_at, 'cancelled_at', m.cancelled_at) order by m.start_at desc)
      from mine m where not m.upcoming), '[]'::jsonb))
$$;

create function public.survey_responses_of(p_contact_id bigint) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', r.id, 'survey_id', r.survey_id, 'started_at', r.started_at, 'completed_at', r.completed_at,
      'answers', (select count(*) from public.survey_answers a where a.response_id = r.id and a.value is not null and a.value <> 'null'::jsonb))
    order by r.started_at desc, r.id desc), '[]'::jsonb)
    from public.survey_responses r
   where r.contact_id = p_contact_id
$$;

-- Security (no new tables; the functions keep service_role only)
revoke execute on function public.about_bookings(bigint) from public, anon, authenticated;
revoke execute on function public.survey_responses_of(bigint) from public, anon, authenticated;
grant execute on function public.about_bookings(bigint) to service_role;
grant execute on function public.survey_responses_of(bigint) to service_role;
