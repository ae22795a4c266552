-- Channels are rows, not check lists: the ids that `channel` columns accept come from one table.
-- The runtime registers the channels a bot has at start-up (`channels_register`), so adding a
-- platform is its adapter folder plus one line in `src/bot/channels/index.ts`, no migration.

create table public.channels (
  id text primary key check (id ~ '^[a-z][a-z0-9_]{1,31}$'),
  registered_at timestamptz not null default public.uom_now()
);
comment on table public.channels is 'The messaging platforms a bot has had; every channel column references it.';

insert into public.channels (id) values ('web'), ('telegram'), ('zalo'), ('botframework');

alter table public.channel_identities
  drop constraint channel_identities_channel_check,
  add constraint channel_identities_channel_fkey foreign key (channel) references public.channels (id);
alter table public.conversations
  drop constraint conversations_channel_check,
  add constraint conversations_channel_fkey foreign key (channel) references public.channels (id);
alter table public.outbox
  drop constraint outbox_channel_check,
  add constraint outbox_channel_fkey foreign key (channel) references public.channels (id);
alter table public.tickets
  drop constraint tickets_channel_check,
  add constraint tickets_channel_fkey foreign key (channel) references public.channels (id);

-- Registers channel ids (idempotent); returns every registered id.
create or replace function public.channels_register(p_ids jsonb)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
begin
  if jsonb_typeof(p_ids) is distinct from 'array' then
    raise exception using errcode = 'PT422', message = 'ids must be an array of channel ids';
  end if;
  insert into public.channels (id)
  select value from jsonb_array_elements_text(p_ids) as ids(value)
  on conflict (id) do nothing;
  return (select coalesce(jsonb_agg(c.id order by c.id), '[]'::jsonb) from public.channels c);
end $$;

alter table public.channels enable row level security;
revoke all on public.channels from anon, authenticated;
grant all on public.channels to service_role;
revoke execute on function public.channels_register(jsonb) from public, anon, authenticated;
grant execute on function public.channels_register(jsonb) to service_role;
