-- Baseline of release 2026-11 (squashed from its nine migrations; the originals are kept in
-- tests/store/fixtures/release-2026-11/). Released: never edit; change the schema in a new file.
--
-- Contacts and their channel identities: consent, profile, locale, linking two identities of one
-- person, the Zalo OA tokens and Bot Framework references, and forgetting a contact.
--
-- Linking: one founder on two platforms. `/link` on platform A gives a one-time 6-digit code
-- (stored only as a SHA-256 hash, valid 10 minutes); typing `/link <code>` on platform B merges
-- B's contact into A's, so staff and broadcasts see one person.
--
-- Runs on PostgreSQL 15+ and PGlite. Functions follow the core conventions: jsonb results,
-- security definer, empty search_path.
--
-- Zalo Official Account tokens and Bot Framework conversation references.
--
-- Zalo: an access token lives about 25 hours and its refresh token is single-use, so the pair
-- must be replaced atomically and only one process may spend the refresh token. The HTTP call to
-- Zalo cannot run inside one database call (the supabase driver has no session), so the refresher
-- takes a short lease on the row (like the dispatcher's conversation lease): others wait for the
-- new token and reuse it instead of refreshing again.
--
-- Bot Framework: the conversation reference (service URL, conversation, bot and user ids) is kept
-- on the person's channel identity so staff replies, reminders and broadcasts reach them later.

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table public.contacts (
  id bigint generated always as identity primary key,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  locale text not null default 'vi' check (locale in ('vi', 'en')),
  -- Personal data: only written after consent (Decree 13/2023/ND-CP), erased by /forget.
  display_name text,
  phone text check (phone is null or phone ~ '^\+[1-9][0-9]{6,14}$'),
  email text,
  profile jsonb not null default '{}'::jsonb,
  consent_version text,
  consented_at timestamptz,
  consent_channel text,
  subscribed boolean not null default true,
  erased_at timestamptz
);

comment on table public.contacts is 'One founder (or staff member), whatever channels they use.';

create table public.channel_identities (
  id bigint generated always as identity primary key,
  contact_id bigint not null references public.contacts (id) on delete cascade,
  channel text not null check (channel in ('web', 'telegram', 'zalo', 'botframework')),
  external_id text not null,
  reachable boolean not null default true,
  unreachable_reason text,
  unreachable_at timestamptz,
  -- What the platform needs to reach the person later (Bot Framework conversation reference).
  reference jsonb,
  created_at timestamptz not null default now(),
  unique (channel, external_id)
);

create index channel_identities_contact on public.channel_identities (contact_id);

comment on table public.channel_identities is 'A platform account of a contact; one contact may have several.';

create table public.link_codes (
  id bigint generated always as identity primary key,
  contact_id bigint not null references public.contacts (id) on delete cascade,
  code_hash text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  -- The contact that was merged into contact_id when the code was used (deleted since).
  merged_contact_id bigint
);

-- One live code per hash; expired ones are deleted before a new code is stored.
create unique index link_codes_live on public.link_codes (code_hash) where used_at is null;

create index link_codes_contact on public.link_codes (contact_id);

comment on table public.link_codes is 'One-time codes for linking two platform identities of one person.';

create table public.link_attempts (
  id bigint generated always as identity primary key,
  contact_id bigint not null references public.contacts (id) on delete cascade,
  at timestamptz not null default now()
);

create index link_attempts_contact on public.link_attempts (contact_id, at);

comment on table public.link_attempts is 'Wrong link codes typed, for rate limiting guesses.';

create table public.zalo_tokens (
  app_id text primary key,
  access_token text not null,
  refresh_token text not null,
  access_expires_at timestamptz,
  -- Bumped on every stored pair; waiters compare it to know a refresh finished.
  generation bigint not null default 1,
  refresh_owner text,
  refresh_until timestamptz,
  last_error text,
  refreshed_at timestamptz,
  updated_at timestamptz not null default now()
);

comment on table public.zalo_tokens is 'The Zalo OA access/refresh token pair (one row per app); secrets, read only by the bot.';

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

-- Marks a platform identity reachable or not (Telegram my_chat_member, Zalo follow/unfollow).
create function public.identity_set_reachable(
  p_channel text, p_external_id text, p_reachable boolean, p_reason text default null
) returns jsonb
language sql security definer set search_path = ''
as $$
  with updated as (
    update public.channel_identities
       set reachable = p_reachable,
           unreachable_reason = case when p_reachable then null else p_reason end,
           unreachable_at = case when p_reachable then null else now() end
     where channel = p_channel and external_id = p_external_id
    returning id
  )
  select jsonb_build_object('updated', count(*)) from updated
$$;

-- Effect: records consent (Decree 13/2023/ND-CP) for the turn's contact. Args: {version, channel, locale?}.
create function public.fx_contact_consent(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
begin
  update public.contacts
     set consent_version = p_args->>'version', consented_at = now(), consent_channel = p_args->>'channel',
         locale = coalesce(p_args->>'locale', locale), erased_at = null, updated_at = now()
   where id = (p_args->>'contact_id')::bigint;
  return jsonb_build_object('consented', true);
end $$;

-- Effect: stores a new link code for the turn's contact. Args: {code, ttl_seconds?}.
-- Earlier unused codes of the contact, expired codes and day-old used codes are removed first.
create function public.fx_link_code_create(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_contact bigint := (p_args->>'contact_id')::bigint;
  v_code text := p_args->>'code';
  v_expires timestamptz := now() + make_interval(secs => coalesce((p_args->>'ttl_seconds')::integer, 600));
begin
  if v_contact is null then
    raise exception using errcode = 'PT422', message = 'link code needs a contact';
  end if;
  if v_code is null or v_code !~ '^[0-9]{6}$' then
    raise exception using errcode = 'PT422', message = 'link code must be 6 digits';
  end if;
  delete from public.link_codes
   where (used_at is null and (expires_at < now() or contact_id = v_contact))
      or used_at < now() - interval '1 day';
  -- A clash with another person's live code aborts the turn; its retry draws a new code.
  insert into public.link_codes (contact_id, code_hash, expires_at)
    values (v_contact, encode(sha256(convert_to(v_code, 'UTF8')), 'hex'), v_expires);
  return jsonb_build_object('ok', true, 'expires_at', v_expires);
end $$;

-- Merges contact p_merged into p_survivor: identities, conversations and every row of every
-- table with a foreign key to contacts (found in pg_catalog, so tables added later are covered).
-- Where moving a row would break a unique or exclusion constraint, the survivor's row is kept
-- and the merged contact's row is dropped. Profile: the survivor's values win, gaps are filled
-- from the merged contact; the more recent consent is kept; "stop" on either side is respected.
create function public.contact_merge(p_survivor bigint, p_merged bigint) returns jsonb
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
         updated_at = now()
   where k.id = p_survivor;

  delete from public.contacts where id = p_merged;
  return jsonb_build_object('ok', true, 'survivor_contact_id', p_survivor, 'merged_contact_id', p_merged,
                            'rows_moved', v_moved, 'rows_dropped', v_dropped);
end $$;

-- Redeems a link code typed by contact p_contact_id: merges that contact into the code's owner.
-- Results: {ok:true, survivor_contact_id, merged_contact_id} | {ok:false, code: 'invalid' |
-- 'rate_limited' | 'same_contact'}. At most p_max_failures wrong codes per contact in
-- p_window_seconds. Repeating a successful redemption (a retried turn) answers ok again.
create function public.link_redeem(
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
   where contact_id = p_contact_id and at <= now() - make_interval(secs => p_window_seconds);
  select count(*) into v_failures from public.link_attempts
   where contact_id = p_contact_id and at > now() - make_interval(secs => p_window_seconds);
  if v_failures >= p_max_failures then
    return jsonb_build_object('ok', false, 'code', 'rate_limited');
  end if;

  select * into v_link from public.link_codes
   where code_hash = v_hash and used_at is null and expires_at > now()
   for update;
  if not found then
    -- The same code already merged this very contact (the turn is being retried): done.
    select * into v_link from public.link_codes
     where code_hash = v_hash and used_at is not null and contact_id = p_contact_id
       and used_at > now() - interval '1 hour'
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

  update public.link_codes set used_at = now(), merged_contact_id = p_contact_id where id = v_link.id;
  perform public.contact_merge(v_link.contact_id, p_contact_id);
  delete from public.link_attempts where contact_id = v_link.contact_id;
  return jsonb_build_object('ok', true, 'survivor_contact_id', v_link.contact_id, 'merged_contact_id', p_contact_id);
end $$;

-- /forget (Decree 13/2023): link codes and attempts hold no personal data beyond the contact
-- id; remove them with the contact's other data.
create function public.forget_linking(p_contact_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_codes integer;
  v_attempts integer;
begin
  delete from public.link_codes where contact_id = p_contact_id;
  get diagnostics v_codes = row_count;
  delete from public.link_attempts where contact_id = p_contact_id;
  get diagnostics v_attempts = row_count;
  return jsonb_build_object('link_codes', v_codes, 'link_attempts', v_attempts);
end $$;

-- The current pair, or {found:false}. A pair whose lease expired is reported without an owner.
create function public.zalo_token_get(p_app_id text) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select jsonb_build_object(
              'found', true, 'access_token', t.access_token, 'refresh_token', t.refresh_token,
              'access_expires_at', t.access_expires_at, 'generation', t.generation,
              'refreshing', t.refresh_owner is not null and t.refresh_until > now(),
              'refreshed_at', t.refreshed_at, 'last_error', t.last_error)
       from public.zalo_tokens t where t.app_id = p_app_id),
    jsonb_build_object('found', false))
$$;

-- Stores the first pair (from the environment or `uom zalo auth`). p_replace = false keeps an
-- existing pair: the environment's tokens are used only while the database has none.
create function public.zalo_token_store(
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
            case when p_expires_in_seconds is null then null else now() + make_interval(secs => p_expires_in_seconds) end,
            case when p_replace then now() end)
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
                                  else now() + make_interval(secs => p_expires_in_seconds) end,
         generation = generation + 1, refresh_owner = null, refresh_until = null, last_error = null,
         refreshed_at = now(), updated_at = now()
   where app_id = p_app_id
   returning * into v_row;
  return jsonb_build_object('stored', true, 'generation', v_row.generation);
end $$;

-- Asks to refresh the pair whose generation the caller saw fail. Returns
--   {action:'refresh', refresh_token, generation}  the caller holds the lease and must finish or abort;
--   {action:'reuse', access_token, generation}     someone already stored a newer pair;
--   {action:'wait', generation}                    another process is refreshing right now;
--   {action:'missing'}                              no pair stored.
create function public.zalo_token_begin_refresh(
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
  if v_row.refresh_owner is not null and v_row.refresh_owner <> p_worker and v_row.refresh_until > now() then
    return jsonb_build_object('action', 'wait', 'generation', v_row.generation);
  end if;
  update public.zalo_tokens
     set refresh_owner = p_worker, refresh_until = now() + make_interval(secs => p_lease_seconds), updated_at = now()
   where app_id = p_app_id;
  return jsonb_build_object('action', 'refresh', 'refresh_token', v_row.refresh_token, 'generation', v_row.generation);
end $$;

-- Stores the refreshed pair if the caller still holds the lease (one atomic update).
create function public.zalo_token_finish_refresh(
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
                                  else now() + make_interval(secs => p_expires_in_seconds) end,
         generation = generation + 1, refresh_owner = null, refresh_until = null, last_error = null,
         refreshed_at = now(), updated_at = now()
   where app_id = p_app_id and refresh_owner = p_worker
   returning generation into v_generation;
  if v_generation is null then
    return jsonb_build_object('stored', false, 'code', 'lease_lost');
  end if;
  return jsonb_build_object('stored', true, 'generation', v_generation);
end $$;

-- Gives the lease back after a failed refresh, with the (secret-free) reason.
create function public.zalo_token_abort_refresh(p_app_id text, p_worker text, p_error text default null)
returns jsonb
language sql security definer set search_path = ''
as $$
  with updated as (
    update public.zalo_tokens
       set refresh_owner = null, refresh_until = null, last_error = left(p_error, 500), updated_at = now()
     where app_id = p_app_id and refresh_owner = p_worker
    returning 1
  )
  select jsonb_build_object('released', count(*) > 0) from updated
$$;

-- Saves the platform's reference for proactive messages on a channel identity. With p_chat_id the
-- contact, identity and conversation are created first (as inbox_put would), so the reference is
-- in place before the event that carried it is processed and answered.
create function public.identity_set_reference(
  p_channel text, p_external_id text, p_reference jsonb,
  p_chat_id text default null, p_chat_type text default 'private', p_locale text default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_count integer;
begin
  if p_chat_id is not null then
    perform public.conversation_ensure(p_channel, p_chat_id, p_external_id, p_chat_type, p_locale);
  end if;
  update public.channel_identities
     set reference = p_reference
   where channel = p_channel and external_id = p_external_id
     and reference is distinct from p_reference;
  get diagnostics v_count = row_count;
  return jsonb_build_object('updated', v_count);
end $$;

-- Decree 13/2023: a stored conversation reference carries the person's display name; drop it.
-- The rest (service URL, ids) stays so the platform can still be answered if they write again.
create function public.forget_botframework(p_contact_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_count integer;
begin
  update public.channel_identities
     set reference = (reference #- '{user,name}') #- '{user,aadObjectId}'
   where contact_id = p_contact_id and reference is not null;
  get diagnostics v_count = row_count;
  return jsonb_build_object('references_cleared', v_count);
end $$;

-- Profile, language, consent housekeeping

-- Effect: stores the profile of the turn's contact. Args: {name?, phone?, email?, profile?}.
-- Only for a contact who consented (nothing personal is stored without consent): otherwise
-- returns {ok:false, code:'no_consent'} and stores nothing.
create function public.fx_contact_profile(p_args jsonb) returns jsonb
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
         updated_at = now()
   where id = v_id and consented_at is not null;
  if not found then
    return jsonb_build_object('ok', false, 'code', 'no_consent');
  end if;
  return jsonb_build_object('ok', true);
end $$;

-- Effect: the founder's language choice (/lang), kept on the contact once they consented.
create function public.fx_contact_locale(p_args jsonb) returns jsonb
language sql security definer set search_path = ''
as $$
  with updated as (
    update public.contacts set locale = p_args->>'locale', updated_at = now()
     where id = (p_args->>'contact_id')::bigint and p_args->>'locale' in ('vi', 'en') and consented_at is not null
    returning id
  )
  select jsonb_build_object('updated', count(*)) from updated
$$;

-- What is stored about a contact (/me): the contact row plus every public.about_*(bigint)
-- function other areas provide, each under its name without the prefix.
create function public.contact_about(p_contact_id bigint) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_contact public.contacts;
  v_areas jsonb := '{}'::jsonb;
  v_result jsonb;
  r record;
begin
  select * into v_contact from public.contacts where id = p_contact_id;
  if not found then
    raise exception using errcode = 'PT404', message = format('contact %s not found', p_contact_id);
  end if;
  for r in
    select p.proname from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and p.proname like 'about\_%' and p.pronargs = 1
       and p.proargtypes[0] = 'pg_catalog.int8'::pg_catalog.regtype
     order by p.proname
  loop
    execute format('select public.%I($1)', r.proname) into v_result using p_contact_id;
    v_areas := v_areas || jsonb_build_object(substr(r.proname, 7), v_result);
  end loop;
  return jsonb_build_object(
    'name', v_contact.display_name, 'phone', v_contact.phone, 'email', v_contact.email,
    'profile', v_contact.profile, 'locale', v_contact.locale,
    'consent_version', v_contact.consent_version, 'consented_at', v_contact.consented_at,
    'consent_channel', v_contact.consent_channel, 'areas', v_areas);
end $$;

-- Decree 13/2023 (/forget): erases a contact's personal data everywhere. Calls every
-- public.forget_*(bigint) function (each area erases its own), then clears the contact, the
-- message log, inbox and outbox payloads and conversation state of their conversations.
-- Anonymous statistics (counts, statuses, dates) stay. Consent is withdrawn with the data.
create function public.contact_forget(p_contact_id bigint) returns jsonb
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
         updated_at = now()
   where contact_id = p_contact_id;
  update public.contacts
     set display_name = null, phone = null, email = null, profile = '{}'::jsonb,
         consent_version = null, consented_at = null, consent_channel = null,
         erased_at = now(), updated_at = now()
   where id = p_contact_id;
  return jsonb_build_object('ok', true, 'messages', v_messages, 'areas', v_areas);
end $$;

-- Effect form of contact_forget for the /forget turn.
create function public.fx_contact_forget(p_args jsonb) returns jsonb
language sql security definer set search_path = ''
as $$ select public.contact_forget((p_args->>'contact_id')::bigint) $$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------

alter table public.contacts enable row level security;
alter table public.channel_identities enable row level security;
alter table public.link_codes enable row level security;
alter table public.link_attempts enable row level security;
alter table public.zalo_tokens enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
