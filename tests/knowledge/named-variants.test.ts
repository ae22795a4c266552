/**
 * Causes found on held-out H (2026-12-07), each on the project's own fixtures
 * (fixtures/variant): a round, package or prize named by a word ("Đợt Hè", "Gói Lá") is one
 * anchored name, and a quote about another variant of the same kind (in the sentence, or in its
 * heading and title when the sentence names none) is not given; "mọi người" closing a question
 * and "e" (em) are no topic; a percentage answers a stake or a share of a budget; a contest
 * stage ("vòng sơ tuyển") is a variant too; the name of "the bank" is not stated by "do Ngân
 * hàng đối tác tài trợ"; a superlative's comparison word and a unit in a table's label.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { answerKind, sentenceHasKind, writesNounWithoutName } from '../../src/knowledge/answer-type.js';
import { alignedTables } from '../../src/knowledge/extract-table.js';
import { answeredQuestions, itemLead } from '../../src/knowledge/evidence.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import { queryTerms } from '../../src/knowledge/query.js';
import { subjectIndex } from '../../src/knowledge/subject.js';
import { askedVariants, isSeriesNoun, namesAnotherVariant, writtenVariants } from '../../src/knowledge/variant.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';

const dir = join(import.meta.dirname, 'fixtures', 'variant');
const words = (question: string) => queryTerms(question).concepts.map((c) => c.alternatives[0]!.join(' '));

describe('a variant named by a word', () => {
  it('is one anchored name in the question, typed in lower case before its capitalised label too', () => {
    const concepts = queryTerms('Demo Day đợt Hè có bao nhiêu dự án?').concepts;
    const round = concepts.find((c) => c.alternatives[0]!.join(' ') === 'dot he');
    expect(round?.anchor).toBe('name');
    expect(askedVariants(concepts)).toEqual(new Map([['dot', new Set(['he'])]]));
    expect(askedVariants(queryTerms('Gói Lá cần góp bao nhiêu?').concepts)).toEqual(new Map([['goi', new Set(['la'])]]));
    // A number stays the numbered thing's ("đợt 2"), no variant.
    expect(askedVariants(queryTerms('đợt 2 nhận hồ sơ đến khi nào?').concepts).size).toBe(0);
  });

  it('is read from a text only after a series noun, with a capitalised label', () => {
    expect(writtenVariants('Gói Mầm: 20 triệu; Gói Lá: 40 triệu')).toEqual(new Map([['goi', new Set(['mam', 'la'])]]));
    expect(writtenVariants('số 14 đường Hàng Sứ').size).toBe(0);
    expect(writtenVariants('mỗi đợt chọn 20 nhóm, đợt 2 sau').size).toBe(0);
    expect(isSeriesNoun('Đợt')).toBe(true);
    expect(isSeriesNoun('mua')).toBe(false);
  });

  it('tells a sentence (or, when it names none, its title and heading) about another variant', () => {
    const asked = new Map([['dot', new Set(['dong'])]]);
    expect(namesAnotherVariant(asked, 'Đợt Hè: nhận hồ sơ đến ngày 30/6/2027.', '')).toBe(true);
    expect(namesAnotherVariant(asked, 'Đợt Hè đến 30/6; Đợt Đông đến 30/11.', '')).toBe(false);
    expect(namesAnotherVariant(asked, 'Số dự án được chọn: 7 dự án.', 'Kết quả xét chọn. Đợt Hè')).toBe(true);
    expect(namesAnotherVariant(asked, 'Số dự án được chọn: 7 dự án.', 'Kết quả xét chọn')).toBe(false);
  });
});

describe('answers over documents with named variants', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
  }, 60_000);
  afterAll(() => store.close());

  it('answers the variant its heading names', async () => {
    const answer = await answerQuestion(store, 'Đợt Hè có bao nhiêu dự án được Hội đồng chọn hỗ trợ?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('7 dự án');
  });

  it('does not answer another variant of the same kind from it', async () => {
    const answer = await answerQuestion(store, 'Đợt Đông có bao nhiêu dự án được Hội đồng chọn hỗ trợ?');
    expect(answer.abstained).toBe(true);
  });

  it('answers "which scored highest" with the table\'s top row, not the minimum score line', async () => {
    const answer = await answerQuestion(store, 'Dự án nào đạt điểm cao nhất?');
    expect(answer.abstained).toBe(false);
    expect(answer.text).toContain('Nấm rơm Tân Lộc');
  });

  it('quotes a share of the budget for a counterpart contribution, and a share of capital for a stake', async () => {
    const share = await answerQuestion(store, 'Gói Lá yêu cầu nhóm góp vốn đối ứng tối thiểu bao nhiêu?');
    expect(share.abstained).toBe(false);
    expect(share.text).toContain('20%');
  });
});

describe('a percentage as the amount asked', () => {
  it('answers a counterpart contribution asked as money, and a stake asked as a count', () => {
    expect(sentenceHasKind('Nhóm góp vốn đối ứng tối thiểu 20% tổng dự toán.', answerKind('góp vốn đối ứng tối thiểu bao nhiêu tiền?'))).toBe(true);
    const stake = answerKind('Chương trình lấy bao nhiêu cổ phần?');
    expect(stake.kind).toBe('count');
    expect(sentenceHasKind('Chương trình có quyền nhận 5% vốn điều lệ.', stake)).toBe(true);
    // Not any count: "bao nhiêu dự án" is not answered by a percentage.
    expect(sentenceHasKind('Tỷ lệ đạt 5%.', answerKind('có bao nhiêu dự án được chọn?'))).toBe(false);
  });
});

describe('who a question addresses', () => {
  it('"mọi người" closing a question is no topic; "người" asked stays one', () => {
    expect(words('chương trình kéo dài bao lâu vậy mọi người')).not.toContain('nguoi');
    expect(words('ct keo dai bao lau z mn')).not.toContain('nguoi');
    expect(words('phòng họp chứa được bao nhiêu người')).toContain('nguoi');
  });

  it('"e" (em) is the founder, not a word of the question', () => {
    expect(words('nhom e nghi hoc may buoi thi bi loai')).not.toContain('e');
  });
});

describe('a contest stage after "vòng" or "đợt"', () => {
  it('is a variant in lower case too: the preliminary round is not the semi-final', () => {
    expect(writtenVariants('Biên bản họp vòng sơ tuyển cuộc thi')).toEqual(new Map([['vong', new Set(['so tuyen'])]]));
    const asked = askedVariants(queryTerms('dự án được bao nhiêu điểm ở vòng bán kết?').concepts);
    expect(asked.get('vong')).toEqual(new Set(['ban ket']));
    expect(namesAnotherVariant(asked, 'Bưởi da xanh — Điểm: 91,0.', 'Biên bản họp vòng sơ tuyển')).toBe(true);
    expect(namesAnotherVariant(asked, 'Lấy 12 hồ sơ vào vòng bán kết; điểm chuẩn vòng sơ tuyển là 68.', '')).toBe(false);
    // Any other word after "vòng" in lower case is no stage ("mỗi vòng thi").
    expect(writtenVariants('mỗi vòng thi kéo dài 2 ngày').size).toBe(0);
  });
});

describe('the name of an organisation asked by its common noun', () => {
  it('is not stated by a sentence that writes the noun with no name after it', () => {
    const info = answerKind('Ngân hàng tài trợ giải thưởng tên là gì?');
    expect(info).toMatchObject({ kind: 'person', namedNoun: ['ngan', 'hang'] });
    expect(writesNounWithoutName('Giải Nhất 20 triệu đồng, do Ngân hàng đối tác tài trợ.', ['ngan', 'hang'])).toBe(true);
    expect(sentenceHasKind('Giải Nhất Demo Day 20 triệu đồng, do Ngân hàng đối tác tài trợ.', info)).toBe(false);
    expect(sentenceHasKind('Giải thưởng do Ngân hàng Sao Việt tài trợ.', info)).toBe(true);
    // "Trưởng nhóm … là ai" asks a person; folded "truong" is no "trường" (school).
    expect(answerKind('Trưởng nhóm Lúa Xanh là ai?').namedNoun).toBeUndefined();
  });
});

describe('words that only restate the question', () => {
  it('the comparison word of a superlative weighs as a generic word', () => {
    const query = queryTerms('Dự án nào đạt điểm cao nhất?');
    expect(query.superlative).toBe('max');
    expect(query.concepts.find((c) => c.alternatives[0]!.join(' ') === 'cao')?.kindWord).toBe(true);
    expect(queryTerms('Trần nhà cao bao nhiêu?').concepts.find((c) => c.alternatives[0]!.join(' ') === 'cao')?.kindWord).toBeFalsy();
  });

  it('the verb of a rule ("yêu cầu") is no subject of the question', () => {
    const concepts = queryTerms('Gói Lá yêu cầu nhóm góp vốn đối ứng tối thiểu bao nhiêu?').concepts;
    const subject = concepts[subjectIndex(concepts)];
    expect(subject?.alternatives[0]!.join(' ')).not.toBe('yeu cau');
  });

  it('a table cell labelled with its unit states an amount', () => {
    const money = answerKind('nhóm được đề nghị bao nhiêu tiền?');
    expect(sentenceHasKind('2 — Tên nhóm: Lúa Xanh; Điểm: 88,0; Đề nghị (triệu đồng): 75.', money)).toBe(true);
    expect(sentenceHasKind('2 — Tên nhóm: Lúa Xanh; Điểm: 88,0.', money)).toBe(false);
  });
});

describe('a plain-text table with a rule under its header', () => {
  it('reads the rule as no row', () => {
    const lines = ['TT  Tên nhóm      Điểm   Đề nghị (triệu đồng)', '--  ------------  -----  --------------------', '1   Lúa Xanh      88,0   75', '2   Nấm Rơm       81,0   30'];
    expect(alignedTables(lines)).toEqual(['Lúa Xanh — Điểm: 88,0; Đề nghị (triệu đồng): 75.', 'Nấm Rơm — Điểm: 81,0; Đề nghị (triệu đồng): 30.']);
  });
});

describe('the nearest text that names a variant decides', () => {
  it('a heading naming the stage asked outweighs a title naming another', () => {
    const asked = new Map([['vong', new Set(['ban ket'])]]);
    // The heading writes the stage alone ("trước bán kết"), the title "vòng sơ tuyển".
    expect(namesAnotherVariant(asked, 'Tập huấn tại Nhà văn hóa xã.', 'Lịch tập huấn trước bán kết', 'Biên bản vòng sơ tuyển')).toBe(false);
    expect(namesAnotherVariant(asked, 'Tập huấn tại Nhà văn hóa xã.', 'Kết quả chấm', 'Biên bản vòng sơ tuyển')).toBe(true);
    // A table row named by a stage alone ("Chung kết — …") is that stage's.
    expect(namesAnotherVariant(asked, 'Chung kết — Thời gian: 28/6; Nội dung: thuyết trình.')).toBe(true);
  });
});

describe('a date written in words', () => {
  it('is no length of time', () => {
    const duration = answerKind('mỗi dự án thuyết trình bao nhiêu phút?');
    expect(sentenceHasKind('Chung kết — Thời gian: ngày 28 tháng 6 năm 2027; Nội dung: thuyết trình trước khán giả.', duration)).toBe(false);
    expect(sentenceHasKind('Bán kết — Thời gian: 24/5/2027; Nội dung: thuyết trình 7 phút.', duration)).toBe(true);
  });
});

describe('a later sentence of a list item', () => {
  it('is read with the item\'s lead as its context', () => {
    expect(itemLead('Phòng Hoa Lan (tầng 2): máy chiếu, bảng trắng.')).toBe('Phòng Hoa Lan (tầng 2)');
    expect(itemLead('Mở cửa từ 7h00 đến 21h00.')).toBeNull();
    const read = answeredQuestions('Phòng Hoa Lan (tầng 2): máy chiếu, bảng trắng. Mở cửa từ 7h00 đến 21h00.\nPhòng Hoa Mai (tầng 3): bàn tròn. Mở cửa từ 8h00 đến 17h00.');
    expect(read[1]).toEqual({ sentence: 'Mở cửa từ 7h00 đến 21h00.', question: 'Phòng Hoa Lan (tầng 2)' });
    expect(read[3]!.question).toBe('Phòng Hoa Mai (tầng 3)');
    expect(read[0]!.question).toBeNull();
  });
});

describe('English words of rules and rounds', () => {
  it('licensing income, audience votes and a round named by its season are searched in Vietnamese', () => {
    const wordings = (q: string) => queryTerms(q).concepts.flatMap((c) => c.alternatives.map((a) => a.join(' ')));
    expect(wordings('What share of the licensing income goes to the team?')).toEqual(expect.arrayContaining(['cap phep', 'thu nhap']));
    expect(wordings('Which project won the audience choice award in the spring round?')).toEqual(expect.arrayContaining(['khan gia binh chon', 'xuan']));
  });
});
