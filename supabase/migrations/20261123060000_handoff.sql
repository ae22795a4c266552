-- Ươm human handoff (issue 7): tickets, their message thread, the staff roster and CSAT.
--
-- A ticket belongs to a founder (contact) and the conversation they asked from. While it is not
-- resolved the bot stays silent for that founder and relays everything to staff. Relays are
-- outbox rows, enqueued in the same transaction that records the message, so nothing is lost
-- and nothing is sent twice (dedupe keys derive from inbox event ids).

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table public.staff_members (
  id bigint generated always as identity primary key,
  telegram_user_id text not null unique check (telegram_user_id ~ '^[0-9]{1,20}$'),
  role text not null check (role in ('admin', 'staff')),
  display_name text,
  created_at timestamptz not null default now()
);
comment on table public.staff_members is 'Who may act in the staff workspace (Telegram user ids) and with which role.';

create sequence public.ticket_number_seq;

create table public.tickets (
  id bigint generated always as identity primary key,
  number bigint not null unique default nextval('public.ticket_number_seq'),
  -- Set null when a contact is deleted: the anonymous ticket stays for statistics.
  contact_id bigint references public.contacts (id) on delete set null,
  conversation_id bigint references public.conversations (id) on delete set null,
  channel text not null check (channel in ('web', 'telegram', 'zalo', 'botframework')),
  recipient text not null,
  category text not null check (category in ('programme', 'booking', 'funding', 'other')),
  reason text not null check (reason in ('requested', 'kb_unanswered', 'flow_failed', 'application')),
  -- 1 urgent, 2 normal, 3 low.
  priority smallint not null default 2 check (priority between 1 and 3),
  status text not null default 'open' check (status in ('open', 'assigned', 'waiting', 'resolved')),
  assignee_id bigint references public.staff_members (id) on delete set null,
  -- Personal data copied for staff (erased by forget_handoff).
  founder_name text,
  profile jsonb not null default '{}'::jsonb,
  last_messages jsonb not null default '[]'::jsonb,
  summary text,
  locale text not null default 'vi',
  source_id bigint,
  sla_due_at timestamptz,
  first_response_at timestamptz,
  overdue_announced_at timestamptz,
  staff_chat_id text,
  topic_id text,
  topic_claimed_until timestamptz,
  opened_at timestamptz not null default now(),
  assigned_at timestamptz,
  resolved_at timestamptz,
  resolved_by text check (resolved_by in ('founder', 'staff')),
  reopened_count integer not null default 0,
  csat_score smallint check (csat_score between 1 and 5),
  csat_comment text,
  csat_at timestamptz,
  erased_at timestamptz,
  updated_at timestamptz not null default now()
);
-- One unresolved ticket per founder: opening again returns the open one.
create unique index tickets_one_open on public.tickets (contact_id) where status <> 'resolved';
create index tickets_contact on public.tickets (contact_id, resolved_at desc);
create index tickets_topic on public.tickets (staff_chat_id, topic_id) where topic_id is not null;
create index tickets_unsynced on public.tickets (id) where topic_id is null and status <> 'resolved';
create index tickets_sla on public.tickets (sla_due_at) where status <> 'resolved';
comment on table public.tickets is 'A founder''s request for a person; status open → assigned → waiting → resolved.';

create table public.ticket_messages (
  id bigint generated always as identity primary key,
  ticket_id bigint not null references public.tickets (id) on delete cascade,
  author text not null check (author in ('founder', 'staff', 'note', 'system')),
  staff_user_id text,
  -- An Outbound-like object: {text, image?, file?}. Erased by forget_handoff.
  body jsonb not null,
  -- Founder messages waiting for the ticket's topic; relayed when the topic exists.
  relay jsonb,
  relayed boolean not null default false,
  event_key text unique,
  created_at timestamptz not null default now()
);
create index ticket_messages_ticket on public.ticket_messages (ticket_id, id);
comment on table public.ticket_messages is 'The thread of a ticket: founder and staff messages and internal notes.';

-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------

-- A ticket as staff tools see it.
create function public.ticket_json(p_ticket public.tickets) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select to_jsonb(p_ticket) || jsonb_build_object(
    'assignee_telegram_user_id', (select s.telegram_user_id from public.staff_members s where s.id = p_ticket.assignee_id),
    'ticket_id', p_ticket.id,
    -- Whether the founder is in a conversation with staff: they asked for it, or staff wrote, or
    -- they wrote on the ticket. A ticket opened for an application alone does not silence the bot.
    'engaged', p_ticket.reason <> 'application' or p_ticket.first_response_at is not null
               or exists (select 1 from public.ticket_messages m where m.ticket_id = p_ticket.id and m.author = 'founder'))
$$;

-- Queues outbox items (see outbox_enqueue) for the ticket's conversation; null-safe.
create function public.ticket_enqueue(p_items jsonb, p_conversation_id bigint) returns jsonb
language sql security definer set search_path = ''
as $$
  select case when p_items is null or jsonb_typeof(p_items) <> 'array' or jsonb_array_length(p_items) = 0
              then '[]'::jsonb
              else public.outbox_enqueue(p_items, p_conversation_id) end
$$;

-- ---------------------------------------------------------------------------------------------
-- Effects (run inside turn_commit; also callable directly by the CLI and workers)
-- ---------------------------------------------------------------------------------------------

-- Opens a ticket for the turn's contact, or returns the one already open.
-- Args: {category, reason, summary?, source_id?, sla_due_at?, founder_name?, locale?, outbox?}
-- plus conversation_id, contact_id, inbox_id. `outbox` items are queued only when a ticket is created.
create function public.fx_ticket_open(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_conv public.conversations;
  v_contact public.contacts;
  v_ticket public.tickets;
  v_contact_id bigint := (p_args->>'contact_id')::bigint;
  v_reason text := coalesce(p_args->>'reason', 'requested');
  v_category text := coalesce(p_args->>'category', 'other');
begin
  select * into v_conv from public.conversations where id = (p_args->>'conversation_id')::bigint;
  if not found then
    raise exception using errcode = 'PT404', message = 'ticket_open: conversation not found';
  end if;
  v_contact_id := coalesce(v_contact_id, v_conv.contact_id);
  if v_contact_id is null then
    raise exception using errcode = 'PT422', message = 'ticket_open: the conversation has no contact';
  end if;
  if v_category not in ('programme', 'booking', 'funding', 'other') then v_category := 'other'; end if;
  if v_reason not in ('requested', 'kb_unanswered', 'flow_failed', 'application') then
    raise exception using errcode = 'PT422', message = format('ticket_open: unknown reason %s', v_reason);
  end if;

  select * into v_ticket from public.tickets where contact_id = v_contact_id and status <> 'resolved';
  if found then
    return jsonb_build_object('ticket_id', v_ticket.id, 'number', v_ticket.number, 'created', false);
  end if;

  select * into v_contact from public.contacts where id = v_contact_id;
  insert into public.tickets (
    contact_id, conversation_id, channel, recipient, category, reason, priority, summary, source_id,
    sla_due_at, founder_name, profile, last_messages, locale)
  values (
    v_contact_id, v_conv.id, v_conv.channel, v_conv.chat_id, v_category, v_reason,
    case v_reason when 'flow_failed' then 1 when 'kb_unanswered' then 3 else 2 end,
    left(p_args->>'summary', 2000), (p_args->>'source_id')::bigint,
    (p_args->>'sla_due_at')::timestamptz,
    coalesce(v_contact.display_name, left(p_args->>'founder_name', 200)),
    coalesce(v_contact.profile, '{}'::jsonb)
      || jsonb_strip_nulls(jsonb_build_object('phone', v_contact.phone, 'email', v_contact.email)),
    coalesce((
      select jsonb_agg(jsonb_build_object('direction', m.direction, 'body', m.body, 'at', m.created_at) order by m.id)
        from (select * from public.messages where conversation_id = v_conv.id order by id desc limit 10) m
    ), '[]'::jsonb),
    coalesce(p_args->>'locale', v_contact.locale, 'vi'))
  on conflict (contact_id) where status <> 'resolved' do nothing
  returning * into v_ticket;
  if v_ticket.id is null then -- lost a race with another conversation of the same founder
    select * into v_ticket from public.tickets where contact_id = v_contact_id and status <> 'resolved';
    return jsonb_build_object('ticket_id', v_ticket.id, 'number', v_ticket.number, 'created', false);
  end if;
  insert into public.ticket_messages (ticket_id, author, body)
    values (v_ticket.id, 'system', jsonb_build_object('event', 'opened', 'reason', v_reason));
  perform public.ticket_enqueue(p_args->'outbox', v_conv.id);
  return jsonb_build_object('ticket_id', v_ticket.id, 'number', v_ticket.number, 'created', true);
end $$;

-- Records a founder message on a ticket and relays it to the ticket's topic (now, or when the
-- topic is created). Args: {ticket_id, body, relay?, event_key?, reopen_sla_due_at?}. A resolved
-- ticket is reopened (the caller decides whether the reopen window applies).
create function public.fx_ticket_founder_message(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_ticket public.tickets;
  v_message_id bigint;
  v_reopened boolean := false;
begin
  select * into v_ticket from public.tickets where id = (p_args->>'ticket_id')::bigint for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'ticket not found';
  end if;
  if v_ticket.status = 'resolved' then
    if exists (select 1 from public.tickets where contact_id = v_ticket.contact_id and status <> 'resolved') then
      raise exception using errcode = 'PT409', message = 'the founder has another open ticket';
    end if;
    update public.tickets
       set status = case when assignee_id is null then 'open' else 'assigned' end,
           resolved_at = null, resolved_by = null, reopened_count = reopened_count + 1,
           first_response_at = null, overdue_announced_at = null,
           sla_due_at = coalesce((p_args->>'reopen_sla_due_at')::timestamptz, sla_due_at), updated_at = now()
     where id = v_ticket.id
    returning * into v_ticket;
    v_reopened := true;
    insert into public.ticket_messages (ticket_id, author, body)
      values (v_ticket.id, 'system', jsonb_build_object('event', 'reopened'));
  elsif v_ticket.status = 'waiting' then
    update public.tickets set status = case when assignee_id is null then 'open' else 'assigned' end, updated_at = now()
     where id = v_ticket.id;
  end if;
  -- A founder with several linked channels gets staff replies where they wrote last.
  if (p_args->>'conversation_id')::bigint is distinct from v_ticket.conversation_id and p_args ? 'conversation_id' then
    update public.tickets t
       set conversation_id = c.id, channel = c.channel, recipient = c.chat_id, updated_at = now()
      from public.conversations c
     where t.id = v_ticket.id and c.id = (p_args->>'conversation_id')::bigint and c.contact_id = t.contact_id;
  end if;

  insert into public.ticket_messages (ticket_id, author, body, relay, event_key)
    values (v_ticket.id, 'founder', coalesce(p_args->'body', '{}'::jsonb), p_args->'relay', p_args->>'event_key')
    on conflict (event_key) do nothing
    returning id into v_message_id;
  if v_message_id is not null and v_ticket.topic_id is not null and p_args->'relay' is not null then
    perform public.outbox_enqueue(jsonb_build_array(jsonb_build_object(
      'channel', 'telegram', 'recipient', v_ticket.staff_chat_id, 'kind', 'relay', 'priority', 5,
      'payload', (p_args->'relay') || jsonb_build_object('threadId', v_ticket.topic_id),
      'dedupe_key', 'handoff:f2s:' || v_message_id)), v_ticket.conversation_id);
    update public.ticket_messages set relayed = true where id = v_message_id;
  end if;
  return jsonb_build_object('ticket_id', v_ticket.id, 'number', v_ticket.number, 'reopened', v_reopened,
                            'status', v_ticket.status, 'duplicate', v_message_id is null);
end $$;

-- Records a staff message or internal note. Args: {ticket_id, staff_user_id, author:'staff'|'note',
-- body, event_key?, outbox?}. A staff reply is the first response (SLA), assigns an unassigned
-- ticket to its author and waits for the founder. `outbox` (the relay to the founder) is queued
-- only the first time the event_key is seen.
create function public.fx_ticket_staff_message(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_ticket public.tickets;
  v_staff public.staff_members;
  v_author text := coalesce(p_args->>'author', 'staff');
  v_message_id bigint;
begin
  select * into v_ticket from public.tickets where id = (p_args->>'ticket_id')::bigint for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'ticket not found';
  end if;
  if v_author not in ('staff', 'note') then
    raise exception using errcode = 'PT422', message = 'author must be staff or note';
  end if;
  select * into v_staff from public.staff_members where telegram_user_id = p_args->>'staff_user_id';
  insert into public.ticket_messages (ticket_id, author, staff_user_id, body, event_key)
    values (v_ticket.id, v_author, p_args->>'staff_user_id', coalesce(p_args->'body', '{}'::jsonb), p_args->>'event_key')
    on conflict (event_key) do nothing
    returning id into v_message_id;
  if v_message_id is null then
    return jsonb_build_object('ticket_id', v_ticket.id, 'duplicate', true);
  end if;
  if v_author = 'staff' then
    update public.tickets
       set first_response_at = coalesce(first_response_at, now()),
           assignee_id = coalesce(assignee_id, v_staff.id),
           assigned_at = coalesce(assigned_at, case when v_staff.id is not null then now() end),
           status = case when status = 'resolved' then status else 'waiting' end,
           updated_at = now()
     where id = v_ticket.id;
    perform public.ticket_enqueue(p_args->'outbox', v_ticket.conversation_id);
  end if;
  return jsonb_build_object('ticket_id', v_ticket.id, 'duplicate', false);
end $$;

-- Assigns a ticket to a staff member. Args: {ticket_id, staff_user_id}.
create function public.fx_ticket_claim(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members;
  v_ticket public.tickets;
begin
  select * into v_staff from public.staff_members where telegram_user_id = p_args->>'staff_user_id';
  if not found then
    raise exception using errcode = 'PT403', message = 'not a staff member';
  end if;
  update public.tickets
     set assignee_id = v_staff.id, assigned_at = now(),
         status = case when status = 'open' then 'assigned' else status end, updated_at = now()
   where id = (p_args->>'ticket_id')::bigint and status <> 'resolved'
  returning * into v_ticket;
  if v_ticket.id is null then
    return jsonb_build_object('ok', false, 'code', 'not_open');
  end if;
  insert into public.ticket_messages (ticket_id, author, staff_user_id, body)
    values (v_ticket.id, 'system', v_staff.telegram_user_id, jsonb_build_object('event', 'claimed'));
  return jsonb_build_object('ok', true, 'ticket_id', v_ticket.id, 'number', v_ticket.number);
end $$;

-- Resolves a ticket. Args: {ticket_id, by:'founder'|'staff', staff_user_id?, outbox?}; `outbox`
-- (the CSAT question, the topic notice) is queued only when the ticket was not resolved yet.
create function public.fx_ticket_resolve(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_ticket public.tickets;
begin
  update public.tickets
     set status = 'resolved', resolved_at = now(), resolved_by = coalesce(p_args->>'by', 'staff'), updated_at = now()
   where id = (p_args->>'ticket_id')::bigint and status <> 'resolved'
  returning * into v_ticket;
  if v_ticket.id is null then
    return jsonb_build_object('ok', false, 'code', 'already_resolved');
  end if;
  insert into public.ticket_messages (ticket_id, author, staff_user_id, body)
    values (v_ticket.id, 'system', p_args->>'staff_user_id',
            jsonb_build_object('event', 'resolved', 'by', coalesce(p_args->>'by', 'staff')));
  perform public.ticket_enqueue(p_args->'outbox', v_ticket.conversation_id);
  return jsonb_build_object('ok', true, 'ticket_id', v_ticket.id, 'number', v_ticket.number);
end $$;

-- Stores the founder's rating (1-5) and/or comment. Args: {ticket_id, score?, comment?}.
create function public.fx_ticket_csat(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_score integer := (p_args->>'score')::integer;
begin
  if v_score is not null and v_score not between 1 and 5 then
    raise exception using errcode = 'PT422', message = 'score must be 1-5';
  end if;
  update public.tickets
     set csat_score = coalesce(v_score, csat_score),
         csat_comment = coalesce(left(p_args->>'comment', 2000), csat_comment),
         csat_at = now(), updated_at = now()
   where id = (p_args->>'ticket_id')::bigint and status = 'resolved'
     and (p_args->>'contact_id' is null or contact_id = (p_args->>'contact_id')::bigint);
  return jsonb_build_object('ok', found);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Queries and workers
-- ---------------------------------------------------------------------------------------------

-- The founder's unresolved ticket, and their latest resolved one (for reopening and CSAT).
create function public.ticket_for_contact(p_contact_id bigint) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'active', (select public.ticket_json(t) from public.tickets t
                where t.contact_id = p_contact_id and t.status <> 'resolved' limit 1),
    'recent', (select public.ticket_json(t) from public.tickets t
                where t.contact_id = p_contact_id and t.status = 'resolved'
                order by t.resolved_at desc limit 1))
$$;

-- The ticket of a staff group topic (null for the General topic or an unknown one).
create function public.ticket_by_topic(p_staff_chat_id text, p_topic_id text) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select public.ticket_json(t) from public.tickets t
   where t.staff_chat_id = p_staff_chat_id and t.topic_id = p_topic_id
   order by t.id desc limit 1
$$;

-- A ticket by number with its thread (staff tools: CLI show).
create function public.ticket_get(p_number bigint) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select public.ticket_json(t) || jsonb_build_object('messages', coalesce((
           select jsonb_agg(jsonb_build_object('author', m.author, 'staff_user_id', m.staff_user_id,
                                               'body', m.body, 'at', m.created_at) order by m.id)
             from public.ticket_messages m where m.ticket_id = t.id), '[]'::jsonb))
    from public.tickets t where t.number = p_number
$$;

-- Tickets, unresolved first by SLA due time (p_all: resolved ones too, newest last).
create function public.ticket_list(p_all boolean default false, p_limit integer default 100) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(x.j order by x.resolved, x.due nulls last, x.number), '[]'::jsonb)
    from (
      select public.ticket_json(t) as j, t.status = 'resolved' as resolved, t.sla_due_at as due, t.number
        from public.tickets t
       where p_all or t.status <> 'resolved'
       order by t.status = 'resolved', t.sla_due_at nulls last, t.number
       limit p_limit
    ) x
$$;

-- Claims unresolved tickets that still need a topic in the staff group (or an SLA due time),
-- for a short lease so two workers do not create two topics.
create function public.ticket_sync_claim(
  p_need_topic boolean default true, p_limit integer default 10, p_lease_seconds integer default 60
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_out jsonb;
begin
  with picked as (
    select t.id from public.tickets t
     where t.status <> 'resolved' and ((p_need_topic and t.topic_id is null) or t.sla_due_at is null)
       and (t.topic_claimed_until is null or t.topic_claimed_until < now())
     order by t.id limit p_limit
     for update skip locked
  ), claimed as (
    update public.tickets t set topic_claimed_until = now() + make_interval(secs => p_lease_seconds)
      from picked where t.id = picked.id
    returning t.*
  )
  select coalesce(jsonb_agg(public.ticket_json(c) order by c.id), '[]'::jsonb) into v_out from claimed c;
  return v_out;
end $$;

-- Sets a ticket's SLA due time.
create function public.ticket_set_sla(p_ticket_id bigint, p_due timestamptz) returns jsonb
language sql security definer set search_path = ''
as $$
  with u as (update public.tickets set sla_due_at = p_due where id = p_ticket_id returning id)
  select jsonb_build_object('ok', exists (select 1 from u))
$$;

-- Records the ticket's topic and queues, in order, the ticket card and every founder message
-- that waited for the topic.
create function public.ticket_topic_set(p_ticket_id bigint, p_staff_chat_id text, p_topic_id text, p_card jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_ticket public.tickets;
  m record;
begin
  update public.tickets
     set staff_chat_id = p_staff_chat_id, topic_id = p_topic_id, topic_claimed_until = null, updated_at = now()
   where id = p_ticket_id and topic_id is null
  returning * into v_ticket;
  if v_ticket.id is null then
    return jsonb_build_object('ok', false, 'code', 'topic_exists');
  end if;
  perform public.outbox_enqueue(jsonb_build_array(jsonb_build_object(
    'channel', 'telegram', 'recipient', p_staff_chat_id, 'kind', 'staff', 'priority', 5,
    'payload', p_card || jsonb_build_object('threadId', p_topic_id),
    'dedupe_key', 'handoff:card:' || v_ticket.id)), v_ticket.conversation_id);
  for m in select * from public.ticket_messages
            where ticket_id = v_ticket.id and author = 'founder' and not relayed and relay is not null
            order by id loop
    perform public.outbox_enqueue(jsonb_build_array(jsonb_build_object(
      'channel', 'telegram', 'recipient', p_staff_chat_id, 'kind', 'relay', 'priority', 5,
      'payload', m.relay || jsonb_build_object('threadId', p_topic_id),
      'dedupe_key', 'handoff:f2s:' || m.id)), v_ticket.conversation_id);
    update public.ticket_messages set relayed = true where id = m.id;
  end loop;
  return jsonb_build_object('ok', true);
end $$;

-- Unresolved tickets whose first response is overdue and not yet announced.
create function public.ticket_overdue(p_now timestamptz default now()) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(public.ticket_json(t) order by t.sla_due_at), '[]'::jsonb)
    from public.tickets t
   where t.status <> 'resolved' and t.first_response_at is null and t.sla_due_at < p_now
     and t.overdue_announced_at is null and t.topic_id is not null
$$;

-- Marks an overdue ticket announced and queues the announcement (once).
create function public.ticket_overdue_announce(p_ticket_id bigint, p_outbox jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_ticket public.tickets;
begin
  update public.tickets set overdue_announced_at = now()
   where id = p_ticket_id and overdue_announced_at is null
  returning * into v_ticket;
  if v_ticket.id is null then
    return jsonb_build_object('ok', false);
  end if;
  perform public.ticket_enqueue(p_outbox, v_ticket.conversation_id);
  return jsonb_build_object('ok', true);
end $$;

-- Staff roster.
create function public.staff_add(p_telegram_user_id text, p_role text, p_display_name text default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members;
begin
  if p_role not in ('admin', 'staff') then
    raise exception using errcode = 'PT422', message = 'role must be admin or staff';
  end if;
  if p_telegram_user_id !~ '^[0-9]{1,20}$' then
    raise exception using errcode = 'PT422', message = 'a Telegram user id is a number';
  end if;
  insert into public.staff_members (telegram_user_id, role, display_name)
    values (p_telegram_user_id, p_role, p_display_name)
    on conflict (telegram_user_id) do update
      set role = excluded.role, display_name = coalesce(excluded.display_name, public.staff_members.display_name)
    returning * into v_staff;
  return to_jsonb(v_staff);
end $$;

create function public.staff_remove(p_telegram_user_id text) returns jsonb
language sql security definer set search_path = ''
as $$
  with d as (delete from public.staff_members where telegram_user_id = p_telegram_user_id returning id)
  select jsonb_build_object('removed', (select count(*) from d))
$$;

create function public.staff_list() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(to_jsonb(s) order by s.role, s.id), '[]'::jsonb) from public.staff_members s
$$;

-- 'admin', 'staff' or null.
create function public.staff_role(p_telegram_user_id text) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object('role', (select role from public.staff_members where telegram_user_id = p_telegram_user_id))
$$;

-- Decree 13/2023: erases the founder's personal data held by handoff (profile copies, message
-- texts, CSAT comments); the anonymous tickets (category, times, score) stay for statistics.
create function public.forget_handoff(p_contact_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_tickets integer;
  v_messages integer;
begin
  update public.ticket_messages m
     set body = jsonb_build_object('erased', true), relay = null
   where m.ticket_id in (select id from public.tickets where contact_id = p_contact_id)
     and m.author in ('founder', 'staff', 'note');
  get diagnostics v_messages = row_count;
  update public.tickets
     set founder_name = null, profile = '{}'::jsonb, last_messages = '[]'::jsonb, summary = null,
         csat_comment = null, erased_at = now(), updated_at = now(),
         status = 'resolved', resolved_at = coalesce(resolved_at, now()), resolved_by = coalesce(resolved_by, 'founder')
   where contact_id = p_contact_id;
  get diagnostics v_tickets = row_count;
  -- Relays not yet delivered would carry the erased texts.
  update public.outbox set status = 'cancelled'
   where status = 'pending' and kind in ('relay', 'staff')
     and dedupe_key like 'handoff:%' and conversation_id in
       (select conversation_id from public.tickets where contact_id = p_contact_id);
  return jsonb_build_object('tickets', v_tickets, 'messages', v_messages);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------
alter table public.staff_members enable row level security;
alter table public.tickets enable row level security;
alter table public.ticket_messages enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
