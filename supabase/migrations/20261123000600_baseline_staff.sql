-- Baseline of release 2026-11 (squashed from its nine migrations; the originals are kept in
-- tests/store/fixtures/release-2026-11/). Released: never edit; change the schema in a new file.
--
-- The staff side: staff members, handoff tickets and their messages, broadcasts with their
-- deliveries and RSVPs.
--
-- Ươm human handoff: tickets, their message thread, the staff roster and CSAT.
--
-- A ticket belongs to a founder (contact) and the conversation they asked from. While it is not
-- resolved the bot stays silent for that founder and relays everything to staff. Relays are
-- outbox rows, enqueued in the same transaction that records the message, so nothing is lost
-- and nothing is sent twice (dedupe keys derive from inbox event ids).
--
-- Ươm broadcasts: announcements to subscribed founders, one durable delivery row per
-- recipient delivered through the outbox at priority 100, RSVPs, and the sender's shared state
-- (channel pauses after a platform-wide 429, sender presence for sharing the rate).
--
-- Audience specs are jsonb produced by src/bot/broadcast/audience.ts (a zod-parsed filter
-- language); `broadcast_audience_rows` is the one place that turns a spec into recipients.

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

create table public.broadcasts (
  id bigint generated always as identity primary key,
  created_at timestamptz not null default now(),
  created_by text not null,
  title text not null,
  -- {vi: Outbound, en: Outbound}: the message per language, `{name}` filled per recipient.
  payloads jsonb not null,
  -- {vi: 'bạn', en: 'there'}: used for `{name}` when a contact has no name.
  name_fallback jsonb not null default '{}'::jsonb,
  audience text not null,
  audience_spec jsonb not null,
  rsvp boolean not null default false,
  event_at timestamptz,
  send_at timestamptz not null default now(),
  status text not null default 'scheduled'
    check (status in ('scheduled', 'sending', 'done', 'cancelled')),
  -- Materialisation cursor: recipients are created in contact-id order, in batches.
  cursor_contact_id bigint not null default 0,
  materialized_at timestamptz,
  finished_at timestamptz,
  cancelled_at timestamptz,
  -- Where the staff progress message lives (Telegram staff group), edited as it goes.
  progress_chat_id text,
  progress_message_id text
);

create index broadcasts_due on public.broadcasts (send_at) where status in ('scheduled', 'sending');

comment on table public.broadcasts is 'An announcement to an audience of subscribed founders.';

create table public.broadcast_deliveries (
  id bigint generated always as identity primary key,
  broadcast_id bigint not null references public.broadcasts (id) on delete cascade,
  -- Personal links: nulled by forget_broadcast, the row stays for anonymous statistics.
  contact_id bigint references public.contacts (id) on delete set null,
  channel text not null,
  recipient text,
  outbox_id bigint references public.outbox (id) on delete set null,
  -- queued: an outbox row carries it; skipped: not sent (reason says why).
  status text not null check (status in ('queued', 'skipped')),
  reason text,
  created_at timestamptz not null default now(),
  unique (broadcast_id, contact_id)
);

create index broadcast_deliveries_outbox on public.broadcast_deliveries (outbox_id);

create index broadcast_deliveries_contact on public.broadcast_deliveries (contact_id);

comment on table public.broadcast_deliveries is 'One row per recipient of a broadcast (durable; survives restarts).';

create table public.broadcast_rsvps (
  id bigint generated always as identity primary key,
  broadcast_id bigint not null references public.broadcasts (id) on delete cascade,
  contact_id bigint references public.contacts (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (broadcast_id, contact_id)
);

create index broadcast_rsvps_contact on public.broadcast_rsvps (contact_id);

comment on table public.broadcast_rsvps is 'Founders who pressed "Đăng ký tham dự" on an announcement.';

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

-- Helpers

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

-- Effects (run inside turn_commit; also callable directly by the CLI and workers)

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

-- Queries and workers

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

-- Folds text for matching profile values: lower case, no diacritics (đ → d).
create function public.broadcast_fold(p_text text) returns text
language sql stable set search_path = ''
as $$ select lower(extensions.unaccent(replace(replace(coalesce(p_text, ''), 'đ', 'd'), 'Đ', 'D'))) $$;

-- True when the jsonb array of strings p_wanted is absent or contains p_value (folded).
create function public.broadcast_match(p_wanted jsonb, p_value text) returns boolean
language sql stable set search_path = ''
as $$
  select p_wanted is null or jsonb_typeof(p_wanted) <> 'array' or jsonb_array_length(p_wanted) = 0
      or exists (select 1 from jsonb_array_elements_text(p_wanted) w
                  where public.broadcast_fold(w) = public.broadcast_fold(p_value))
$$;

-- The recipients of an audience spec: consented, subscribed, not erased contacts, one reachable
-- identity each (the most recently active; web chat only when asked for). Spec keys, each
-- optional: channel, province, stage, sector (arrays of strings; profile values are ids such as
-- 'lang-son', 'idea'), programme (programme ids: programme_applications), survey ({survey,
-- question?, answers[]}: survey_responses/survey_answers), rsvp (broadcast ids), contact (ids).
-- p_after/p_limit page through the recipients in contact-id order (materialisation batches).
create function public.broadcast_audience_rows(p_spec jsonb, p_after bigint default 0, p_limit integer default null)
returns table (contact_id bigint, channel text, recipient text, conversation_id bigint,
               display_name text, locale text, last_inbound_at timestamptz)
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_spec jsonb := coalesce(p_spec, '{}'::jsonb);
  v_programme bigint[];
  v_survey bigint[];
begin
  -- Programme interest and survey answers live in other areas' tables: look them up only when
  -- the filter asks and the table exists, so this works whatever modules are installed.
  if v_spec ? 'programme' then
    if to_regclass('public.programme_applications') is null then
      raise exception using errcode = 'PT422', message = 'programme filter: the programmes module is not installed';
    end if;
    execute $q$
      select coalesce(array_agg(distinct a.contact_id), '{}')
        from public.programme_applications a
       where a.contact_id is not null and a.status <> 'withdrawn'
         and public.broadcast_fold(a.programme_id) in (select public.broadcast_fold(w) from jsonb_array_elements_text($1) w)$q$
      into v_programme using v_spec->'programme';
  end if;
  if v_spec ? 'survey' then
    if to_regclass('public.survey_responses') is null or to_regclass('public.survey_answers') is null then
      raise exception using errcode = 'PT422', message = 'survey filter: the surveys module is not installed';
    end if;
    -- An answer matches when its value (a choice, or one of several choices) is one of the
    -- wanted answers, folded.
    execute $q$
      select coalesce(array_agg(distinct r.contact_id), '{}')
        from public.survey_responses r
        join public.survey_answers s on s.response_id = r.id
       where r.contact_id is not null
         and public.broadcast_fold(r.survey_id) = public.broadcast_fold($1->>'survey')
         and ($1->>'question' is null or public.broadcast_fold(s.question_id) = public.broadcast_fold($1->>'question'))
         and exists (
           select 1
             from jsonb_array_elements(case when jsonb_typeof(s.value) = 'array' then s.value
                                            else jsonb_build_array(s.value) end) x(v)
            where public.broadcast_match($1->'answers', x.v #>> '{}'))$q$
      into v_survey using v_spec->'survey';
  end if;

  return query
  select distinct on (k.id)
         k.id, i.channel, coalesce(v.chat_id, i.external_id), v.id, k.display_name, k.locale, v.last_inbound_at
    from public.contacts k
    join public.channel_identities i on i.contact_id = k.id and i.reachable
    left join public.conversations v on v.identity_id = i.id and v.chat_type = 'private'
   where k.consented_at is not null and k.subscribed and k.erased_at is null
     -- Guards first: a function with its own search_path is never inlined, so call it only
     -- for filters that are present.
     and (case when v_spec ? 'channel' then i.channel in (select jsonb_array_elements_text(v_spec->'channel'))
               else i.channel <> 'web' end)
     and (not v_spec ? 'province' or public.broadcast_match(v_spec->'province', k.profile->>'province'))
     and (not v_spec ? 'stage' or public.broadcast_match(v_spec->'stage', k.profile->>'stage'))
     and (not v_spec ? 'sector' or public.broadcast_match(v_spec->'sector', k.profile->>'sector'))
     and (v_programme is null or k.id = any (v_programme))
     and (v_survey is null or k.id = any (v_survey))
     and (not v_spec ? 'rsvp' or exists (
           select 1 from public.broadcast_rsvps r
            where r.contact_id = k.id
              and r.broadcast_id in (select (jsonb_array_elements_text(v_spec->'rsvp'))::bigint)))
     and (not v_spec ? 'contact' or k.id in (select (jsonb_array_elements_text(v_spec->'contact'))::bigint))
     and k.id > coalesce(p_after, 0)
   order by k.id, v.last_inbound_at desc nulls last, i.id
   limit p_limit;
end $$;

-- How many founders an audience reaches, by channel (the admin sees it before confirming).
create function public.broadcast_audience_count(p_spec jsonb) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'total', count(*),
    'by_channel', coalesce((select jsonb_object_agg(channel, n)
                              from (select channel, count(*) n from public.broadcast_audience_rows(p_spec) group by channel) c),
                           '{}'::jsonb))
    from public.broadcast_audience_rows(p_spec)
$$;

-- Lifecycle

-- Creates a broadcast. p_broadcast: {created_by, title, payloads, name_fallback, audience,
-- audience_spec, rsvp?, event_at?, send_at?}. Returns {id, audience}.
create function public.broadcast_create(p_broadcast jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_id bigint;
begin
  if jsonb_typeof(p_broadcast->'payloads'->'vi') is distinct from 'object'
     or jsonb_typeof(p_broadcast->'payloads'->'en') is distinct from 'object' then
    raise exception using errcode = 'PT422', message = 'payloads.vi and payloads.en are required';
  end if;
  insert into public.broadcasts (created_by, title, payloads, name_fallback, audience, audience_spec, rsvp,
                                 event_at, send_at, progress_chat_id)
  values (p_broadcast->>'created_by', coalesce(nullif(p_broadcast->>'title', ''), 'broadcast'),
          p_broadcast->'payloads', coalesce(p_broadcast->'name_fallback', '{}'::jsonb),
          coalesce(p_broadcast->>'audience', ''), coalesce(p_broadcast->'audience_spec', '{}'::jsonb),
          coalesce((p_broadcast->>'rsvp')::boolean, false),
          (p_broadcast->>'event_at')::timestamptz,
          coalesce((p_broadcast->>'send_at')::timestamptz, now()),
          p_broadcast->>'progress_chat_id')
  returning id into v_id;
  -- The RSVP button carries the broadcast's own id: fill the placeholder now it is known.
  update public.broadcasts
     set payloads = replace(payloads::text, '"bc:rsvp:{id}"', format('"bc:rsvp:%s"', v_id))::jsonb
   where id = v_id;
  return jsonb_build_object('id', v_id,
                            'audience', public.broadcast_audience_count(coalesce(p_broadcast->'audience_spec', '{}'::jsonb)));
end $$;

-- Effect: creates a broadcast composed in the staff group, atomically with the turn.
-- Args: {broadcast: <as broadcast_create>}.
create function public.fx_broadcast_create(p_args jsonb) returns jsonb
language sql security definer set search_path = ''
as $$ select public.broadcast_create(p_args->'broadcast') $$;

-- Materialises the next batch of recipients of one due broadcast (delivery rows and outbox
-- rows in one transaction, so a crash never loses or doubles a recipient). Several processes
-- may call it: a broadcast being materialised elsewhere is skipped. Returns
-- {broadcast_id, queued, skipped, done} or {broadcast_id: null} when nothing is due.
create function public.broadcast_materialize(p_batch integer default 1000) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_b public.broadcasts;
  v_queued integer := 0;
  v_skipped integer := 0;
  v_last bigint;
  v_rows integer;
begin
  select * into v_b from public.broadcasts
   where status in ('scheduled', 'sending') and materialized_at is null and send_at <= now()
   order by send_at, id
   limit 1
   for update skip locked;
  if not found then
    return jsonb_build_object('broadcast_id', null);
  end if;

  with batch as materialized (
    select a.contact_id, a.channel, a.recipient, a.conversation_id, a.display_name,
           case when a.locale = 'en' then 'en' else 'vi' end as lang,
           -- Zalo allows free-form OA messages only within 7 days of the user's last interaction.
           case when a.channel = 'zalo' and (a.last_inbound_at is null or a.last_inbound_at < now() - interval '7 days')
                then 'zalo_window' end as skip_reason
      from public.broadcast_audience_rows(v_b.audience_spec, v_b.cursor_contact_id, p_batch) a
  ), ins as (
    insert into public.outbox (channel, recipient, conversation_id, contact_id, payload, kind, priority,
                               not_before, next_attempt_at, dedupe_key, source_id)
    select b.channel, b.recipient, b.conversation_id, b.contact_id,
           jsonb_set(v_b.payloads->b.lang, '{text}', to_jsonb(replace(v_b.payloads->b.lang->>'text', '{name}',
             coalesce(nullif(btrim(b.display_name), ''), v_b.name_fallback->>b.lang, '')))),
           'broadcast', 100, now(), now(), format('broadcast:%s:%s', v_b.id, b.contact_id), v_b.id
      from batch b
     where b.skip_reason is null
    on conflict (dedupe_key) do nothing
    returning id, contact_id
  ), del as (
    insert into public.broadcast_deliveries (broadcast_id, contact_id, channel, recipient, outbox_id, status, reason)
    select v_b.id, b.contact_id, b.channel, b.recipient, ins.id,
           case when b.skip_reason is null then 'queued' else 'skipped' end, b.skip_reason
      from batch b left join ins on ins.contact_id = b.contact_id
    on conflict (broadcast_id, contact_id) do nothing
  )
  select count(*), count(*) filter (where skip_reason is null), count(*) filter (where skip_reason is not null),
         max(contact_id)
    into v_rows, v_queued, v_skipped, v_last
    from batch;

  update public.broadcasts
     set status = 'sending',
         cursor_contact_id = coalesce(v_last, cursor_contact_id),
         materialized_at = case when v_rows < p_batch then now() end
   where id = v_b.id;
  -- A broadcast adds many rows at once: refresh the outbox statistics after its first and last
  -- batch, or the claim plans for an almost empty table until autovacuum notices (a scan of
  -- every pending row per claim instead of an index range).
  if v_queued > 0 and (v_b.cursor_contact_id = 0 or v_rows < p_batch) then
    analyze public.outbox;
  end if;
  return jsonb_build_object('broadcast_id', v_b.id, 'queued', v_queued, 'skipped', v_skipped,
                            'done', v_rows < p_batch);
end $$;

-- Cancels a broadcast: recipients not yet sent are not sent.
create function public.broadcast_cancel(p_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_status text;
  v_cancelled integer;
begin
  select status into v_status from public.broadcasts where id = p_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = format('broadcast %s not found', p_id);
  end if;
  if v_status in ('done', 'cancelled') then
    return jsonb_build_object('ok', false, 'code', 'already_' || v_status);
  end if;
  update public.broadcasts set status = 'cancelled', cancelled_at = now(), finished_at = now() where id = p_id;
  update public.outbox set status = 'cancelled', locked_by = null, locked_until = null
   where source_id = p_id and kind = 'broadcast' and status = 'pending';
  get diagnostics v_cancelled = row_count;
  return jsonb_build_object('ok', true, 'cancelled', v_cancelled);
end $$;

-- Progress and final report of one broadcast: counts, failures by reason, rate over the last
-- 30 seconds and the estimated time left. Marks the broadcast done when nothing is left.
create function public.broadcast_report(p_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_b public.broadcasts;
  v_counts jsonb;
  v_failures jsonb;
  v_skipped integer;
  v_total integer;
  v_sent integer;
  v_failed integer;
  v_open integer;
  v_recent integer;
  v_audience integer;
  v_rate numeric;
begin
  select * into v_b from public.broadcasts where id = p_id;
  if not found then
    raise exception using errcode = 'PT404', message = format('broadcast %s not found', p_id);
  end if;
  select coalesce(jsonb_object_agg(status, n), '{}'::jsonb) into v_counts
    from (select status, count(*) n from public.outbox
           where source_id = p_id and kind = 'broadcast' group by status) s;
  select count(*) into v_recent from public.outbox
   where source_id = p_id and kind = 'broadcast' and status = 'sent' and sent_at > now() - interval '30 seconds';
  select coalesce(jsonb_object_agg(reason, n), '{}'::jsonb), coalesce(sum(n) filter (where skipped), 0)
    into v_failures, v_skipped
    from (select coalesce(d.reason, o.last_error, 'unknown') reason, count(*) n, bool_and(d.status = 'skipped') skipped
            from public.broadcast_deliveries d
            left join public.outbox o on o.id = d.outbox_id
           where d.broadcast_id = p_id and (d.status = 'skipped' or o.status = 'failed')
           group by 1) f;
  v_sent := coalesce((v_counts->>'sent')::integer, 0);
  v_failed := coalesce((v_counts->>'failed')::integer, 0);
  v_open := coalesce((v_counts->>'pending')::integer, 0) + coalesce((v_counts->>'sending')::integer, 0);
  select count(*) into v_total from public.broadcast_deliveries where broadcast_id = p_id;
  if v_b.materialized_at is null and v_b.status <> 'cancelled' then
    v_audience := (public.broadcast_audience_count(v_b.audience_spec)->>'total')::integer;
    v_open := v_open + greatest(v_audience - v_total, 0);
    v_total := greatest(v_total, v_audience);
  end if;
  v_rate := round(v_recent / 30.0, 2);
  if v_b.status = 'sending' and v_b.materialized_at is not null and v_open = 0 then
    update public.broadcasts set status = 'done', finished_at = now() where id = p_id;
    v_b.status := 'done';
    v_b.finished_at := now();
  end if;
  return jsonb_build_object(
    'id', v_b.id, 'title', v_b.title, 'status', v_b.status, 'audience', v_b.audience,
    'send_at', v_b.send_at, 'event_at', v_b.event_at, 'rsvp', v_b.rsvp, 'created_by', v_b.created_by,
    'created_at', v_b.created_at, 'finished_at', v_b.finished_at,
    'total', v_total, 'sent', v_sent, 'failed', v_failed + v_skipped, 'pending', v_open,
    'cancelled', coalesce((v_counts->>'cancelled')::integer, 0),
    'failures', v_failures, 'rate_per_second', v_rate,
    'eta_seconds', case when v_open = 0 then 0 when v_rate > 0 then ceil(v_open / v_rate) end,
    'rsvps', (select count(*) from public.broadcast_rsvps r where r.broadcast_id = p_id),
    'progress_chat_id', v_b.progress_chat_id, 'progress_message_id', v_b.progress_message_id);
end $$;

-- Remembers the staff progress message so later updates edit it.
create function public.broadcast_set_progress_message(p_id bigint, p_chat_id text, p_message_id text) returns jsonb
language sql security definer set search_path = ''
as $$
  update public.broadcasts set progress_chat_id = p_chat_id, progress_message_id = p_message_id where id = p_id;
  select jsonb_build_object('ok', true)
$$;

-- Broadcasts that are being sent or finished recently (for progress updates).
create function public.broadcast_active(p_since_seconds integer default 120) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(id order by id), '[]'::jsonb) from public.broadcasts
   where status = 'sending' or (status in ('done', 'cancelled') and finished_at > now() - make_interval(secs => p_since_seconds))
$$;

-- The newest broadcasts, newest first.
create function public.broadcast_list(p_limit integer default 20) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', id, 'title', title, 'status', status, 'send_at', send_at,
                                               'audience', audience, 'rsvp', rsvp, 'created_by', created_by)
                            order by id desc), '[]'::jsonb)
    from (select * from public.broadcasts order by id desc limit p_limit) b
$$;

-- One broadcast with its message (for `show` and the RSVP handler).
create function public.broadcast_get(p_id bigint) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select to_jsonb(b) - 'cursor_contact_id' from public.broadcasts b where b.id = p_id
$$;

-- Per-recipient outcomes for `uom broadcast export` (no names or chat ids: contact ids only).
create function public.broadcast_export(p_id bigint, p_after bigint default 0, p_limit integer default 5000) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'delivery_id', d.id, 'contact_id', d.contact_id, 'channel', d.channel,
           'status', case when d.status = 'skipped' then 'skipped' else coalesce(o.status, 'unknown') end,
           'reason', coalesce(d.reason, case when o.status = 'failed' then o.last_error end),
           'attempts', coalesce(o.attempts, 0), 'sent_at', o.sent_at, 'rsvp', r.id is not null)
           order by d.id), '[]'::jsonb)
    from (select * from public.broadcast_deliveries
           where broadcast_id = p_id and id > p_after order by id limit p_limit) d
    left join public.outbox o on o.id = d.outbox_id
    left join public.broadcast_rsvps r on r.broadcast_id = d.broadcast_id and r.contact_id = d.contact_id
$$;

-- Founders: subscription and RSVP (effects, committed with the turn)

-- Effect: opts the turn's contact out of (subscribed=false) or back into announcements.
-- Opting out also cancels announcements still waiting to be sent to them.
create function public.fx_broadcast_subscribe(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_contact bigint := (p_args->>'contact_id')::bigint;
  v_on boolean := coalesce((p_args->>'subscribed')::boolean, true);
  v_cancelled integer := 0;
begin
  update public.contacts set subscribed = v_on, updated_at = now() where id = v_contact;
  if not v_on then
    update public.outbox set status = 'cancelled'
     where contact_id = v_contact and kind = 'broadcast' and status = 'pending';
    get diagnostics v_cancelled = row_count;
  end if;
  return jsonb_build_object('subscribed', v_on, 'cancelled', v_cancelled);
end $$;

-- Effect: records the turn's contact as attending broadcast p_args.broadcast_id.
create function public.fx_broadcast_rsvp(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_id bigint;
begin
  insert into public.broadcast_rsvps (broadcast_id, contact_id)
  select b.id, (p_args->>'contact_id')::bigint from public.broadcasts b
   where b.id = (p_args->>'broadcast_id')::bigint and b.rsvp
  on conflict (broadcast_id, contact_id) do nothing
  returning id into v_id;
  return jsonb_build_object('recorded', v_id is not null);
end $$;

-- Erases a contact's broadcast data (Decree 13/2023): deliveries and RSVPs lose the person,
-- keeping anonymous counts.
create function public.forget_broadcast(p_contact_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_deliveries integer;
  v_rsvps integer;
begin
  update public.broadcast_deliveries set contact_id = null, recipient = null where contact_id = p_contact_id;
  get diagnostics v_deliveries = row_count;
  update public.broadcast_rsvps set contact_id = null where contact_id = p_contact_id;
  get diagnostics v_rsvps = row_count;
  return jsonb_build_object('deliveries', v_deliveries, 'rsvps', v_rsvps);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------

alter table public.staff_members enable row level security;
alter table public.tickets enable row level security;
alter table public.ticket_messages enable row level security;
alter table public.broadcasts enable row level security;
alter table public.broadcast_deliveries enable row level security;
alter table public.broadcast_rsvps enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
