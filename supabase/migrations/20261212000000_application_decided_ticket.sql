-- An application's staff ticket is resolved when the application is decided or withdrawn.
--
-- Submitting an application opens a staff ticket (category 'programme', reason 'application').
-- Deciding it (`uom applications set-status … accepted`, the console) or the founder's withdrawal
-- left that ticket open: staff saw a decided application as unanswered work, and because a founder
-- has at most one unresolved ticket (`tickets_one_open`), their next "gặp cán bộ" joined the old
-- application ticket instead of opening a new one. No rating is asked: nobody talked to the
-- founder on that ticket.

create or replace function public.application_ticket_close(p_ticket_id bigint, p_by text, p_status text) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if p_ticket_id is null then
    return;
  end if;
  update public.tickets
     set status = 'resolved', resolved_at = public.uom_now(), resolved_by = p_by, updated_at = public.uom_now()
   where id = p_ticket_id and status <> 'resolved';
  if found then
    insert into public.ticket_messages (ticket_id, author, body)
      values (p_ticket_id, 'system', jsonb_build_object('event', 'resolved', 'by', p_by, 'application', p_status));
  end if;
end $$;

revoke execute on function public.application_ticket_close(bigint, text, text) from public, anon, authenticated;
grant execute on function public.application_ticket_close(bigint, text, text) to service_role;

create or replace function public.application_set_status(p_id bigint, p_status text, p_note text default null) returns jsonb
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
     set status = p_status, status_note = coalesce(p_note, status_note), updated_at = public.uom_now()
   where id = p_id returning * into v_app;
  if p_status in ('accepted', 'rejected', 'withdrawn') then
    perform public.application_ticket_close(v_app.ticket_id, 'staff', p_status);
  end if;
  return jsonb_build_object('id', v_app.id, 'status', v_app.status, 'status_note', v_app.status_note,
                            'contact_id', v_app.contact_id, 'conversation_id', v_app.conversation_id,
                            'programme_id', v_app.programme_id, 'locale', v_app.locale);
end $$;

create or replace function public.fx_application_withdraw(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_app public.programme_applications;
begin
  update public.programme_applications
     set status = 'withdrawn', updated_at = public.uom_now()
   where id = (p_args->>'application_id')::bigint
     and contact_id = (p_args->>'contact_id')::bigint
     and status in ('submitted', 'in_review')
  returning * into v_app;
  if not found then
    return jsonb_build_object('ok', false, 'code', 'not_withdrawable');
  end if;
  perform public.application_ticket_close(v_app.ticket_id, 'founder', 'withdrawn');
  return jsonb_build_object('ok', true, 'application_id', v_app.id, 'programme_id', v_app.programme_id);
end $$;
