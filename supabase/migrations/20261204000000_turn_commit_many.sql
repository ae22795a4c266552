-- Commits several turns in one call (one transaction), each as `turn_commit` does it alone.
--
-- Under load many turns finish while one commit is running. Committed one call each, every turn
-- paid the call's fixed cost (the round trip, planning the call, the transaction and its WAL
-- flush) and, on the embedded database, waited its turn on the one connection per turn. Here
-- each turn runs in its own subtransaction: a turn that fails (a lost lease, a stale version, a
-- failing effect) rolls back alone and is reported in its slot as {error, sqlstate}; the others
-- commit.
--
-- p_turns: [{inbox_id, worker, version, state, outbound, effects, log_inbound, lease}, ...],
-- the arguments of `turn_commit` by name. Returns one entry per turn, in order: what
-- `turn_commit` returns, or {error, sqlstate}.
create function public.turn_commit_many(p_turns jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_turn jsonb;
  v_out jsonb := '[]'::jsonb;
begin
  for v_turn in select * from jsonb_array_elements(coalesce(p_turns, '[]'::jsonb)) loop
    begin
      v_out := v_out || jsonb_build_array(public.turn_commit(
        (v_turn->>'inbox_id')::bigint,
        v_turn->>'worker',
        (v_turn->>'version')::integer,
        v_turn->'state',
        coalesce(v_turn->'outbound', '[]'::jsonb),
        coalesce(v_turn->'effects', '[]'::jsonb),
        coalesce((v_turn->>'log_inbound')::boolean, true),
        case when jsonb_typeof(v_turn->'lease') = 'object' then v_turn->'lease' end));
    exception when others then
      v_out := v_out || jsonb_build_array(jsonb_build_object('error', sqlerrm, 'sqlstate', sqlstate));
    end;
  end loop;
  return v_out;
end $$;

revoke execute on function public.turn_commit_many(jsonb) from public, anon, authenticated;
grant execute on function public.turn_commit_many(jsonb) to service_role;
