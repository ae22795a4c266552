-- Linking, hardened (issue 15 §2). An attack run guessed 6-digit codes from 201 free web
-- sessions (5 guesses each) and took over a founder's contact. Now:
-- * codes are 10 characters of Crockford base32 (50 bits; no I, L, O, U), shown as XXXXX-XXXXX;
-- * wrong guesses are limited per contact (as before), per target code (a code's first two
--   characters are its selector: every wrong guess with that selector counts against the live
--   codes that have it, and a code that has taken p_max_failures_per_code is burnt) and globally
--   (all wrong guesses in the window, from any contact: past the limit linking pauses for everyone);
-- * every link is recorded (contact_links) so the code's owner, told on the chat where they asked
--   for the code, can undo it: the identities that joined are cut off into a contact of their own.
-- Time comes from public.uom_now() (the caller's clock).

alter table public.link_codes add column selector text;
alter table public.link_codes add column failures integer not null default 0;
-- Where the code was asked for: the owner is told there when it is used.
alter table public.link_codes add column channel text;
alter table public.link_codes add column chat_id text;
create index link_codes_selector on public.link_codes (selector) where used_at is null;
create index link_attempts_at on public.link_attempts (at);

create table public.contact_links (
  id bigint generated always as identity primary key,
  survivor_contact_id bigint not null references public.contacts (id) on delete cascade,
  -- The channel identities that joined the survivor through this link (the redeemer's).
  identity_ids bigint[] not null,
  linked_channel text not null,
  created_at timestamptz not null default public.uom_now(),
  undone_at timestamptz,
  -- The contact the identities were moved to by an undo (no foreign key: it may be merged or erased later).
  undone_contact_id bigint
);
create index contact_links_survivor on public.contact_links (survivor_contact_id, created_at desc);
comment on table public.contact_links is 'Links made with /link codes, kept so the code owner can undo one.';

-- Effect: stores a new link code for the turn's contact. Args: {code, ttl_seconds?} plus the
-- turn's contact_id and conversation_id. Earlier unused codes of the contact, expired codes,
-- day-old used codes and month-old link records are removed first.
create or replace function public.fx_link_code_create(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_contact bigint := (p_args->>'contact_id')::bigint;
  v_code text := p_args->>'code';
  v_expires timestamptz := v_now + make_interval(secs => coalesce((p_args->>'ttl_seconds')::integer, 600));
  v_conv public.conversations;
begin
  if v_contact is null then
    raise exception using errcode = 'PT422', message = 'link code needs a contact';
  end if;
  if v_code is null or v_code !~ '^[0-9A-HJKMNP-TV-Z]{10}$' then
    raise exception using errcode = 'PT422', message = 'link code must be 10 characters of Crockford base32';
  end if;
  select * into v_conv from public.conversations where id = (p_args->>'conversation_id')::bigint;
  delete from public.link_codes
   where (used_at is null and (expires_at < v_now or contact_id = v_contact))
      or used_at < v_now - interval '1 day';
  delete from public.contact_links where created_at < v_now - interval '30 days';
  -- A clash with another person's live code aborts the turn; its retry draws a new code.
  insert into public.link_codes (contact_id, code_hash, expires_at, created_at, selector, channel, chat_id)
    values (v_contact, encode(sha256(convert_to(v_code, 'UTF8')), 'hex'), v_expires, v_now,
            left(v_code, 2), v_conv.channel, v_conv.chat_id);
  return jsonb_build_object('ok', true, 'expires_at', v_expires);
end $$;

drop function if exists public.link_redeem(text, bigint, integer, integer);

-- Redeems a link code typed by contact p_contact_id (through identity p_identity_id): merges that
-- contact into the code's owner. Results:
--   {ok:true, link_id, survivor_contact_id, merged_contact_id, notify_channel, notify_chat_id,
--    survivor_locale, repeated?}
--   {ok:false, code: 'invalid' | 'rate_limited' | 'busy' | 'same_contact'}
-- Limits in a window of p_window_seconds: p_max_failures wrong codes per contact,
-- p_max_failures_global wrong codes from everyone ('busy' past it), p_max_failures_per_code
-- wrong guesses against one code's selector before that code is burnt.
create function public.link_redeem(
  p_code text,
  p_contact_id bigint,
  p_max_failures integer default 5,
  p_window_seconds integer default 900,
  p_max_failures_global integer default 100,
  p_max_failures_per_code integer default 5
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_since timestamptz := v_now - make_interval(secs => p_window_seconds);
  v_code text := upper(coalesce(p_code, ''));
  v_hash text := encode(sha256(convert_to(v_code, 'UTF8')), 'hex');
  v_link public.link_codes;
  v_record public.contact_links;
  v_identities bigint[];
  v_channel text;
  v_locale text;
begin
  -- Serialise redemptions: the global count must not be raced past by parallel guesses
  -- (several server processes on PostgreSQL). A transaction-scoped advisory lock.
  perform pg_catalog.pg_advisory_xact_lock(7207150001);
  delete from public.link_attempts where at <= v_since;
  if (select count(*) from public.link_attempts where contact_id = p_contact_id and at > v_since) >= p_max_failures then
    return jsonb_build_object('ok', false, 'code', 'rate_limited');
  end if;

  select * into v_link from public.link_codes
   where code_hash = v_hash and used_at is null and expires_at > v_now
   for update;
  if not found then
    -- The same code already merged this very contact (the turn is being retried): done.
    select * into v_link from public.link_codes
     where code_hash = v_hash and used_at is not null and contact_id = p_contact_id
       and used_at > v_now - interval '1 hour'
     order by used_at desc limit 1;
    if found then
      select * into v_record from public.contact_links
       where survivor_contact_id = v_link.contact_id and created_at = v_link.used_at
       order by id desc limit 1;
      select locale into v_locale from public.contacts where id = v_link.contact_id;
      return jsonb_build_object('ok', true, 'repeated', true, 'link_id', v_record.id,
        'survivor_contact_id', v_link.contact_id, 'merged_contact_id', v_link.merged_contact_id,
        'linked_channel', v_record.linked_channel, 'notify_channel', v_link.channel,
        'notify_chat_id', v_link.chat_id, 'survivor_locale', v_locale);
    end if;
    if (select count(*) from public.link_attempts where at > v_since) >= p_max_failures_global then
      return jsonb_build_object('ok', false, 'code', 'busy');
    end if;
    insert into public.link_attempts (contact_id, at) values (p_contact_id, v_now);
    -- Per target: the guess counts against every live code with its selector; burnt at the limit.
    update public.link_codes
       set failures = failures + 1,
           expires_at = case when failures + 1 >= p_max_failures_per_code then v_now else expires_at end
     where selector = left(v_code, 2) and used_at is null and expires_at > v_now;
    return jsonb_build_object('ok', false, 'code', 'invalid');
  end if;
  if (select count(*) from public.link_attempts where at > v_since) >= p_max_failures_global then
    -- Paused for everyone, even a right code: otherwise "busy" would tell a guesser nothing.
    return jsonb_build_object('ok', false, 'code', 'busy');
  end if;
  if v_link.contact_id = p_contact_id then
    return jsonb_build_object('ok', false, 'code', 'same_contact');
  end if;

  select array_agg(id order by id), min(channel) into v_identities, v_channel
    from public.channel_identities where contact_id = p_contact_id;
  update public.link_codes set used_at = v_now, merged_contact_id = p_contact_id where id = v_link.id;
  perform public.contact_merge(v_link.contact_id, p_contact_id);
  insert into public.contact_links (survivor_contact_id, identity_ids, linked_channel, created_at)
    values (v_link.contact_id, coalesce(v_identities, '{}'), coalesce(v_channel, 'web'), v_now)
    returning * into v_record;
  delete from public.link_attempts where contact_id = v_link.contact_id;
  select locale into v_locale from public.contacts where id = v_link.contact_id;
  return jsonb_build_object('ok', true, 'link_id', v_record.id,
    'survivor_contact_id', v_link.contact_id, 'merged_contact_id', p_contact_id,
    'linked_channel', v_record.linked_channel, 'notify_channel', v_link.channel,
    'notify_chat_id', v_link.chat_id, 'survivor_locale', v_locale);
end $$;

-- Undoes a link of contact p_contact_id: the identities that joined through it (and their
-- conversations, state cleared) move to a new contact with no personal data. Which link: p_link_id
-- when given (the button on the owner's notice); otherwise the link that brought identity
-- p_identity_id in, else the contact's latest link. Within p_max_age_seconds of the link.
-- Results: {ok:true, link_id, detached_contact_id, identities, repeated?} |
-- {ok:false, code:'not_found' | 'too_old'}.
create function public.link_undo(
  p_contact_id bigint, p_identity_id bigint default null, p_link_id bigint default null,
  p_max_age_seconds integer default 604800
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_now timestamptz := public.uom_now();
  v_link public.contact_links;
  v_new bigint;
  v_count integer;
begin
  if p_link_id is not null then
    select * into v_link from public.contact_links
     where id = p_link_id and survivor_contact_id = p_contact_id for update;
  else
    select * into v_link from public.contact_links
     where survivor_contact_id = p_contact_id and undone_at is null
     order by (p_identity_id = any(identity_ids)) desc nulls last, created_at desc, id desc
     limit 1 for update;
  end if;
  if not found then
    return jsonb_build_object('ok', false, 'code', 'not_found');
  end if;
  if v_link.undone_at is not null then
    return jsonb_build_object('ok', true, 'repeated', true, 'link_id', v_link.id,
                              'detached_contact_id', v_link.undone_contact_id);
  end if;
  if v_link.created_at < v_now - make_interval(secs => p_max_age_seconds) then
    return jsonb_build_object('ok', false, 'code', 'too_old');
  end if;
  insert into public.contacts (locale, created_at, updated_at)
    select locale, v_now, v_now from public.contacts where id = p_contact_id
    returning id into v_new;
  update public.channel_identities set contact_id = v_new
   where id = any(v_link.identity_ids) and contact_id = p_contact_id;
  get diagnostics v_count = row_count;
  update public.conversations c
     set contact_id = v_new, state = '{}'::jsonb, version = c.version + 1, updated_at = v_now
   where c.contact_id = p_contact_id
     and (c.identity_id = any(v_link.identity_ids)
          or exists (select 1 from public.channel_identities i
                      where i.id = any(v_link.identity_ids) and i.channel = c.channel and i.external_id = c.chat_id));
  update public.contact_links set undone_at = v_now, undone_contact_id = v_new where id = v_link.id;
  return jsonb_build_object('ok', true, 'link_id', v_link.id, 'detached_contact_id', v_new, 'identities', v_count);
end $$;

-- /forget (Decree 13/2023): link records go with the contact's other data.
create or replace function public.forget_linking(p_contact_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_codes integer;
  v_attempts integer;
  v_links integer;
begin
  delete from public.link_codes where contact_id = p_contact_id;
  get diagnostics v_codes = row_count;
  delete from public.link_attempts where contact_id = p_contact_id;
  get diagnostics v_attempts = row_count;
  delete from public.contact_links where survivor_contact_id = p_contact_id;
  get diagnostics v_links = row_count;
  return jsonb_build_object('link_codes', v_codes, 'link_attempts', v_attempts, 'contact_links', v_links);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------
alter table public.contact_links enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
