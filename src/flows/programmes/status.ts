/**
 * Staff move an application on (submitted → in review → accepted / rejected) and the founder is
 * told in their language, in the conversation they applied from (an outbox notice the running
 * bot delivers).
 *
 * @example
 * await setApplicationStatus(store, loadMessages('content'), loadProgrammes('content'), 12, 'in_review', 'Hẹn phỏng vấn 5/12');
 */
import { translator, type Locale, type MessageCatalog } from '../../content/messages.js';
import type { Store } from '../../store/store.js';
import { programmePayloads } from './payloads.js';
import { pick, type Programme } from './schema.js';

export const APPLICATION_STATUSES = ['submitted', 'in_review', 'accepted', 'rejected', 'withdrawn'] as const;

interface StatusResult {
  id: number;
  status: string;
  status_note: string | null;
  contact_id: number | null;
  conversation_id: number | null;
  programme_id: string;
  locale: Locale;
}

/**
 * Sets the status and queues a notice to the founder (unless their data was erased).
 *
 * @example
 * await setApplicationStatus(store, messages, loadProgrammes('content'), 12, 'accepted');
 */
export async function setApplicationStatus(
  store: Store, messages: MessageCatalog, programmes: ReadonlyMap<string, Programme>, id: number, status: string, note?: string,
): Promise<StatusResult & { notified: boolean }> {
  const result = await store.call<StatusResult>('application_set_status', { id, status, note: note ?? null });
  if (!result.conversation_id || !result.contact_id) return { ...result, notified: false };
  const t = translator(messages, result.locale === 'en' ? 'en' : 'vi');
  const found = programmes.get(result.programme_id);
  const text = t('programmes.status_changed', {
    programme: found ? pick(found.name, result.locale === 'en' ? 'en' : 'vi') : result.programme_id,
    status: t(`programmes.status.${result.status}`),
    id: result.id,
  }) + (result.status_note ? `\n${result.status_note}` : '');
  await store.call('outbox_enqueue', {
    items: [{ payload: { text, buttons: [{ label: t('programmes.mine'), payload: programmePayloads.encode('mine') }] }, kind: 'notice', dedupe_key: `application:${result.id}:${result.status}` }],
    conversation_id: result.conversation_id,
  });
  return { ...result, notified: true };
}
