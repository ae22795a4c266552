/**
 * An application's staff ticket is resolved when the application is decided or withdrawn
 * (migration 20261212000000): a decided application is no open work for staff, and the founder's
 * next request for a person opens a ticket of its own instead of joining the old one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadProgrammes, setApplicationStatus } from '../../../src/flows/programmes/index.js';
import type { PgliteStore } from '../../../src/store/pglite-driver.js';
import { botHarness, type BotHarness } from '../../support/bot.js';
import { pgliteTestStore } from '../../support/stores.js';

const programmes = loadProgrammes('content');
let harness: BotHarness | undefined;
let store: PgliteStore | undefined;
afterEach(async () => {
  await harness?.close();
  await store?.close();
  harness = undefined;
  store = undefined;
});

/** A founder with a submitted application and its open staff ticket, as the application flow leaves them. */
async function submitted(h: BotHarness, db: PgliteStore, chat: string): Promise<{ contactId: number; applicationId: number; ticketId: number }> {
  const contactId = await h.consent('web', chat);
  const [ticket] = await db.query<{ id: number }>(
    "insert into public.tickets (contact_id, channel, recipient, category, reason) values ($1, 'web', $2, 'programme', 'application') returning id",
    [contactId, chat],
  );
  const [application] = await db.query<{ id: number }>(
    "insert into public.programme_applications (programme_id, contact_id, ticket_id) values ('provincial-incubator', $1, $2) returning id",
    [contactId, ticket!.id],
  );
  return { contactId, applicationId: application!.id, ticketId: ticket!.id };
}

const ticketOf = async (db: PgliteStore, id: number) =>
  (await db.query<{ status: string; resolved_by: string | null; csat_score: number | null }>('select status, resolved_by, csat_score from public.tickets where id = $1', [id]))[0]!;

describe('an application\'s ticket', () => {
  it('stays open while the application is in review, and is resolved by staff when it is decided', async () => {
    store = await pgliteTestStore();
    const h = (harness = await botHarness({ store, clock: () => new Date('2026-12-03T03:00:00Z') }));
    const { applicationId, ticketId } = await submitted(h, store, 'a1');
    await setApplicationStatus(h.store, h.bot.services.messages, programmes, applicationId, 'in_review');
    expect((await ticketOf(store, ticketId)).status).toBe('open');
    await setApplicationStatus(h.store, h.bot.services.messages, programmes, applicationId, 'accepted', 'Chúc mừng');
    expect(await ticketOf(store, ticketId)).toMatchObject({ status: 'resolved', resolved_by: 'staff' });
    // The founder hears the decision, and is not asked to rate a conversation that never happened.
    const sent = (await h.settle()).map((s) => s.message);
    expect(sent.some((m) => m.buttons?.some((b) => b.payload.includes('csat')))).toBe(false);
  });

  it('is resolved by the founder when they withdraw the application', async () => {
    store = await pgliteTestStore();
    const h = (harness = await botHarness({ store, clock: () => new Date('2026-12-03T03:00:00Z') }));
    const { contactId, applicationId, ticketId } = await submitted(h, store, 'a2');
    const result = await h.store.call<{ ok: boolean }>('fx_application_withdraw', { args: { application_id: applicationId, contact_id: contactId } });
    expect(result.ok).toBe(true);
    expect(await ticketOf(store, ticketId)).toMatchObject({ status: 'resolved', resolved_by: 'founder' });
  });
});
