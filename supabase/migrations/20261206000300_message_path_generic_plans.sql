-- The message path's group functions plan their statements once per connection.
--
-- PL/pgSQL plans each statement with the call's values for its first five calls, then keeps a
-- generic plan only if it looks no dearer; with jsonb arguments of unknown length the custom
-- plans kept winning, so every call planned its four or five statements again. Their plans do
-- not depend on the values (a handful of rows fetched by key), so the generic plan is always
-- right. Measured with `bench/sql-path.ts` on PostgreSQL (1,000 updates, groups of 10): 0.82-1.14
-- -> 0.78-0.88 ms of database time per update.
alter function public.turn_commit_many(jsonb) set plan_cache_mode = force_generic_plan;
alter function public.turn_commit(bigint, text, integer, jsonb, jsonb, jsonb, boolean, jsonb) set plan_cache_mode = force_generic_plan;
alter function public.inbox_put_many(jsonb) set plan_cache_mode = force_generic_plan;
alter function public.inbox_put(text, text, text, text, jsonb, text, text) set plan_cache_mode = force_generic_plan;
alter function public.dispatch_claim(text, integer, integer) set plan_cache_mode = force_generic_plan;
alter function public.outbox_complete(text, jsonb) set plan_cache_mode = force_generic_plan;
alter function public.outbox_claim_upto(text, jsonb, integer, integer, integer) set plan_cache_mode = force_generic_plan;
