-- Issue 12: moving a booking keeps its code. The founder was told a code (and may have written
-- it down or given it to staff); a move now changes the booking's time (and space) in place, so
-- the code, the id and the reminder buttons stay the same. The checks are those of the earlier
-- version: the new range is checked and held under the spaces' locks in this one transaction,
-- and if it cannot be had the booking is untouched.
create or replace function public.booking_move(
  p_booking_id bigint, p_contact_id bigint, p_start timestamptz, p_minutes integer,
  p_space_id text default null, p_request_key text default null, p_reminder jsonb default null,
  p_reminder_minutes integer default 120, p_now timestamptz default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := coalesce(p_now, public.uom_now());
  v_old public.bookings;
  v_space public.booking_spaces;
  v_range tstzrange;
  v_problem text;
  v_new public.bookings;
begin
  if p_request_key is not null then
    -- A retried turn: the move it made is returned as it is.
    select * into v_new from public.bookings where request_key = p_request_key;
    if found then
      return jsonb_build_object('ok', true, 'repeated', true, 'booking', public.booking_json(v_new), 'previous', v_new.code);
    end if;
  end if;
  select * into v_old from public.bookings where id = p_booking_id;
  if not found or v_old.contact_id is distinct from p_contact_id then
    return jsonb_build_object('ok', false, 'code', 'not_found');
  end if;
  -- Lock both spaces in a fixed order so two moves between them cannot deadlock.
  perform 1 from public.booking_spaces
   where id in (v_old.space_id, coalesce(p_space_id, v_old.space_id)) order by id for update;
  select * into v_old from public.bookings where id = p_booking_id for update;
  if v_old.status <> 'booked' or upper(v_old.during) <= v_now then
    return jsonb_build_object('ok', false, 'code', 'not_active');
  end if;
  select * into v_space from public.booking_spaces where id = coalesce(p_space_id, v_old.space_id);
  if not found then
    return jsonb_build_object('ok', false, 'code', 'unknown_space');
  end if;
  v_range := tstzrange(p_start, p_start + make_interval(mins => p_minutes), '[)');
  v_problem := public.booking_rule_violation(v_space, v_range, v_now);
  if v_problem is not null then
    return jsonb_build_object('ok', false, 'code', v_problem);
  end if;
  if v_space.capacity - public.booking_peak(v_space.id, v_range, v_old.id) < v_old.seats then
    return jsonb_build_object('ok', false, 'code', 'full',
      'alternatives', public.booking_alternatives_for(v_space, p_start, p_minutes, v_old.seats, v_now, v_old.id));
  end if;
  begin
    update public.bookings
       set space_id = v_space.id, exclusive = v_space.exclusive, during = v_range, confirmed_at = null,
           request_key = coalesce(p_request_key, request_key)
     where id = v_old.id
    returning * into v_new;
  exception when exclusion_violation then
    return jsonb_build_object('ok', false, 'code', 'full');
  end;
  -- The old reminder is withdrawn and its dedupe key freed, so the new one can be queued.
  update public.outbox
     set dedupe_key = dedupe_key || ':moved:' || id,
         status = case when status = 'pending' then 'cancelled' else status end,
         last_error = case when status = 'pending' then 'booking moved' else last_error end
   where dedupe_key = 'booking-reminder:' || v_old.id;
  perform public.booking_queue_reminder(v_new, p_reminder, p_reminder_minutes, v_now);
  return jsonb_build_object('ok', true, 'booking', public.booking_json(v_new), 'previous', v_old.code);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Security (no new tables; the function keeps service_role only)
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema public from public, anon, authenticated;
grant execute on all functions in schema public to service_role;
