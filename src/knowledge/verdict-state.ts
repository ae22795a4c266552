/**
 * States a yes/no question asks about that documents often state by their opposite: "chủ nhật có
 * mở cửa không" is answered by "Chủ nhật khu làm việc chung nghỉ", which holds no negation word,
 * yet says no; "có miễn phí không" by "Chương trình không thu phí", which holds one, yet says yes.
 * A pair of states (open/closed, free/charged) is read in the question (its folded wordings) and
 * in the quoted clause (as written, with diacritics: folded, "nghỉ" would be the "nghị" of "Nghị
 * định" and "đóng" the "đồng" of an amount): the same state is "yes", the opposite "no"; both or
 * neither give no verdict from the state, and verdict.ts reads the clause as before, or gives none.
 *
 * @example
 * askedState(['mo cua']) // { pair: <open>, side: 'on' }
 * clauseState('Chủ nhật khu làm việc chung nghỉ.', <open>) // 'off'
 */

/** One side of a state: "on" (open, free), "off" (closed, charged). */
export type StateSide = 'on' | 'off';

export interface StatePair {
  name: string;
  /** Folded wordings a question asks each side with (a concept's wording, words joined by spaces). */
  asked: Readonly<Record<StateSide, readonly string[]>>;
  /** Lower-case wordings a document states each side with (with diacritics; English as is). */
  stated: Readonly<Record<StateSide, readonly string[]>>;
}

export const STATE_PAIRS: readonly StatePair[] = [
  {
    name: 'open',
    asked: {
      on: ['mo cua', 'mo', 'hoat dong', 'lam viec', 'open', 'opens', 'opened'],
      off: ['nghi', 'dong cua', 'khong mo cua', 'khong mo', 'tam nghi', 'closed', 'close', 'shut'],
    },
    stated: {
      on: ['mở cửa', 'mở', 'vẫn mở', 'hoạt động', 'làm việc', 'không nghỉ', 'không đóng cửa', 'open', 'opens', 'is open', 'are open'],
      off: ['nghỉ', 'tạm nghỉ', 'đóng cửa', 'đóng', 'không mở', 'không mở cửa', 'không làm việc', 'không hoạt động', 'ngừng hoạt động', 'closed', 'closes', 'shut', 'not open'],
    },
  },
  {
    name: 'free',
    asked: {
      on: ['mien phi', 'khong mat phi', 'khong thu phi', 'khong mat tien', 'free', 'free of charge'],
      off: [],
    },
    stated: {
      on: ['miễn phí', 'không mất phí', 'không thu phí', 'không tính phí', 'không mất tiền', 'không phải trả', 'không thu bất kỳ khoản phí', 'free', 'free of charge', 'no fee', 'no charge', 'at no cost'],
      off: ['mất phí', 'thu phí', 'tính phí', 'trả phí', 'phải trả', 'có phí', 'mất tiền', 'charge', 'charged', 'charges', 'paid'],
    },
  },
];

/**
 * Wordings that hold a state word but name a thing ("khu làm việc chung" holds "làm việc"; "giờ
 * mở cửa" are the hours, open or not; "nghỉ trưa" a break within open hours): blanked before a
 * clause is read.
 */
const NAMES = /(?<![\p{L}])(?:(?:khu|không gian|chỗ ngồi|bàn|giờ|ngày) làm việc(?: chung)?|giờ mở cửa|giờ hoạt động|opening hours|nghỉ trưa|nghỉ giải lao|free wi-?fi|free time)(?![\p{L}])/gu;

function sorted(pair: StatePair, of: 'asked' | 'stated'): { words: string; side: StateSide }[] {
  const all = (['on', 'off'] as const).flatMap((side) => pair[of][side].map((words) => ({ words, side })));
  return all.sort((a, b) => b.words.length - a.words.length);
}

/**
 * The state a question asks about: the first pair one of whose asked wordings is one of the
 * question's wordings (folded, words joined by spaces), with its side; null when it asks none.
 */
export function askedState(wordings: readonly string[]): { pair: StatePair; side: StateSide; wording: string } | null {
  for (const pair of STATE_PAIRS) {
    for (const { words, side } of sorted(pair, 'asked')) if (wordings.includes(words)) return { pair, side, wording: words };
  }
  return null;
}

/**
 * The side of a pair a clause states, 'both' when it states both (no clear answer), null when
 * neither. Longer wordings are read first and blanked, so "không thu phí" is free, not charged.
 */
export function clauseState(clause: string, pair: StatePair): StateSide | 'both' | null {
  let text = clause.normalize('NFC').toLocaleLowerCase('vi').replace(NAMES, ' ');
  const sides = new Set<StateSide>();
  for (const { words, side } of sorted(pair, 'stated')) {
    const at = new RegExp(`(?<![\\p{L}])${words.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&')}(?![\\p{L}])`, 'gu');
    if (!at.test(text)) continue;
    sides.add(side);
    text = text.replace(at, ' ');
  }
  if (sides.size === 0) return null;
  return sides.size === 2 ? 'both' : [...sides][0]!;
}
