/**
 * A founder who types in the middle of things (found by trying the bot): a question asked at a
 * step of the booking, the survey or the programme finder is answered from the documents and the
 * step asked again with its buttons; a bare "ok" to a two-button question takes the yes one (or
 * names the choices); "thôi" at "leave or stay?" keeps the flow; `/me` lists the founder's
 * bookings, applications and survey responses. Through the whole bot (default features, inbox →
 * dispatcher → router → outbox) on PGlite with the project's content and knowledge; assertions are
 * on flow state, payloads and rows.
 *
 * The clock is a Tuesday 09:00 in Hà Nội, fixed, with no closed day in the week after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPath } from '../../src/knowledge/ingest.js';
import type { SqlStore } from '../../src/store/store.js';
import { botHarness, type BotHarness } from '../support/bot.js';
import { pgliteTestStore } from '../support/stores.js';
import { openTuesday, payloads, webChat } from '../support/typed-chat.js';

const NOW = openTuesday(new Date('2026-12-03T00:00:00Z'));

let store: SqlStore;
let harness: BotHarness;
const { say, press } = webChat(() => harness);

beforeAll(async () => {
  store = await pgliteTestStore();
  await ingestPath(store, 'content/knowledge');
  harness = await botHarness({ store, clock: () => NOW });
});
afterAll(async () => {
  await harness?.close();
  await store?.close();
});

type FlowState = { id: string; step: string; answers: Record<string, unknown>; misses: number; pendingSwitch?: string };
async function flowOf(chat: string): Promise<FlowState | undefined> {
  const rows = await store.query<{ state: { flow?: FlowState } }>(
    `select state from public.conversations where channel = 'web' and chat_id = $1`, [chat],
  );
  return rows[0]?.state.flow;
}

async function bookingsOf(contactId: number) {
  return store.query<{ id: number; code: string; status: string }>(
    `select id::int, code, status from public.bookings where contact_id = $1 order by id`, [contactId],
  );
}

describe('/me lists what the founder did', () => {
  it('names each booking (upcoming, and cancelled), each application and each survey response, in vi and en', async () => {
    const chat = 'midflow-me-lists';
    const contactId = await harness.consent('web', chat);
    await say(chat, 'đặt phòng họp mai 9h sáng 1 tiếng');
    await say(chat, 'ok');
    await say(chat, 'đặt chỗ ngồi thứ 6 8h 2 tiếng');
    await say(chat, 'ok');
    const [kept, dropped] = await bookingsOf(contactId);
    expect([kept?.status, dropped?.status]).toEqual(['booked', 'booked']);
    await press(chat, `booking:cancel:${dropped!.id}`);
    await press(chat, `booking:cancel:${dropped!.id}`);
    expect((await bookingsOf(contactId))[1]!.status).toBe('cancelled');

    await press(chat, 'survey:start:support-needs');
    await say(chat, '1');
    await say(chat, 'hủy');

    const [conversation] = await store.query<{ id: number }>(`select id::int from public.conversations where channel = 'web' and chat_id = $1`, [chat]);
    await store.call('fx_application_submit', {
      args: { contact_id: contactId, conversation_id: conversation!.id, inbox_id: null, programme_id: 'ipp2-asean-network', answers: { name: 'Lan' } },
    });

    for (const [command, words] of [['/me', ['Lịch đặt chỗ sắp tới', 'IPP2']], ['/lang en', []], ['/me', ['Upcoming bookings', 'IPP2']]] as const) {
      const [reply] = await say(chat, command);
      if (command !== '/me') continue;
      const text = reply!.text;
      const upcoming = text.slice(text.indexOf(words[0]));
      expect(upcoming).toContain(kept!.code);
      expect(text).toMatch(new RegExp(`${dropped!.code}.*\\(`)); // listed with its cancelled mark
      expect(text).toContain(words[1]);
      expect(text).toMatch(/support|hỗ trợ/i);
      expect(text).not.toMatch(/bookings \/|flows \//);
    }
  });
});
