-- Ươm staff console (issue 14), second part: broadcasts, survey results and the dashboard.
-- As before, every console_* function checks the session and role first (console_require) and
-- then calls the functions the CLI and the Telegram workspace call (broadcast_*, survey_*).

-- ---------------------------------------------------------------------------------------------
-- Broadcasts
-- ---------------------------------------------------------------------------------------------

-- The newest broadcasts with their progress (each through broadcast_report).
create function public.console_broadcasts(p_session text, p_limit integer default 30) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  return coalesce((
    select jsonb_agg(public.broadcast_report(b.id) order by b.id desc)
      from (select id from public.broadcasts order by id desc limit least(greatest(p_limit, 1), 200)) b), '[]'::jsonb);
end $$;

-- How many founders an audience reaches, by channel (the live size in the composer).
create function public.console_broadcast_count(p_session text, p_spec jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  return public.broadcast_audience_count(coalesce(p_spec, '{}'::jsonb));
end $$;

-- Creates a broadcast (admins), through broadcast_create.
create function public.console_broadcast_create(p_session text, p_broadcast jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'admin');
  v_result jsonb;
begin
  v_result := public.broadcast_create(p_broadcast || jsonb_build_object('created_by',
                'console:' || coalesce(v_staff.display_name, v_staff.email, v_staff.telegram_user_id)));
  perform public.console_audit_write(v_staff, 'broadcast_create', v_result->>'id',
                                     jsonb_build_object('audience', p_broadcast->>'audience', 'send_at', p_broadcast->>'send_at'));
  return v_result;
end $$;

-- Progress and report of one broadcast, with its message.
create function public.console_broadcast(p_session text, p_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  if not exists (select 1 from public.broadcasts where id = p_id) then
    return null;
  end if;
  return public.broadcast_report(p_id) || jsonb_build_object(
    'payloads', (select payloads from public.broadcasts where id = p_id),
    'audience_spec', (select audience_spec from public.broadcasts where id = p_id));
end $$;

-- Cancels a broadcast (admins), through broadcast_cancel.
create function public.console_broadcast_cancel(p_session text, p_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'admin');
  v_result jsonb;
begin
  v_result := public.broadcast_cancel(p_id);
  perform public.console_audit_write(v_staff, 'broadcast_cancel', p_id::text, v_result);
  return v_result;
end $$;

-- Per-recipient outcomes (contact ids only), through broadcast_export.
create function public.console_broadcast_export(p_session text, p_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  perform public.console_audit_write(v_staff, 'broadcast_export', p_id::text, '{}'::jsonb);
  return public.broadcast_export(p_id, 0, 1000000);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Surveys
-- ---------------------------------------------------------------------------------------------

-- Responses to a survey with their answers and the respondent's language and channel (to show
-- the labels they saw). p_filter: {completed_only?, channel?, from?, to?} (from/to: instants).
create function public.console_survey_responses(p_session text, p_survey_id text, p_filter jsonb default '{}'::jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  return coalesce((
    select jsonb_agg(jsonb_build_object(
             'response_id', r.id, 'started_at', r.started_at, 'completed_at', r.completed_at,
             'locale', coalesce(k.locale, 'vi'),
             'channel', (select c.channel from public.conversations c where c.contact_id = r.contact_id order by c.last_inbound_at desc nulls last limit 1),
             'answers', coalesce((select jsonb_object_agg(a.question_id, a.value)
                                    from public.survey_answers a where a.response_id = r.id), '{}'::jsonb))
           order by r.id)
      from public.survey_responses r
      left join public.contacts k on k.id = r.contact_id
     where r.survey_id = p_survey_id
       and (not coalesce((p_filter->>'completed_only')::boolean, false) or r.completed_at is not null)
       and (p_filter->>'from' is null or r.started_at >= (p_filter->>'from')::timestamptz)
       and (p_filter->>'to' is null or r.started_at < (p_filter->>'to')::timestamptz)
       and (p_filter->>'channel' is null or exists (
             select 1 from public.conversations c where c.contact_id = r.contact_id and c.channel = p_filter->>'channel'))),
    '[]'::jsonb);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Dashboard
-- ---------------------------------------------------------------------------------------------

-- Figures for [p_from, p_to), days counted in the centre's time zone p_zone.
create function public.console_dashboard(p_session text, p_from timestamptz, p_to timestamptz, p_zone text)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_now timestamptz := public.uom_now();
begin
  if p_zone is null or not exists (select 1 from pg_catalog.pg_timezone_names where name = p_zone) then
    raise exception using errcode = 'PT422', message = 'unknown time zone';
  end if;
  return jsonb_build_object(
    'conversations', coalesce((
      select jsonb_agg(jsonb_build_object('day', d.day, 'channel', d.channel, 'count', d.n) order by d.day, d.channel)
        from (select (m.created_at at time zone p_zone)::date::text as day, c.channel, count(distinct m.conversation_id) n
                from public.messages m join public.conversations c on c.id = m.conversation_id
               where m.direction = 'in' and m.created_at >= p_from and m.created_at < p_to and c.chat_type = 'private'
               group by 1, 2) d), '[]'::jsonb),
    'questions', jsonb_build_object(
      'helpful', (select count(*) from public.kb_feedback where helpful and created_at >= p_from and created_at < p_to),
      'not_helpful', (select count(*) from public.kb_feedback where not helpful and created_at >= p_from and created_at < p_to),
      'unanswered', (select count(*) from public.tickets where reason = 'kb_unanswered' and opened_at >= p_from and opened_at < p_to)),
    'tickets', coalesce((
      select jsonb_agg(jsonb_build_object('day', d.day, 'opened', d.opened, 'resolved', d.resolved) order by d.day)
        from (select x.day, sum(x.opened)::int as opened, sum(x.resolved)::int as resolved from (
                select (opened_at at time zone p_zone)::date::text as day, 1 as opened, 0 as resolved from public.tickets
                 where opened_at >= p_from and opened_at < p_to
                union all
                select (resolved_at at time zone p_zone)::date::text, 0, 1 from public.tickets
                 where resolved_at >= p_from and resolved_at < p_to) x group by x.day) d), '[]'::jsonb),
    'ticket_totals', (select jsonb_build_object(
        'opened', count(*) filter (where opened_at >= p_from and opened_at < p_to),
        'resolved', count(*) filter (where resolved_at >= p_from and resolved_at < p_to),
        'open_now', count(*) filter (where status <> 'resolved'),
        'overdue_now', count(*) filter (where status <> 'resolved' and first_response_at is null and sla_due_at < v_now),
        'first_response_minutes_median', round((percentile_cont(0.5) within group (order by extract(epoch from first_response_at - opened_at) / 60)
                                                 filter (where first_response_at is not null and opened_at >= p_from and opened_at < p_to))::numeric, 1),
        'resolution_minutes_median', round((percentile_cont(0.5) within group (order by extract(epoch from resolved_at - opened_at) / 60)
                                             filter (where resolved_at is not null and resolved_at >= p_from and resolved_at < p_to))::numeric, 1),
        'csat_average', round(avg(csat_score) filter (where csat_at >= p_from and csat_at < p_to), 2),
        'csat_count', count(csat_score) filter (where csat_at >= p_from and csat_at < p_to))
      from public.tickets),
    'csat', coalesce((
      select jsonb_agg(jsonb_build_object('score', s.score, 'count', s.n) order by s.score)
        from (select csat_score score, count(*) n from public.tickets
               where csat_score is not null and csat_at >= p_from and csat_at < p_to group by 1) s), '[]'::jsonb),
    'occupancy', coalesce((
      select jsonb_agg(jsonb_build_object('space', o.space_id, 'booked_hours', o.hours, 'bookings', o.n) order by o.space_id)
        from (select b.space_id, round((sum(extract(epoch from (least(upper(b.during), p_to) - greatest(lower(b.during), p_from)))) / 3600)::numeric, 1) hours, count(*) n
                from public.bookings b
               where b.status = 'booked' and b.during && tstzrange(p_from, p_to)
               group by b.space_id) o), '[]'::jsonb),
    'broadcasts', coalesce((
      select jsonb_agg(jsonb_build_object('id', r->'id', 'title', r->'title', 'total', r->'total', 'sent', r->'sent',
                                          'failed', r->'failed', 'rsvps', r->'rsvps') order by (r->>'id')::bigint)
        from (select public.broadcast_report(b.id) r from public.broadcasts b
               where b.send_at >= p_from and b.send_at < p_to and b.status <> 'scheduled' order by b.id desc limit 20) x), '[]'::jsonb));
end $$;

-- ---------------------------------------------------------------------------------------------
-- Security: functions for service_role only.
-- ---------------------------------------------------------------------------------------------
revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
