-- Knowledge base: the in-process index is refreshed per document, not rebuilt (issue 13, speed).
--
-- Until now a change of any document bumped `kb_index_state.version`, and every process rebuilt
-- its whole in-process index (passage-index.ts) from `kb_chunks`: minutes at 100,000 passages
-- for one changed file. Now every change also logs which documents it touched
-- (`kb_index_log`, one row per document and version, written by statement triggers from their
-- transition tables), and a process whose index is at version V asks `kb_index_changes(V)` for the
-- documents changed since and their current passages: it drops those documents' passages and
-- indexes the new ones. The log keeps the last 50,000 versions; a process further behind (or a
-- change too large to send) rebuilds as before. Callers of kb_document_put no longer send
-- `folded` and `length` (nothing reads them since the index moved in-process; stored '' and 0).

create table public.kb_index_log (
  version bigint not null,
  document_id bigint not null,
  primary key (version, document_id)
);

-- Changes after `logged_from` are all in the log (older rows are pruned).
alter table public.kb_index_state add column logged_from bigint not null default 0;
update public.kb_index_state set logged_from = version where id = 1;

drop trigger if exists kb_documents_index_bump on public.kb_documents;
drop trigger if exists kb_chunks_index_bump on public.kb_chunks;

-- Bumps the version once per statement that changed rows, and logs the documents it touched.
-- The transition tables are `new_rows` (insert, update) and `old_rows` (update, delete); of
-- kb_chunks the document is `document_id`, of kb_documents its `id`.
create function public.kb_index_note() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_docs bigint[];
  v_version bigint;
begin
  if TG_TABLE_NAME = 'kb_chunks' then
    if TG_OP = 'INSERT' then
      select array_agg(distinct document_id) into v_docs from new_rows;
    elsif TG_OP = 'UPDATE' then
      select array_agg(distinct document_id) into v_docs
        from (select document_id from new_rows union select document_id from old_rows) r;
    else
      select array_agg(distinct document_id) into v_docs from old_rows;
    end if;
  else
    if TG_OP = 'INSERT' then
      select array_agg(distinct id) into v_docs from new_rows;
    elsif TG_OP = 'UPDATE' then
      select array_agg(distinct id) into v_docs from (select id from new_rows union select id from old_rows) r;
    else
      select array_agg(distinct id) into v_docs from old_rows;
    end if;
  end if;
  if v_docs is null then
    return null; -- no row changed: the index is still current
  end if;
  update public.kb_index_state set version = version + 1 where id = 1 returning version into v_version;
  insert into public.kb_index_log (version, document_id) select v_version, unnest(v_docs);
  if v_version % 1000 = 0 then
    delete from public.kb_index_log where version <= v_version - 50000;
    update public.kb_index_state set logged_from = greatest(logged_from, v_version - 50000) where id = 1;
  end if;
  return null;
end $$;

create trigger kb_chunks_index_insert after insert on public.kb_chunks
  referencing new table as new_rows for each statement execute function public.kb_index_note();
create trigger kb_chunks_index_update after update on public.kb_chunks
  referencing old table as old_rows new table as new_rows for each statement execute function public.kb_index_note();
create trigger kb_chunks_index_delete after delete on public.kb_chunks
  referencing old table as old_rows for each statement execute function public.kb_index_note();
create trigger kb_documents_index_insert after insert on public.kb_documents
  referencing new table as new_rows for each statement execute function public.kb_index_note();
create trigger kb_documents_index_update after update on public.kb_documents
  referencing old table as old_rows new table as new_rows for each statement execute function public.kb_index_note();
create trigger kb_documents_index_delete after delete on public.kb_documents
  referencing old table as old_rows for each statement execute function public.kb_index_note();

drop function if exists public.kb_index_bump();

-- The passages to index, as before, now with their document's id (`document_id`), so a process
-- can later replace one document's passages.
create or replace function public.kb_index_load(p_after bigint default 0, p_limit integer default 5000) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'version', (select version from public.kb_index_state where id = 1),
    'chunks', coalesce((
      select jsonb_agg(jsonb_build_object('id', c.id, 'document_id', c.document_id, 'doc', d.doc, 'title', d.title,
                                          'heading', c.heading, 'text', c.text, 'hash', c.content_hash) order by c.id)
        from (select * from public.kb_chunks where id > coalesce(p_after, 0)
               order by id limit least(greatest(coalesce(p_limit, 5000), 1), 20000)) c
        join public.kb_documents d on d.id = c.document_id), '[]'::jsonb))
$$;

-- What changed since version p_since, read in one snapshot: {version, complete, documents: [ids
-- of the documents changed, removed ones included], chunks: [the current passages of those
-- documents, as kb_index_load gives them, by id]}. `complete` is false (and the lists empty) when
-- the log no longer reaches back to p_since or the changed passages are more than p_limit: the
-- caller then reloads everything.
create function public.kb_index_changes(p_since bigint, p_limit integer default 5000) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_state public.kb_index_state;
  v_docs bigint[];
  v_limit integer := least(greatest(coalesce(p_limit, 5000), 1), 20000);
  v_chunks jsonb;
begin
  select * into v_state from public.kb_index_state where id = 1;
  if p_since is null or p_since < v_state.logged_from or p_since > v_state.version then
    return jsonb_build_object('version', v_state.version, 'complete', false, 'documents', '[]'::jsonb, 'chunks', '[]'::jsonb);
  end if;
  select coalesce(array_agg(distinct document_id), '{}') into v_docs from public.kb_index_log where version > p_since;
  if (select count(*) from public.kb_chunks where document_id = any (v_docs)) > v_limit then
    return jsonb_build_object('version', v_state.version, 'complete', false, 'documents', '[]'::jsonb, 'chunks', '[]'::jsonb);
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'document_id', c.document_id, 'doc', d.doc, 'title', d.title,
                                               'heading', c.heading, 'text', c.text, 'hash', c.content_hash) order by c.id), '[]'::jsonb)
    into v_chunks
    from public.kb_chunks c
    join public.kb_documents d on d.id = c.document_id
   where c.document_id = any (v_docs);
  return jsonb_build_object('version', v_state.version, 'complete', true, 'documents', to_jsonb(v_docs), 'chunks', v_chunks);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------
alter table public.kb_index_log enable row level security;

revoke all on public.kb_index_log from anon, authenticated, public;
revoke execute on function public.kb_index_note(), public.kb_index_load(bigint, integer),
  public.kb_index_changes(bigint, integer)
  from public, anon, authenticated;
grant all on public.kb_index_log to service_role;
grant execute on function public.kb_index_note(), public.kb_index_load(bigint, integer), public.kb_index_changes(bigint, integer)
  to service_role;
