-- Ươm staff console (issue 14), third part: founders (search, one founder's record) and erasure
-- on request through contact_forget, the same function /forget uses, with a typed confirmation
-- and an audit entry (admins only); a faster inbox and ticket page (indexes, a ticket's earlier
-- messages read per conversation in index order, a brief ticket for actions).

-- The inbox reads open tickets in this order and watches the newest change.
create index if not exists tickets_inbox on public.tickets (priority, sla_due_at, number) where status <> 'resolved';
create index if not exists tickets_updated on public.tickets (updated_at);

-- A ticket's routing only (channel, recipient, topic, language), for actions on it.
create function public.console_ticket_brief(p_session text, p_number bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
begin
  return (select public.ticket_json(t) from public.tickets t where t.number = p_number);
end $$;

-- One ticket with its thread and the founder: channel, profile, consent, applications, earlier
-- messages with the bot.
create or replace function public.console_ticket(p_session text, p_number bigint) returns jsonb
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
        -- The newest 50 of each of the founder's conversations (index order), then the newest 50 overall.
        from (select m.id, m.direction, m.body, m.created_at, c.channel
                from public.conversations c
                cross join lateral (select * from public.messages x where x.conversation_id = c.id order by x.id desc limit 50) m
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

-- Founders whose name, phone, e-mail or startup contains p_query (all when empty), newest first.
create function public.console_founders(p_session text, p_query text default null, p_limit integer default 100) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_q text := nullif(btrim(coalesce(p_query, '')), '');
begin
  return coalesce((
    select jsonb_agg(jsonb_build_object('id', k.id, 'name', k.display_name, 'locale', k.locale, 'consented_at', k.consented_at,
                                        'startup', k.profile->>'startup', 'created_at', k.created_at,
                                        'channels', (select jsonb_agg(distinct i.channel) from public.channel_identities i where i.contact_id = k.id))
                     order by k.id desc)
      from (select * from public.contacts c
             where c.erased_at is null
               and (v_q is null or c.display_name ilike '%' || v_q || '%' or c.email ilike '%' || v_q || '%'
                    or c.phone like '%' || regexp_replace(v_q, '[^0-9]', '', 'g') || '%' and regexp_replace(v_q, '[^0-9]', '', 'g') <> ''
                    or c.profile->>'startup' ilike '%' || v_q || '%' or c.id::text = v_q)
             order by c.id desc limit least(greatest(p_limit, 1), 500)) k), '[]'::jsonb);
end $$;

-- One founder: profile, consent, channels, applications, bookings, survey answers, tickets.
create function public.console_founder(p_session text, p_contact_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_contact public.contacts;
begin
  select * into v_contact from public.contacts where id = p_contact_id;
  if not found then
    return null;
  end if;
  return jsonb_build_object(
    'id', v_contact.id, 'name', v_contact.display_name, 'locale', v_contact.locale, 'phone', v_contact.phone,
    'email', v_contact.email, 'profile', v_contact.profile, 'consent_version', v_contact.consent_version,
    'consented_at', v_contact.consented_at, 'consent_channel', v_contact.consent_channel,
    'subscribed', v_contact.subscribed, 'erased_at', v_contact.erased_at, 'created_at', v_contact.created_at,
    'channels', coalesce((select jsonb_agg(jsonb_build_object('channel', i.channel, 'reachable', i.reachable, 'reason', i.unreachable_reason) order by i.id)
                            from public.channel_identities i where i.contact_id = p_contact_id), '[]'::jsonb),
    'applications', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'programme_id', a.programme_id, 'status', a.status, 'created_at', a.created_at) order by a.id)
                                from public.programme_applications a where a.contact_id = p_contact_id), '[]'::jsonb),
    'bookings', coalesce((select jsonb_agg(jsonb_build_object('code', b.code, 'space_id', b.space_id, 'start', lower(b.during), 'end', upper(b.during), 'status', b.status) order by lower(b.during) desc)
                            from public.bookings b where b.contact_id = p_contact_id), '[]'::jsonb),
    'surveys', coalesce((select jsonb_agg(jsonb_build_object('survey_id', r.survey_id, 'completed_at', r.completed_at,
                                                             'answers', (select jsonb_object_agg(s.question_id, s.value) from public.survey_answers s where s.response_id = r.id)) order by r.id)
                           from public.survey_responses r where r.contact_id = p_contact_id), '[]'::jsonb),
    'tickets', coalesce((select jsonb_agg(jsonb_build_object('number', t.number, 'status', t.status, 'opened_at', t.opened_at, 'csat_score', t.csat_score) order by t.id desc)
                           from public.tickets t where t.contact_id = p_contact_id), '[]'::jsonb));
end $$;

-- Erases a founder's personal data (the same contact_forget as /forget). Admins only; p_confirm
-- must repeat the founder's id, so a slip of the mouse erases nothing.
create function public.console_founder_erase(p_session text, p_contact_id bigint, p_confirm text) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'admin');
  v_result jsonb;
begin
  if p_confirm is distinct from p_contact_id::text then
    return jsonb_build_object('ok', false, 'code', 'not_confirmed');
  end if;
  v_result := public.contact_forget(p_contact_id);
  perform public.console_audit_write(v_staff, 'founder_erase', p_contact_id::text, jsonb_build_object('messages', v_result->'messages'));
  return jsonb_build_object('ok', true);
end $$;

-- A staff reply or internal note by ticket number in one call (the form's only database call
-- after the session check): the founder's message is picked from p_payloads {vi, en} by the
-- ticket's language and relayed on the founder's own channel; p_topic, when the ticket has a
-- topic in the staff group, is posted there (for notes too), so the group stays in step. Goes
-- through console_ticket_message → fx_ticket_staff_message as before.
create function public.console_ticket_send(p_session text, p_number bigint, p_author text, p_payloads jsonb,
                                           p_topic jsonb, p_event_key text)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_staff public.staff_members := public.console_require(p_session, 'staff');
  v_ticket public.tickets;
  v_body jsonb;
  v_topic jsonb := '[]'::jsonb;
  v_founder jsonb := '[]'::jsonb;
  v_result jsonb;
begin
  select * into v_ticket from public.tickets where number = p_number;
  if not found then
    raise exception using errcode = 'PT404', message = 'ticket not found';
  end if;
  if p_author not in ('staff', 'note') then
    raise exception using errcode = 'PT422', message = 'author must be staff or note';
  end if;
  v_body := p_payloads->(case when p_author = 'note' then 'note' when v_ticket.locale = 'en' then 'en' else 'vi' end);
  if v_body is null then
    raise exception using errcode = 'PT422', message = 'no message for the ticket''s language';
  end if;
  if v_ticket.topic_id is not null and p_topic is not null then
    v_topic := jsonb_build_array(jsonb_build_object(
      'channel', 'telegram', 'recipient', v_ticket.staff_chat_id, 'kind', 'staff', 'priority', 5,
      'payload', p_topic || jsonb_build_object('threadId', v_ticket.topic_id),
      'dedupe_key', case p_author when 'note' then 'handoff:note-topic:' else 'handoff:s2f-topic:' end || p_event_key));
  end if;
  if p_author = 'staff' then
    v_founder := jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
      'channel', v_ticket.channel, 'recipient', v_ticket.recipient, 'conversation_id', v_ticket.conversation_id,
      'contact_id', v_ticket.contact_id, 'payload', v_body, 'kind', 'relay', 'priority', 5,
      'dedupe_key', 'handoff:s2f:' || p_event_key)));
  end if;
  v_result := public.console_ticket_message(p_session, v_ticket.id, p_author, v_body, p_event_key, v_founder || v_topic);
  -- fx_ticket_staff_message queues items for replies only; a note's copy in the topic is queued here.
  if p_author = 'note' and coalesce((v_result->>'ok')::boolean, false) and not coalesce((v_result->>'duplicate')::boolean, false) then
    perform public.ticket_enqueue(v_topic, v_ticket.conversation_id);
  end if;
  return v_result || jsonb_build_object('number', v_ticket.number);
end $$;

-- survey_export also says in which language (and on which channel) each founder answered, so
-- exports can show the labels they saw.
create or replace function public.survey_export(p_survey_id text, p_completed_only boolean default false) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'response_id', r.id, 'started_at', r.started_at, 'completed_at', r.completed_at,
           'locale', coalesce(k.locale, 'vi'),
           'channel', (select c.channel from public.conversations c where c.contact_id = r.contact_id order by c.last_inbound_at desc nulls last limit 1),
           'answers', coalesce((select jsonb_object_agg(a.question_id, a.value)
                                  from public.survey_answers a where a.response_id = r.id), '{}'::jsonb))
         order by r.id), '[]'::jsonb)
    from public.survey_responses r
    left join public.contacts k on k.id = r.contact_id
   where r.survey_id = p_survey_id and (not p_completed_only or r.completed_at is not null)
$$;

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
