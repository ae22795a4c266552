-- Retention (Decree 13/2023/ND-CP: keep personal data no longer than needed). Processed inbox
-- payloads and delivered outbox payloads hold message text; after the retention period their
-- payloads are cleared (the rows stay, so counts and duplicate suppression still work). The
-- message log keeps conversations for staff context for longer, then is deleted.

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

revoke execute on all functions in schema public from public, anon, authenticated;
grant execute on all functions in schema public to service_role;
