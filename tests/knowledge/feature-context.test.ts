import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/knowledge/answer.js';
import { followUpQuestions, isFollowUp, withoutGreeting, withoutRepeats } from '../../src/knowledge/feature-context.js';

describe('a greeting before a question', () => {
  it('is dropped with an "I want to ask", in both languages, with and without diacritics', () => {
    expect(withoutGreeting('hi ad, e muốn hỏi IPP2 là gì vậy')).toBe('IPP2 là gì vậy');
    expect(withoutGreeting('chao ban, minh muon hoi ipp2 la gi')).toBe('ipp2 la gi');
    expect(withoutGreeting('hello, where is the centre?')).toBe('where is the centre?');
  });
  it('leaves a greeting alone and "muon hoi truong" (the hall) as typed', () => {
    expect(withoutGreeting('chào ad')).toBe('chào ad');
    expect(withoutGreeting('e muon hoi truong chua duoc 80 nguoi ko')).toBe('e muon hoi truong chua duoc 80 nguoi ko');
  });
});

describe('a follow-up', () => {
  it('is short and asks a kind of fact', () => {
    for (const t of ['bao nhiêu', 'được bao nhiêu tiền', 'dc bao nhieu', 'how much?', 'còn hạn ko', 'thứ 7 thì sao']) expect(isFollowUp(t), t).toBe(true);
    for (const t of ['ok', 'cảm ơn', 'đặt phòng họp', 'chương trình ươm tạo cho nhóm sinh viên có hỗ trợ bao nhiêu tiền không ạ']) expect(isFollowUp(t), t).toBe(false);
  });
  it('is searched with the previous question beside it, its own kind first', () => {
    expect(followUpQuestions('còn hạn ko?', 'chương trình ươm tạo có hỗ trợ tiền không')).toEqual([
      'còn hạn ko (chương trình ươm tạo có hỗ trợ tiền không)',
      'chương trình ươm tạo có hỗ trợ tiền không còn hạn ko',
    ]);
  });
});

describe('repeated sentences', () => {
  const answer = (text: string, docs: string[]): Answer => ({
    abstained: false, outcome: 'answered', text, citations: docs.map((doc, i) => ({ n: i + 1, doc, title: doc })),
    passages: [], confidence: 0.9, gate: {}, mode: 'extractive', language: 'vi', kind: 'other',
  } as unknown as Answer);

  it('drops a sentence that repeats an earlier one, with the citation only it used', () => {
    const a = answer(
      'Khu làm việc chung mở cửa từ thứ Hai đến thứ Sáu: 7 giờ 30 đến 17 giờ; thứ Bảy: 8 giờ đến 11 giờ 30. [1] Giờ mở cửa: 7 giờ 30 đến 17 giờ từ thứ Hai đến thứ Sáu, sáng thứ Bảy từ 8 giờ đến 11 giờ 30. [2]',
      ['spaces.md', 'coworking.md'],
    );
    const out = withoutRepeats(a);
    expect(out.text).toBe('Khu làm việc chung mở cửa từ thứ Hai đến thứ Sáu: 7 giờ 30 đến 17 giờ; thứ Bảy: 8 giờ đến 11 giờ 30. [1]');
    expect(out.citations.map((c) => c.doc)).toEqual(['spaces.md']);
  });
  it('keeps sentences that say different things, and renumbers nothing then', () => {
    const a = answer('Hạn nộp là 31/3/2027. [1] Chương trình không thu phí. [2]', ['a.md', 'b.md']);
    expect(withoutRepeats(a)).toBe(a);
  });
});
