-- Baseline of release 2026-11 (squashed from its nine migrations; the originals are kept in
-- tests/store/fixtures/release-2026-11/). Released: never edit; change the schema in a new file.
--
-- The message pipeline: conversations, the message log, the inbox (webhook events, deduplicated),
-- dispatch and turn commit, the outbox and its sender (claims, outcomes, channel pauses,
-- sender presence), the web chat poll, queue statistics and retention.
--
-- Retention (Decree 13/2023/ND-CP: keep personal data no longer than needed). Processed inbox
-- payloads and delivered outbox payloads hold message text; after the retention period their
-- payloads are cleared (the rows stay, so counts and duplicate suppression still work). The
-- message log keeps conversations for staff context for longer, then is deleted.

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table public.conversations (
  id bigint generated always as identity primary key,
  contact_id bigint references public.contacts (id) on delete set null,
  identity_id bigint references public.channel_identities (id) on delete set null,
  channel text not null check (channel in ('web', 'telegram', 'zalo', 'botframework')),
  chat_id text not null,
  chat_type text not null default 'private' check (chat_type in ('private', 'group')),
  state jsonb not null default '{}'::jsonb,
  version integer not null default 0,
  -- A dispatcher's claim: only the lease owner may commit a turn for this conversation.
  lease_owner text,
  lease_until timestamptz,
  last_inbound_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (channel, chat_id)
);

create index conversations_contact on public.conversations (contact_id);

comment on table public.conversations is 'A chat on one platform; state holds the active flow and its answers.';

create table public.messages (
  id bigint generated always as identity primary key,
  conversation_id bigint not null references public.conversations (id) on delete cascade,
  direction text not null check (direction in ('in', 'out')),
  body jsonb not null,
  created_at timestamptz not null default now()
);

create index messages_conversation on public.messages (conversation_id, id);

comment on table public.messages is 'Message log (inbound after consent, outbound when sent).';

create table public.inbox (
  id bigint generated always as identity primary key,
  channel text not null,
  event_id text not null,
  conversation_id bigint not null references public.conversations (id) on delete cascade,
  payload jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'processing', 'done', 'parked')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  unique (channel, event_id)
);

create index inbox_open on public.inbox (conversation_id, id) where status in ('pending', 'processing');

comment on table public.inbox is 'Normalized webhook events; unique per channel event so a redelivery is dropped.';

create table public.outbox (
  id bigint generated always as identity primary key,
  channel text not null check (channel in ('web', 'telegram', 'zalo', 'botframework')),
  recipient text not null,
  conversation_id bigint references public.conversations (id) on delete set null,
  contact_id bigint references public.contacts (id) on delete cascade,
  payload jsonb not null,
  kind text not null default 'reply' check (kind in ('reply', 'relay', 'reminder', 'broadcast', 'staff', 'notice')),
  -- Lower is sent first: live replies 0, staff relays 5, reminders 10, broadcasts 100.
  priority smallint not null default 0,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts integer not null default 0,
  not_before timestamptz not null default now(),
  next_attempt_at timestamptz not null default now(),
  locked_by text,
  locked_until timestamptz,
  last_error text,
  platform_message_id text,
  -- Order of delivery; the web chat's cursor (one row per chat is in flight at a time).
  sent_seq bigint,
  source_id bigint,
  dedupe_key text unique,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  check (next_attempt_at >= not_before)
);

create index outbox_due on public.outbox (priority, next_attempt_at, id) where status = 'pending';

create index outbox_recipient_open on public.outbox (channel, recipient, id) where status in ('pending', 'sending');

create index outbox_sending on public.outbox (locked_until) where status = 'sending';

create sequence public.outbox_sent_seq;

create index outbox_web on public.outbox (recipient, sent_seq) where channel = 'web' and status = 'sent';

comment on table public.outbox is 'Every message the bot sends; the sender delivers rows per channel.';

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
-- Functions
-- ---------------------------------------------------------------------------------------------

create function public.uom_ping() returns jsonb
language sql stable security definer set search_path = ''
as $$ select jsonb_build_object('ok', true, 'now', now()) $$;

-- Finds or creates the contact, identity and conversation of a platform chat.
create function public.conversation_ensure(
  p_channel text, p_chat_id text, p_user_id text, p_chat_type text default 'private', p_locale text default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_identity public.channel_identities;
  v_contact_id bigint;
  v_conversation public.conversations;
begin
  select * into v_identity from public.channel_identities
   where channel = p_channel and external_id = p_user_id;
  if not found then
    insert into public.contacts (locale)
      values (case when p_locale in ('vi', 'en') then p_locale else 'vi' end)
      returning id into v_contact_id;
    insert into public.channel_identities (contact_id, channel, external_id)
      values (v_contact_id, p_channel, p_user_id)
      on conflict (channel, external_id) do nothing
      returning * into v_identity;
    if v_identity.id is null then
      delete from public.contacts where id = v_contact_id; -- lost the race: use the winner's
      select * into v_identity from public.channel_identities
       where channel = p_channel and external_id = p_user_id;
    end if;
  end if;

  select * into v_conversation from public.conversations where channel = p_channel and chat_id = p_chat_id;
  if not found then
    insert into public.conversations (contact_id, identity_id, channel, chat_id, chat_type)
      values (v_identity.contact_id, v_identity.id, p_channel, p_chat_id, coalesce(p_chat_type, 'private'))
      on conflict (channel, chat_id) do nothing
      returning * into v_conversation;
    if v_conversation.id is null then
      select * into v_conversation from public.conversations where channel = p_channel and chat_id = p_chat_id;
    end if;
  end if;
  return jsonb_build_object(
    'conversation_id', v_conversation.id,
    'contact_id', v_identity.contact_id,
    'identity_id', v_identity.id);
end $$;

-- Stores a normalized webhook event once. A redelivery (same channel + event id) is reported
-- as a duplicate and not stored again.
create function public.inbox_put(
  p_channel text, p_event_id text, p_chat_id text, p_user_id text, p_payload jsonb,
  p_chat_type text default 'private', p_locale text default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_existing bigint;
  v_ids jsonb;
  v_id bigint;
begin
  select id into v_existing from public.inbox where channel = p_channel and event_id = p_event_id;
  if found then
    return jsonb_build_object('inbox_id', v_existing, 'duplicate', true);
  end if;
  v_ids := public.conversation_ensure(p_channel, p_chat_id, p_user_id, p_chat_type, p_locale);
  insert into public.inbox (channel, event_id, conversation_id, payload)
    values (p_channel, p_event_id, (v_ids->>'conversation_id')::bigint, p_payload)
    on conflict (channel, event_id) do nothing
    returning id into v_id;
  if v_id is null then
    select id into v_id from public.inbox where channel = p_channel and event_id = p_event_id;
    return jsonb_build_object('inbox_id', v_id, 'duplicate', true);
  end if;
  return v_ids || jsonb_build_object('inbox_id', v_id, 'duplicate', false);
end $$;

-- Claims up to p_limit conversations that have a due event, one event each (the oldest open
-- one, so order within a conversation holds), under a lease. Many dispatchers in many processes
-- share the work: rows locked by another claimer are skipped, leased conversations are not due.
create function public.dispatch_claim(p_worker text, p_limit integer default 8, p_lease_seconds integer default 120)
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
     where h.next_attempt_at <= now()
       and (c.lease_until is null or c.lease_until < now())
     order by h.id
     limit p_limit
     for update of c skip locked
  loop
    update public.conversations
       set lease_owner = p_worker, lease_until = now() + make_interval(secs => p_lease_seconds)
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

-- Queues outbound messages; each item: {payload, channel?, recipient?, conversation_id?,
-- contact_id?, kind?, priority?, not_before?, dedupe_key?, source_id?}. Missing channel and
-- recipient default to the given conversation's. Items whose dedupe_key exists are skipped.
create function public.outbox_enqueue(p_items jsonb, p_conversation_id bigint default null)
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
    v_not_before := coalesce((v_item->>'not_before')::timestamptz, now());
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

-- Commits one turn atomically: the conversation's new state (optimistic version check and
-- lease check), effects (calls to public.fx_* functions, run in this transaction), outbound
-- messages, the message log and the inbox event's status. All of it happens or none of it.
create function public.turn_commit(
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
         lease_owner = null, lease_until = null, updated_at = now(),
         last_inbound_at = greatest(last_inbound_at, v_event.received_at)
   where id = v_conv.id;

  v_outbox := public.outbox_enqueue(p_outbound, v_conv.id);

  if p_log_inbound then
    insert into public.messages (conversation_id, direction, body, created_at)
      values (v_conv.id, 'in', v_event.payload, v_event.received_at);
  end if;

  update public.inbox set status = 'done', processed_at = now(), last_error = null where id = p_inbox_id;

  return jsonb_build_object('version', v_conv.version + 1, 'outbox_ids', v_outbox, 'effects', v_results);
end $$;

-- Records a failed turn: retried after p_retry_in_seconds, or parked (kept with its error for
-- staff) when p_park. Releases the conversation so its other work can go on.
create function public.turn_fail(
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
         next_attempt_at = now() + make_interval(secs => greatest(p_retry_in_seconds, 0)),
         last_error = left(p_error, 2000)
   where id = p_inbox_id and status = 'processing';
  update public.conversations
     set lease_owner = null, lease_until = null
   where id = v_event.conversation_id and lease_owner = p_worker;
  return jsonb_build_object('parked', p_park);
end $$;

-- Records delivery outcomes in one call. Each item: {id, outcome: 'sent'|'retry'|'failed',
-- platform_message_id?, error?, retry_in_ms?, unreachable_reason?}. A failure with an
-- unreachable_reason marks the recipient's identity unreachable on that channel.
create function public.outbox_complete(p_worker text, p_results jsonb)
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
           set status = 'sent', sent_at = now(), sent_seq = nextval('public.outbox_sent_seq'),
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
               next_attempt_at = now() + make_interval(secs => coalesce((v_item->>'retry_in_ms')::numeric, 1000) / 1000.0)
         where id = v_row.id;
      else
        update public.outbox
           set status = 'failed', locked_by = null, locked_until = null,
               last_error = left(coalesce(v_item->>'unreachable_reason', v_item->>'error'), 2000)
         where id = v_row.id;
        if v_item->>'unreachable_reason' is not null then
          update public.channel_identities i
             set reachable = false, unreachable_reason = v_item->>'unreachable_reason', unreachable_at = now()
           where i.channel = v_row.channel
             and (i.id = (select identity_id from public.conversations where id = v_row.conversation_id)
                  or (v_row.conversation_id is null and i.external_id = v_row.recipient));
        end if;
    end case;
  end loop;
  return jsonb_build_object('updated', v_count);
end $$;

-- Messages delivered to a web chat session after the given cursor (sent_seq), in order.
create function public.webchat_poll(p_chat_id text, p_after bigint default 0, p_limit integer default 50)
returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'seq', o.sent_seq, 'payload', o.payload, 'sent_at', o.sent_at)
                            order by o.sent_seq), '[]'::jsonb)
    from (
      select id, sent_seq, payload, sent_at from public.outbox
       where channel = 'web' and recipient = p_chat_id and status = 'sent' and sent_seq > p_after
       order by sent_seq limit p_limit
    ) o
$$;

-- Counts for /healthz and `uom status`.
create function public.queue_stats() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'inbox', (select coalesce(jsonb_object_agg(status, n), '{}'::jsonb)
                from (select status, count(*) n from public.inbox group by status) s),
    'outbox', (select coalesce(jsonb_object_agg(status, n), '{}'::jsonb)
                 from (select status, count(*) n from public.outbox group by status) s))
$$;

create function public.retention_prune(
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
     and received_at < now() - make_interval(days => p_inbox_days)
     and not (payload ? 'pruned');
  get diagnostics v_inbox = row_count;

  update public.outbox
     set payload = jsonb_build_object('pruned', true)
   where status in ('sent', 'failed', 'cancelled')
     and created_at < now() - make_interval(days => p_outbox_days)
     and not (payload ? 'pruned');
  get diagnostics v_outbox = row_count;

  delete from public.messages where created_at < now() - make_interval(days => p_messages_days);
  get diagnostics v_messages = row_count;

  return jsonb_build_object('inbox', v_inbox, 'outbox', v_outbox, 'messages', v_messages);
end $$;

-- Effect: before consent nothing personal is kept: the turn's inbox event keeps only its kind
-- (the row itself stays for duplicate suppression and counts).
create function public.fx_inbox_scrub(p_args jsonb) returns jsonb
language sql security definer set search_path = ''
as $$
  with updated as (
    update public.inbox
       set payload = jsonb_build_object('kind', payload->>'kind', 'channel', payload->>'channel', 'scrubbed', true)
     where id = (p_args->>'inbox_id')::bigint
    returning id
  )
  select jsonb_build_object('scrubbed', count(*)) from updated
$$;

-- Sender coordination: presence (rate shares) and channel pauses

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

-- Claims due outbox rows for the given channels, highest priority first, at most one per
-- recipient at a time (so a chat receives its messages in order). Rows left 'sending' by a
-- crashed sender become due again when their lock expires.
-- Paused channels (channel_pauses) are skipped: see outbox_claim_upto.
create or replace function public.outbox_claim(
  p_worker text, p_channels jsonb, p_limit integer default 50, p_lease_seconds integer default 60
) returns jsonb
language sql security definer set search_path = ''
as $$ select public.outbox_claim_upto(p_worker, p_channels, p_limit, p_lease_seconds, 32767) $$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------

alter table public.conversations enable row level security;
alter table public.messages enable row level security;
alter table public.inbox enable row level security;
alter table public.outbox enable row level security;
alter table public.channel_pauses enable row level security;
alter table public.sender_presence enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
