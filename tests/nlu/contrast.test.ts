/**
 * "Not this, that" (`src/nlu/contrast.ts`): the request after a refused wish is what is asked; a
 * refusal that is itself the request keeps its reading. And `moveSource`: where a move names the
 * booking it moves. Phrasings of our own, not of any evaluation set.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contrastedRequest } from '../../src/nlu/contrast.js';
import { moveSource } from '../../src/nlu/entities/retraction.js';
import { createNlu, normalizeForMatching, type ExplainableNlu } from '../../src/nlu/index.js';

const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
let nlu: ExplainableNlu;
beforeAll(() => {
  nlu = createNlu({ contentDir: path.resolve('content'), timeZone: 'Asia/Ho_Chi_Minh' });
});

describe('contrastedRequest', () => {
  it.each([
    ['mình không muốn hủy, chỉ muốn xem lại lịch', 'xem lai lich'],
    ['ko can dat moi dau, doi giup minh sang thu 6', 'doi giup minh sang thu 6'],
    ["I don't want to cancel, I just want to see my bookings", 'see my bookings'],
  ])('"%s" asks for "%s"', (text, clause) => {
    expect(contrastedRequest(normalizeForMatching(text))).toBe(clause);
  });

  it.each([
    'mình không muốn hủy lịch',
    'không muốn nhận thông báo nữa, cảm ơn',
    'mình muốn hủy, không muốn đổi',
    'không muốn hủy, mà cũng không muốn đổi',
  ])('finds no request after the refusal in "%s"', (text) => {
    expect(contrastedRequest(normalizeForMatching(text))).toBeUndefined();
  });
});

describe('a refused wish followed by the request, read whole', () => {
  it.each([
    ['mình không muốn hủy, chỉ muốn xem lại lịch', 'booking_list'],
    ['em ko muốn hủy đâu, mình muốn dời sang thứ 6', 'booking_move'],
    ["I don't want to book anything, I just want to talk to someone", 'handoff_request'],
    ['mình không cần nói chuyện với cán bộ nữa, cho mình quay lại chat với bot', 'handoff_end'],
    ['không muốn nhận tin nữa đâu, cảm ơn', 'unsubscribe'],
  ])('"%s" is %s', (text, intent) => {
    expect(nlu.understand(text, { now }).intent).toBe(intent);
  });
});

describe('moveSource', () => {
  it.each([
    ['em dat mai 9h roi ma gio muon doi qua 2h chieu', 'em dat mai 9h roi ma gio muon doi'],
    ['can i move my 9am booking tomorrow to 2pm', 'can i move my 9am booking tomorrow'],
    ['doi lich tu thu 5 sang thu 6', 'doi lich tu thu 5'],
  ])('"%s" names the moved booking in "%s"', (folded, source) => {
    expect(moveSource(folded)).toBe(source);
  });

  it('is undefined when nothing is moved', () => {
    expect(moveSource('dat phong hop mai 9h')).toBeUndefined();
  });
});
