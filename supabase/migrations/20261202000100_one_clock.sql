-- One clock, everywhere: every function whose result depends on the time, and every column
-- default that stamps a row, now reads `public.uom_now()` (the caller's clock, set by the store on
-- every call; see 20261202000000_clock.sql) instead of `now()` (the database server's
-- transaction time). Tests move the bot's clock and the database follows; `faketime` runs of the
-- suite prove that nothing depends on the machine's clock or time zone.
--
-- What still uses the server's clock, on purpose: nothing in `public`. Leases (dispatch, outbox,
-- Zalo token refresh, sender presence) follow the caller's clock too: every process of one
-- deployment runs on the system clock, and a test that moves its clock past a lease is exactly
-- how a crashed worker's lease is made to expire. Ad-hoc SQL (psql, the Supabase dashboard) has no
-- `uom.now` and gets `now()` from `public.uom_now()`.
--
-- The bodies below are those of the baseline with `now()` replaced by `public.uom_now()`; nothing
-- else changed (tests/store/clock.test.ts checks that no function in `public` calls now()).

-- ---------------------------------------------------------------------------------------------
-- Column defaults
-- ---------------------------------------------------------------------------------------------

alter table public.contacts alter column created_at set default public.uom_now();

alter table public.contacts alter column updated_at set default public.uom_now();

alter table public.channel_identities alter column created_at set default public.uom_now();

alter table public.link_codes alter column created_at set default public.uom_now();

alter table public.link_attempts alter column at set default public.uom_now();

alter table public.zalo_tokens alter column updated_at set default public.uom_now();

alter table public.conversations alter column created_at set default public.uom_now();

alter table public.conversations alter column updated_at set default public.uom_now();

alter table public.messages alter column created_at set default public.uom_now();

alter table public.inbox alter column next_attempt_at set default public.uom_now();

alter table public.inbox alter column received_at set default public.uom_now();

alter table public.outbox alter column not_before set default public.uom_now();

alter table public.outbox alter column next_attempt_at set default public.uom_now();

alter table public.outbox alter column created_at set default public.uom_now();

alter table public.sender_presence alter column seen_at set default public.uom_now();

alter table public.programme_applications alter column created_at set default public.uom_now();

alter table public.programme_applications alter column updated_at set default public.uom_now();

alter table public.survey_responses alter column started_at set default public.uom_now();

alter table public.survey_responses alter column updated_at set default public.uom_now();

alter table public.survey_answers alter column answered_at set default public.uom_now();

alter table public.booking_spaces alter column updated_at set default public.uom_now();

alter table public.bookings alter column created_at set default public.uom_now();

alter table public.kb_documents alter column created_at set default public.uom_now();

alter table public.kb_documents alter column updated_at set default public.uom_now();

alter table public.kb_feedback alter column created_at set default public.uom_now();

alter table public.staff_members alter column created_at set default public.uom_now();

alter table public.tickets alter column opened_at set default public.uom_now();

alter table public.tickets alter column updated_at set default public.uom_now();

alter table public.ticket_messages alter column created_at set default public.uom_now();

alter table public.broadcasts alter column created_at set default public.uom_now();

alter table public.broadcasts alter column send_at set default public.uom_now();

alter table public.broadcast_deliveries alter column created_at set default public.uom_now();

alter table public.broadcast_rsvps alter column created_at set default public.uom_now();


-- kb_embeddings exists only where pgvector does.
do $$
begin
  if to_regclass('public.kb_embeddings') is not null then
    alter table public.kb_embeddings alter column created_at set default public.uom_now();
  end if;
end $$;


-- ---------------------------------------------------------------------------------------------
-- Functions: contacts
-- ---------------------------------------------------------------------------------------------

create or replace function public.identity_set_reachable(
  p_channel text, p_external_id text, p_reachable boolean, p_reason text default null
) returns jsonb
language sql security definer set search_path = ''
as $$
  with updated as (
    update public.channel_identities
       set reachable = p_reachable,
           unreachable_reason = case when p_reachable then null else p_reason end,
           unreachable_at = case when p_reachable then null else public.uom_now() end
     where channel = p_channel and external_id = p_external_id
    returning id
  )
  select jsonb_build_object('updated', count(*)) from updated
$$;

create or replace function public.fx_contact_consent(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
begin
  update public.contacts
     set consent_version = p_args->>'version', consented_at = public.uom_now(), consent_channel = p_args->>'channel',
         locale = coalesce(p_args->>'locale', locale), erased_at = null, updated_at = public.uom_now()
   where id = (p_args->>'contact_id')::bigint;
  return jsonb_build_object('consented', true);
end $$;

create or replace function public.fx_link_code_create(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_contact bigint := (p_args->>'contact_id')::bigint;
  v_code text := p_args->>'code';
  v_expires timestamptz := public.uom_now() + make_interval(secs => coalesce((p_args->>'ttl_seconds')::integer, 600));
begin
  if v_contact is null then
    raise exception using errcode = 'PT422', message = 'link code needs a contact';
  end if;
  if v_code is null or v_code !~ '^[0-9]{6}$' then
    raise exception using errcode = 'PT422', message = 'link code must be 6 digits';
  end if;
  delete from public.link_codes
   where (used_at is null and (expires_at < public.uom_now() or contact_id = v_contact))
      or used_at < public.uom_now() - interval '1 day';
  -- A clash with another person's live code aborts the turn; its retry draws a new code.
  insert into public.link_codes (contact_id, code_hash, expires_at)
    values (v_contact, encode(sha256(convert_to(v_code, 'UTF8')), 'hex'), v_expires);
  return jsonb_build_object('ok', true, 'expires_at', v_expires);
end $$;

create or replace function public.contact_merge(p_survivor bigint, p_merged bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_keep public.contacts;
  v_gone public.contacts;
  v_fk record;
  v_row record;
  v_moved bigint := 0;
  v_dropped bigint := 0;
  v_count bigint;
begin
  if p_survivor = p_merged then
    raise exception using errcode = 'PT422', message = 'cannot merge a contact into itself';
  end if;
  -- Lock both in id order so two merges cannot deadlock.
  perform 1 from public.contacts where id in (p_survivor, p_merged) order by id for update;
  select * into v_keep from public.contacts where id = p_survivor;
  select * into v_gone from public.contacts where id = p_merged;
  if v_keep.id is null or v_gone.id is null then
    raise exception using errcode = 'PT404', message = 'contact to merge not found';
  end if;

  for v_fk in
    select c.conrelid::regclass as tbl, a.attname as col
      from pg_catalog.pg_constraint c
      join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     where c.contype = 'f'
       and c.confrelid = 'public.contacts'::regclass
       and array_length(c.conkey, 1) = 1
     order by c.conrelid::regclass::text, a.attname
  loop
    begin
      execute format('update %s set %I = $1 where %I = $2', v_fk.tbl, v_fk.col, v_fk.col)
        using p_survivor, p_merged;
      get diagnostics v_count = row_count;
      v_moved := v_moved + v_count;
    exception when unique_violation or exclusion_violation then
      -- Row by row: move what can move, drop the merged contact's duplicates.
      for v_row in execute format('select ctid from %s where %I = $1', v_fk.tbl, v_fk.col) using p_merged loop
        begin
          execute format('update %s set %I = $1 where ctid = $2', v_fk.tbl, v_fk.col) using p_survivor, v_row.ctid;
          v_moved := v_moved + 1;
        exception when unique_violation or exclusion_violation then
          execute format('delete from %s where ctid = $1', v_fk.tbl) using v_row.ctid;
          v_dropped := v_dropped + 1;
        end;
      end loop;
    end;
  end loop;

  update public.contacts k
     set display_name = coalesce(v_keep.display_name, v_gone.display_name),
         phone = coalesce(v_keep.phone, v_gone.phone),
         email = coalesce(v_keep.email, v_gone.email),
         profile = v_gone.profile || v_keep.profile,
         consent_version = case when v_gone.consented_at > coalesce(v_keep.consented_at, '-infinity')
                                then v_gone.consent_version else v_keep.consent_version end,
         consent_channel = case when v_gone.consented_at > coalesce(v_keep.consented_at, '-infinity')
                                then v_gone.consent_channel else v_keep.consent_channel end,
         consented_at = greatest(v_keep.consented_at, v_gone.consented_at),
         subscribed = v_keep.subscribed and v_gone.subscribed,
         erased_at = null,
         updated_at = public.uom_now()
   where k.id = p_survivor;

  delete from public.contacts where id = p_merged;
  return jsonb_build_object('ok', true, 'survivor_contact_id', p_survivor, 'merged_contact_id', p_merged,
                            'rows_moved', v_moved, 'rows_dropped', v_dropped);
end $$;

create or replace function public.link_redeem(
  p_code text, p_contact_id bigint, p_max_failures integer default 5, p_window_seconds integer default 900
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_hash text := encode(sha256(convert_to(coalesce(p_code, ''), 'UTF8')), 'hex');
  v_link public.link_codes;
  v_failures integer;
begin
  delete from public.link_attempts
   where contact_id = p_contact_id and at <= public.uom_now() - make_interval(secs => p_window_seconds);
  select count(*) into v_failures from public.link_attempts
   where contact_id = p_contact_id and at > public.uom_now() - make_interval(secs => p_window_seconds);
  if v_failures >= p_max_failures then
    return jsonb_build_object('ok', false, 'code', 'rate_limited');
  end if;

  select * into v_link from public.link_codes
   where code_hash = v_hash and used_at is null and expires_at > public.uom_now()
   for update;
  if not found then
    -- The same code already merged this very contact (the turn is being retried): done.
    select * into v_link from public.link_codes
     where code_hash = v_hash and used_at is not null and contact_id = p_contact_id
       and used_at > public.uom_now() - interval '1 hour'
     order by used_at desc limit 1;
    if found then
      return jsonb_build_object('ok', true, 'survivor_contact_id', v_link.contact_id,
                                'merged_contact_id', v_link.merged_contact_id, 'repeated', true);
    end if;
    insert into public.link_attempts (contact_id) values (p_contact_id);
    return jsonb_build_object('ok', false, 'code', 'invalid');
  end if;
  if v_link.contact_id = p_contact_id then
    return jsonb_build_object('ok', false, 'code', 'same_contact');
  end if;

  update public.link_codes set used_at = public.uom_now(), merged_contact_id = p_contact_id where id = v_link.id;
  perform public.contact_merge(v_link.contact_id, p_contact_id);
  delete from public.link_attempts where contact_id = v_link.contact_id;
  return jsonb_build_object('ok', true, 'survivor_contact_id', v_link.contact_id, 'merged_contact_id', p_contact_id);
end $$;

create or replace function public.zalo_token_get(p_app_id text) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select jsonb_build_object(
              'found', true, 'access_token', t.access_token, 'refresh_token', t.refresh_token,
              'access_expires_at', t.access_expires_at, 'generation', t.generation,
              'refreshing', t.refresh_owner is not null and t.refresh_until > public.uom_now(),
              'refreshed_at', t.refreshed_at, 'last_error', t.last_error)
       from public.zalo_tokens t where t.app_id = p_app_id),
    jsonb_build_object('found', false))
$$;

create or replace function public.zalo_token_store(
  p_app_id text, p_access_token text, p_refresh_token text,
  p_expires_in_seconds integer default null, p_replace boolean default false
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_row public.zalo_tokens;
begin
  if coalesce(p_access_token, '') = '' or coalesce(p_refresh_token, '') = '' then
    raise exception using errcode = 'PT422', message = 'zalo_token_store: access and refresh tokens are required';
  end if;
  insert into public.zalo_tokens (app_id, access_token, refresh_token, access_expires_at, refreshed_at)
    values (p_app_id, p_access_token, p_refresh_token,
            case when p_expires_in_seconds is null then null else public.uom_now() + make_interval(secs => p_expires_in_seconds) end,
            case when p_replace then public.uom_now() end)
    on conflict (app_id) do nothing
    returning * into v_row;
  if v_row.app_id is not null then
    return jsonb_build_object('stored', true, 'generation', v_row.generation);
  end if;
  if not p_replace then
    return jsonb_build_object('stored', false);
  end if;
  update public.zalo_tokens
     set access_token = p_access_token, refresh_token = p_refresh_token,
         access_expires_at = case when p_expires_in_seconds is null then null
                                  else public.uom_now() + make_interval(secs => p_expires_in_seconds) end,
         generation = generation + 1, refresh_owner = null, refresh_until = null, last_error = null,
         refreshed_at = public.uom_now(), updated_at = public.uom_now()
   where app_id = p_app_id
   returning * into v_row;
  return jsonb_build_object('stored', true, 'generation', v_row.generation);
end $$;

create or replace function public.zalo_token_begin_refresh(
  p_app_id text, p_worker text, p_seen_generation bigint, p_lease_seconds integer default 30
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_row public.zalo_tokens;
begin
  select * into v_row from public.zalo_tokens where app_id = p_app_id for update;
  if not found then
    return jsonb_build_object('action', 'missing');
  end if;
  if v_row.generation > p_seen_generation then
    return jsonb_build_object('action', 'reuse', 'access_token', v_row.access_token, 'generation', v_row.generation);
  end if;
  if v_row.refresh_owner is not null and v_row.refresh_owner <> p_worker and v_row.refresh_until > public.uom_now() then
    return jsonb_build_object('action', 'wait', 'generation', v_row.generation);
  end if;
  update public.zalo_tokens
     set refresh_owner = p_worker, refresh_until = public.uom_now() + make_interval(secs => p_lease_seconds), updated_at = public.uom_now()
   where app_id = p_app_id;
  return jsonb_build_object('action', 'refresh', 'refresh_token', v_row.refresh_token, 'generation', v_row.generation);
end $$;

create or replace function public.zalo_token_finish_refresh(
  p_app_id text, p_worker text, p_access_token text, p_refresh_token text, p_expires_in_seconds integer default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_generation bigint;
begin
  update public.zalo_tokens
     set access_token = p_access_token, refresh_token = p_refresh_token,
         access_expires_at = case when p_expires_in_seconds is null then null
                                  else public.uom_now() + make_interval(secs => p_expires_in_seconds) end,
         generation = generation + 1, refresh_owner = null, refresh_until = null, last_error = null,
         refreshed_at = public.uom_now(), updated_at = public.uom_now()
   where app_id = p_app_id and refresh_owner = p_worker
   returning generation into v_generation;
  if v_generation is null then
    return jsonb_build_object('stored', false, 'code', 'lease_lost');
  end if;
  return jsonb_build_object('stored', true, 'generation', v_generation);
end $$;

create or replace function public.zalo_token_abort_refresh(p_app_id text, p_worker text, p_error text default null)
returns jsonb
language sql security definer set search_path = ''
as $$
  with updated as (
    update public.zalo_tokens
       set refresh_owner = null, refresh_until = null, last_error = left(p_error, 500), updated_at = public.uom_now()
     where app_id = p_app_id and refresh_owner = p_worker
    returning 1
  )
  select jsonb_build_object('released', count(*) > 0) from updated
$$;

create or replace function public.fx_contact_profile(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_id bigint := (p_args->>'contact_id')::bigint;
  v_profile jsonb := coalesce(p_args->'profile', '{}'::jsonb);
begin
  if jsonb_typeof(v_profile) <> 'object' then
    raise exception using errcode = 'PT422', message = 'contact_profile: profile must be an object';
  end if;
  update public.contacts
     set display_name = case when p_args ? 'name' then nullif(btrim(p_args->>'name'), '') else display_name end,
         phone = case when p_args ? 'phone' then nullif(p_args->>'phone', '') else phone end,
         email = case when p_args ? 'email' then nullif(lower(p_args->>'email'), '') else email end,
         profile = jsonb_strip_nulls(profile || v_profile),
         updated_at = public.uom_now()
   where id = v_id and consented_at is not null;
  if not found then
    return jsonb_build_object('ok', false, 'code', 'no_consent');
  end if;
  return jsonb_build_object('ok', true);
end $$;

create or replace function public.fx_contact_locale(p_args jsonb) returns jsonb
language sql security definer set search_path = ''
as $$
  with updated as (
    update public.contacts set locale = p_args->>'locale', updated_at = public.uom_now()
     where id = (p_args->>'contact_id')::bigint and p_args->>'locale' in ('vi', 'en') and consented_at is not null
    returning id
  )
  select jsonb_build_object('updated', count(*)) from updated
$$;

create or replace function public.contact_forget(p_contact_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_areas jsonb := '{}'::jsonb;
  v_result jsonb;
  v_messages integer;
  r record;
begin
  if not exists (select 1 from public.contacts where id = p_contact_id) then
    raise exception using errcode = 'PT404', message = format('contact %s not found', p_contact_id);
  end if;
  for r in
    select p.proname from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and p.proname like 'forget\_%' and p.pronargs = 1
       and p.proargtypes[0] = 'pg_catalog.int8'::pg_catalog.regtype
     order by p.proname
  loop
    execute format('select public.%I($1)', r.proname) into v_result using p_contact_id;
    v_areas := v_areas || jsonb_build_object(r.proname, coalesce(v_result, 'null'::jsonb));
  end loop;

  delete from public.messages
   where conversation_id in (select id from public.conversations where contact_id = p_contact_id);
  get diagnostics v_messages = row_count;
  update public.inbox
     set payload = jsonb_build_object('kind', payload->>'kind', 'channel', payload->>'channel', 'erased', true)
   where conversation_id in (select id from public.conversations where contact_id = p_contact_id)
     and not (payload ? 'erased');
  update public.outbox
     set payload = jsonb_build_object('text', '', 'erased', true),
         status = case when status in ('pending', 'sending') then 'cancelled' else status end
   where (contact_id = p_contact_id
          or conversation_id in (select id from public.conversations where contact_id = p_contact_id))
     and not (payload ? 'erased');
  update public.conversations
     set state = case when state ? 'locale' then jsonb_build_object('locale', state->'locale') else '{}'::jsonb end,
         updated_at = public.uom_now()
   where contact_id = p_contact_id;
  update public.contacts
     set display_name = null, phone = null, email = null, profile = '{}'::jsonb,
         consent_version = null, consented_at = null, consent_channel = null,
         erased_at = public.uom_now(), updated_at = public.uom_now()
   where id = p_contact_id;
  return jsonb_build_object('ok', true, 'messages', v_messages, 'areas', v_areas);
end $$;


-- ---------------------------------------------------------------------------------------------
-- Functions: conversations
-- ---------------------------------------------------------------------------------------------

create or replace function public.uom_ping() returns jsonb
language sql stable security definer set search_path = ''
as $$ select jsonb_build_object('ok', true, 'now', public.uom_now()) $$;

create or replace function public.dispatch_claim(p_worker text, p_limit integer default 8, p_lease_seconds integer default 120)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_out jsonb := '[]'::jsonb;
  r record;
begin
  for r in
    select c.id as conversation_id, h.id as inbox_id
      from (
        select distinct on (i.conversation_id) i.conversation_id, i.id, i.next_attempt_at
          from public.inbox i
         where i.status in ('pending', 'processing')
         order by i.conversation_id, i.id
      ) h
      join public.conversations c on c.id = h.conversation_id
     where h.next_attempt_at <= public.uom_now()
       and (c.lease_until is null or c.lease_until < public.uom_now())
     order by h.id
     limit p_limit
     for update of c skip locked
  loop
    update public.conversations
       set lease_owner = p_worker, lease_until = public.uom_now() + make_interval(secs => p_lease_seconds)
     where id = r.conversation_id;
    update public.inbox
       set status = 'processing', attempts = attempts + 1
     where id = r.inbox_id;
    v_out := v_out || (
      select jsonb_build_object(
        'inbox_id', i.id,
        'attempts', i.attempts,
        'received_at', i.received_at,
        'payload', i.payload,
        'conversation', jsonb_build_object(
          'id', c.id, 'channel', c.channel, 'chat_id', c.chat_id, 'chat_type', c.chat_type,
          'state', c.state, 'version', c.version, 'contact_id', c.contact_id,
          'identity_id', c.identity_id, 'last_inbound_at', c.last_inbound_at),
        'contact', (
          select jsonb_build_object(
            'id', k.id, 'locale', k.locale, 'display_name', k.display_name, 'profile', k.profile,
            'consent_version', k.consent_version, 'consented_at', k.consented_at,
            'subscribed', k.subscribed)
            from public.contacts k where k.id = c.contact_id))
        from public.inbox i join public.conversations c on c.id = i.conversation_id
       where i.id = r.inbox_id);
  end loop;
  return v_out;
end $$;

create or replace function public.outbox_enqueue(p_items jsonb, p_conversation_id bigint default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_conv public.conversations;
  v_item jsonb;
  v_ids jsonb := '[]'::jsonb;
  v_id bigint;
  v_not_before timestamptz;
begin
  if p_conversation_id is not null then
    select * into v_conv from public.conversations where id = p_conversation_id;
  end if;
  for v_item in select * from jsonb_array_elements(coalesce(p_items, '[]'::jsonb)) loop
    v_not_before := coalesce((v_item->>'not_before')::timestamptz, public.uom_now());
    insert into public.outbox (
      channel, recipient, conversation_id, contact_id, payload, kind, priority,
      not_before, next_attempt_at, dedupe_key, source_id)
    values (
      coalesce(v_item->>'channel', v_conv.channel),
      coalesce(v_item->>'recipient', v_conv.chat_id),
      coalesce((v_item->>'conversation_id')::bigint, v_conv.id),
      coalesce((v_item->>'contact_id')::bigint, v_conv.contact_id),
      v_item->'payload',
      coalesce(v_item->>'kind', 'reply'),
      coalesce((v_item->>'priority')::smallint, 0),
      v_not_before, v_not_before,
      v_item->>'dedupe_key',
      (v_item->>'source_id')::bigint)
    on conflict (dedupe_key) do nothing
    returning id into v_id;
    if v_id is not null then
      v_ids := v_ids || to_jsonb(v_id);
    end if;
  end loop;
  return v_ids;
end $$;

create or replace function public.turn_commit(
  p_inbox_id bigint,
  p_worker text,
  p_version integer,
  p_state jsonb,
  p_outbound jsonb default '[]'::jsonb,
  p_effects jsonb default '[]'::jsonb,
  p_log_inbound boolean default true
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_event public.inbox;
  v_conv public.conversations;
  v_effect jsonb;
  v_result jsonb;
  v_results jsonb := '[]'::jsonb;
  v_outbox jsonb;
begin
  select * into v_event from public.inbox where id = p_inbox_id;
  if not found then
    raise exception using errcode = 'PT404', message = format('inbox event %s not found', p_inbox_id);
  end if;
  select * into v_conv from public.conversations where id = v_event.conversation_id for update;
  if v_event.status <> 'processing' or v_conv.lease_owner is distinct from p_worker then
    raise exception using errcode = 'PT409', message = 'lease lost: another dispatcher owns this conversation';
  end if;
  if v_conv.version <> p_version then
    raise exception using errcode = 'PT409',
      message = format('conversation %s changed (version %s, expected %s)', v_conv.id, v_conv.version, p_version);
  end if;

  for v_effect in select * from jsonb_array_elements(coalesce(p_effects, '[]'::jsonb)) loop
    if coalesce(v_effect->>'fn', '') !~ '^fx_[a-z0-9_]{1,60}$' then
      raise exception using errcode = 'PT422', message = format('not an effect function: %s', v_effect->>'fn');
    end if;
    execute format('select public.%I($1)', v_effect->>'fn')
      into v_result
      using coalesce(v_effect->'args', '{}'::jsonb)
        || jsonb_build_object('conversation_id', v_conv.id, 'contact_id', v_conv.contact_id, 'inbox_id', p_inbox_id);
    v_results := v_results || jsonb_build_array(v_result);
  end loop;

  update public.conversations
     set state = coalesce(p_state, '{}'::jsonb), version = version + 1,
         lease_owner = null, lease_until = null, updated_at = public.uom_now(),
         last_inbound_at = greatest(last_inbound_at, v_event.received_at)
   where id = v_conv.id;

  v_outbox := public.outbox_enqueue(p_outbound, v_conv.id);

  if p_log_inbound then
    insert into public.messages (conversation_id, direction, body, created_at)
      values (v_conv.id, 'in', v_event.payload, v_event.received_at);
  end if;

  update public.inbox set status = 'done', processed_at = public.uom_now(), last_error = null where id = p_inbox_id;

  return jsonb_build_object('version', v_conv.version + 1, 'outbox_ids', v_outbox, 'effects', v_results);
end $$;

create or replace function public.turn_fail(
  p_inbox_id bigint, p_worker text, p_error text, p_retry_in_seconds integer default 5, p_park boolean default false
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_event public.inbox;
begin
  select * into v_event from public.inbox where id = p_inbox_id;
  if not found then
    raise exception using errcode = 'PT404', message = format('inbox event %s not found', p_inbox_id);
  end if;
  update public.inbox
     set status = case when p_park then 'parked' else 'pending' end,
         next_attempt_at = public.uom_now() + make_interval(secs => greatest(p_retry_in_seconds, 0)),
         last_error = left(p_error, 2000)
   where id = p_inbox_id and status = 'processing';
  update public.conversations
     set lease_owner = null, lease_until = null
   where id = v_event.conversation_id and lease_owner = p_worker;
  return jsonb_build_object('parked', p_park);
end $$;

create or replace function public.outbox_complete(p_worker text, p_results jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_item jsonb;
  v_row public.outbox;
  v_count integer := 0;
begin
  for v_item in select * from jsonb_array_elements(coalesce(p_results, '[]'::jsonb)) loop
    select * into v_row from public.outbox
     where id = (v_item->>'id')::bigint and status = 'sending' and locked_by = p_worker
     for update;
    continue when not found;
    v_count := v_count + 1;
    case v_item->>'outcome'
      when 'sent' then
        update public.outbox
           set status = 'sent', sent_at = public.uom_now(), sent_seq = nextval('public.outbox_sent_seq'),
               locked_by = null, locked_until = null,
               platform_message_id = v_item->>'platform_message_id', last_error = null
         where id = v_row.id;
        if v_row.conversation_id is not null and v_row.kind <> 'broadcast' then
          insert into public.messages (conversation_id, direction, body)
            values (v_row.conversation_id, 'out', v_row.payload);
        end if;
      when 'retry' then
        update public.outbox
           set status = 'pending', locked_by = null, locked_until = null,
               last_error = left(v_item->>'error', 2000),
               next_attempt_at = public.uom_now() + make_interval(secs => coalesce((v_item->>'retry_in_ms')::numeric, 1000) / 1000.0)
         where id = v_row.id;
      else
        update public.outbox
           set status = 'failed', locked_by = null, locked_until = null,
               last_error = left(coalesce(v_item->>'unreachable_reason', v_item->>'error'), 2000)
         where id = v_row.id;
        if v_item->>'unreachable_reason' is not null then
          update public.channel_identities i
             set reachable = false, unreachable_reason = v_item->>'unreachable_reason', unreachable_at = public.uom_now()
           where i.channel = v_row.channel
             and (i.id = (select identity_id from public.conversations where id = v_row.conversation_id)
                  or (v_row.conversation_id is null and i.external_id = v_row.recipient));
        end if;
    end case;
  end loop;
  return jsonb_build_object('updated', v_count);
end $$;

create or replace function public.retention_prune(
  p_inbox_days integer default 30, p_outbox_days integer default 30, p_messages_days integer default 365
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_inbox integer;
  v_outbox integer;
  v_messages integer;
begin
  update public.inbox
     set payload = jsonb_build_object('kind', payload->>'kind', 'pruned', true)
   where status in ('done', 'parked')
     and received_at < public.uom_now() - make_interval(days => p_inbox_days)
     and not (payload ? 'pruned');
  get diagnostics v_inbox = row_count;

  update public.outbox
     set payload = jsonb_build_object('pruned', true)
   where status in ('sent', 'failed', 'cancelled')
     and created_at < public.uom_now() - make_interval(days => p_outbox_days)
     and not (payload ? 'pruned');
  get diagnostics v_outbox = row_count;

  delete from public.messages where created_at < public.uom_now() - make_interval(days => p_messages_days);
  get diagnostics v_messages = row_count;

  return jsonb_build_object('inbox', v_inbox, 'outbox', v_outbox, 'messages', v_messages);
end $$;

create or replace function public.sender_presence(p_worker text, p_channels jsonb, p_ttl_seconds integer default 10) returns jsonb
language plpgsql security definer set search_path = ''
as $$
begin
  insert into public.sender_presence (worker, channels, seen_at)
  values (p_worker, array(select jsonb_array_elements_text(p_channels)), public.uom_now())
  on conflict (worker) do update set channels = excluded.channels, seen_at = excluded.seen_at;
  delete from public.sender_presence where seen_at < public.uom_now() - make_interval(secs => p_ttl_seconds);
  return jsonb_build_object(
    'senders', (select coalesce(jsonb_object_agg(c, n), '{}'::jsonb)
                  from (select unnest(channels) c, count(*) n from public.sender_presence group by 1) s),
    'paused', (select coalesce(jsonb_object_agg(channel, ceil(extract(epoch from paused_until - public.uom_now()) * 1000)), '{}'::jsonb)
                 from public.channel_pauses where paused_until > public.uom_now()));
end $$;

create or replace function public.channel_pause(p_channel text, p_ms integer, p_reason text default null) returns jsonb
language sql security definer set search_path = ''
as $$
  insert into public.channel_pauses (channel, paused_until, reason)
  values (p_channel, public.uom_now() + make_interval(secs => greatest(p_ms, 0) / 1000.0), p_reason)
  on conflict (channel) do update
    set paused_until = greatest(public.channel_pauses.paused_until, excluded.paused_until),
        reason = excluded.reason;
  select jsonb_build_object('paused_until', paused_until) from public.channel_pauses where channel = p_channel
$$;

create or replace function public.outbox_claim_upto(
  p_worker text, p_channels jsonb, p_limit integer default 50, p_lease_seconds integer default 60,
  p_max_priority integer default 32767
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_channels text[] := array(
    select c from jsonb_array_elements_text(p_channels) c
     where not exists (select 1 from public.channel_pauses p where p.channel = c and p.paused_until > public.uom_now()));
  v_out jsonb;
begin
  if cardinality(v_channels) = 0 then
    return '[]'::jsonb;
  end if;
  update public.outbox
     set status = 'pending', locked_by = null, locked_until = null
   where status = 'sending' and locked_until < public.uom_now() and channel = any (v_channels);

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
       and o.next_attempt_at <= public.uom_now()
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
            and (e.status = 'sending' or (e.status = 'pending' and e.next_attempt_at <= public.uom_now()))
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
           locked_until = public.uom_now() + make_interval(secs => p_lease_seconds),
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


-- ---------------------------------------------------------------------------------------------
-- Functions: flows
-- ---------------------------------------------------------------------------------------------

create or replace function public.forget_flows(p_contact_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_applications integer;
  v_answers integer;
begin
  update public.programme_applications
     set answers = '{}'::jsonb, status_note = null, contact_id = null, conversation_id = null,
         erased_at = public.uom_now(), updated_at = public.uom_now()
   where contact_id = p_contact_id;
  get diagnostics v_applications = row_count;
  delete from public.survey_answers a
   using public.survey_responses r
   where r.id = a.response_id and r.contact_id = p_contact_id and a.kind in ('text', 'phone', 'email');
  get diagnostics v_answers = row_count;
  update public.survey_responses
     set contact_id = null, erased_at = public.uom_now(),
         completed_at = coalesce(completed_at, public.uom_now()) -- an unfinished response can no longer be resumed
   where contact_id = p_contact_id;
  return jsonb_build_object('applications', v_applications, 'answers_erased', v_answers);
end $$;

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
  return jsonb_build_object('id', v_app.id, 'status', v_app.status, 'status_note', v_app.status_note,
                            'contact_id', v_app.contact_id, 'conversation_id', v_app.conversation_id,
                            'programme_id', v_app.programme_id, 'locale', v_app.locale);
end $$;

create or replace function public.fx_survey_answer(p_args jsonb) returns jsonb
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
    on conflict (response_id, question_id) do update set value = excluded.value, kind = excluded.kind, answered_at = public.uom_now();
  update public.survey_responses set updated_at = public.uom_now() where id = v_response;
  return jsonb_build_object('ok', true, 'response_id', v_response);
end $$;

create or replace function public.fx_survey_complete(p_args jsonb) returns jsonb
language sql security definer set search_path = ''
as $$
  with updated as (
    update public.survey_responses set completed_at = public.uom_now(), updated_at = public.uom_now()
     where survey_id = p_args->>'survey_id' and contact_id = (p_args->>'contact_id')::bigint and completed_at is null
    returning id
  )
  select jsonb_build_object('completed', count(*)) from updated
$$;


-- ---------------------------------------------------------------------------------------------
-- Functions: booking
-- ---------------------------------------------------------------------------------------------

create or replace function public.booking_spaces_sync(p_spaces jsonb)
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
            coalesce(v_item->'rules', '{}'::jsonb), coalesce(v_item->'info', '{}'::jsonb), true, v_position, public.uom_now())
    on conflict (id) do update
      set kind = excluded.kind, capacity = excluded.capacity, name = excluded.name, rules = excluded.rules,
          info = excluded.info, active = true, position = excluded.position, updated_at = public.uom_now()
      where (public.booking_spaces.kind, public.booking_spaces.capacity, public.booking_spaces.name,
             public.booking_spaces.rules, public.booking_spaces.info, public.booking_spaces.active,
             public.booking_spaces.position)
        is distinct from (excluded.kind, excluded.capacity, excluded.name, excluded.rules, excluded.info, true,
                          excluded.position);
    v_ids := v_ids || (v_item->>'id');
  end loop;
  update public.booking_spaces set active = false, updated_at = public.uom_now() where active and not (id = any (v_ids));
  return jsonb_build_object('spaces', cardinality(v_ids));
end $$;

create or replace function public.booking_free_slots(
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
    'slots', public.booking_day_slots(v_space, p_day, v_minutes, coalesce(p_seats, 1), coalesce(p_now, public.uom_now()), p_exclude));
end $$;

create or replace function public.booking_durations(
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
    exit when public.booking_rule_violation(v_space, v_range, coalesce(p_now, public.uom_now())) is not null
           or v_space.capacity - public.booking_peak(v_space.id, v_range, p_exclude) < coalesce(p_seats, 1);
    v_out := v_out || to_jsonb(v_minutes);
    v_minutes := v_minutes + v_slot;
  end loop;
  return v_out;
end $$;

create or replace function public.booking_book(
  p_space_id text, p_contact_id bigint, p_start timestamptz, p_minutes integer,
  p_conversation_id bigint default null, p_request_key text default null, p_reminder jsonb default null,
  p_reminder_minutes integer default 120, p_seats integer default 1, p_now timestamptz default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := coalesce(p_now, public.uom_now());
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

create or replace function public.booking_alternatives(
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
  return public.booking_alternatives_for(v_space, p_start, p_minutes, coalesce(p_seats, 1), coalesce(p_now, public.uom_now()));
end $$;

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

create or replace function public.booking_cancel(
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
  if v_booking.status <> 'booked' or upper(v_booking.during) <= coalesce(p_now, public.uom_now()) then
    return jsonb_build_object('ok', false, 'code', 'not_active', 'booking', public.booking_json(v_booking));
  end if;
  update public.bookings
     set status = 'cancelled', cancelled_at = coalesce(p_now, public.uom_now()),
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

create or replace function public.booking_confirm(p_booking_id bigint, p_contact_id bigint, p_now timestamptz default null)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  update public.bookings set confirmed_at = coalesce(confirmed_at, coalesce(p_now, public.uom_now()))
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

create or replace function public.booking_upcoming(p_contact_id bigint, p_now timestamptz default null)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(public.booking_json(b) order by lower(b.during)), '[]'::jsonb)
    from public.bookings b
   where b.contact_id = p_contact_id and b.status = 'booked' and upper(b.during) > coalesce(p_now, public.uom_now())
$$;

create or replace function public.forget_bookings(p_contact_id bigint)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_cancelled integer;
  v_unlinked integer;
begin
  with future as (
    update public.bookings
       set status = 'cancelled', cancelled_at = public.uom_now(), cancelled_by = 'forget'
     where contact_id = p_contact_id and status = 'booked' and upper(during) > public.uom_now()
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
-- Functions: knowledge
-- ---------------------------------------------------------------------------------------------

create or replace function public.kb_document_put(p_doc jsonb, p_chunks jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_id bigint;
  v_hash text;
  v_ord integer := 0;
begin
  if coalesce(p_doc->>'doc', '') = '' or coalesce(p_doc->>'hash', '') = '' then
    raise exception using errcode = 'PT422', message = 'document key and hash are required';
  end if;
  select id, content_hash into v_id, v_hash from public.kb_documents where doc = p_doc->>'doc' for update;
  if v_id is not null and v_hash = p_doc->>'hash' then
    return jsonb_build_object('status', 'unchanged', 'id', v_id);
  end if;
  if v_id is null then
    insert into public.kb_documents (doc, title, source_path, kind, content_hash)
    values (p_doc->>'doc', p_doc->>'title', p_doc->>'source_path', p_doc->>'kind', p_doc->>'hash')
    returning id into v_id;
  else
    delete from public.kb_chunks where document_id = v_id;
    update public.kb_documents
       set title = p_doc->>'title', source_path = p_doc->>'source_path', kind = p_doc->>'kind',
           content_hash = p_doc->>'hash', updated_at = public.uom_now()
     where id = v_id;
  end if;
  -- Set-based: all passages, then all their terms, in three statements.
  with inserted as (
    insert into public.kb_chunks (document_id, ord, heading, text, folded, length, content_hash)
    select v_id, (c.ord - 1)::integer, c.value->>'heading', c.value->>'text', c.value->>'folded',
           (c.value->>'length')::integer, c.value->>'hash'
      from jsonb_array_elements(p_chunks) with ordinality c(value, ord)
    returning id, ord
  ),
  terms as (
    insert into public.kb_terms (term, chunk_id, tf)
    select t.key, i.id, t.value::integer
      from inserted i
      join lateral jsonb_each_text(p_chunks->i.ord->'terms') t on true
    returning term
  )
  select count(*) into v_ord from terms;
  insert into public.kb_vocabulary (term)
  select distinct t.key
    from jsonb_array_elements(p_chunks) c, jsonb_object_keys(c->'terms') t(key)
   where length(t.key) between 3 and 30 and t.key !~ '[_~]'
  on conflict do nothing;
  v_ord := jsonb_array_length(p_chunks);
  update public.kb_documents set chunk_count = v_ord where id = v_id;
  return jsonb_build_object('status', case when v_hash is null then 'added' else 'replaced' end,
                            'id', v_id, 'chunks', v_ord);
end $$;


-- ---------------------------------------------------------------------------------------------
-- Functions: staff
-- ---------------------------------------------------------------------------------------------

create or replace function public.fx_ticket_founder_message(p_args jsonb) returns jsonb
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
           sla_due_at = coalesce((p_args->>'reopen_sla_due_at')::timestamptz, sla_due_at), updated_at = public.uom_now()
     where id = v_ticket.id
    returning * into v_ticket;
    v_reopened := true;
    insert into public.ticket_messages (ticket_id, author, body)
      values (v_ticket.id, 'system', jsonb_build_object('event', 'reopened'));
  elsif v_ticket.status = 'waiting' then
    update public.tickets set status = case when assignee_id is null then 'open' else 'assigned' end, updated_at = public.uom_now()
     where id = v_ticket.id;
  end if;
  -- A founder with several linked channels gets staff replies where they wrote last.
  if (p_args->>'conversation_id')::bigint is distinct from v_ticket.conversation_id and p_args ? 'conversation_id' then
    update public.tickets t
       set conversation_id = c.id, channel = c.channel, recipient = c.chat_id, updated_at = public.uom_now()
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

create or replace function public.fx_ticket_staff_message(p_args jsonb) returns jsonb
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
       set first_response_at = coalesce(first_response_at, public.uom_now()),
           assignee_id = coalesce(assignee_id, v_staff.id),
           assigned_at = coalesce(assigned_at, case when v_staff.id is not null then public.uom_now() end),
           status = case when status = 'resolved' then status else 'waiting' end,
           updated_at = public.uom_now()
     where id = v_ticket.id;
    perform public.ticket_enqueue(p_args->'outbox', v_ticket.conversation_id);
  end if;
  return jsonb_build_object('ticket_id', v_ticket.id, 'duplicate', false);
end $$;

create or replace function public.fx_ticket_claim(p_args jsonb) returns jsonb
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
     set assignee_id = v_staff.id, assigned_at = public.uom_now(),
         status = case when status = 'open' then 'assigned' else status end, updated_at = public.uom_now()
   where id = (p_args->>'ticket_id')::bigint and status <> 'resolved'
  returning * into v_ticket;
  if v_ticket.id is null then
    return jsonb_build_object('ok', false, 'code', 'not_open');
  end if;
  insert into public.ticket_messages (ticket_id, author, staff_user_id, body)
    values (v_ticket.id, 'system', v_staff.telegram_user_id, jsonb_build_object('event', 'claimed'));
  return jsonb_build_object('ok', true, 'ticket_id', v_ticket.id, 'number', v_ticket.number);
end $$;

create or replace function public.fx_ticket_resolve(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_ticket public.tickets;
begin
  update public.tickets
     set status = 'resolved', resolved_at = public.uom_now(), resolved_by = coalesce(p_args->>'by', 'staff'), updated_at = public.uom_now()
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

create or replace function public.fx_ticket_csat(p_args jsonb) returns jsonb
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
         csat_at = public.uom_now(), updated_at = public.uom_now()
   where id = (p_args->>'ticket_id')::bigint and status = 'resolved'
     and (p_args->>'contact_id' is null or contact_id = (p_args->>'contact_id')::bigint);
  return jsonb_build_object('ok', found);
end $$;

create or replace function public.ticket_sync_claim(
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
       and (t.topic_claimed_until is null or t.topic_claimed_until < public.uom_now())
     order by t.id limit p_limit
     for update skip locked
  ), claimed as (
    update public.tickets t set topic_claimed_until = public.uom_now() + make_interval(secs => p_lease_seconds)
      from picked where t.id = picked.id
    returning t.*
  )
  select coalesce(jsonb_agg(public.ticket_json(c) order by c.id), '[]'::jsonb) into v_out from claimed c;
  return v_out;
end $$;

create or replace function public.ticket_topic_set(p_ticket_id bigint, p_staff_chat_id text, p_topic_id text, p_card jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_ticket public.tickets;
  m record;
begin
  update public.tickets
     set staff_chat_id = p_staff_chat_id, topic_id = p_topic_id, topic_claimed_until = null, updated_at = public.uom_now()
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

create or replace function public.ticket_overdue(p_now timestamptz default public.uom_now()) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(public.ticket_json(t) order by t.sla_due_at), '[]'::jsonb)
    from public.tickets t
   where t.status <> 'resolved' and t.first_response_at is null and t.sla_due_at < p_now
     and t.overdue_announced_at is null and t.topic_id is not null
$$;

create or replace function public.ticket_overdue_announce(p_ticket_id bigint, p_outbox jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_ticket public.tickets;
begin
  update public.tickets set overdue_announced_at = public.uom_now()
   where id = p_ticket_id and overdue_announced_at is null
  returning * into v_ticket;
  if v_ticket.id is null then
    return jsonb_build_object('ok', false);
  end if;
  perform public.ticket_enqueue(p_outbox, v_ticket.conversation_id);
  return jsonb_build_object('ok', true);
end $$;

create or replace function public.forget_handoff(p_contact_id bigint) returns jsonb
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
         csat_comment = null, erased_at = public.uom_now(), updated_at = public.uom_now(),
         status = 'resolved', resolved_at = coalesce(resolved_at, public.uom_now()), resolved_by = coalesce(resolved_by, 'founder')
   where contact_id = p_contact_id;
  get diagnostics v_tickets = row_count;
  -- Relays not yet delivered would carry the erased texts.
  update public.outbox set status = 'cancelled'
   where status = 'pending' and kind in ('relay', 'staff')
     and dedupe_key like 'handoff:%' and conversation_id in
       (select conversation_id from public.tickets where contact_id = p_contact_id);
  return jsonb_build_object('tickets', v_tickets, 'messages', v_messages);
end $$;

create or replace function public.broadcast_create(p_broadcast jsonb) returns jsonb
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
          coalesce((p_broadcast->>'send_at')::timestamptz, public.uom_now()),
          p_broadcast->>'progress_chat_id')
  returning id into v_id;
  -- The RSVP button carries the broadcast's own id: fill the placeholder now it is known.
  update public.broadcasts
     set payloads = replace(payloads::text, '"bc:rsvp:{id}"', format('"bc:rsvp:%s"', v_id))::jsonb
   where id = v_id;
  return jsonb_build_object('id', v_id,
                            'audience', public.broadcast_audience_count(coalesce(p_broadcast->'audience_spec', '{}'::jsonb)));
end $$;

create or replace function public.broadcast_materialize(p_batch integer default 1000) returns jsonb
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
   where status in ('scheduled', 'sending') and materialized_at is null and send_at <= public.uom_now()
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
           case when a.channel = 'zalo' and (a.last_inbound_at is null or a.last_inbound_at < public.uom_now() - interval '7 days')
                then 'zalo_window' end as skip_reason
      from public.broadcast_audience_rows(v_b.audience_spec, v_b.cursor_contact_id, p_batch) a
  ), ins as (
    insert into public.outbox (channel, recipient, conversation_id, contact_id, payload, kind, priority,
                               not_before, next_attempt_at, dedupe_key, source_id)
    select b.channel, b.recipient, b.conversation_id, b.contact_id,
           jsonb_set(v_b.payloads->b.lang, '{text}', to_jsonb(replace(v_b.payloads->b.lang->>'text', '{name}',
             coalesce(nullif(btrim(b.display_name), ''), v_b.name_fallback->>b.lang, '')))),
           'broadcast', 100, public.uom_now(), public.uom_now(), format('broadcast:%s:%s', v_b.id, b.contact_id), v_b.id
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
         materialized_at = case when v_rows < p_batch then public.uom_now() end
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

create or replace function public.broadcast_cancel(p_id bigint) returns jsonb
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
  update public.broadcasts set status = 'cancelled', cancelled_at = public.uom_now(), finished_at = public.uom_now() where id = p_id;
  update public.outbox set status = 'cancelled', locked_by = null, locked_until = null
   where source_id = p_id and kind = 'broadcast' and status = 'pending';
  get diagnostics v_cancelled = row_count;
  return jsonb_build_object('ok', true, 'cancelled', v_cancelled);
end $$;

create or replace function public.broadcast_report(p_id bigint) returns jsonb
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
   where source_id = p_id and kind = 'broadcast' and status = 'sent' and sent_at > public.uom_now() - interval '30 seconds';
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
    update public.broadcasts set status = 'done', finished_at = public.uom_now() where id = p_id;
    v_b.status := 'done';
    v_b.finished_at := public.uom_now();
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

create or replace function public.broadcast_active(p_since_seconds integer default 120) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(id order by id), '[]'::jsonb) from public.broadcasts
   where status = 'sending' or (status in ('done', 'cancelled') and finished_at > public.uom_now() - make_interval(secs => p_since_seconds))
$$;

create or replace function public.fx_broadcast_subscribe(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_contact bigint := (p_args->>'contact_id')::bigint;
  v_on boolean := coalesce((p_args->>'subscribed')::boolean, true);
  v_cancelled integer := 0;
begin
  update public.contacts set subscribed = v_on, updated_at = public.uom_now() where id = v_contact;
  if not v_on then
    update public.outbox set status = 'cancelled'
     where contact_id = v_contact and kind = 'broadcast' and status = 'pending';
    get diagnostics v_cancelled = row_count;
  end if;
  return jsonb_build_object('subscribed', v_on, 'cancelled', v_cancelled);
end $$;


-- ---------------------------------------------------------------------------------------------
-- Security: no new tables; functions for service_role only.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema public from public, anon, authenticated;
grant execute on all functions in schema public to service_role;
