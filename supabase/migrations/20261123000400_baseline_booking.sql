-- Baseline of release 2026-11 (squashed from its nine migrations; the originals are kept in
-- tests/store/fixtures/release-2026-11/). Released: never edit; change the schema in a new file.
--
-- Coworking booking: spaces, bookings (no double booking: an exclusion constraint), free slots,
-- alternatives, reminders and statistics.
--
-- Ươm coworking space booking: spaces (synced from content/spaces.yaml), bookings
-- over time ranges, and the functions that hold the invariants.
--
-- Invariants live here, not in TypeScript:
-- - rooms, halls and quiet rooms never overlap: an exclusion constraint (btree_gist);
-- - hot desks never exceed their seats at any instant: `booking_book` / `booking_move` lock the
--   space row (`for update`) and count the peak occupancy of the requested range before inserting;
-- - a move is atomic: the old booking is released in the same transaction that holds the new one.
--
-- Time zone Asia/Ho_Chi_Minh (UTC+7, no daylight saving) for opening hours and days; every
-- instant is stored as timestamptz. Functions take `p_now` so tests and the bot's injectable
-- clock decide what "now" is (defaults to the database clock).

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table public.booking_spaces (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  kind text not null check (kind in ('hot_desk', 'meeting_room', 'hall', 'quiet_room')),
  -- Only hot desks share a space between bookings (up to `capacity` seats at once).
  exclusive boolean generated always as (kind <> 'hot_desk') stored,
  capacity integer not null check (capacity between 1 and 1000),
  name jsonb not null,
  -- {slot_minutes, min_minutes, max_minutes, horizon_days, max_upcoming,
  --  hours: {"1": ["08:00", "17:30"], ... ISO weekday, missing = closed}, closed_dates: ["2026-01-01", ...]}
  rules jsonb not null,
  info jsonb not null default '{}'::jsonb,
  active boolean not null default true,
  position integer not null default 0,
  updated_at timestamptz not null default now()
);

comment on table public.booking_spaces is 'Bookable spaces, synced from content/spaces.yaml at start-up (booking_spaces_sync).';

create table public.bookings (
  id bigint generated always as identity primary key,
  code text not null unique check (code ~ '^[A-Z0-9]{6}$'),
  space_id text not null references public.booking_spaces (id),
  exclusive boolean not null,
  -- Personal link, erased by forget_bookings; the rest stays as anonymous statistics.
  contact_id bigint references public.contacts (id) on delete set null,
  conversation_id bigint references public.conversations (id) on delete set null,
  during tstzrange not null check (not isempty(during) and lower_inc(during) and not upper_inc(during)),
  seats integer not null default 1 check (seats between 1 and 1000),
  status text not null default 'booked' check (status in ('booked', 'cancelled', 'moved')),
  -- The turn (or command) that made the booking: a retried turn gets the same booking back.
  request_key text unique,
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  cancelled_by text check (cancelled_by in ('founder', 'staff', 'forget')),
  cancel_reason text,
  moved_to bigint references public.bookings (id),
  created_at timestamptz not null default now(),
  exclude using gist (space_id with =, during with &&) where (status = 'booked' and exclusive)
);

create index bookings_space_during on public.bookings using gist (space_id, during) where status = 'booked';

create index bookings_contact on public.bookings (contact_id, status);

create index bookings_start on public.bookings (lower(during));

comment on table public.bookings is 'One booking of a space over a time range; rooms never overlap (exclusion constraint).';

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

-- Helpers (internal; callable by service_role only, like everything else)

-- Opening hours of a space on a local day as a range, or null when closed that day.
create function public.booking_day_hours(p_rules jsonb, p_day date)
returns tstzrange
language sql stable security definer set search_path = ''
as $$
  select case
    when coalesce(p_rules->'closed_dates', '[]'::jsonb) ? to_char(p_day, 'YYYY-MM-DD') then null
    when p_rules->'hours'->(extract(isodow from p_day)::int::text) is null then null
    else tstzrange(
      ((p_day + ((p_rules->'hours'->(extract(isodow from p_day)::int::text))->>0)::time) at time zone 'Asia/Ho_Chi_Minh'),
      ((p_day + ((p_rules->'hours'->(extract(isodow from p_day)::int::text))->>1)::time) at time zone 'Asia/Ho_Chi_Minh'),
      '[)')
  end
$$;

-- The most seats in use at any instant of p_range (0 when nothing overlaps). The peak of a set
-- of ranges is reached at one of their starts (or at the start of p_range).
create function public.booking_peak(p_space_id text, p_range tstzrange, p_exclude bigint default null)
returns integer
-- plpgsql, not sql: a security definer sql function is planned on every call; this one is
-- called for every candidate slot.
language plpgsql stable security definer set search_path = ''
as $$
begin
  return (
    with overlapping as (
      select b.during, b.seats from public.bookings b
       where b.space_id = p_space_id and b.status = 'booked' and b.during && p_range
         and b.id is distinct from p_exclude
    ), points as (
      select lower(p_range) as p
      union
      select greatest(lower(o.during), lower(p_range)) from overlapping o
    )
    select coalesce(max((select sum(o.seats) from overlapping o where o.during @> pt.p)), 0)::integer
      from points pt);
end $$;

-- Why a range cannot be booked by the space's rules (not its occupancy), or null when it can.
create function public.booking_rule_violation(p_space public.booking_spaces, p_range tstzrange, p_now timestamptz)
returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_day date := (lower(p_range) at time zone 'Asia/Ho_Chi_Minh')::date;
  v_hours tstzrange := public.booking_day_hours(p_space.rules, v_day);
  v_minutes numeric := extract(epoch from upper(p_range) - lower(p_range)) / 60;
  v_slot integer := coalesce((p_space.rules->>'slot_minutes')::integer, 30);
begin
  if not p_space.active then return 'unknown_space'; end if;
  if lower(p_range) < p_now then return 'past'; end if;
  if lower(p_range) > p_now + make_interval(days => coalesce((p_space.rules->>'horizon_days')::integer, 14)) then
    return 'too_far';
  end if;
  if v_hours is null then return 'closed'; end if;
  if not v_hours @> p_range then return 'outside_hours'; end if;
  if (extract(epoch from lower(p_range) - lower(v_hours))::bigint % (v_slot * 60)) <> 0
     or (v_minutes::bigint % v_slot) <> 0 then
    return 'not_on_slot';
  end if;
  if v_minutes < coalesce((p_space.rules->>'min_minutes')::integer, v_slot) then return 'too_short'; end if;
  if v_minutes > coalesce((p_space.rules->>'max_minutes')::integer, 480) then return 'too_long'; end if;
  return null;
end $$;

-- Free starts of a day for a stay of p_minutes: on the slot grid, inside opening hours, not in
-- the past, and with p_seats free during the whole stay. Each: {start, end, free}.
create function public.booking_day_slots(
  p_space public.booking_spaces, p_day date, p_minutes integer, p_seats integer, p_now timestamptz,
  p_exclude bigint default null
) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_hours tstzrange := public.booking_day_hours(p_space.rules, p_day);
  v_slot interval := make_interval(mins => coalesce((p_space.rules->>'slot_minutes')::integer, 30));
  v_length interval := make_interval(mins => p_minutes);
  v_start timestamptz;
  v_range tstzrange;
  v_free integer;
  v_out jsonb := '[]'::jsonb;
begin
  if v_hours is null or p_minutes is null or not p_space.active
     or p_minutes < coalesce((p_space.rules->>'min_minutes')::integer, 0)
     or p_minutes > coalesce((p_space.rules->>'max_minutes')::integer, 480) then
    return v_out;
  end if;
  v_start := lower(v_hours);
  -- Starts on the grid inside opening hours by construction; only past and horizon to check.
  while v_start + v_length <= upper(v_hours) loop
    v_range := tstzrange(v_start, v_start + v_length, '[)');
    if v_start >= p_now
       and v_start <= p_now + make_interval(days => coalesce((p_space.rules->>'horizon_days')::integer, 14)) then
      v_free := p_space.capacity - public.booking_peak(p_space.id, v_range, p_exclude);
      if v_free >= p_seats then
        v_out := v_out || jsonb_build_object('start', v_start, 'end', v_start + v_length, 'free', v_free);
      end if;
    end if;
    v_start := v_start + v_slot;
  end loop;
  return v_out;
end $$;

-- Nearest free alternatives to a range that could not be had: the same day (closest starts
-- first), the next open day, and other spaces of the same kind at the same time.
create function public.booking_alternatives_for(
  p_space public.booking_spaces, p_start timestamptz, p_minutes integer, p_seats integer, p_now timestamptz,
  p_exclude bigint default null, p_limit integer default 3
) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_day date := (p_start at time zone 'Asia/Ho_Chi_Minh')::date;
  v_same jsonb;
  v_next jsonb := '[]'::jsonb;
  v_next_day date;
  v_other jsonb;
  v_space public.booking_spaces;
begin
  select coalesce(jsonb_agg(s order by abs(extract(epoch from (s->>'start')::timestamptz - p_start)), s->>'start'), '[]'::jsonb)
    into v_same
    from jsonb_array_elements(public.booking_day_slots(p_space, v_day, p_minutes, p_seats, p_now, p_exclude)) s;
  select coalesce(jsonb_agg(e), '[]'::jsonb) into v_same
    from (select e from jsonb_array_elements(v_same) with ordinality x(e, n) where n <= p_limit) t;

  for i in 1..14 loop
    v_next := public.booking_day_slots(p_space, v_day + i, p_minutes, p_seats, p_now, p_exclude);
    if jsonb_array_length(v_next) > 0 then
      v_next_day := v_day + i;
      -- Prefer the same time of day as asked, then the closest to it.
      select coalesce(jsonb_agg(e), '[]'::jsonb) into v_next
        from (select e from jsonb_array_elements(v_next) e
               order by abs(extract(epoch from ((e->>'start')::timestamptz - make_interval(days => i)) - p_start)), e->>'start'
               limit p_limit) t;
      exit;
    end if;
  end loop;

  v_other := '[]'::jsonb;
  for v_space in
    select * from public.booking_spaces
     where kind = p_space.kind and id <> p_space.id and active order by position, id
  loop
    if public.booking_rule_violation(v_space, tstzrange(p_start, p_start + make_interval(mins => p_minutes), '[)'), p_now) is null
       and v_space.capacity - public.booking_peak(v_space.id, tstzrange(p_start, p_start + make_interval(mins => p_minutes), '[)'))
           >= p_seats then
      v_other := v_other || jsonb_build_object('space_id', v_space.id, 'name', v_space.name,
        'start', p_start, 'end', p_start + make_interval(mins => p_minutes));
    end if;
  end loop;

  return jsonb_build_object(
    'same_day', v_same,
    'next_day', case when v_next_day is null then null else jsonb_build_object('date', v_next_day, 'slots', v_next) end,
    'other_spaces', v_other);
end $$;

create function public.booking_json(p_booking public.bookings)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'id', p_booking.id, 'code', p_booking.code, 'space_id', p_booking.space_id,
    'kind', s.kind, 'space_name', s.name, 'info', s.info,
    'start', lower(p_booking.during), 'end', upper(p_booking.during), 'seats', p_booking.seats,
    'status', p_booking.status, 'contact_id', p_booking.contact_id,
    'conversation_id', p_booking.conversation_id, 'confirmed_at', p_booking.confirmed_at,
    'cancelled_at', p_booking.cancelled_at, 'cancelled_by', p_booking.cancelled_by,
    'moved_to', p_booking.moved_to, 'created_at', p_booking.created_at)
    from public.booking_spaces s where s.id = p_booking.space_id
$$;

-- A new code: 6 characters without look-alikes (no 0/O, 1/I/L).
create function public.booking_new_code()
returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_alphabet constant text := 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  v_code text;
begin
  loop
    select string_agg(substr(v_alphabet, 1 + floor(random() * length(v_alphabet))::integer, 1), '')
      into v_code from generate_series(1, 6);
    exit when not exists (select 1 from public.bookings where code = v_code);
  end loop;
  return v_code;
end $$;

-- Queues the reminder of a booking (start − lead) unless that moment has passed. The message
-- is written before the booking exists: `{booking_id}` and `{code}` in it are filled in here.
create function public.booking_queue_reminder(
  p_booking public.bookings, p_reminder jsonb, p_minutes integer, p_now timestamptz
) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_at timestamptz := lower(p_booking.during) - make_interval(mins => coalesce(p_minutes, 120));
begin
  if p_reminder is null or p_booking.conversation_id is null or v_at <= p_now then return; end if;
  perform public.outbox_enqueue(
    jsonb_build_array(jsonb_build_object(
      'payload', replace(replace(p_reminder::text, '{booking_id}', p_booking.id::text), '{code}', p_booking.code)::jsonb,
      'kind', 'reminder', 'priority', 10, 'not_before', v_at,
      'dedupe_key', 'booking-reminder:' || p_booking.id, 'source_id', p_booking.id)),
    p_booking.conversation_id);
end $$;

create function public.booking_cancel_reminder(p_booking_id bigint)
returns void
language sql volatile security definer set search_path = ''
as $$
  update public.outbox set status = 'cancelled', last_error = 'booking no longer active'
   where dedupe_key = 'booking-reminder:' || p_booking_id and status in ('pending')
$$;

-- Operations

-- Replaces the bookable spaces with p_spaces (content/spaces.yaml, validated by the app): each
-- {id, kind, capacity, name, rules, info}. Spaces no longer listed are deactivated (their past
-- bookings stay for statistics).
create function public.booking_spaces_sync(p_spaces jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_item jsonb;
  v_ids text[] := '{}';
  v_position integer := 0;
begin
  for v_item in select * from jsonb_array_elements(coalesce(p_spaces, '[]'::jsonb)) loop
    v_position := v_position + 1;
    insert into public.booking_spaces (id, kind, capacity, name, rules, info, active, position, updated_at)
    values (v_item->>'id', v_item->>'kind', (v_item->>'capacity')::integer, v_item->'name',
            coalesce(v_item->'rules', '{}'::jsonb), coalesce(v_item->'info', '{}'::jsonb), true, v_position, now())
    on conflict (id) do update
      set kind = excluded.kind, capacity = excluded.capacity, name = excluded.name, rules = excluded.rules,
          info = excluded.info, active = true, position = excluded.position, updated_at = now()
      where (public.booking_spaces.kind, public.booking_spaces.capacity, public.booking_spaces.name,
             public.booking_spaces.rules, public.booking_spaces.info, public.booking_spaces.active,
             public.booking_spaces.position)
        is distinct from (excluded.kind, excluded.capacity, excluded.name, excluded.rules, excluded.info, true,
                          excluded.position);
    v_ids := v_ids || (v_item->>'id');
  end loop;
  update public.booking_spaces set active = false, updated_at = now() where active and not (id = any (v_ids));
  return jsonb_build_object('spaces', cardinality(v_ids));
end $$;

-- Free starts of one space on one local day for a stay of p_minutes (default: the shortest
-- booking). Returns {space_id, date, minutes, slots: [{start, end, free}], closed}.
create function public.booking_free_slots(
  p_space_id text, p_day date, p_minutes integer default null, p_seats integer default 1,
  p_now timestamptz default null, p_exclude bigint default null
) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_space public.booking_spaces;
  v_minutes integer;
begin
  select * into v_space from public.booking_spaces where id = p_space_id and active;
  if not found then
    raise exception using errcode = 'PT404', message = format('space %s not found', p_space_id);
  end if;
  v_minutes := coalesce(p_minutes, (v_space.rules->>'min_minutes')::integer, 60);
  return jsonb_build_object(
    'space_id', v_space.id, 'date', p_day, 'minutes', v_minutes,
    'closed', public.booking_day_hours(v_space.rules, p_day) is null,
    'slots', public.booking_day_slots(v_space, p_day, v_minutes, coalesce(p_seats, 1), coalesce(p_now, now()), p_exclude));
end $$;

-- The lengths (minutes) a stay starting at p_start may have: multiples of the slot between the
-- shortest and longest booking that fit opening hours and are free throughout.
create function public.booking_durations(
  p_space_id text, p_start timestamptz, p_seats integer default 1, p_now timestamptz default null,
  p_exclude bigint default null
) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_space public.booking_spaces;
  v_slot integer;
  v_minutes integer;
  v_range tstzrange;
  v_out jsonb := '[]'::jsonb;
begin
  select * into v_space from public.booking_spaces where id = p_space_id and active;
  if not found then
    raise exception using errcode = 'PT404', message = format('space %s not found', p_space_id);
  end if;
  v_slot := coalesce((v_space.rules->>'slot_minutes')::integer, 30);
  v_minutes := coalesce((v_space.rules->>'min_minutes')::integer, v_slot);
  while v_minutes <= coalesce((v_space.rules->>'max_minutes')::integer, 480) loop
    v_range := tstzrange(p_start, p_start + make_interval(mins => v_minutes), '[)');
    exit when public.booking_rule_violation(v_space, v_range, coalesce(p_now, now())) is not null
           or v_space.capacity - public.booking_peak(v_space.id, v_range, p_exclude) < coalesce(p_seats, 1);
    v_out := v_out || to_jsonb(v_minutes);
    v_minutes := v_minutes + v_slot;
  end loop;
  return v_out;
end $$;

-- Books p_minutes of a space from p_start for a founder. Hot-desk capacity is checked under a
-- lock on the space row, so concurrent bookings of the last seats are decided one at a time;
-- rooms are also protected by the exclusion constraint. Expected refusals come back as
-- {ok: false, code, alternatives?}: 'full' (with alternatives), 'limit', 'past', 'too_far',
-- 'closed', 'outside_hours', 'not_on_slot', 'too_short', 'too_long', 'unknown_space'.
-- p_request_key makes a retried turn get the same booking back instead of a second one.
-- p_reminder (an Outbound) is queued for start − p_reminder_minutes through the outbox.
create function public.booking_book(
  p_space_id text, p_contact_id bigint, p_start timestamptz, p_minutes integer,
  p_conversation_id bigint default null, p_request_key text default null, p_reminder jsonb default null,
  p_reminder_minutes integer default 120, p_seats integer default 1, p_now timestamptz default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := coalesce(p_now, now());
  v_space public.booking_spaces;
  v_range tstzrange;
  v_problem text;
  v_booking public.bookings;
  v_upcoming integer;
begin
  if p_request_key is not null then
    select * into v_booking from public.bookings where request_key = p_request_key;
    if found then
      return jsonb_build_object('ok', true, 'repeated', true, 'booking', public.booking_json(v_booking));
    end if;
  end if;
  if p_minutes is null or p_minutes <= 0 or p_start is null then
    raise exception using errcode = 'PT422', message = 'start and a positive length are required';
  end if;
  -- One founder's bookings are decided one at a time (limits), then one space's.
  if p_contact_id is not null then
    perform pg_advisory_xact_lock(7235005, (p_contact_id % 2147483647)::integer);
  end if;
  select * into v_space from public.booking_spaces where id = p_space_id for update;
  if not found then
    return jsonb_build_object('ok', false, 'code', 'unknown_space');
  end if;
  v_range := tstzrange(p_start, p_start + make_interval(mins => p_minutes), '[)');
  v_problem := public.booking_rule_violation(v_space, v_range, v_now);
  if v_problem is not null then
    return jsonb_build_object('ok', false, 'code', v_problem);
  end if;
  if coalesce(p_seats, 1) > v_space.capacity or (v_space.exclusive and coalesce(p_seats, 1) <> 1) then
    raise exception using errcode = 'PT422', message = 'seats exceed the space';
  end if;
  if p_contact_id is not null then
    select count(*) into v_upcoming from public.bookings
     where contact_id = p_contact_id and status = 'booked' and upper(during) > v_now;
    if v_upcoming >= coalesce((v_space.rules->>'max_upcoming')::integer, 2) then
      return jsonb_build_object('ok', false, 'code', 'limit', 'limit', coalesce((v_space.rules->>'max_upcoming')::integer, 2));
    end if;
  end if;
  if v_space.capacity - public.booking_peak(v_space.id, v_range) < coalesce(p_seats, 1) then
    return jsonb_build_object('ok', false, 'code', 'full',
      'alternatives', public.booking_alternatives_for(v_space, p_start, p_minutes, coalesce(p_seats, 1), v_now));
  end if;
  begin
    insert into public.bookings (code, space_id, exclusive, contact_id, conversation_id, during, seats, request_key)
    values (public.booking_new_code(), v_space.id, v_space.exclusive, p_contact_id, p_conversation_id, v_range,
            coalesce(p_seats, 1), p_request_key)
    returning * into v_booking;
  exception when exclusion_violation then
    -- Unreachable while the space lock is held; kept so a refusal is never an error.
    return jsonb_build_object('ok', false, 'code', 'full',
      'alternatives', public.booking_alternatives_for(v_space, p_start, p_minutes, coalesce(p_seats, 1), v_now));
  end;
  perform public.booking_queue_reminder(v_booking, p_reminder, p_reminder_minutes, v_now);
  return jsonb_build_object('ok', true, 'booking', public.booking_json(v_booking));
end $$;

-- Nearest free alternatives for a range (same day, next open day, other spaces of the kind).
create function public.booking_alternatives(
  p_space_id text, p_start timestamptz, p_minutes integer, p_seats integer default 1, p_now timestamptz default null
) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_space public.booking_spaces;
begin
  select * into v_space from public.booking_spaces where id = p_space_id and active;
  if not found then
    raise exception using errcode = 'PT404', message = format('space %s not found', p_space_id);
  end if;
  return public.booking_alternatives_for(v_space, p_start, p_minutes, coalesce(p_seats, 1), coalesce(p_now, now()));
end $$;

-- Moves a founder's booking to a new start/length (and optionally another space) atomically:
-- the new range is checked and held, and the old booking released, in this one transaction; if
-- the new range cannot be had the old booking is untouched. Same refusals as booking_book.
create function public.booking_move(
  p_booking_id bigint, p_contact_id bigint, p_start timestamptz, p_minutes integer,
  p_space_id text default null, p_request_key text default null, p_reminder jsonb default null,
  p_reminder_minutes integer default 120, p_now timestamptz default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := coalesce(p_now, now());
  v_old public.bookings;
  v_space public.booking_spaces;
  v_range tstzrange;
  v_problem text;
  v_new public.bookings;
begin
  if p_request_key is not null then
    select * into v_new from public.bookings where request_key = p_request_key;
    if found then
      return jsonb_build_object('ok', true, 'repeated', true, 'booking', public.booking_json(v_new));
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
  update public.bookings set status = 'moved' where id = v_old.id;
  begin
    insert into public.bookings (code, space_id, exclusive, contact_id, conversation_id, during, seats, request_key)
    values (public.booking_new_code(), v_space.id, v_space.exclusive, v_old.contact_id, v_old.conversation_id,
            v_range, v_old.seats, p_request_key)
    returning * into v_new;
  exception when exclusion_violation then
    update public.bookings set status = 'booked' where id = v_old.id;
    return jsonb_build_object('ok', false, 'code', 'full');
  end;
  update public.bookings set moved_to = v_new.id where id = v_old.id;
  perform public.booking_cancel_reminder(v_old.id);
  perform public.booking_queue_reminder(v_new, p_reminder, p_reminder_minutes, v_now);
  return jsonb_build_object('ok', true, 'booking', public.booking_json(v_new), 'previous', v_old.code);
end $$;

-- Cancels a booking: by its founder (p_contact_id must match; p_booking_id or p_code), or by
-- staff (p_by = 'staff', any booking by code), telling the founder with p_notice (an Outbound)
-- through the outbox. Its reminder is withdrawn. Cancelling twice is harmless.
create function public.booking_cancel(
  p_booking_id bigint default null, p_code text default null, p_contact_id bigint default null,
  p_by text default 'founder', p_reason text default null, p_notice jsonb default null, p_now timestamptz default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  select * into v_booking from public.bookings
   where (p_booking_id is not null and id = p_booking_id) or (p_booking_id is null and code = upper(trim(p_code)))
   for update;
  if not found or (p_by = 'founder' and v_booking.contact_id is distinct from p_contact_id) then
    return jsonb_build_object('ok', false, 'code', 'not_found');
  end if;
  if v_booking.status = 'cancelled' then
    return jsonb_build_object('ok', true, 'repeated', true, 'booking', public.booking_json(v_booking));
  end if;
  if v_booking.status <> 'booked' or upper(v_booking.during) <= coalesce(p_now, now()) then
    return jsonb_build_object('ok', false, 'code', 'not_active', 'booking', public.booking_json(v_booking));
  end if;
  update public.bookings
     set status = 'cancelled', cancelled_at = coalesce(p_now, now()),
         cancelled_by = case when p_by in ('founder', 'staff', 'forget') then p_by else 'founder' end,
         cancel_reason = left(p_reason, 500)
   where id = v_booking.id
  returning * into v_booking;
  perform public.booking_cancel_reminder(v_booking.id);
  if p_notice is not null and v_booking.conversation_id is not null then
    perform public.outbox_enqueue(
      jsonb_build_array(jsonb_build_object('payload', p_notice, 'kind', 'notice', 'priority', 5,
        'dedupe_key', 'booking-cancelled:' || v_booking.id)),
      v_booking.conversation_id);
  end if;
  return jsonb_build_object('ok', true, 'booking', public.booking_json(v_booking));
end $$;

-- The founder confirms they will come (the reminder's button).
create function public.booking_confirm(p_booking_id bigint, p_contact_id bigint, p_now timestamptz default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  update public.bookings set confirmed_at = coalesce(confirmed_at, coalesce(p_now, now()))
   where id = p_booking_id and contact_id = p_contact_id and status = 'booked'
  returning * into v_booking;
  if not found then
    select * into v_booking from public.bookings where id = p_booking_id and contact_id = p_contact_id;
    if not found then
      return jsonb_build_object('ok', false, 'code', 'not_found');
    end if;
    return jsonb_build_object('ok', false, 'code', 'not_active', 'booking', public.booking_json(v_booking));
  end if;
  return jsonb_build_object('ok', true, 'booking', public.booking_json(v_booking));
end $$;

-- One booking by id or code (staff tools and the reminder's buttons).
create function public.booking_get(p_booking_id bigint default null, p_code text default null)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce((
    select public.booking_json(b) || jsonb_build_object('locale', k.locale)
      from public.bookings b left join public.contacts k on k.id = b.contact_id
     where (p_booking_id is not null and b.id = p_booking_id) or (p_booking_id is null and b.code = upper(trim(p_code)))),
    'null'::jsonb)
$$;

-- A founder's bookings that have not ended yet, soonest first.
create function public.booking_upcoming(p_contact_id bigint, p_now timestamptz default null)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(public.booking_json(b) order by lower(b.during)), '[]'::jsonb)
    from public.bookings b
   where b.contact_id = p_contact_id and b.status = 'booked' and upper(b.during) > coalesce(p_now, now())
$$;

-- Bookings starting in [p_from, p_to) local days, for staff (list, export). Includes the
-- founder's display name: staff need to know who comes.
create function public.booking_list(p_from date, p_to date, p_include_cancelled boolean default false)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(public.booking_json(b) || jsonb_build_object(
           'founder', k.display_name, 'cancel_reason', b.cancel_reason)
           order by lower(b.during), b.space_id, b.id), '[]'::jsonb)
    from public.bookings b left join public.contacts k on k.id = b.contact_id
   where b.during && tstzrange(p_from::timestamp at time zone 'Asia/Ho_Chi_Minh',
                               p_to::timestamp at time zone 'Asia/Ho_Chi_Minh', '[)')
     and lower(b.during) >= p_from::timestamp at time zone 'Asia/Ho_Chi_Minh'
     and (b.status = 'booked' or (p_include_cancelled and b.status = 'cancelled'))
$$;

-- Occupancy per space and local day in [p_from, p_to): booked seat-minutes against open
-- seat-minutes, bookings and cancellations. Anonymous: no personal data.
create function public.booking_stats(p_from date, p_to date)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  with days as (
    select d::date as day from generate_series(p_from::timestamp, (p_to - 1)::timestamp, interval '1 day') d
  ), grid as (
    select s.id, s.kind, s.capacity, d.day, public.booking_day_hours(s.rules, d.day) as hours
      from public.booking_spaces s cross join days d
     where s.active or exists (select 1 from public.bookings b where b.space_id = s.id)
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'space_id', g.id, 'kind', g.kind, 'date', g.day,
           'open_minutes', coalesce(extract(epoch from upper(g.hours) - lower(g.hours)) / 60, 0)::integer * g.capacity,
           'booked_minutes', u.booked_minutes,
           'occupancy', case when g.hours is null then null
                             else round(u.booked_minutes::numeric
                                        / nullif(extract(epoch from upper(g.hours) - lower(g.hours)) / 60 * g.capacity, 0), 3) end,
           'bookings', u.bookings, 'cancelled', u.cancelled)
           order by g.day, g.id), '[]'::jsonb)
    from grid g
    cross join lateral (
      select coalesce(sum(case when b.status = 'booked'
                               then extract(epoch from upper(b.during) - lower(b.during)) / 60 * b.seats end), 0)::integer
               as booked_minutes,
             count(*) filter (where b.status = 'booked')::integer as bookings,
             count(*) filter (where b.status = 'cancelled')::integer as cancelled
        from public.bookings b
       where b.space_id = g.id
         and (lower(b.during) at time zone 'Asia/Ho_Chi_Minh')::date = g.day
    ) u
$$;

-- /forget (Decree 13/2023/ND-CP): releases the contact's future bookings (and their reminders)
-- and unlinks every booking from them; times and spaces stay as anonymous statistics.
create function public.forget_bookings(p_contact_id bigint)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_cancelled integer;
  v_unlinked integer;
begin
  with future as (
    update public.bookings
       set status = 'cancelled', cancelled_at = now(), cancelled_by = 'forget'
     where contact_id = p_contact_id and status = 'booked' and upper(during) > now()
    returning id
  ), reminders as (
    update public.outbox o set status = 'cancelled', payload = '{"text": ""}'::jsonb
      from future f
     where o.dedupe_key = 'booking-reminder:' || f.id and o.status = 'pending'
    returning o.id
  )
  select count(*) into v_cancelled from future;
  update public.bookings
     set contact_id = null, conversation_id = null, request_key = null, cancel_reason = null
   where contact_id = p_contact_id;
  get diagnostics v_unlinked = row_count;
  return jsonb_build_object('bookings_cancelled', v_cancelled, 'bookings_unlinked', v_unlinked);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------

alter table public.booking_spaces enable row level security;
alter table public.bookings enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
