/**
 * Plain text as notices and minutes are typed (fixtures/layout): hard-wrapped at a fixed width,
 * numbered section titles followed at once by their text, an outline of roman-numbered parts and
 * numbered sections. Read line by line, a wrapped sentence was two sentences and the address of
 * a venue was cut in half, so the right passage was found and refused.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer.js';
import { chunkDocument } from '../../src/knowledge/chunk.js';
import { fromText, signatureBlocks, unwrapLines, wrapWidth } from '../../src/knowledge/extract.js';
import { answerKind } from '../../src/knowledge/answer-type.js';
import { ingestPath } from '../../src/knowledge/ingest.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { pgliteTestStore } from '../support/stores.js';
import { readFileSync } from 'node:fs';

const dir = join(import.meta.dirname, 'fixtures', 'layout');
const notice = readFileSync(join(dir, 'thong-bao-tap-huan-ha-lam.txt'), 'utf8');

describe('hard-wrapped plain text', () => {
  it('joins a sentence wrapped across lines, and an indented continuation of a list item', () => {
    const doc = fromText(notice, 'x');
    const text = chunkDocument(doc).map((c) => c.text).join('\n');
    expect(text).toContain('nhà điều hành Khu nông nghiệp, số 9 đường Cây Gạo, xã Phú Lâm.');
    expect(text).toContain('nơi tổ hợp tác hoạt động;');
    // Items stay items, and the header block is still read as one.
    expect(text).toContain('\nb) Bản sao giấy chứng nhận');
    expect(doc.title).toBe('Thông báo: Mở lớp tập huấn sơ chế nông sản cho tổ hợp tác năm 2027');
  });

  it('leaves text of one paragraph per line as it is (no wrap width)', () => {
    const lines = [
      'Hội trường có 120 chỗ ngồi và một máy chiếu',
      'Phòng họp nhỏ có 8 chỗ ngồi, đặt trước một ngày.',
      'Giờ mở cửa từ 8h00 đến 21h00 các ngày trong tuần.',
      'Khách vãng lai mua vé ngày tại quầy lễ tân tầng 1.',
    ];
    expect(wrapWidth(lines)).toBe(Infinity);
    expect(unwrapLines(lines)).toEqual(lines);
  });

  it('never joins layout lines, headings in capitals or a directory record', () => {
    const lines = ['Bộ phận Tài vụ – Phòng 204', '    ĐT: 0236 3811 200', 'GIỜ LÀM VIỆC', 'Thứ Hai – thứ Sáu:   7h30 – 17h00'];
    expect(unwrapLines(lines, 20)).toEqual(lines);
  });
});

describe('numbered sections of plain text', () => {
  it('a short numbered title after a blank line heads the text under it, under its roman part', () => {
    const sections = fromText(notice, 'x').sections.map((s) => s.heading);
    expect(sections).toContain('I. THÔNG TIN CHUNG: 2. Địa điểm');
    expect(sections).toContain('II. HỒ SƠ ĐĂNG KÝ');
    expect(sections).not.toContain('I. THÔNG TIN CHUNG');
  });
});

describe('answers from a hard-wrapped notice', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
  }, 60_000);
  afterAll(() => store.close());

  it('quotes the whole address of the venue', async () => {
    const answer = await answerQuestion(store, 'Lớp tập huấn sơ chế nông sản học ở đâu?');
    expect(answer.outcome).toBe('answered');
    expect(answer.text).toContain('số 9 đường Cây Gạo');
  });
});

describe('a FAQ whose answer follows its question in the same paragraph', () => {
  let store: PgliteStore;
  beforeAll(async () => {
    store = await pgliteTestStore();
    await ingestPath(store, dir);
  }, 60_000);
  afterAll(() => store.close());

  it('quotes the answer, never the question restated', async () => {
    const answer = await answerQuestion(store, 'ho gia dinh chua dang ky kinh doanh co thue nha luoi dc ko');
    expect(answer.outcome).toBe('answered');
    expect(answer.text).not.toContain('được không?');
    expect(answer.text).toContain('Không được thuê trực tiếp');
  });
});

describe('the signature block of an administrative text', () => {
  it('is one line per signer, one column or two side by side', () => {
    expect(signatureBlocks(['Nội dung.', '', '            KT. TRƯỞNG BAN', '            PHÓ TRƯỞNG BAN', '            (đã ký)', '            Đặng Văn Lộc'])).toEqual([
      'Nội dung.',
      '',
      'KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN (đã ký) Đặng Văn Lộc',
    ]);
    expect(signatureBlocks(['Nội dung.', '', 'THƯ KÝ              CHỦ TỌA', '(đã ký)             (đã ký)', 'Lê Thị Mai          Trần Văn Bình'])).toEqual([
      'Nội dung.',
      '',
      'THƯ KÝ (đã ký) Lê Thị Mai',
      'CHỦ TỌA (đã ký) Trần Văn Bình',
    ]);
  });

  it('leaves a text without a signature as it is', () => {
    const lines = ['Liên hệ:', 'Phòng Đào tạo', 'Chị Lan'];
    expect(signatureBlocks(lines)).toEqual(lines);
  });

  it('answers who signed, and "the call for applications" is no phone call', () => {
    expect(answerKind('Who signed the call for applications?').kind).toBe('person');
    expect(answerKind('Which number should I call?').kind).toBe('phone');
    const doc = fromText(notice + '\n\n                    KT. TRƯỞNG BAN\n                    PHÓ TRƯỞNG BAN\n                    (đã ký)\n                    Đặng Văn Lộc\n', 'x');
    const text = chunkDocument(doc).map((c) => c.text).join('\n');
    expect(text).toContain('PHÓ TRƯỞNG BAN (đã ký) Đặng Văn Lộc');
  });
});
