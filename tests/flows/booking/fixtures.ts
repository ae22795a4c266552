/**
 * Test spaces for the booking tests: a small centre with a hot desk, two meeting rooms and a
 * hall, open 08:00-17:00 on weekdays and 08:00-12:00 on Saturday, closed on 2026-12-25.
 *
 * @example
 * await syncTestSpaces(store); // booking_spaces_sync with TEST_SPACES
 */
import { parseSpaces, toSyncPayload, type SpacesContent } from '../../../src/flows/booking/spaces.js';
import type { Store } from '../../../src/store/store.js';

/** The test centre's spaces file, closed on the given days. */
export const testSpacesYaml = (closed: readonly string[] = ['2026-12-25']): string => `
centre:
  name: { vi: "Trung tâm thử", en: "Test centre" }
  address: { vi: "Số 1 phố Thử, Lạng Sơn", en: "1 Test street, Lang Son" }
rules:
  slot_minutes: 30
  min_minutes: 60
  max_minutes: 240
  horizon_days: 14
  max_upcoming: 2
  hours: { mon: "08:00-17:00", tue: "08:00-17:00", wed: "08:00-17:00", thu: "08:00-17:00", fri: "08:00-17:00", sat: "08:00-12:00", sun: closed }
closed_dates:
${closed.map((d) => `  - { date: ${d}, name: "Test holiday" }`).join('\n')}
spaces:
  - id: desk
    kind: hot_desk
    capacity: 10
    name: { vi: "Bàn làm việc chung", en: "Hot desk" }
  - id: room-a
    kind: meeting_room
    capacity: 1
    name: { vi: "Phòng họp A", en: "Meeting room A" }
  - id: room-b
    kind: meeting_room
    capacity: 1
    name: { vi: "Phòng họp B", en: "Meeting room B" }
  - id: hall
    kind: hall
    capacity: 1
    name: { vi: "Hội trường", en: "Hall" }
    rules: { min_minutes: 120 }
`;

export const TEST_SPACES: SpacesContent = parseSpaces(testSpacesYaml(), 'test spaces');

/** The test spaces closed on `closed` days. */
export function testSpaces(closed: readonly string[]): SpacesContent {
  return parseSpaces(testSpacesYaml(closed), 'test spaces');
}

/**
 * A Monday 07:00 in Hà Nội at least two days after the real now: flow tests run in that week,
 * so reminders (sent by the database clock) are always in the future until a test makes them due.
 */
export function nextTestMonday(real = new Date()): Date {
  const d = new Date(Date.UTC(real.getUTCFullYear(), real.getUTCMonth(), real.getUTCDate() + 2));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d; // 00:00Z = 07:00 in Hà Nội
}

/** Stores the test spaces. */
export async function syncTestSpaces(store: Store): Promise<void> {
  await store.call('booking_spaces_sync', { spaces: toSyncPayload(TEST_SPACES) });
}

/** Creates `n` founders (contact + web conversation) and returns their ids. */
export async function makeFounders(store: Store, n: number, prefix = 'f'): Promise<{ contactId: number; conversationId: number }[]> {
  const out: { contactId: number; conversationId: number }[] = [];
  for (let i = 0; i < n; i++) {
    const ids = await store.call<{ contact_id: number; conversation_id: number }>('conversation_ensure', {
      channel: 'web', chat_id: `${prefix}-${i}-session-0000000`, user_id: `${prefix}-${i}-session-0000000`,
    });
    out.push({ contactId: ids.contact_id, conversationId: ids.conversation_id });
  }
  return out;
}

/** Monday 30 Nov 2026, 07:00 in Hà Nội: "now" for the tests. */
export const NOW = new Date('2026-11-30T00:00:00Z');
/** Tuesday 1 Dec 2026, 09:00 in Hà Nội. */
export const TUE_9 = '2026-12-01T02:00:00.000Z';
