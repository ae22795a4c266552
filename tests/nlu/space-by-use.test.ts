/**
 * A room named by what it is for ("một phòng để gặp khách hàng", "room to meet a client") is the
 * meeting room (`content/nlu/entities.yaml`). Phrasings of their own, not a held-out set's.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNlu, type ExplainableNlu } from '../../src/nlu/index.js';

const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
let nlu: ExplainableNlu;

beforeAll(() => {
  nlu = createNlu({ contentDir: path.resolve('content'), timeZone: 'Asia/Ho_Chi_Minh' });
});

describe('a room named by its use', () => {
  it.each([
    'cho em đặt một phòng để gặp khách chiều thứ 5',
    'dat phong de hop nhom 5 nguoi sang mai',
    'need a room to meet an investor on friday',
    'phong gap doi tac luc 2h chieu nay con ko',
  ])('"%s" books the meeting room', (text) => {
    const u = nlu.understand(text, { now });
    expect(u.intent).toBe('booking_new');
    expect(u.slots.space).toBe('meeting-room');
  });
});
