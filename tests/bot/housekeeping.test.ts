/** Retention: message text past its period is cleared; counts and deduplication still work. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneOldData } from '../../src/bot/housekeeping.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { botHarness, type BotHarness } from '../support/bot.js';

describe('retention', () => {
  let harness: BotHarness;
  let sql: PgliteStore;
  beforeAll(async () => {
    harness = await botHarness();
    sql = harness.store as PgliteStore;
    await harness.consent('telegram', '8'); // before consent the gate scrubs inbox payloads at once
  });
  afterAll(async () => harness?.close());

  it('clears old payloads and keeps recent ones', async () => {
    await harness.consent('telegram', '8'); // before consent, payloads are scrubbed at once
    await harness.send({ channel: 'telegram', eventId: 'old-1', chatId: '8', userId: '8', kind: 'text', text: 'tin nhắn cũ 0912345678' });
    await harness.send({ channel: 'telegram', eventId: 'new-1', chatId: '8', userId: '8', kind: 'text', text: 'tin nhắn mới' });
    await harness.settle();
    await sql.exec(`update inbox set received_at = now() - interval '40 days' where event_id = 'old-1';
                    update outbox set created_at = now() - interval '40 days' where id = (select min(id) from outbox);`);
    const result = await pruneOldData(sql);
    expect(result).toMatchObject({ inbox: 1, outbox: 1 });
    const inbox = await sql.query<{ event_id: string; text: string | null }>(
      "select event_id, payload->>'text' as text from inbox order by id",
    );
    expect(inbox).toEqual([
      { event_id: 'old-1', text: null },
      { event_id: 'new-1', text: 'tin nhắn mới' },
    ]);
    // The pruned event is still known: a redelivery is still dropped.
    await harness.send({ channel: 'telegram', eventId: 'old-1', chatId: '8', userId: '8', kind: 'text', text: 'again' });
    expect(await harness.settle()).toEqual([]);
    expect(await pruneOldData(sql)).toMatchObject({ inbox: 0, outbox: 0 });
  });
});
