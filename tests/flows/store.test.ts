/**
 * The flows SQL (supabase/migrations/20261123030000_flows.sql) on every driver: PGlite always,
 * PostgreSQL when TEST_DATABASE_URL is set, supabase-js through the PostgREST fake.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findPersonalData } from '../support/personal-data.js';
import { driverFactories, type DriverUnderTest } from '../store/drivers.js';

let open: DriverUnderTest | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function contact(d: DriverUnderTest, chat: string, consent: boolean): Promise<{ contact_id: number; conversation_id: number }> {
  const ids = await d.store.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', { channel: 'web', chat_id: chat, user_id: chat });
  if (consent) await d.store.call('fx_contact_consent', { args: { contact_id: ids.contact_id, version: 'v1', channel: 'web' } });
  return ids;
}

describe.each(driverFactories.filter((f) => f.available))('flows SQL on $name', (factory) => {
  it('stores a profile only after consent, and /forget erases it with applications and personal survey answers', async () => {
    const d = (open = await factory.open());
    const before = await contact(d, 'a1', false);
    expect(await d.store.call('fx_contact_profile', { args: { contact_id: before.contact_id, name: 'Lò Thị Mai' } })).toEqual({ ok: false, code: 'no_consent' });

    const ids = await contact(d, 'a1', true);
    const args = { contact_id: ids.contact_id, conversation_id: ids.conversation_id };
    expect(await d.store.call('fx_contact_profile', { args: { ...args, name: 'Lò Thị Mai', phone: '+84912345678', email: 'mai@example.vn', profile: { stage: 'idea' } } })).toEqual({ ok: true });
    const app = await d.store.call<{ ok: boolean; application_id: number }>('fx_application_submit', {
      args: { ...args, programme_id: 'lang-son-coworking', answers: { name: 'Lò Thị Mai', need: 'workspace' }, summary: 'Lò Thị Mai: workspace' },
    });
    expect(app.ok).toBe(true);
    await d.store.call('fx_survey_answer', { args: { ...args, survey_id: 'support-needs', question_id: 'role', kind: 'single', value: 'founder' } });
    await d.store.call('fx_survey_answer', { args: { ...args, survey_id: 'support-needs', question_id: 'comments', kind: 'text', value: 'Mai cần phòng họp' } });
    await d.store.call('fx_survey_answer', { args: { ...args, survey_id: 'support-needs', question_id: 'role', kind: 'single', value: 'support' } });
    expect(await d.store.call('survey_progress', { survey_id: 'support-needs', contact_id: ids.contact_id })).toEqual({
      completed: 0, open_answers: { role: 'support', comments: 'Mai cần phòng họp' },
    });
    const about = await d.store.call<{ name: string; areas: Record<string, unknown> }>('contact_about', { contact_id: ids.contact_id });
    expect(about.name).toBe('Lò Thị Mai');
    expect(about.areas.flows).toEqual({ applications: 1, survey_responses: 1 });

    const result = await d.store.call<{ ok: boolean; areas: Record<string, unknown> }>('contact_forget', { contact_id: ids.contact_id });
    expect(result.areas).toHaveProperty('forget_flows');
    expect(await findPersonalData(d.sql, ['Lò Thị Mai', 'Mai cần', '912345678', 'mai@example.vn'])).toEqual([]);
    // Anonymous statistics stay: the application's programme and status, the choice answer.
    expect(await d.sql.query('select programme_id, status, contact_id from public.programme_applications')).toEqual([
      { programme_id: 'lang-son-coworking', status: 'submitted', contact_id: null },
    ]);
    const exported = await d.store.call<{ answers: Record<string, unknown> }[]>('survey_export', { survey_id: 'support-needs' });
    expect(exported.map((r) => r.answers)).toEqual([{ role: 'support' }]);
  });

  it('moves applications through their statuses and refuses to reopen a decided one', async () => {
    const d = (open = await factory.open());
    const ids = await contact(d, 'a2', true);
    const { application_id: id } = await d.store.call<{ application_id: number }>('fx_application_submit', {
      args: { contact_id: ids.contact_id, conversation_id: ids.conversation_id, programme_id: 'mekong-innovation', answers: {} },
    });
    await d.store.call('application_set_status', { id, status: 'in_review' });
    await d.store.call('application_set_status', { id, status: 'accepted', note: 'Phỏng vấn 5/12' });
    await expect(d.store.call('application_set_status', { id, status: 'rejected' })).rejects.toThrow(/already accepted/);
    await expect(d.store.call('application_set_status', { id, status: 'lost' })).rejects.toThrow();
    expect(await d.store.call('applications_of', { contact_id: ids.contact_id })).toMatchObject([{ id, status: 'accepted', status_note: 'Phỏng vấn 5/12' }]);
  });
});
