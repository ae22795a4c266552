-- Knowledge base, second version (issue 13).
--
-- 1. Search moves in-process (src/knowledge/passage-index.ts): the bot keeps an inverted index
--    in memory, rebuilt from `kb_chunks` and refreshed when a document changes. A version counter
--    (`kb_index_state`, bumped by a statement trigger on every change of documents or passages)
--    tells every process, with one cheap call, that its index is stale. The per-term rows of
--    `kb_terms` (one row per term and passage: ingestion was bound by them), the trigram
--    vocabulary and the SQL scorer `kb_search` go: the terms are recomputed from the passage
--    text by the same TypeScript code that tokenises questions.
-- 2. Embedding search stays in SQL (`kb_vector_nearest`), where pgvector is.
-- 3. Content gaps: `kb_questions` logs the questions of founders who consented (outcome,
--    confidence, closest document); `kb_gaps` lists the unanswered ones for staff, within the
--    retention period; `forget_knowledge` also erases them.

-- ---------------------------------------------------------------------------------------------
-- 1. The in-process index
-- ---------------------------------------------------------------------------------------------
drop function if exists public.kb_search(jsonb, jsonb, text, integer);
drop table if exists public.kb_terms;
drop table if exists public.kb_vocabulary;

create table public.kb_index_state (
  id integer primary key default 1 check (id = 1),
  version bigint not null default 0
);
insert into public.kb_index_state (id, version) values (1, 0);

create function public.kb_index_bump() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update public.kb_index_state set version = version + 1 where id = 1;
  return null;
end $$;

create trigger kb_documents_index_bump after insert or update or delete on public.kb_documents
  for each statement execute function public.kb_index_bump();
create trigger kb_chunks_index_bump after insert or update or delete on public.kb_chunks
  for each statement execute function public.kb_index_bump();

-- The index version: changes whenever a document or passage does (cheap; called per search).
create function public.kb_index_version() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select to_jsonb(version) from public.kb_index_state where id = 1
$$;

-- The passages to index, by id after p_after (paged: a large base is loaded in slices), with
-- their document's key and title. Returns {version, chunks: [{id, doc, title, heading, text,
-- hash}]}: the version read in the same snapshot, so a change made while loading is seen next time.
create function public.kb_index_load(p_after bigint default 0, p_limit integer default 5000) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'version', (select version from public.kb_index_state where id = 1),
    'chunks', coalesce((
      select jsonb_agg(jsonb_build_object('id', c.id, 'doc', d.doc, 'title', d.title, 'heading', c.heading,
                                          'text', c.text, 'hash', c.content_hash) order by c.id)
        from (select * from public.kb_chunks where id > coalesce(p_after, 0)
               order by id limit least(greatest(coalesce(p_limit, 5000), 1), 20000)) c
        join public.kb_documents d on d.id = c.document_id), '[]'::jsonb))
$$;

-- Stores a document with its passages, replacing an older version; does nothing when the hash
-- is unchanged. p_doc: {doc, title, source_path, kind, hash}; p_chunks: [{heading, text, folded,
-- length, hash}] (a `terms` member, sent by older callers, is ignored). One insert for all passages.
create or replace function public.kb_document_put(p_doc jsonb, p_chunks jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_id bigint;
  v_hash text;
  v_count integer;
begin
  if coalesce(p_doc->>'doc', '') = '' or coalesce(p_doc->>'hash', '') = '' then
    raise exception using errcode = 'PT422', message = 'document key and hash are required';
  end if;
  select id, content_hash into v_id, v_hash from public.kb_documents where doc = p_doc->>'doc' for update;
  if v_id is not null and v_hash = p_doc->>'hash' then
    return jsonb_build_object('status', 'unchanged', 'id', v_id);
  end if;
  v_count := jsonb_array_length(coalesce(p_chunks, '[]'::jsonb));
  if v_id is null then
    insert into public.kb_documents (doc, title, source_path, kind, content_hash, chunk_count, created_at, updated_at)
    values (p_doc->>'doc', p_doc->>'title', p_doc->>'source_path', p_doc->>'kind', p_doc->>'hash', v_count,
            public.uom_now(), public.uom_now())
    returning id into v_id;
  else
    delete from public.kb_chunks where document_id = v_id;
    update public.kb_documents
       set title = p_doc->>'title', source_path = p_doc->>'source_path', kind = p_doc->>'kind',
           content_hash = p_doc->>'hash', chunk_count = v_count, updated_at = public.uom_now()
     where id = v_id;
  end if;
  insert into public.kb_chunks (document_id, ord, heading, text, folded, length, content_hash)
  select v_id, (c.ord - 1)::integer, c.value->>'heading', c.value->>'text', coalesce(c.value->>'folded', ''),
         coalesce((c.value->>'length')::integer, 0), c.value->>'hash'
    from jsonb_array_elements(coalesce(p_chunks, '[]'::jsonb)) with ordinality c(value, ord);
  return jsonb_build_object('status', case when v_hash is null then 'added' else 'replaced' end,
                            'id', v_id, 'chunks', v_count);
end $$;

-- ---------------------------------------------------------------------------------------------
-- 2. Embedding neighbours (only where pgvector is)
-- ---------------------------------------------------------------------------------------------
-- The ids of the p_k passages nearest to p_embedding for p_model, nearest first; [] without pgvector.
create function public.kb_vector_nearest(p_embedding jsonb, p_model text, p_k integer default 50) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_ids jsonb;
begin
  if p_embedding is null or jsonb_typeof(p_embedding) <> 'array' or to_regclass('public.kb_embeddings') is null then
    return '[]'::jsonb;
  end if;
  execute 'select coalesce(jsonb_agg(id order by d), ''[]''::jsonb) from (
             select c.id, e.embedding operator(extensions.<=>) (($1)::text)::extensions.vector d
               from public.kb_chunks c
               join public.kb_embeddings e on e.content_hash = c.content_hash and e.model = $2
              order by d limit $3) s'
    into v_ids using p_embedding, p_model, least(greatest(coalesce(p_k, 50), 1), 200);
  return v_ids;
end $$;

-- ---------------------------------------------------------------------------------------------
-- 3. Questions and content gaps
-- ---------------------------------------------------------------------------------------------
create table public.kb_questions (
  id bigint generated always as identity primary key,
  created_at timestamptz not null,
  -- Personal link: only founders who consented are logged; erased by forget_knowledge.
  contact_id bigint references public.contacts (id) on delete cascade,
  conversation_id bigint,
  question text not null check (length(question) between 1 and 500),
  -- answered | abstained (nothing covers it) | missing_kind (the topic is there, not the fact asked)
  outcome text not null check (outcome in ('answered', 'abstained', 'missing_kind')),
  confidence real not null default 0,
  closest_doc text,
  -- Set when the founder pressed "talk to staff" after this answer.
  escalated boolean not null default false
);
create index kb_questions_created_idx on public.kb_questions (created_at);
create index kb_questions_contact_idx on public.kb_questions (contact_id);

-- Effect: logs a knowledge question of the turn's contact, only when the contact consented.
-- Args: {question, outcome, confidence?, closest_doc?} plus the turn's contact_id and conversation_id.
create function public.fx_kb_question(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_id bigint;
begin
  if not exists (select 1 from public.contacts k
                  where k.id = (p_args->>'contact_id')::bigint and k.consented_at is not null) then
    return jsonb_build_object('logged', false);
  end if;
  insert into public.kb_questions (created_at, contact_id, conversation_id, question, outcome, confidence, closest_doc)
  values (public.uom_now(), (p_args->>'contact_id')::bigint, (p_args->>'conversation_id')::bigint,
          left(coalesce(nullif(btrim(p_args->>'question'), ''), '?'), 500),
          coalesce(p_args->>'outcome', 'abstained'), coalesce((p_args->>'confidence')::real, 0),
          nullif(p_args->>'closest_doc', ''))
  returning id into v_id;
  return jsonb_build_object('logged', true, 'id', v_id);
end $$;

-- Marks the contact's latest logged question (within a day) as followed by "talk to staff".
create or replace function public.fx_kb_feedback(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_id bigint;
begin
  insert into public.kb_feedback (created_at, contact_id, conversation_id, helpful, question, docs)
  values (public.uom_now(), (p_args->>'contact_id')::bigint, (p_args->>'conversation_id')::bigint,
          coalesce((p_args->>'helpful')::boolean, false), left(p_args->>'question', 1000),
          coalesce(array(select jsonb_array_elements_text(coalesce(p_args->'docs', '[]'::jsonb))), '{}'))
  returning id into v_id;
  if not coalesce((p_args->>'helpful')::boolean, false) and p_args->>'contact_id' is not null then
    update public.kb_questions set escalated = true
     where id = (select q.id from public.kb_questions q
                  where q.contact_id = (p_args->>'contact_id')::bigint
                    and q.created_at > public.uom_now() - interval '1 day'
                  order by q.created_at desc, q.id desc limit 1);
  end if;
  return jsonb_build_object('id', v_id);
end $$;

-- The questions staff should write content for: not answered, answered without the kind of
-- fact asked, or answered and followed by "talk to staff", in the last p_since_days days by the
-- caller's clock (never older than the retention period p_retention_days; older rows are
-- deleted first). Grouping by similarity is
-- done by the caller (src/knowledge/gaps.ts). Returns [{question, outcome, confidence,
-- closest_doc, escalated, at}], newest first.
create function public.kb_gaps(p_since_days integer default 30, p_retention_days integer default 90, p_limit integer default 2000) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_floor timestamptz := public.uom_now() - make_interval(days => greatest(coalesce(p_retention_days, 90), 1));
  v_since timestamptz := public.uom_now() - make_interval(days => greatest(coalesce(p_since_days, 30), 0));
begin
  delete from public.kb_questions where created_at < v_floor;
  return coalesce((
    select jsonb_agg(jsonb_build_object('question', q.question, 'outcome', q.outcome, 'confidence', q.confidence,
                                        'closest_doc', q.closest_doc, 'escalated', q.escalated, 'at', q.created_at)
                     order by q.created_at desc, q.id desc)
      from (select * from public.kb_questions q
             where q.created_at >= greatest(v_since, v_floor)
               and (q.outcome <> 'answered' or q.escalated)
               and q.contact_id is not null
             order by q.created_at desc, q.id desc
             limit least(greatest(coalesce(p_limit, 2000), 1), 10000)) q), '[]'::jsonb);
end $$;

-- Decree 13/2023: unlinks a contact's feedback, drops the questions they typed; counts stay.
create or replace function public.forget_knowledge(p_contact_id bigint) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_feedback integer;
  v_questions integer;
begin
  update public.kb_feedback set contact_id = null, conversation_id = null, question = null
   where contact_id = p_contact_id;
  get diagnostics v_feedback = row_count;
  delete from public.kb_questions where contact_id = p_contact_id;
  get diagnostics v_questions = row_count;
  return jsonb_build_object('kb_feedback', v_feedback, 'kb_questions', v_questions);
end $$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------
alter table public.kb_index_state enable row level security;
alter table public.kb_questions enable row level security;

revoke all on public.kb_index_state, public.kb_questions from anon, authenticated, public;
revoke execute on function public.kb_index_bump(), public.kb_index_version(), public.kb_index_load(bigint, integer),
  public.kb_document_put(jsonb, jsonb), public.kb_vector_nearest(jsonb, text, integer), public.fx_kb_question(jsonb),
  public.fx_kb_feedback(jsonb), public.kb_gaps(integer, integer, integer), public.forget_knowledge(bigint)
  from public, anon, authenticated;
grant all on public.kb_index_state, public.kb_questions to service_role;
grant execute on function public.kb_index_version(), public.kb_index_load(bigint, integer),
  public.kb_document_put(jsonb, jsonb), public.kb_vector_nearest(jsonb, text, integer), public.fx_kb_question(jsonb),
  public.fx_kb_feedback(jsonb), public.kb_gaps(integer, integer, integer), public.forget_knowledge(bigint)
  to service_role;
