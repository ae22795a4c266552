-- Zalo Official Account tokens and Bot Framework conversation references (issue 3).
--
-- Zalo: an access token lives about 25 hours and its refresh token is single-use, so the pair
-- must be replaced atomically and only one process may spend the refresh token. The HTTP call to
-- Zalo cannot run inside one database call (the supabase driver has no session), so the refresher
-- takes a short lease on the row (like the dispatcher's conversation lease): others wait for the
-- new token and reuse it instead of refreshing again.
--
-- Bot Framework: the conversation reference (service URL, conversation, bot and user ids) is kept
-- on the person's channel identity so staff replies, reminders and broadcasts reach them later.

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

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------
alter table public.zalo_tokens enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
