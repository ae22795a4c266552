-- Baseline of release 2026-11 (squashed from its nine migrations; the originals are kept in
-- tests/store/fixtures/release-2026-11/). Released: never edit; change the schema in a new file.
--
-- Founder flows: programme applications and surveys.
--
-- Founder flows: the profile (on the core contacts row), consent housekeeping, /me and /forget
-- (Decree 13/2023/ND-CP), programme applications, survey responses and answers.

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table public.programme_applications (
  id bigint generated always as identity primary key,
  programme_id text not null check (programme_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  contact_id bigint references public.contacts (id) on delete set null,
  conversation_id bigint references public.conversations (id) on delete set null,
  -- Personal data: the application's answers; erased by /forget (the row stays for statistics).
  answers jsonb not null default '{}'::jsonb,
  locale text not null default 'vi',
  status text not null default 'submitted' check (status in ('submitted', 'in_review', 'accepted', 'rejected', 'withdrawn')),
  status_note text,
  ticket_id bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  erased_at timestamptz
);

create index programme_applications_contact on public.programme_applications (contact_id);

create index programme_applications_programme on public.programme_applications (programme_id, status);

comment on table public.programme_applications is 'Applications to support programmes (content/programmes), with their review status.';

create table public.survey_responses (
  id bigint generated always as identity primary key,
  survey_id text not null check (survey_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  contact_id bigint references public.contacts (id) on delete set null,
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  erased_at timestamptz
);

-- One open (unfinished) response per founder and survey: answers resume into it.
create unique index survey_responses_open on public.survey_responses (survey_id, contact_id) where completed_at is null;

create index survey_responses_survey on public.survey_responses (survey_id, completed_at);

comment on table public.survey_responses is 'One founder''s (or staff member''s) response to a survey in content/surveys.';

create table public.survey_answers (
  response_id bigint not null references public.survey_responses (id) on delete cascade,
  question_id text not null,
  -- The question type decides what /forget erases: free text, phone and e-mail answers are
  -- personal; choices, numbers, ratings and dates stay as anonymous statistics.
  kind text not null check (kind in ('single', 'multiple', 'text', 'number', 'rating', 'date', 'phone', 'email')),
  value jsonb,
  answered_at timestamptz not null default now(),
  primary key (response_id, question_id)
);

comment on table public.survey_answers is 'Survey answers, saved one by one as the founder gives them.';

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

-- What this area holds about a contact, for /me.
create function public.about_flows(p_contact_id bigint) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'applications', (select count(*) from public.programme_applications where contact_id = p_contact_id),
    'survey_responses', (select count(*) from public.survey_responses where contact_id = p_contact_id))
$$;

-- Decree 13/2023: erases this area's personal data of a contact. Applications keep programme,
-- status and dates; survey responses keep choices, numbers, ratings and dates, unlinked.
create function public.forget_flows(p_contact_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_applications integer;
  v_answers integer;
begin
  update public.programme_applications
     set answers = '{}'::jsonb, status_note = null, contact_id = null, conversation_id = null,
         erased_at = now(), updated_at = now()
   where contact_id = p_contact_id;
  get diagnostics v_applications = row_count;
  delete from public.survey_answers a
   using public.survey_responses r
   where r.id = a.response_id and r.contact_id = p_contact_id and a.kind in ('text', 'phone', 'email');
  get diagnostics v_answers = row_count;
  update public.survey_responses
     set contact_id = null, erased_at = now(),
         completed_at = coalesce(completed_at, now()) -- an unfinished response can no longer be resumed
   where contact_id = p_contact_id;
  return jsonb_build_object('applications', v_applications, 'answers_erased', v_answers);
end $$;

-- Programme applications

-- Effect: stores an application and opens a staff ticket for it (when the handoff area is
-- installed: public.fx_ticket_open). Args: {programme_id, answers, locale?, summary?, category?}.
create function public.fx_application_submit(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_app public.programme_applications;
  v_ticket jsonb;
begin
  if not exists (select 1 from public.contacts where id = (p_args->>'contact_id')::bigint and consented_at is not null) then
    return jsonb_build_object('ok', false, 'code', 'no_consent');
  end if;
  insert into public.programme_applications (programme_id, contact_id, conversation_id, answers, locale)
    values (p_args->>'programme_id', (p_args->>'contact_id')::bigint, (p_args->>'conversation_id')::bigint,
            coalesce(p_args->'answers', '{}'::jsonb), coalesce(p_args->>'locale', 'vi'))
    returning * into v_app;
  if to_regprocedure('public.fx_ticket_open(jsonb)') is not null then
    execute 'select public.fx_ticket_open($1)' into v_ticket
      using jsonb_build_object(
        'conversation_id', p_args->'conversation_id', 'contact_id', p_args->'contact_id', 'inbox_id', p_args->'inbox_id',
        'category', 'programme', 'reason', 'application', 'summary', p_args->>'summary', 'source_id', v_app.id,
        'locale', coalesce(p_args->>'locale', 'vi'));
    update public.programme_applications set ticket_id = (v_ticket->>'ticket_id')::bigint where id = v_app.id;
  end if;
  return jsonb_build_object('ok', true, 'application_id', v_app.id, 'ticket', v_ticket);
end $$;

-- A founder's applications, newest first (no answers: the list shows programme and status).
create function public.applications_of(p_contact_id bigint) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'programme_id', programme_id, 'status', status,
                                               'status_note', status_note, 'created_at', created_at,
                                               'updated_at', updated_at) order by id desc), '[]'::jsonb)
    from public.programme_applications where contact_id = p_contact_id
$$;

-- Applications for staff (CLI), optionally filtered by programme and status.
create function public.application_list(p_programme_id text default null, p_status text default null) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'programme_id', a.programme_id, 'status', a.status,
                                               'status_note', a.status_note, 'contact_id', a.contact_id,
                                               'name', k.display_name, 'ticket_id', a.ticket_id,
                                               'answers', a.answers, 'created_at', a.created_at,
                                               'updated_at', a.updated_at) order by a.id), '[]'::jsonb)
    from public.programme_applications a left join public.contacts k on k.id = a.contact_id
   where (p_programme_id is null or a.programme_id = p_programme_id)
     and (p_status is null or a.status = p_status)
$$;

-- Moves an application along submitted → in_review → accepted / rejected (staff, CLI).
create function public.application_set_status(p_id bigint, p_status text, p_note text default null) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_app public.programme_applications;
begin
  select * into v_app from public.programme_applications where id = p_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = format('application %s not found', p_id);
  end if;
  if p_status not in ('submitted', 'in_review', 'accepted', 'rejected', 'withdrawn') then
    raise exception using errcode = 'PT422', message = format('unknown application status %s', p_status);
  end if;
  if v_app.status in ('accepted', 'rejected', 'withdrawn') and p_status <> v_app.status then
    raise exception using errcode = 'PT409', message = format('application %s is already %s', p_id, v_app.status);
  end if;
  update public.programme_applications
     set status = p_status, status_note = coalesce(p_note, status_note), updated_at = now()
   where id = p_id returning * into v_app;
  return jsonb_build_object('id', v_app.id, 'status', v_app.status, 'status_note', v_app.status_note,
                            'contact_id', v_app.contact_id, 'conversation_id', v_app.conversation_id,
                            'programme_id', v_app.programme_id, 'locale', v_app.locale);
end $$;

-- Surveys

-- Effect: saves one answer as it is given, into the founder's open response (created on the
-- first answer). Args: {survey_id, question_id, kind, value}.
create function public.fx_survey_answer(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_contact bigint := (p_args->>'contact_id')::bigint;
  v_response bigint;
begin
  if not exists (select 1 from public.contacts where id = v_contact and consented_at is not null) then
    return jsonb_build_object('ok', false, 'code', 'no_consent');
  end if;
  select id into v_response from public.survey_responses
   where survey_id = p_args->>'survey_id' and contact_id = v_contact and completed_at is null;
  if not found then
    insert into public.survey_responses (survey_id, contact_id) values (p_args->>'survey_id', v_contact)
      returning id into v_response;
  end if;
  insert into public.survey_answers (response_id, question_id, kind, value)
    values (v_response, p_args->>'question_id', p_args->>'kind', p_args->'value')
    on conflict (response_id, question_id) do update set value = excluded.value, kind = excluded.kind, answered_at = now();
  update public.survey_responses set updated_at = now() where id = v_response;
  return jsonb_build_object('ok', true, 'response_id', v_response);
end $$;

-- Effect: marks the founder's open response to a survey complete. Args: {survey_id}.
create function public.fx_survey_complete(p_args jsonb) returns jsonb
language sql security definer set search_path = ''
as $$
  with updated as (
    update public.survey_responses set completed_at = now(), updated_at = now()
     where survey_id = p_args->>'survey_id' and contact_id = (p_args->>'contact_id')::bigint and completed_at is null
    returning id
  )
  select jsonb_build_object('completed', count(*)) from updated
$$;

-- A founder's standing with a survey: completed responses and the open one's answers (to resume).
create function public.survey_progress(p_survey_id text, p_contact_id bigint) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'completed', (select count(*) from public.survey_responses
                   where survey_id = p_survey_id and contact_id = p_contact_id and completed_at is not null),
    'open_answers', coalesce((
      select jsonb_object_agg(a.question_id, a.value)
        from public.survey_responses r join public.survey_answers a on a.response_id = r.id
       where r.survey_id = p_survey_id and r.contact_id = p_contact_id and r.completed_at is null), '{}'::jsonb))
$$;

-- Every response to a survey with its answers, for export and statistics.
create function public.survey_export(p_survey_id text, p_completed_only boolean default false) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'response_id', r.id, 'started_at', r.started_at, 'completed_at', r.completed_at,
           'answers', coalesce((select jsonb_object_agg(a.question_id, a.value)
                                  from public.survey_answers a where a.response_id = r.id), '{}'::jsonb))
         order by r.id), '[]'::jsonb)
    from public.survey_responses r
   where r.survey_id = p_survey_id and (not p_completed_only or r.completed_at is not null)
$$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------

alter table public.programme_applications enable row level security;
alter table public.survey_responses enable row level security;
alter table public.survey_answers enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
