-- Baseline of release 2026-11 (squashed from its nine migrations; the originals are kept in
-- tests/store/fixtures/release-2026-11/). Released: never edit; change the schema in a new file.
--
-- The knowledge base: documents, chunks, terms and vocabulary for retrieval, embeddings where
-- pgvector exists, and answer feedback.
--
-- Ươm knowledge base: documents, passages (chunks), an inverted index of folded syllables and
-- syllable bigrams (BM25), trigram and full-text indexes on the folded text, optional pgvector
-- embeddings (only where the `vector` extension exists), and founders' feedback on answers.
--
-- Tokenising and folding happen in TypeScript (src/knowledge/fold.ts), so the index and the
-- query use exactly the same rules as the evaluation (the full-text index is our own inverted
-- index of folded syllables rather than a tsvector: Vietnamese needs syllable bigrams, which
-- the `simple` configuration cannot make). `kb_search` is the one search function: BM25 over
-- folded syllables + bigrams (phrase evidence for multi-syllable words) + accented syllables
-- (the diacritics boost), with unknown words replaced by their nearest syllables by trigram
-- similarity (typos), and cosine similarity on embeddings, fused by reciprocal rank.

-- ---------------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------------

create table public.kb_documents (
  id bigint generated always as identity primary key,
  -- The document's key: its file name (relative to the ingested folder), unique.
  doc text not null unique check (length(doc) between 1 and 300),
  title text not null,
  source_path text,
  kind text not null check (kind in ('md', 'txt', 'html', 'pdf', 'docx')),
  content_hash text not null,
  chunk_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

comment on table public.kb_documents is 'Knowledge documents (programme fact sheets, FAQs, uploaded files).';

create table public.kb_chunks (
  id bigint generated always as identity primary key,
  document_id bigint not null references public.kb_documents (id) on delete cascade,
  ord integer not null,
  heading text,
  -- The passage as shown to founders (NFC), and its folded form (fold(): no diacritics, đ→d).
  text text not null,
  folded text not null,
  -- Number of folded syllables, for BM25 length normalisation.
  length integer not null check (length >= 0),
  content_hash text not null,
  unique (document_id, ord)
);

create index kb_chunks_hash_idx on public.kb_chunks (content_hash);

-- Inverted index: folded syllables ("khoi"), folded bigrams ("khoi_nghiep") and accented
-- syllables ("~khởi") with their frequency in the chunk.
create table public.kb_terms (
  term text not null,
  chunk_id bigint not null references public.kb_chunks (id) on delete cascade,
  tf integer not null check (tf > 0),
  primary key (term, chunk_id)
);

create index kb_terms_chunk_idx on public.kb_terms (chunk_id);

-- Every folded syllable ever indexed, with a trigram index: a word of a question that is not in
-- the index (a typo: "chug", "ngoy") is replaced by its most similar syllables.
create table public.kb_vocabulary (
  term text primary key
);

create index kb_vocabulary_trgm_idx on public.kb_vocabulary using gin (term extensions.gin_trgm_ops);

create table public.kb_feedback (
  id bigint generated always as identity primary key,
  created_at timestamptz not null default now(),
  -- Personal link, removed by forget_knowledge; the anonymous count stays.
  contact_id bigint references public.contacts (id) on delete set null,
  conversation_id bigint,
  helpful boolean not null,
  question text,
  docs text[] not null default '{}'
);

create index kb_feedback_contact_idx on public.kb_feedback (contact_id);

-- Embeddings exist only where pgvector does (PGlite, Supabase), cached by passage hash + model.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'vector') then
    create extension if not exists vector with schema extensions;
    execute 'create table if not exists public.kb_embeddings (
      content_hash text not null,
      model text not null,
      embedding extensions.vector not null,
      created_at timestamptz not null default now(),
      primary key (content_hash, model))';
    execute 'alter table public.kb_embeddings enable row level security';
  end if;
end $$;

-- ---------------------------------------------------------------------------------------------
-- Functions
-- ---------------------------------------------------------------------------------------------

-- Whether a document with this key and hash is already stored (cheap start-up check).
-- Args: p_docs = [{doc, hash}]. Returns the keys that are missing or changed.
create function public.kb_changed(p_docs jsonb) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(d->>'doc'), '[]'::jsonb)
    from jsonb_array_elements(p_docs) d
   where not exists (select 1 from public.kb_documents k
                      where k.doc = d->>'doc' and k.content_hash = d->>'hash')
$$;

-- Stores a document with its chunks, replacing an older version; does nothing when the hash is
-- unchanged. p_doc: {doc, title, source_path, kind, hash}; p_chunks: [{heading, text, folded,
-- length, hash, terms: {term: tf}}].
create function public.kb_document_put(p_doc jsonb, p_chunks jsonb) returns jsonb
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
           content_hash = p_doc->>'hash', updated_at = now()
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

-- Deletes one document (and its chunks) by key.
create function public.kb_document_remove(p_doc text) returns jsonb
language sql security definer set search_path = ''
as $$
  with gone as (delete from public.kb_documents where doc = p_doc returning id)
  select jsonb_build_object('removed', count(*)) from gone
$$;

-- The stored documents, by key.
create function public.kb_documents_list() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('doc', doc, 'title', title, 'kind', kind, 'chunks', chunk_count,
                                               'hash', content_hash, 'source_path', source_path,
                                               'updated_at', updated_at) order by doc), '[]'::jsonb)
    from public.kb_documents
$$;

-- Whether embeddings can be stored here (pgvector present).
create function public.kb_vector_enabled() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select to_jsonb(to_regclass('public.kb_embeddings') is not null)
$$;

-- Passage hashes (with text) that have no embedding for p_model yet; empty without pgvector.
create function public.kb_embedding_missing(p_model text, p_limit integer default 1000) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_result jsonb;
begin
  if to_regclass('public.kb_embeddings') is null then
    return '[]'::jsonb;
  end if;
  execute 'select coalesce(jsonb_agg(jsonb_build_object(''hash'', h, ''text'', t)), ''[]''::jsonb)
             from (select distinct on (c.content_hash) c.content_hash h, c.text t
                     from public.kb_chunks c
                    where not exists (select 1 from public.kb_embeddings e
                                       where e.content_hash = c.content_hash and e.model = $1)
                    order by c.content_hash limit $2) s'
    into v_result using p_model, p_limit;
  return v_result;
end $$;

-- Stores embeddings: p_items = [{hash, embedding: [floats]}].
create function public.kb_embedding_put(p_model text, p_items jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_count integer;
begin
  if to_regclass('public.kb_embeddings') is null then
    return jsonb_build_object('ok', false, 'code', 'no_vector');
  end if;
  execute 'insert into public.kb_embeddings (content_hash, model, embedding)
           select i->>''hash'', $1, ((i->''embedding'')::text)::extensions.vector
             from jsonb_array_elements($2) i
           on conflict (content_hash, model) do update set embedding = excluded.embedding'
    using p_model, p_items;
  get diagnostics v_count = row_count;
  return jsonb_build_object('ok', true, 'stored', v_count);
end $$;

-- Hybrid search. p_terms: [{term, weight, kind: 'word'|'bigram'|'accent'|'hint'}] from the
-- tokenizer; p_embedding: the query embedding as a JSON array (or null); p_model: the embedding
-- model. Returns {passages, idf, corrections}: the best p_k passages with
-- the fused score, the BM25 score, `coverage` (the share of the query's word weight, by idf, the
-- passage contains) and `matched` (the query terms it contains), and each query term's idf, from
-- which the answerer computes its calibrated confidence, and the typo corrections made.
create function public.kb_search(
  p_terms jsonb, p_embedding jsonb default null, p_model text default null, p_k integer default 5
) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_vec bigint[] := '{}';
  v_result jsonb;
begin
  if p_embedding is not null and jsonb_typeof(p_embedding) = 'array' and to_regclass('public.kb_embeddings') is not null then
    execute 'select coalesce(array_agg(id order by d), ''{}'') from (
               select c.id, e.embedding operator(extensions.<=>) (($1)::text)::extensions.vector d
                 from public.kb_chunks c
                 join public.kb_embeddings e on e.content_hash = c.content_hash and e.model = $2
                order by d limit 50) s'
      into v_vec using p_embedding, p_model;
  end if;

  with given as (
    select t->>'term' term, coalesce((t->>'weight')::float8, 1) w, coalesce(t->>'kind', 'word') kind
      from jsonb_array_elements(coalesce(p_terms, '[]'::jsonb)) t
  ),
  -- Typos: a word no passage contains is replaced by the two most similar indexed syllables.
  corrections as (
    select g.term typo, v.term, g.w
      from given g
      cross join lateral (
        select v.term from public.kb_vocabulary v
         where v.term operator(extensions.%) g.term
         order by extensions.similarity(v.term, g.term) desc, v.term
         limit 2) v
     where g.kind = 'word' and length(g.term) >= 3
       and not exists (select 1 from public.kb_terms k where k.term = g.term)
  ),
  q as (
    select term, max(w) w, case when bool_or(kind = 'word') then 'word' else min(kind) end kind from (
      select term, w, kind from given
      union all select term, w * 0.8, 'word' from corrections
    ) a group by term
  ),
  stats as (
    select greatest(count(*), 1)::float8 n, greatest(coalesce(avg(length), 1), 1)::float8 avgl from public.kb_chunks
  ),
  idf as (
    select q.term, q.w, q.kind,
           ln(1 + (s.n - d.df + 0.5) / (d.df + 0.5)) idf
      from q
      cross join stats s
      cross join lateral (select count(*)::float8 df from public.kb_terms k where k.term = q.term) d
  ),
  total as (
    select coalesce(sum(w * idf) filter (where kind = 'word'), 0) word_mass from idf
  ),
  -- Terms found in more than half of a large base rank nothing but cost the longest posting
  -- lists: they are left out of the scoring (they still count for coverage and `matched`).
  scoring as (
    select i.* from idf i cross join stats s where s.n < 100 or i.idf > ln(2.0)
  ),
  bm as (
    select k.chunk_id,
           sum(i.w * i.idf * k.tf * 2.2 / (k.tf + 1.2 * (0.25 + 0.75 * c.length / s.avgl))) score,
           sum(i.w * i.idf) filter (where i.kind = 'word') matched
      from scoring i
      join public.kb_terms k on k.term = i.term
      join public.kb_chunks c on c.id = k.chunk_id
      cross join stats s
     group by k.chunk_id
  ),
  bm_ranked as (
    select chunk_id, score, matched, row_number() over (order by score desc, chunk_id) r
      from bm order by score desc limit 100
  ),
  vec as (
    select v.id chunk_id, v.r from unnest(v_vec) with ordinality v(id, r)
  ),
  fused as (
    select chunk_id, sum(part) score from (
      select chunk_id, 1.0 / (60 + r) part from bm_ranked
      union all select chunk_id, 1.0 / (60 + r) from vec
      -- Fillers with no score, so a caller always gets p_k passages when the base has them.
      union all select f.id, 0 from (select id from public.kb_chunks order by id limit greatest(p_k, 1)) f
    ) p group by chunk_id
  ),
  top as (
    select f.chunk_id, f.score, coalesce(b.score, 0) bm25,
           case when t.word_mass > 0 then coalesce(b.matched, 0) / t.word_mass else 0 end coverage
      from fused f
      left join bm_ranked b on b.chunk_id = f.chunk_id
      cross join total t
     order by f.score desc, f.chunk_id
     limit greatest(p_k, 1)
  )
  select jsonb_build_object(
    'passages', (
      select coalesce(jsonb_agg(jsonb_build_object(
               'chunk_id', c.id, 'doc', d.doc, 'title', d.title, 'heading', c.heading, 'text', c.text,
               'score', round(top.score::numeric, 6), 'bm25', round(top.bm25::numeric, 4),
               'coverage', round(top.coverage::numeric, 4),
               'matched', (select coalesce(jsonb_agg(k.term order by k.term), '[]'::jsonb)
                             from public.kb_terms k where k.chunk_id = c.id and k.term in (select term from q)))
               order by top.score desc, c.id), '[]'::jsonb)
        from top
        join public.kb_chunks c on c.id = top.chunk_id
        join public.kb_documents d on d.id = c.document_id),
    'idf', (select coalesce(jsonb_object_agg(term, round(idf::numeric, 4)), '{}'::jsonb) from idf),
    'corrections', (select coalesce(jsonb_object_agg(typo, terms), '{}'::jsonb)
                      from (select typo, jsonb_agg(term order by term) terms from corrections group by typo) c))
    into v_result;
  return v_result;
end $$;

-- Effect: stores a founder's "this helped" / "talk to staff" on an answer.
-- Args: {helpful, question?, docs?: [doc]} plus the turn's contact_id and conversation_id.
create function public.fx_kb_feedback(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_id bigint;
begin
  insert into public.kb_feedback (contact_id, conversation_id, helpful, question, docs)
  values ((p_args->>'contact_id')::bigint, (p_args->>'conversation_id')::bigint,
          coalesce((p_args->>'helpful')::boolean, false), left(p_args->>'question', 1000),
          coalesce(array(select jsonb_array_elements_text(coalesce(p_args->'docs', '[]'::jsonb))), '{}'))
  returning id into v_id;
  return jsonb_build_object('id', v_id);
end $$;

-- Feedback counts per document (anonymous statistics for staff).
create function public.kb_feedback_stats() returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'helpful', (select count(*) from public.kb_feedback where helpful),
    'not_helpful', (select count(*) from public.kb_feedback where not helpful))
$$;

-- Decree 13/2023: unlinks a contact's feedback and drops the questions they typed; counts stay.
create function public.forget_knowledge(p_contact_id bigint) returns jsonb
language sql security definer set search_path = ''
as $$
  with gone as (
    update public.kb_feedback set contact_id = null, conversation_id = null, question = null
     where contact_id = p_contact_id returning id
  )
  select jsonb_build_object('kb_feedback', count(*)) from gone
$$;

-- ---------------------------------------------------------------------------------------------
-- Security: RLS on, nothing for anon/authenticated, functions for service_role only.
-- ---------------------------------------------------------------------------------------------

alter table public.kb_documents enable row level security;
alter table public.kb_chunks enable row level security;
alter table public.kb_terms enable row level security;
alter table public.kb_vocabulary enable row level security;
alter table public.kb_feedback enable row level security;

revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;
revoke execute on all functions in schema public from public, anon, authenticated;
grant usage on schema public to service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema public to service_role;
