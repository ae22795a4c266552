-- Ươm staff console (issue 14), fourth part: the bookings calendar (bookings and spaces of a
-- range, cancel with a reason through booking_cancel, export), the knowledge page (documents,
-- upload and removal through kb_document_put / kb_document_remove, content gaps through
-- kb_gaps) and a file in a staff reply (kept here, served by an unguessable link, sent through
-- console_ticket_send like any reply). Every function checks the session and the role first
-- (console_require) and writes the audit log for staff actions.

-- ---------------------------------------------------------------------------------------------
-- Bookings
-- ---------------------------------------------------------------------------------------------

-- The active spaces and the bookings (booked and cancelled) overlapping [p_from, p_to); the
-- caller turns the centre's local days into instants. p_export writes an audit entry.
create function public.console_bookings(p_session text, p_from timestamptz, p_to timestamptz,
                                        p_space_id text default null, p_export boolean default false)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  if p_to <= p_from or p_to - p_from > interval '93 days' then
    raise exception using errcode = 'PT422', message = 'the range must be between 1 and 93 days';
  end if;
  if p_export then
    perform public.console_audit_write(v_staff, 'bookings_export', null,
                                       jsonb_build_object('from', p_from, 'to', p_to, 'space', p_space_id));
  end if;
  return jsonb_build_object(
    'spaces', coalesce((
      select jsonb_agg(jsonb_build_object('id', s.id, 'kind', s.kind, 'capacity', s.capacity, 'name', s.name, 'rules', s.rules)
                       order by s.position, s.id)
        from public.booking_spaces s
       where s.active and (p_space_id is null or s.id = p_space_id)), '[]'::jsonb),
    'bookings', coalesce((
      select jsonb_agg(jsonb_build_object(
                         'id', b.id, 'code', b.code, 'space_id', b.space_id, 'start', lower(b.during), 'end', upper(b.during),
                         'seats', b.seats, 'status', b.status, 'contact_id', b.contact_id, 'confirmed_at', b.confirmed_at,
                         'cancelled_at', b.cancelled_at, 'cancelled_by', b.cancelled_by, 'cancel_reason', b.cancel_reason,
                         'created_at', b.created_at, 'founder', k.display_name, 'locale', k.locale, 'channel', c.channel)
                       order by lower(b.during), b.space_id, b.id)
        from public.bookings b
        left join public.contacts k on k.id = b.contact_id
        left join public.conversations c on c.id = b.conversation_id
       where b.during && tstzrange(p_from, p_to, '[)')
         and b.status in ('booked', 'cancelled')
         and (p_space_id is null or b.space_id = p_space_id)), '[]'::jsonb));
end $$;

-- One booking with the founder's language (to build the notice in it).
create function public.console_booking(p_session text, p_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  return public.booking_get(p_id, null);
end $$;

-- Cancels a booking on the founder's behalf through booking_cancel (which frees the slot, drops
-- the reminder and queues the notice on the founder's own conversation); p_notices is
-- {vi: Outbound, en: Outbound}, the founder's language is picked here.
create function public.console_booking_cancel(p_session text, p_id bigint, p_reason text, p_notices jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_locale text;
  v_result jsonb;
begin
  if coalesce(trim(p_reason), '') = '' then
    raise exception using errcode = 'PT422', message = 'a reason is needed';
  end if;
  select k.locale into v_locale
    from public.bookings b left join public.contacts k on k.id = b.contact_id where b.id = p_id;
  v_result := public.booking_cancel(p_booking_id => p_id, p_by => 'staff', p_reason => trim(p_reason),
                                    p_notice => p_notices->(case when v_locale = 'en' then 'en' else 'vi' end),
                                    p_now => public.uom_now());
  if coalesce((v_result->>'ok')::boolean, false) and not coalesce((v_result->>'repeated')::boolean, false) then
    perform public.console_audit_write(v_staff, 'booking_cancel', v_result->'booking'->>'code',
                                       jsonb_build_object('id', p_id, 'reason', left(trim(p_reason), 500)));
  end if;
  return v_result;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Knowledge
-- ---------------------------------------------------------------------------------------------

create function public.console_kb_documents(p_session text) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  return public.kb_documents_list();
end $$;

-- An uploaded document's passages (ingestDocument prepares them as for `uom kb ingest`).
create function public.console_kb_document_put(p_session text, p_doc jsonb, p_chunks jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'admin');
  v_result jsonb;
begin
  v_result := public.kb_document_put(p_doc, p_chunks);
  perform public.console_audit_write(v_staff, 'kb_upload', p_doc->>'doc',
                                     jsonb_build_object('status', v_result->>'status', 'kind', p_doc->>'kind'));
  return v_result;
end $$;

create function public.console_kb_document_remove(p_session text, p_doc text) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'admin');
  v_result jsonb;
begin
  v_result := public.kb_document_remove(p_doc);
  if coalesce((v_result->>'removed')::integer, 0) > 0 then
    perform public.console_audit_write(v_staff, 'kb_remove', p_doc, '{}'::jsonb);
  end if;
  return v_result;
end $$;

create function public.console_kb_gaps(p_session text, p_since_days integer default 30) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  return public.kb_gaps(p_since_days);
end $$;

-- ---------------------------------------------------------------------------------------------
-- A file in a staff reply
-- ---------------------------------------------------------------------------------------------

-- Files staff attach to replies in the console. Only the SHA-256 of the link's token is kept;
-- the founder's platform fetches /files/console/<token>/<name> until expires_at. Erased with
-- the ticket's messages (/forget).
create table public.console_files (
  id bigint generated always as identity primary key,
  token_hash text not null unique,
  ticket_id bigint not null references public.tickets (id) on delete cascade,
  staff_id bigint references public.staff_members (id) on delete set null,
  name text not null check (length(name) between 1 and 200),
  mime_type text not null,
  size integer not null check (size between 1 and 52428800),
  data bytea not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index console_files_ticket on public.console_files (ticket_id);
comment on table public.console_files is 'Files staff attached to console replies, served by an unguessable, expiring link.';

-- /forget erases a ticket's messages (forget_handoff sets erased_at): its files go with them.
create function public.console_files_erase() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  delete from public.console_files where ticket_id = new.id;
  return null;
end $$;

create trigger tickets_erase_console_files after update of erased_at on public.tickets
  for each row when (new.erased_at is not null and old.erased_at is null)
  execute function public.console_files_erase();

-- A reply with a file: stores the file (p_file: {token_hash, name, mime_type, data (base64),
-- ttl_seconds}) and sends the reply through console_ticket_send in the same transaction.
create function public.console_ticket_send_file(p_session text, p_number bigint, p_file jsonb, p_payloads jsonb,
                                                p_topic jsonb, p_event_key text)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_ticket public.tickets;
  v_data bytea;
  v_result jsonb;
begin
  select * into v_ticket from public.tickets where number = p_number;
  if not found then
    raise exception using errcode = 'PT404', message = 'ticket not found';
  end if;
  if v_ticket.status = 'resolved' then
    return jsonb_build_object('ok', false, 'code', 'resolved', 'number', p_number);
  end if;
  v_data := decode(p_file->>'data', 'base64');
  if v_data is null or length(v_data) = 0 then
    raise exception using errcode = 'PT422', message = 'empty file';
  end if;
  insert into public.console_files (token_hash, ticket_id, staff_id, name, mime_type, size, data, created_at, expires_at)
  values (p_file->>'token_hash', v_ticket.id, v_staff.id, left(p_file->>'name', 200),
          coalesce(p_file->>'mime_type', 'application/octet-stream'), length(v_data), v_data, public.uom_now(),
          public.uom_now() + make_interval(secs => coalesce((p_file->>'ttl_seconds')::integer, 2592000)))
  on conflict (token_hash) do nothing;
  v_result := public.console_ticket_send(p_session, p_number, 'staff', p_payloads, p_topic, p_event_key);
  perform public.console_audit_write(v_staff, 'reply_file', v_ticket.number::text,
                                     jsonb_build_object('name', left(p_file->>'name', 200), 'size', length(v_data)));
  return v_result;
end $$;

-- The file behind a link (the public route; the token is the capability), or null when it is
-- unknown or expired.
create function public.console_file_get(p_token_hash text) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce((
    select jsonb_build_object('name', f.name, 'mime_type', f.mime_type, 'size', f.size, 'data', encode(f.data, 'base64'))
      from public.console_files f
     where f.token_hash = p_token_hash and f.expires_at > public.uom_now()), 'null'::jsonb)
$$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------
alter table public.console_files enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
