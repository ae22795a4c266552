import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument, splitSentences } from '../../src/knowledge/chunk.js';
import { extractDocument, fromHtml, fromMarkdown, fromPdfPages, fromText, indentedRecords } from '../../src/knowledge/extract.js';
import { sentenceCase } from '../../src/knowledge/extract-title.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'extract');
const paragraphs = (doc: { sections: { paragraphs: string[] }[] }) => doc.sections.flatMap((s) => s.paragraphs);

describe('tables: one sentence per row', () => {
  it('reads a Markdown table row by row, naming the row and each column by its header, under the heading above it', async () => {
    const doc = await extractDocument(join(fixtures, 'bang-gia-phong-hop.md'));
    const prices = doc.sections.find((s) => s.heading === 'Giá thuê phòng')!;
    const sen = prices.paragraphs.find((p) => p.startsWith('Phòng Sen'))!;
    expect(sen).toContain('Sức chứa: 8 người');
    expect(sen).toContain('Giá mỗi giờ: 120.000 đồng');
    expect(sen).not.toContain('Phòng Súng');
    // A cell with two sentences stays inside its row's sentence.
    expect(splitSentences(sen)).toHaveLength(1);
    // Empty cells are skipped; a row continuing a merged first cell keeps the row's name.
    const sung = prices.paragraphs.filter((p) => p.startsWith('Phòng Súng'));
    expect(sung).toHaveLength(2);
    expect(sung[0]).not.toContain('Ghi chú');
    expect(sung[1]).toContain('250.000 đồng từ 4 giờ');
    // No header row: a two-column table reads "name: value".
    expect(doc.sections.find((s) => s.heading === 'Liên hệ')!.paragraphs).toEqual(['Email: datphong@tramuom.vn.', 'Điện thoại: 0236 111 222.']);
    expect(paragraphs(doc).join('\n')).not.toMatch(/\||---/);
  });

  it('keeps each row a whole sentence in the passages', async () => {
    const doc = await extractDocument(join(fixtures, 'bang-gia-phong-hop.md'));
    const sentences = chunkDocument(doc).flatMap((c) => c.text.split('\n').flatMap(splitSentences));
    expect(sentences.filter((s) => s.startsWith('Phòng Sen'))).toHaveLength(1);
    expect(sentences.some((s) => s.startsWith('Sức chứa') || s.startsWith('Bảng trắng'))).toBe(false);
  });

  it('reads an HTML table with a numbered column, two header rows and merged cells', async () => {
    const doc = await extractDocument(join(fixtures, 'dich-vu.html'));
    expect(doc.title).toBe('Dịch vụ hỗ trợ doanh nghiệp');
    const rows = doc.sections.find((s) => s.heading === 'Gói dịch vụ')!.paragraphs;
    expect(rows[0]).toMatch(/^Tư vấn pháp lý — /);
    expect(rows[0]).toContain('Phí Khách: 500.000 đồng/buổi');
    // The row spanning two rows names both; the number column names none.
    expect(rows.filter((r) => r.startsWith('Kết nối nhà đầu tư'))).toHaveLength(2);
    expect(rows.some((r) => /^\d/.test(r))).toBe(false);
    expect(rows.at(-1)).toBe('Đăng ký tại quầy lễ tân.');
  });

  it('takes the first row of a Word table (no <th>) as its header when it reads as labels', () => {
    const html = '<body><p>Hỗ trợ khởi nghiệp</p><table><tr><td><p><strong>Hạng mục</strong></p></td><td><p><strong>Mức hỗ trợ</strong></p></td></tr><tr><td><p>Thuê văn phòng</p></td><td><p>50%</p><p>tối đa 6 tháng</p></td></tr></table></body>';
    const doc = fromHtml(html, 'f', 'docx');
    expect(doc.title).toBe('Hỗ trợ khởi nghiệp');
    expect(paragraphs(doc)).toEqual(['Thuê văn phòng — Mức hỗ trợ: 50%; tối đa 6 tháng.']);
  });

  it('reads a layout table (headings inside) as ordinary blocks', () => {
    const doc = fromHtml('<h1>T</h1><table><tr><td><h2>Giờ mở cửa</h2><p>Từ 8 giờ.</p></td></tr></table>', 'f');
    expect(doc.sections).toEqual([{ heading: 'Giờ mở cửa', paragraphs: ['Từ 8 giờ.'] }]);
  });

  it('still reads a Markdown line with a pipe that is not a table as text; single-mark emphasis goes', () => {
    expect(paragraphs(fromMarkdown('# T\n\nGiờ mở cửa: 8h | 17h.\n', 'f'))).toEqual(['Giờ mở cửa: 8h | 17h.']);
    expect(paragraphs(fromMarkdown('# T\n\n*Cập nhật 20/10.* Xem _ghi chú_, file_name_x.\n\n* mục *hai*\n', 'f'))).toEqual(['Cập nhật 20/10. Xem ghi chú, file_name_x.', 'mục hai']);
  });
});

describe('administrative documents: the title is the type and subject, not the agency', () => {
  it("ends a subject in normal case at the issuer's line in capitals", () => {
    const doc = fromText(
      [
        'TRƯỜNG ĐẠI HỌC PHÙ SA          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        '                                Độc lập – Tự do – Hạnh phúc',
        '',
        'Số: 12/QĐ-ĐHPS                 Phù Sa, ngày 3 tháng 3 năm 2026',
        '',
        'QUYẾT ĐỊNH',
        'Về việc ban hành Quy chế Quỹ Khởi nghiệp Phù Sa',
        '',
        'HIỆU TRƯỞNG TRƯỜNG ĐẠI HỌC PHÙ SA',
        '',
        'Căn cứ Quy chế tổ chức của Trường;',
        'Điều 1. Quỹ hỗ trợ tối đa 30 triệu đồng mỗi nhóm.',
      ].join('\n'),
      'qd',
    );
    expect(doc.title).toBe('Quyết định: Ban hành Quy chế Quỹ Khởi nghiệp Phù Sa');
  });

  it('ends an administrative subject at a numbered section in capitals, and keeps codes in brackets', () => {
    const minutes = fromText(
      [
        'HỘI LHPN HUYỆN ĐÔNG MIÊN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        '                                 Độc lập – Tự do – Hạnh phúc',
        'Số: 03/BB-HLHPN                   Đông Miên, ngày 2 tháng 4 năm 2027',
        '',
        'BIÊN BẢN',
        'HỌP HỘI ĐỒNG GIÁM KHẢO VÒNG SƠ TUYỂN',
        'I. THỜI GIAN, ĐỊA ĐIỂM',
        'Hội đồng họp lúc 8h00 tại huyện Đông Miên.',
      ].join('\n'),
      'bb',
    );
    expect(minutes.title).toBe('Biên bản: Họp hội đồng giám khảo vòng sơ tuyển');
    expect(sentenceCase('VƯỜN ƯƠM SƠN KHA (SKI)', 'Vườn ươm Sơn Kha (SKI) ở tỉnh Phù Vân.')).toBe('Vườn ươm Sơn Kha (SKI)');
  });

  it('reads the header block on separate lines with underlines', async () => {
    const doc = await extractDocument(join(fixtures, 'thong-bao-ho-tro-thiet-bi.txt'));
    expect(doc.title).toBe('Thông báo: Đăng ký hỗ trợ thiết bị thử nghiệm cho doanh nghiệp khởi nghiệp tại Hà Tĩnh');
    const text = paragraphs(doc);
    expect(text[0]).toContain('58/TB-SKHCN');
    expect(text[0]).toContain('ngày 4 tháng 5 năm 2026');
    for (const header of ['UBND', 'SỞ KHOA HỌC', 'CỘNG HÒA', 'Hạnh phúc', 'THÔNG BÁO', '---']) expect(text.join('\n')).not.toContain(header);
    expect(doc.sections.map((s) => s.heading)).toEqual([null, 'I. ĐỐI TƯỢNG', 'II. MỨC HỖ TRỢ']);
  });

  it('reads agency and motto on one line (tab), a subject in capitals in readable case', async () => {
    const doc = await extractDocument(join(fixtures, 'ke-hoach-mot-dong.txt'));
    expect(doc.title).toBe('Kế hoạch: Tổ chức ngày hội khởi nghiệp Quảng Trị năm 2026');
    expect(paragraphs(doc)[0]).toBe('Số: 210/KH-SCT. Quảng Trị, ngày 20 tháng 1 năm 2026.');
    expect(paragraphs(doc)[1]).toMatch(/^Căn cứ/);
  });

  it('reads an official letter by its "V/v" subject', async () => {
    const doc = await extractDocument(join(fixtures, 'cong-van.txt'));
    expect(doc.title).toBe('Công văn: Góp ý dự thảo quy chế vườn ươm');
    expect(paragraphs(doc)).toHaveLength(3);
    expect(paragraphs(doc).join('\n')).not.toContain('BAN QUẢN LÝ');
  });

  it('reads the same header from PDF lines', () => {
    const page = 'SỞ KHOA HỌC VÀ CÔNG NGHỆ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 9/QĐ-SKHCN\nĐà Nẵng, ngày 1 tháng 2 năm 2026\nQUYẾT ĐỊNH\nBan hành quy chế vườn ươm\nĐiều 1. Ban hành kèm theo quyết định này quy chế vườn ươm.';
    expect(fromPdfPages([page], 'f').title).toBe('Quyết định: Ban hành quy chế vườn ươm');
  });

  it('reads the header laid out in a two-column Word table', () => {
    const html = '<body><table><tr><td><p>UBND TỈNH BÌNH ĐỊNH</p><p>SỞ KHOA HỌC VÀ CÔNG NGHỆ</p></td><td><p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>Độc lập - Tự do - Hạnh phúc</p></td></tr><tr><td><p>Số: 31/HD-SKHCN</p></td><td><p>Quy Nhơn, ngày 8 tháng 4 năm 2026</p></td></tr></table><h1>HƯỚNG DẪN</h1><p>Lập hồ sơ đề nghị hỗ trợ ươm tạo tại Quy Nhơn</p><p>Hồ sơ gồm đơn đề nghị và kế hoạch kinh doanh.</p></body>';
    const doc = fromHtml(html, 'f', 'docx');
    expect(doc.title).toBe('Hướng dẫn: Lập hồ sơ đề nghị hỗ trợ ươm tạo tại Quy Nhơn');
    expect(paragraphs(doc)).toEqual(['Số: 31/HD-SKHCN. Quy Nhơn, ngày 8 tháng 4 năm 2026.', 'Hồ sơ gồm đơn đề nghị và kế hoạch kinh doanh.']);
  });

  it('leaves ordinary text documents alone', () => {
    const doc = fromText('Quỹ hỗ trợ khởi nghiệp\n\nQuỹ cấp tối đa 100 triệu đồng.\n\nHỒ SƠ\n\nNộp trước 30/6.', 'f');
    expect(doc.title).toBe('Quỹ hỗ trợ khởi nghiệp');
    expect(doc.sections.map((s) => s.heading)).toEqual([null, 'HỒ SƠ']);
  });
});

describe('directories: an indented record is one sentence', () => {
  const directory = [
    'DANH BẠ',
    '',
    'Bộ phận Đào tạo – Phòng 302',
    '    Chuyên viên: chị Đinh Thảo Vy',
    '    ĐT: 0235 3861 472  |  Email: daotao@example.vn',
    '',
    'Xưởng Chế tạo – tầng 1',
    '\tKỹ sư phụ trách: anh Tạ Quốc Bảo.',
    '\tĐT: 0977 502 918',
    'Kế toán – Phòng 306',
    '',
    'Một đoạn văn thường, không thụt lề.',
    'Dòng tiếp theo của đoạn đó.',
  ].join('\n');

  it('joins the lines indented under a line to it, and leaves unindented lines alone', () => {
    expect(indentedRecords(['Kế toán', '    ĐT: 0235 3861 475', ''])).toEqual(['Kế toán; ĐT: 0235 3861 475', '']);
    const lines = paragraphs(fromText(directory, 'danh-ba'));
    expect(lines).toContain('Bộ phận Đào tạo – Phòng 302; Chuyên viên: chị Đinh Thảo Vy; ĐT: 0235 3861 472 | Email: daotao@example.vn');
    // A line's own full stop does not end the record's sentence.
    expect(lines).toContain('Xưởng Chế tạo – tầng 1; Kỹ sư phụ trách: anh Tạ Quốc Bảo; ĐT: 0977 502 918');
    expect(lines).toContain('Kế toán – Phòng 306');
    expect(lines).toContain('Một đoạn văn thường, không thụt lề.');
    expect(lines.some((l) => l.startsWith('ĐT:'))).toBe(false);
    const sentences = chunkDocument(fromText(directory, 'danh-ba')).flatMap((c) => c.text.split('\n').flatMap(splitSentences));
    expect(sentences.find((s) => s.includes('0977 502 918'))).toMatch(/^Xưởng Chế tạo/);
  });
});

describe('questions and answers: a question paragraph heads its answer', () => {
  it('makes a question standing alone before its answer a heading under the section, in Markdown, text and HTML', () => {
    const md = fromMarkdown(['# Hỏi đáp', '', '## Phí', '', '**H: SKI có lấy cổ phần không?**', '', 'Đ: Không. SKI không nhận cổ phần.', '', '**H: Ở bao lâu?**', '', 'Đ: Tối đa 18 tháng.'].join('\n'), 'x');
    expect(md.sections.map((s) => [s.heading, s.paragraphs])).toEqual([
      ['Phí: H: SKI có lấy cổ phần không?', ['Đ: Không. SKI không nhận cổ phần.']],
      ['Phí: H: Ở bao lâu?', ['Đ: Tối đa 18 tháng.']],
    ]);
    const txt = fromText(['Hỏi đáp', '', 'Có chỗ gửi xe không?', 'Có, ở tầng hầm.'].join('\n'), 'x');
    expect(txt.sections.find((s) => s.heading === 'Có chỗ gửi xe không?')?.paragraphs).toEqual(['Có, ở tầng hầm.']);
    const html = fromHtml('<main><h1>Hỏi đáp</h1><p>Có wifi không?</p><p>Có, miễn phí.</p></main>', 'x');
    expect(html.sections.find((s) => s.heading === 'Có wifi không?')?.paragraphs).toEqual(['Có, miễn phí.']);
  });

  it('keeps a question that ends a section, or is followed by another question, as text', () => {
    const md = fromMarkdown(['# T', '', 'Bạn đang tìm vốn?', '', 'Ai được đăng ký?'].join('\n'), 'x');
    expect(md.sections.flatMap((s) => s.paragraphs)).toEqual(['Bạn đang tìm vốn?', 'Ai được đăng ký?']);
  });
});
