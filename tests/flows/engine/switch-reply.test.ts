import { describe, expect, it } from 'vitest';
import { switchReply } from '../../../src/flows/engine/switch-reply.js';

describe('switchReply', () => {
  it.each([
    ['thôi', 'stay'], ['ko, ở lại', 'stay'], ['đổi sang việc mới', 'leave'], ['chuyển sang cái kia đi', 'leave'], ['tiếp tục', 'stay'], ['ok chuyển đi', 'leave'], ['ok', 'leave'], ['switch', 'leave'],
  ] as const)('%s → %s', (text, reply) => {
    expect(switchReply(text)).toBe(reply);
  });

  it.each(['switch to English please', 'chuyển sang tiếng Anh', 'doi sang tieng viet', 'mình ở Hà Nội', 'hủy', 'doi sang 2h chieu dc ko', 'chuyển sang thứ 6 nhé', 'change it to 3pm'])(
    '%s is no answer to the question (a request of its own, or the universal cancel)', (text) => {
      expect(switchReply(text)).toBeUndefined();
    },
  );
});
