-- The message path's group functions never use PostgreSQL's JIT compiler.
--
-- Their statements read a jsonb array of unknown length, which the planner takes for 100 rows;
-- with the joins and the outbox check that puts their estimated cost above `jit_above_cost`,
-- so PostgreSQL (JIT is on by default, as on Supabase) compiled them to machine code on every
-- custom plan: 20-200 ms of compiling for statements that run in a millisecond. Measured in
-- the two-process webhook benchmark: `turn_commit_many` averaged 30-44 ms per call, its insert
-- statement 29 ms, nearly all of it JIT. They touch a handful of rows by key; the interpreter
-- is the right tool.
alter function public.turn_commit_many(jsonb) set jit = off;
alter function public.turn_commit(bigint, text, integer, jsonb, jsonb, jsonb, boolean, jsonb) set jit = off;
alter function public.inbox_put_many(jsonb) set jit = off;
alter function public.inbox_put(text, text, text, text, jsonb, text, text) set jit = off;
alter function public.dispatch_claim(text, integer, integer) set jit = off;
alter function public.outbox_complete(text, jsonb) set jit = off;
alter function public.outbox_claim_upto(text, jsonb, integer, integer, integer) set jit = off;
