/**
 * Held-out set G (tests/nlu/fixtures/heldout-g.jsonl, written blind: short typos, Telex leftovers,
 * teen-code, English and code-switching, out-of-scope messages sharing words with ours), with a
 * floor a little under the accuracy reached after it was studied; plus each general fix of round
 * 27 on phrasings of its own (none of G's).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNlu, evaluateNlu, loadNluCases, type ExplainableNlu } from '../../src/nlu/index.js';
import { casualAlternative, expandCasual, loadCasualSpellings } from '../../src/nlu/casual.js';
import { fold } from '../../src/nlu/fold.js';
import { NotOurs } from '../../src/nlu/not-ours.js';
import { asksForPapers } from '../../src/nlu/papers-asked.js';
import { loadNluContent } from '../../src/nlu/content.js';

const contentDir = path.resolve('content');
const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
const casual = loadCasualSpellings(contentDir);
const read = (text: string) => expandCasual(fold(text), casual);
const intentOf = (text: string) => nlu.understand(text, { now }).intent;
let nlu: ExplainableNlu;

beforeAll(() => {
  nlu = createNlu({ contentDir, timeZone: 'Asia/Ho_Chi_Minh' });
});

describe('held-out set G', () => {
  it('keeps intent and slot accuracy above their floors', () => {
    const report = evaluateNlu(nlu, loadNluCases(path.resolve('tests/nlu/fixtures/heldout-g.jsonl')), { now });
    expect(report.cases).toBe(70);
    expect(report.intentAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(report.slotAccuracy).toBeGreaterThanOrEqual(0.97);
  });
});

describe('another business\'s thing is out of scope, whatever the verbs', () => {
  const rule = new NotOurs(loadNluContent(contentDir, { examples: false }).domain);

  it.each([
    'đổi lịch tiêm vắc xin sang thứ 3 được không',
    'dời lịch cắt tóc sang chủ nhật',
    'hủy lịch hẹn nha sĩ tuần sau',
    'đặt lịch khám mắt chiều mai',
    'cancel my spotify premium',
    'unsubscribe me from the gym membership',
    'hủy gói cước 4g giúp mình',
    'hủy đơn hàng trên sàn giúp mình',
    'chương trình khuyến mãi tết của siêu thị có gì',
    'chương trình tivi tối nay có gì hay',
  ])('"%s" → out_of_scope', (text) => {
    expect(intentOf(text)).toBe('out_of_scope');
  });

  it.each([
    ['hủy lịch đặt phòng họp mai', 'booking_cancel'],
    ['dời lịch sang thứ 6 dc ko', 'booking_move'],
    ['cancel my booking tomorrow', 'booking_cancel'],
    ['unsubscribe me from announcements', 'unsubscribe'],
    ['cancel my subscription to announcements', 'unsubscribe'],
    ['chương trình ươm tạo có ưu đãi gì', 'kb_question'],
    ['đặt phòng họp mai 9h để khám phá ý tưởng mới', 'booking_new'],
    // The centre's own rules, though food and discounts are everyone's words.
    ['mang đồ ăn vào được không', 'kb_question'],
    ['thuê chỗ ngồi có khuyến mãi không', 'kb_question'],
  ])('"%s" stays the centre\'s (%s)', (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  it('reads the structure, not a brand list: a medical appointment, "<service> subscription"', () => {
    expect(rule.namesOnlyTheirs('doi lich kham tai mui hong sang thu 5', {})).toBe(true);
    expect(rule.namesOnlyTheirs('cancel my acmeflix subscription', {})).toBe(true);
    expect(rule.namesOnlyTheirs('cancel my newsletter subscription', {})).toBe(false);
    expect(rule.namesOnlyTheirs('kham pha chuong trinh uom tao', {})).toBe(false);
    // A space, a code or a programme named makes it ours, whatever else is said.
    expect(rule.namesOnlyTheirs('dat phong hop de hop ve goi cuoc', { space: 'meeting-room' })).toBe(false);
  });
});

describe('a request for the list of papers is a question', () => {
  it('reads the list, form or details of the papers as asked, not handing them in', () => {
    expect(asksForPapers('cho minh xin danh sach ho so can chuan bi de dang ky ipp2')).toBe(true);
    expect(asksForPapers('send me the list of documents to apply')).toBe(true);
    expect(asksForPapers('em muon nop ho so vao chuong trinh uom tao')).toBe(false);
  });

  it.each([
    ['cho e xin ds tài liệu cần nộp để tham gia ct mekong', 'kb_question'],
    ['gửi em danh sách giấy tờ đăng ký nhé', 'kb_question'],
    ['em muốn nộp hồ sơ vào chương trình ươm tạo', 'programme_apply'],
    ['cho mình nộp đơn tham gia IPP2', 'programme_apply'],
  ])('"%s" → %s', (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

describe('casual goodbyes and "mún"', () => {
  it('reads "bb", "pp" as bye bye, "ds" as danh sách', () => {
    expect(read('bb ad nhe')).toBe('bye bye admin');
    expect(read('pp moi nguoi')).toBe('bye bye moi nguoi');
    expect(read('xin ds ho so')).toBe('xin danh sach ho so');
    expect(intentOf('ok pp ad nha')).toBe('goodbye');
  });

  it('reads "mun" as muốn where a wish goes, and leaves "mụn" (acne) alone', () => {
    expect(read('ko phai cai do, mun dat phong hop')).toBe('khong phai cai do, muon dat phong hop');
    expect(read('e mun huy lich mai')).toBe('em muon huy lich mai');
    expect(read('ko mún nhận thông báo')).toBe('khong muon nhan thong bao');
    expect(read('tri mun o dau')).toBe('tri mun o dau');
    expect(intentOf('ko phải cái kia, mún xem lịch đặt của e')).toBe('booking_list');
  });
});

describe('"dk" between đăng ký and điều kiện', () => {
  it('reads điều kiện before a verb of joining in a clause asking what or how, or before "gì / nào"', () => {
    expect(read('dk tham gia ntn')).toBe('dieu kien tham gia nhu the nao');
    expect(read('dk ung tuyen ra sao')).toBe('dieu kien ung tuyen ra sao');
    expect(read('dk gi v ad')).toBe('dieu kien gi vay admin');
    expect(read('dk tham gia IPP2?')).toBe('dieu kien tham gia ipp2?');
    expect(read('nhung dk nao')).toBe('nhung dieu kien nao');
  });

  it('reads đăng ký for a request, a statement, after a wish, and before the thing registered', () => {
    expect(read('dk tham gia ct uom tao cho minh voi')).toBe('dang ky tham gia chuong trinh uom tao cho minh voi');
    expect(read('dk tham gia khoa dao tao thang sau')).toBe('dang ky tham gia khoa dao tao thang sau');
    expect(read('muon dk tham gia thi lam sao')).toBe('muon dang ky tham gia thi lam sao');
    expect(read('dk tham gia khi nao')).toBe('dang ky tham gia khi nao');
    expect(read('dk tham gia IPP2 dc ko?')).toBe('dang ky tham gia ipp2 duoc khong?');
  });

  it('reads both where nothing decides ("dk ở đâu", "dk cho em"), and the bot does not start an application on a question', () => {
    expect(read('dk o dau')).toBe('dang ky o dau');
    expect(casualAlternative(fold('dk o dau'), casual)).toBe('dieu kien o dau');
    expect(casualAlternative(fold('dk tham gia ntn'), casual)).toBeUndefined();
    const where = nlu.understand('dk o dau v ad', { now });
    expect(where.intent === 'kb_question' || where.unsure).toBe(true);
    expect(intentOf('dk tham gia ct uom tao ntn')).toBe('kb_question');
  });
});
