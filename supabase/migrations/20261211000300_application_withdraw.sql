-- A founder withdraws their own application ("rút đơn", "withdraw my application").
--
-- The status `withdrawn` existed for staff only (`uom applications set-status`); a founder who
-- typed "mình muốn rút đơn IPP2" was told the application was under review, and "hủy đơn đó"
-- listed the programmes again. The founder's own application, submitted or in review, becomes
-- withdrawn; one decided (accepted, rejected) or already withdrawn is left as it is.
-- Args: {application_id} (+ contact_id of the turn).
create or replace function public.fx_application_withdraw(p_args jsonb) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_app public.programme_applications;
begin
  update public.programme_applications
     set status = 'withdrawn', updated_at = public.uom_now()
   where id = (p_args->>'application_id')::bigint
     and contact_id = (p_args->>'contact_id')::bigint
     and status in ('submitted', 'in_review')
  returning * into v_app;
  if not found then
    return jsonb_build_object('ok', false, 'code', 'not_withdrawable');
  end if;
  return jsonb_build_object('ok', true, 'application_id', v_app.id, 'programme_id', v_app.programme_id);
end $$;

revoke execute on function public.fx_application_withdraw(jsonb) from public, anon, authenticated;
grant execute on function public.fx_application_withdraw(jsonb) to service_role;
