-- Linking: one founder on two platforms. `/link` on platform A gives a one-time 6-digit code
-- (stored only as a SHA-256 hash, valid 10 minutes); typing `/link <code>` on platform B merges
-- B's contact into A's, so staff and broadcasts see one person.
--
-- Runs on PostgreSQL 15+ and PGlite. Functions follow the core conventions: jsonb results,
-- security definer, empty search_path.

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

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------
alter table public.link_codes enable row level security;
alter table public.link_attempts enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
