-- Ươm broadcasts (issue 8): announcements to subscribed founders, one durable delivery row per
-- recipient delivered through the outbox at priority 100, RSVPs, and the sender's shared state
-- (channel pauses after a platform-wide 429, sender presence for sharing the rate).
--
-- Audience specs are jsonb produced by src/bot/broadcast/audience.ts (a zod-parsed filter
-- language); `broadcast_audience_rows` is the one place that turns a spec into recipients.

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

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

create table public.channel_pauses (
  channel text primary key,
  paused_until timestamptz not null,
  reason text
);
comment on table public.channel_pauses is 'A platform-wide limit hit (Telegram 429): every sender waits until paused_until.';

create table public.sender_presence (
  worker text primary key,
  channels text[] not null,
  seen_at timestamptz not null default now()
);
comment on table public.sender_presence is 'Live sender processes; each takes an equal share of a channel''s rate.';

-- The sender and the reports look broadcast rows up by broadcast id.
create index outbox_source on public.outbox (source_id, status) where source_id is not null;

-- ---------------------------------------------------------------------------------------------
-- Audience
-- ---------------------------------------------------------------------------------------------

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

-- ---------------------------------------------------------------------------------------------
-- Lifecycle
-- ---------------------------------------------------------------------------------------------

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

-- ---------------------------------------------------------------------------------------------
-- Founders: subscription and RSVP (effects, committed with the turn)
-- ---------------------------------------------------------------------------------------------

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
-- Sender coordination: presence (rate shares) and channel pauses
-- ---------------------------------------------------------------------------------------------

-- Records that p_worker is alive and sends on p_channels; forgets senders silent for
-- p_ttl_seconds. Returns {senders: {channel: live senders}, paused: {channel: ms left}}.
create function public.sender_presence(p_worker text, p_channels jsonb, p_ttl_seconds integer default 10) returns jsonb
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.sender_presence (worker, channels, seen_at)
  values (p_worker, array(select jsonb_array_elements_text(p_channels)), now())
  on conflict (worker) do update set channels = excluded.channels, seen_at = excluded.seen_at;
  delete from public.sender_presence where seen_at < now() - make_interval(secs => p_ttl_seconds);
  return jsonb_build_object(
    'senders', (select coalesce(jsonb_object_agg(c, n), '{}'::jsonb)
                  from (select unnest(channels) c, count(*) n from public.sender_presence group by 1) s),
    'paused', (select coalesce(jsonb_object_agg(channel, ceil(extract(epoch from paused_until - now()) * 1000)), '{}'::jsonb)
                 from public.channel_pauses where paused_until > now()));
end $$;

-- A sender that stops cleanly leaves at once so the others take its share.
create function public.sender_leave(p_worker text) returns jsonb
language sql security definer set search_path = ''
as $$
  delete from public.sender_presence where worker = p_worker;
  select jsonb_build_object('ok', true)
$$;

-- Pauses every send on a channel for p_ms (Telegram 429 retry_after is bot-wide).
create function public.channel_pause(p_channel text, p_ms integer, p_reason text default null) returns jsonb
language sql security definer set search_path = ''
as $$
  insert into public.channel_pauses (channel, paused_until, reason)
  values (p_channel, now() + make_interval(secs => greatest(p_ms, 0) / 1000.0), p_reason)
  on conflict (channel) do update
    set paused_until = greatest(public.channel_pauses.paused_until, excluded.paused_until),
        reason = excluded.reason;
  select jsonb_build_object('paused_until', paused_until) from public.channel_pauses where channel = p_channel
$$;

-- Claims due outbox rows with priority <= p_max_priority (live replies: pass 99), skipping
-- paused channels. Same rules as outbox_claim: lowest priority value first, one in-flight row
-- per recipient, expired locks reclaimed.
create function public.outbox_claim_upto(
  p_worker text, p_channels jsonb, p_limit integer default 50, p_lease_seconds integer default 60,
  p_max_priority integer default 32767
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_channels text[] := array(
    select c from jsonb_array_elements_text(p_channels) c
     where not exists (select 1 from public.channel_pauses p where p.channel = c and p.paused_until > now()));
  v_out jsonb;
begin
  if cardinality(v_channels) = 0 then
    return '[]'::jsonb;
  end if;
  update public.outbox
     set status = 'pending', locked_by = null, locked_until = null
   where status = 'sending' and locked_until < now() and channel = any (v_channels);

  -- Written so the plan stays index-driven whatever the statistics say (measured in
  -- bench/broadcast.ts: the core query's NOT EXISTS became a hash anti-join over every pending
  -- row, ~250 ms per claim with 100,000 broadcast rows queued; this form takes a few ms):
  -- 1. a window of due rows in claim order, straight from the outbox_due index;
  -- 2. per window row, one index probe for an earlier open row of the same recipient (a
  --    subquery with LIMIT is never turned into a hash join);
  -- 3. lock the free rows by primary key (= ANY keeps it an index scan), skipping locked ones.
  with window_rows as materialized (
    select o.id, o.channel, o.recipient, o.priority, o.next_attempt_at
      from public.outbox o
     where o.status = 'pending'
       and o.next_attempt_at <= now()
       and o.priority <= p_max_priority
       and o.channel = any (v_channels)
     order by o.priority, o.next_attempt_at, o.id
     limit p_limit * 4 + 100
  ), free_rows as materialized (
    select w.id
      from window_rows w
     where not exists (
       select 1 from (
         select 1 from public.outbox e
          where e.channel = w.channel and e.recipient = w.recipient and e.id < w.id
            and (e.status = 'sending' or (e.status = 'pending' and e.next_attempt_at <= now()))
          limit 1) earlier)
     order by w.priority, w.next_attempt_at, w.id
     limit p_limit * 2
  ), picked as (
    select o.id
      from public.outbox o
     where o.id = any (array(select f.id from free_rows f))
       and o.status = 'pending'
     order by o.priority, o.next_attempt_at, o.id
     limit p_limit
     for update of o skip locked
  ), claimed as (
    update public.outbox o
       set status = 'sending', locked_by = p_worker,
           locked_until = now() + make_interval(secs => p_lease_seconds),
           attempts = o.attempts + 1
     where o.id = any (array(select p.id from picked p))
    returning o.*
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', c.id, 'channel', c.channel, 'recipient', c.recipient, 'payload', c.payload,
           'kind', c.kind, 'priority', c.priority, 'attempts', c.attempts,
           'conversation_id', c.conversation_id, 'contact_id', c.contact_id, 'source_id', c.source_id,
           'reference', (select i.reference from public.channel_identities i
                           join public.conversations v on v.identity_id = i.id
                          where v.id = c.conversation_id))
           order by c.priority, c.id), '[]'::jsonb)
    into v_out
    from claimed c;
  return v_out;
end $$;

-- The core claim, now honouring channel pauses (same signature and order).
create or replace function public.outbox_claim(
  p_worker text, p_channels jsonb, p_limit integer default 50, p_lease_seconds integer default 60
) returns jsonb
language sql security definer set search_path = ''
as $$ select public.outbox_claim_upto(p_worker, p_channels, p_limit, p_lease_seconds, 32767) $$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------
alter table public.broadcasts enable row level security;
alter table public.broadcast_deliveries enable row level security;
alter table public.broadcast_rsvps enable row level security;
alter table public.channel_pauses enable row level security;
alter table public.sender_presence enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
