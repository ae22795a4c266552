-- Ươm staff console (issue 14): sign-in links and passwords, sessions, the audit log, and the
-- console's own functions. Every console_* function takes the session token's hash and checks the
-- role in the database (public.console_require) before it does anything, then calls the same
-- functions the bot, the Telegram staff workspace and the CLI call (fx_ticket_*, application_*,
-- broadcast_*), so there is one data path. Tokens are stored only as SHA-256 hashes; passwords
-- only as scrypt hashes made by the server.

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

-- Staff invited by e-mail may have no Telegram account.
alter table public.staff_members alter column telegram_user_id drop not null;
alter table public.staff_members add column email text;
alter table public.staff_members add column password_hash text;
alter table public.staff_members add column password_set_at timestamptz;
create unique index staff_members_email on public.staff_members (lower(email)) where email is not null;

create table public.staff_tokens (
  id bigint generated always as identity primary key,
  staff_id bigint not null references public.staff_members (id) on delete cascade,
  kind text not null check (kind in ('login', 'invite')),
  token_hash text not null unique,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index staff_tokens_staff on public.staff_tokens (staff_id);
comment on table public.staff_tokens is 'One-time sign-in links and invitations (SHA-256 of the token only).';

create table public.staff_sessions (
  id bigint generated always as identity primary key,
  staff_id bigint not null references public.staff_members (id) on delete cascade,
  token_hash text not null unique,
  csrf_token text not null,
  method text not null check (method in ('link', 'password', 'invite')),
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  user_agent text
);
create index staff_sessions_staff on public.staff_sessions (staff_id);
comment on table public.staff_sessions is 'Console sessions (SHA-256 of the cookie value); expire and can be revoked.';

create table public.staff_login_attempts (
  id bigint generated always as identity primary key,
  key text not null,
  at timestamptz not null
);
create index staff_login_attempts_key on public.staff_login_attempts (key, at);
comment on table public.staff_login_attempts is 'Sign-in attempts per key (e-mail, Telegram id, address) for rate limiting.';

create table public.staff_audit (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  staff_id bigint references public.staff_members (id) on delete set null,
  staff_name text,
  action text not null,
  target text,
  detail jsonb not null default '{}'::jsonb
);
create index staff_audit_at on public.staff_audit (at desc);
comment on table public.staff_audit is 'Every staff action in the console (admins read and export it).';

-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------

-- The staff member of a live session with at least p_role ('staff' or 'admin'); raises PT401
-- for no/expired/revoked session and PT403 for a staff member where an admin is needed.
create function public.console_require(p_session text, p_role text default 'staff')
returns public.staff_members
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members;
begin
  select m.* into v_staff
    from public.staff_sessions s join public.staff_members m on m.id = s.staff_id
   where s.token_hash = p_session and s.revoked_at is null and s.expires_at > public.uom_now();
  if not found then
    raise exception using errcode = 'PT401', message = 'no valid console session';
  end if;
  if p_role = 'admin' and v_staff.role <> 'admin' then
    raise exception using errcode = 'PT403', message = 'an admin is needed';
  end if;
  return v_staff;
end $$;

-- Writes one audit entry.
create function public.console_audit_write(p_staff public.staff_members, p_action text, p_target text, p_detail jsonb)
returns void
language sql security definer set search_path = ''
as $$
  insert into public.staff_audit (at, staff_id, staff_name, action, target, detail)
  values (public.uom_now(), p_staff.id, coalesce(p_staff.display_name, p_staff.email, p_staff.telegram_user_id),
          p_action, p_target, coalesce(p_detail, '{}'::jsonb))
$$;

-- Counts an attempt for p_key and says whether it is within p_max per p_window_seconds.
create function public.console_rate_check(p_key text, p_max integer, p_window_seconds integer) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_count integer;
begin
  delete from public.staff_login_attempts where at < public.uom_now() - interval '1 day';
  select count(*) into v_count from public.staff_login_attempts
   where key = p_key and at > public.uom_now() - make_interval(secs => p_window_seconds);
  if v_count >= p_max then
    return jsonb_build_object('allowed', false);
  end if;
  insert into public.staff_login_attempts (key, at) values (p_key, public.uom_now());
  return jsonb_build_object('allowed', true);
end $$;

create function public.console_staff_json(p_staff public.staff_members) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object('id', p_staff.id, 'role', p_staff.role, 'telegram_user_id', p_staff.telegram_user_id,
                            'name', coalesce(p_staff.display_name, p_staff.email, p_staff.telegram_user_id),
                            'email', p_staff.email)
$$;

-- Opens a session (inside the sign-in functions only).
create function public.console_session_open(p_staff public.staff_members, p_session text, p_csrf text, p_method text,
                                            p_ttl_seconds integer, p_user_agent text)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.staff_sessions (staff_id, token_hash, csrf_token, method, created_at, last_seen_at, expires_at, user_agent)
  values (p_staff.id, p_session, p_csrf, p_method, public.uom_now(), public.uom_now(),
          public.uom_now() + make_interval(secs => p_ttl_seconds), left(p_user_agent, 300));
  perform public.console_audit_write(p_staff, 'sign_in', null, jsonb_build_object('method', p_method));
  return jsonb_build_object('ok', true, 'staff', public.console_staff_json(p_staff));
end $$;

-- ---------------------------------------------------------------------------------------------
-- Signing in
-- ---------------------------------------------------------------------------------------------

-- A one-time sign-in link for a Telegram user on the roster: stores the token's hash and queues
-- the message (p_payload, holding the link) to their own Telegram chat. Unknown ids get
-- {ok:false} and nothing is sent. Rate limited per Telegram id.
create function public.console_link_request(p_telegram_user_id text, p_token_hash text, p_ttl_seconds integer, p_payload jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members;
begin
  if not (public.console_rate_check('tg:' || coalesce(p_telegram_user_id, ''), 5, 900)->>'allowed')::boolean then
    return jsonb_build_object('ok', false, 'code', 'rate_limited');
  end if;
  select * into v_staff from public.staff_members where telegram_user_id = p_telegram_user_id;
  if not found then
    return jsonb_build_object('ok', false, 'code', 'unknown');
  end if;
  insert into public.staff_tokens (staff_id, kind, token_hash, created_at, expires_at)
  values (v_staff.id, 'login', p_token_hash, public.uom_now(), public.uom_now() + make_interval(secs => p_ttl_seconds));
  perform public.outbox_enqueue(jsonb_build_array(jsonb_build_object(
    'channel', 'telegram', 'recipient', v_staff.telegram_user_id, 'kind', 'staff', 'priority', 0,
    'payload', p_payload, 'dedupe_key', 'console:link:' || p_token_hash)), null);
  return jsonb_build_object('ok', true);
end $$;

-- Uses a sign-in link (or an invitation, with the new password's hash) once: a used, expired or
-- unknown token is refused.
create function public.console_token_use(p_token_hash text, p_kind text, p_session text, p_csrf text,
                                         p_ttl_seconds integer, p_user_agent text default null,
                                         p_password_hash text default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_token public.staff_tokens;
  v_staff public.staff_members;
begin
  update public.staff_tokens set used_at = public.uom_now()
   where token_hash = p_token_hash and kind = p_kind and used_at is null and expires_at > public.uom_now()
  returning * into v_token;
  if v_token.id is null then
    return jsonb_build_object('ok', false, 'code', 'invalid_link');
  end if;
  if p_kind = 'invite' then
    if p_password_hash is null or p_password_hash !~ '^scrypt\$' then
      raise exception using errcode = 'PT422', message = 'a password hash is needed';
    end if;
    update public.staff_members set password_hash = p_password_hash, password_set_at = public.uom_now()
     where id = v_token.staff_id;
  end if;
  select * into v_staff from public.staff_members where id = v_token.staff_id;
  return public.console_session_open(v_staff, p_session, p_csrf, case p_kind when 'invite' then 'invite' else 'link' end,
                                     p_ttl_seconds, p_user_agent);
end $$;

-- The password hash of an e-mail (the server verifies it with scrypt), after the rate limit.
create function public.console_password_lookup(p_email text, p_address text) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members;
begin
  if not (public.console_rate_check('email:' || lower(coalesce(p_email, '')), 10, 900)->>'allowed')::boolean
     or not (public.console_rate_check('addr:' || coalesce(p_address, ''), 30, 900)->>'allowed')::boolean then
    return jsonb_build_object('ok', false, 'code', 'rate_limited');
  end if;
  select * into v_staff from public.staff_members where lower(email) = lower(p_email) and password_hash is not null;
  if not found then
    return jsonb_build_object('ok', false, 'code', 'unknown');
  end if;
  return jsonb_build_object('ok', true, 'staff_id', v_staff.id, 'password_hash', v_staff.password_hash);
end $$;

-- Opens a session after the server verified the password of p_staff_id.
create function public.console_password_session(p_staff_id bigint, p_session text, p_csrf text, p_ttl_seconds integer,
                                                p_user_agent text default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members;
begin
  select * into v_staff from public.staff_members where id = p_staff_id and password_hash is not null;
  if not found then
    return jsonb_build_object('ok', false, 'code', 'unknown');
  end if;
  return public.console_session_open(v_staff, p_session, p_csrf, 'password', p_ttl_seconds, p_user_agent);
end $$;

-- An invitation for e-mail + password (uom staff invite): creates or updates the member.
create function public.console_invite_create(p_email text, p_role text, p_display_name text, p_telegram_user_id text,
                                             p_token_hash text, p_ttl_seconds integer)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members;
begin
  if p_email is null or p_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    raise exception using errcode = 'PT422', message = 'an e-mail address is needed';
  end if;
  if p_role not in ('admin', 'staff') then
    raise exception using errcode = 'PT422', message = 'role must be admin or staff';
  end if;
  select * into v_staff from public.staff_members
   where lower(email) = lower(p_email) or (p_telegram_user_id is not null and telegram_user_id = p_telegram_user_id)
   order by id limit 1;
  if found then
    update public.staff_members
       set email = p_email, role = p_role, display_name = coalesce(p_display_name, display_name),
           telegram_user_id = coalesce(p_telegram_user_id, telegram_user_id)
     where id = v_staff.id returning * into v_staff;
  else
    insert into public.staff_members (telegram_user_id, role, display_name, email, created_at)
    values (p_telegram_user_id, p_role, p_display_name, p_email, public.uom_now())
    returning * into v_staff;
  end if;
  insert into public.staff_tokens (staff_id, kind, token_hash, created_at, expires_at)
  values (v_staff.id, 'invite', p_token_hash, public.uom_now(), public.uom_now() + make_interval(secs => p_ttl_seconds));
  return jsonb_build_object('ok', true, 'staff', public.console_staff_json(v_staff));
end $$;

-- The session's staff member and CSRF token (every console request), or PT401/PT403.
create function public.console_session(p_session text, p_role text default 'staff') returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, p_role);
  v_csrf text;
begin
  update public.staff_sessions set last_seen_at = public.uom_now()
   where token_hash = p_session and last_seen_at < public.uom_now() - interval '1 minute';
  select csrf_token into v_csrf from public.staff_sessions where token_hash = p_session;
  return jsonb_build_object('staff', public.console_staff_json(v_staff), 'csrf', v_csrf);
end $$;

-- Signs out (revokes the session).
create function public.console_sign_out(p_session text) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  update public.staff_sessions set revoked_at = public.uom_now() where token_hash = p_session;
  perform public.console_audit_write(v_staff, 'sign_out', null, '{}'::jsonb);
  return jsonb_build_object('ok', true);
end $$;

-- Admin: live sessions of everyone, and revoking one.
create function public.console_sessions(p_session text) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'admin');
begin
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', s.id, 'staff', coalesce(m.display_name, m.email, m.telegram_user_id),
                                        'role', m.role, 'method', s.method, 'created_at', s.created_at,
                                        'last_seen_at', s.last_seen_at, 'expires_at', s.expires_at,
                                        'current', s.token_hash = p_session) order by s.id desc)
      from public.staff_sessions s join public.staff_members m on m.id = s.staff_id
     where s.revoked_at is null and s.expires_at > public.uom_now()), '[]'::jsonb);
end $$;

create function public.console_session_revoke(p_session text, p_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'admin');
begin
  update public.staff_sessions set revoked_at = public.uom_now() where id = p_id and revoked_at is null;
  perform public.console_audit_write(v_staff, 'session_revoke', p_id::text, '{}'::jsonb);
  return jsonb_build_object('ok', found);
end $$;

-- Admin: the audit log, newest first.
create function public.console_audit(p_session text, p_limit integer default 500) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'admin');
begin
  return coalesce((
    select jsonb_agg(to_jsonb(a) order by a.id desc)
      from (select * from public.staff_audit order by id desc limit least(greatest(p_limit, 1), 10000)) a), '[]'::jsonb);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Inbox
-- ---------------------------------------------------------------------------------------------

-- Unresolved tickets for the inbox. p_filter: {view: 'all'|'mine'|'unassigned'|'overdue',
-- channel?, category?}. Also the counts per view and a change stamp for live updates.
create function public.console_inbox(p_session text, p_filter jsonb default '{}'::jsonb, p_limit integer default 200)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_view text := coalesce(p_filter->>'view', 'all');
  v_now timestamptz := public.uom_now();
  v_rows jsonb;
begin
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', t.id, 'number', t.number, 'status', t.status, 'channel', t.channel, 'category', t.category,
           'reason', t.reason, 'priority', t.priority, 'founder_name', t.founder_name, 'summary', left(t.summary, 200),
           'assignee', coalesce(a.display_name, a.email, a.telegram_user_id), 'assignee_id', t.assignee_id,
           'opened_at', t.opened_at, 'sla_due_at', t.sla_due_at, 'first_response_at', t.first_response_at,
           'overdue', t.first_response_at is null and t.sla_due_at < v_now, 'updated_at', t.updated_at)
           order by t.priority, t.sla_due_at nulls last, t.number), '[]'::jsonb)
    into v_rows
    from (select * from public.tickets t
           where t.status <> 'resolved'
             and (v_view <> 'mine' or t.assignee_id = v_staff.id)
             and (v_view <> 'unassigned' or t.assignee_id is null)
             and (v_view <> 'overdue' or (t.first_response_at is null and t.sla_due_at < v_now))
             and (p_filter->>'channel' is null or t.channel = p_filter->>'channel')
             and (p_filter->>'category' is null or t.category = p_filter->>'category')
           order by t.priority, t.sla_due_at nulls last, t.number
           limit least(greatest(p_limit, 1), 1000)) t
    left join public.staff_members a on a.id = t.assignee_id;
  return jsonb_build_object(
    'tickets', v_rows,
    'counts', (select jsonb_build_object(
                 'all', count(*),
                 'mine', count(*) filter (where assignee_id = v_staff.id),
                 'unassigned', count(*) filter (where assignee_id is null),
                 'overdue', count(*) filter (where first_response_at is null and sla_due_at < v_now))
                 from public.tickets where status <> 'resolved'),
    'stamp', public.console_stamp(p_session));
end $$;

-- A cheap stamp that changes whenever a ticket or its thread changes (live updates poll it).
create function public.console_stamp(p_session text) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  return (select coalesce(max(id), 0)::text from public.ticket_messages) || ':' ||
         (select coalesce(extract(epoch from max(updated_at)), 0)::text from public.tickets);
end $$;

-- One ticket with its thread and the founder: channel, profile, consent, applications, earlier
-- messages with the bot.
create function public.console_ticket(p_session text, p_number bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_ticket public.tickets;
  v_contact public.contacts;
begin
  select * into v_ticket from public.tickets where number = p_number;
  if not found then
    return null;
  end if;
  select * into v_contact from public.contacts where id = v_ticket.contact_id;
  return public.ticket_json(v_ticket) || jsonb_build_object(
    'assignee', (select coalesce(display_name, email, telegram_user_id) from public.staff_members where id = v_ticket.assignee_id),
    'overdue', v_ticket.first_response_at is null and v_ticket.sla_due_at < public.uom_now(),
    'messages', coalesce((
      select jsonb_agg(jsonb_build_object('id', m.id, 'author', m.author, 'body', m.body, 'at', m.created_at,
                                          'staff', coalesce(s.display_name, s.email, m.staff_user_id)) order by m.id)
        from public.ticket_messages m
        left join public.staff_members s on s.telegram_user_id = m.staff_user_id or ('console:' || s.id) = m.staff_user_id
       where m.ticket_id = v_ticket.id), '[]'::jsonb),
    'history', coalesce((
      select jsonb_agg(jsonb_build_object('direction', h.direction, 'body', h.body, 'at', h.created_at, 'channel', h.channel) order by h.id)
        from (select m.id, m.direction, m.body, m.created_at, c.channel
                from public.messages m join public.conversations c on c.id = m.conversation_id
               where c.contact_id = v_ticket.contact_id and v_ticket.contact_id is not null
               order by m.id desc limit 50) h), '[]'::jsonb),
    'founder', case when v_contact.id is null then null else jsonb_build_object(
      'contact_id', v_contact.id, 'name', v_contact.display_name, 'locale', v_contact.locale,
      'phone', v_contact.phone, 'email', v_contact.email, 'profile', v_contact.profile,
      'consent_version', v_contact.consent_version, 'consented_at', v_contact.consented_at,
      'consent_channel', v_contact.consent_channel, 'subscribed', v_contact.subscribed,
      'channels', coalesce((select jsonb_agg(jsonb_build_object('channel', i.channel, 'reachable', i.reachable) order by i.id)
                              from public.channel_identities i where i.contact_id = v_contact.id), '[]'::jsonb),
      'applications', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'programme_id', a.programme_id,
                                                                    'status', a.status, 'created_at', a.created_at) order by a.id)
                                  from public.programme_applications a where a.contact_id = v_contact.id), '[]'::jsonb)) end);
end $$;

-- The staff_user_id the console writes on ticket messages: the Telegram id when there is one, so
-- the Telegram workspace and the console name the same person.
create function public.console_staff_user_id(p_staff public.staff_members) returns text
language sql immutable security definer set search_path = ''
as $$ select coalesce(p_staff.telegram_user_id, 'console:' || p_staff.id) $$;

-- Claims a ticket for the session's staff member. p_outbox: the notice in the Telegram topic.
create function public.console_ticket_claim(p_session text, p_ticket_id bigint, p_outbox jsonb default '[]'::jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_ticket public.tickets;
begin
  update public.tickets
     set assignee_id = v_staff.id, assigned_at = public.uom_now(),
         status = case when status = 'open' then 'assigned' else status end, updated_at = public.uom_now()
   where id = p_ticket_id and status <> 'resolved'
  returning * into v_ticket;
  if v_ticket.id is null then
    return jsonb_build_object('ok', false, 'code', 'not_open');
  end if;
  insert into public.ticket_messages (ticket_id, author, staff_user_id, body, created_at)
    values (v_ticket.id, 'system', public.console_staff_user_id(v_staff), jsonb_build_object('event', 'claimed'), public.uom_now());
  perform public.ticket_enqueue(p_outbox, v_ticket.conversation_id);
  perform public.console_audit_write(v_staff, 'ticket_claim', '#' || v_ticket.number, '{}'::jsonb);
  return jsonb_build_object('ok', true, 'ticket_id', v_ticket.id, 'number', v_ticket.number);
end $$;

-- A staff reply or an internal note, through fx_ticket_staff_message (as the Telegram topic and
-- the CLI do). p_outbox: the relay to the founder and the copy in the Telegram topic.
create function public.console_ticket_message(p_session text, p_ticket_id bigint, p_author text, p_body jsonb,
                                              p_event_key text, p_outbox jsonb default '[]'::jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_ticket public.tickets;
  v_result jsonb;
begin
  select * into v_ticket from public.tickets where id = p_ticket_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'ticket not found';
  end if;
  if v_ticket.status = 'resolved' and p_author = 'staff' then
    return jsonb_build_object('ok', false, 'code', 'resolved');
  end if;
  v_result := public.fx_ticket_staff_message(jsonb_build_object(
    'ticket_id', p_ticket_id, 'staff_user_id', public.console_staff_user_id(v_staff), 'author', p_author,
    'body', p_body, 'event_key', p_event_key, 'outbox', p_outbox));
  if p_author = 'staff' then
    update public.tickets set assignee_id = coalesce(assignee_id, v_staff.id),
                              assigned_at = coalesce(assigned_at, public.uom_now())
     where id = p_ticket_id;
  end if;
  if not coalesce((v_result->>'duplicate')::boolean, false) then
    perform public.console_audit_write(v_staff, case p_author when 'note' then 'ticket_note' else 'ticket_reply' end,
                                       '#' || v_ticket.number, '{}'::jsonb);
  end if;
  return v_result || jsonb_build_object('ok', true);
end $$;

-- Resolves a ticket through fx_ticket_resolve. p_outbox: the CSAT question to the founder and
-- the topic notice.
create function public.console_ticket_resolve(p_session text, p_ticket_id bigint, p_outbox jsonb default '[]'::jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_result jsonb;
begin
  v_result := public.fx_ticket_resolve(jsonb_build_object(
    'ticket_id', p_ticket_id, 'by', 'staff', 'staff_user_id', public.console_staff_user_id(v_staff), 'outbox', p_outbox));
  if (v_result->>'ok')::boolean then
    perform public.console_audit_write(v_staff, 'ticket_resolve', '#' || (v_result->>'number'), '{}'::jsonb);
  end if;
  return v_result;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Applications
-- ---------------------------------------------------------------------------------------------

-- Applications of a programme (or all), newest first, for the pipeline.
create function public.console_applications(p_session text, p_programme_id text default null) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', a.id, 'programme_id', a.programme_id, 'status', a.status,
                                        'status_note', a.status_note, 'locale', a.locale, 'created_at', a.created_at,
                                        'updated_at', a.updated_at, 'founder', k.display_name,
                                        'channel', (select c.channel from public.conversations c where c.id = a.conversation_id))
                     order by a.id desc)
      from public.programme_applications a left join public.contacts k on k.id = a.contact_id
     where p_programme_id is null or a.programme_id = p_programme_id), '[]'::jsonb);
end $$;

-- Changes an application's status through application_set_status and queues the founder's
-- notice in their language (p_notice: {vi: Outbound, en: Outbound}) in the same transaction.
create function public.console_application_status(p_session text, p_id bigint, p_status text, p_note text,
                                                  p_notice jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_result jsonb;
  v_notified boolean := false;
begin
  v_result := public.application_set_status(p_id, p_status, p_note);
  if (v_result->>'conversation_id') is not null and (v_result->>'contact_id') is not null and p_notice is not null then
    perform public.outbox_enqueue(jsonb_build_array(jsonb_build_object(
      'payload', p_notice->(case when v_result->>'locale' = 'en' then 'en' else 'vi' end),
      'kind', 'notice', 'dedupe_key', format('application:%s:%s', p_id, v_result->>'status'))),
      (v_result->>'conversation_id')::bigint);
    v_notified := true;
  end if;
  perform public.console_audit_write(v_staff, 'application_status', p_id::text,
                                     jsonb_build_object('status', p_status));
  return v_result || jsonb_build_object('notified', v_notified);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Broadcasts
-- ---------------------------------------------------------------------------------------------

-- "All" means every subscribed, consented, reachable founder on every channel, web chat
-- included (the first version left web chat out when no channel was named).
create or replace function public.broadcast_audience_rows(p_spec jsonb, p_after bigint default 0, p_limit integer default null)
returns table (contact_id bigint, channel text, recipient text, conversation_id bigint,
               display_name text, locale text, last_inbound_at timestamptz)
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_spec jsonb := coalesce(p_spec, '{}'::jsonb);
  v_programme bigint[];
  v_survey bigint[];
begin
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
     and (not v_spec ? 'channel' or i.channel in (select jsonb_array_elements_text(v_spec->'channel')))
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

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------
alter table public.staff_tokens enable row level security;
alter table public.staff_sessions enable row level security;
alter table public.staff_login_attempts enable row level security;
alter table public.staff_audit enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
