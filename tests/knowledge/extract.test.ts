import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/knowledge/chunk.js';
import { documentKind, extractDocument, ExtractError, fromHtml, fromMarkdown, fromPdfPages } from '../../src/knowledge/extract.js';

const corpus = join(import.meta.dirname, 'fixtures', 'corpus');
const allText = (doc: Awaited<ReturnType<typeof extractDocument>>) => doc.sections.flatMap((s) => s.paragraphs).join('\n');

describe('extracting documents', () => {
  it('reads Markdown with its title and sections, without markup', async () => {
    const doc = await extractDocument(join(corpus, 'coworking.md'));
    expect(doc).toMatchObject({ title: 'Khu làm việc chung Ươm Hub', kind: 'md' });
    expect(doc.sections.map((s) => s.heading)).toEqual([null, 'Giờ mở cửa', 'Hội trường và phòng họp', 'Đăng ký chỗ ngồi']);
    const md = fromMarkdown('# T\n\n- **Một** [liên kết](https://x.vn)\n- Hai\n', 'f');
    expect(md.sections[0]!.paragraphs).toEqual(['Một liên kết', 'Hai']);
  });

  it('reads plain text: first short line is the title, lines in capitals are headings', async () => {
    const doc = await extractDocument(join(corpus, 'grants.txt'));
    expect(doc.title).toBe('Quỹ hỗ trợ khởi nghiệp đổi mới sáng tạo của tỉnh');
    expect(doc.sections.map((s) => s.heading)).toEqual([null, 'HỒ SƠ VÀ THỜI HẠN', 'ĐIỀU KIỆN']);
  });

  it('drops navigation, header, footer, scripts and asides from HTML', async () => {
    const doc = await extractDocument(join(corpus, 'mentoring.html'));
    expect(doc.title).toBe('Chương trình cố vấn khởi nghiệp');
    const text = allText(doc);
    expect(text).toContain('12 tuần');
    expect(text).toContain('Mỗi tuần một buổi gặp cố vấn dài 90 phút.');
    for (const boilerplate of ['Trang chủ', 'Liên hệ', '©', 'Bài viết liên quan', 'analytics']) expect(text).not.toContain(boilerplate);
    // A page title is the fallback when there is no h1.
    expect(fromHtml('<title>Trang A</title><p>Nội dung.</p>', 'f').title).toBe('Trang A');
  });

  it('reads DOCX (mammoth) with its title and headings', async () => {
    const doc = await extractDocument(join(corpus, 'training.docx'));
    expect(doc).toMatchObject({ title: 'Khóa đào tạo gọi vốn cho nhóm khởi nghiệp', kind: 'docx' });
    expect(doc.sections.map((s) => s.heading)).toEqual(['Nội dung khóa học', 'Học phí']);
    expect(allText(doc)).toContain('1.500.000 đồng');
  });

  it('reads PDF (unpdf) and removes the header and page numbers repeated on every page', async () => {
    const doc = await extractDocument(join(corpus, 'policy.pdf'));
    expect(doc.title).toBe('Quy dinh su dung phong lab');
    const text = allText(doc);
    expect(text).toContain('may in 3D');
    expect(text).not.toContain('Tai lieu noi bo');
    expect(text).not.toMatch(/Trang \d/);
    const pages = fromPdfPages(['Đầu trang\nA một.\nTrang 1', 'Đầu trang\nB hai.\nTrang 2', 'Đầu trang\nC ba.\nTrang 3'], 'f');
    expect(pages.sections.flatMap((s) => s.paragraphs).join(' ')).not.toMatch(/Đầu trang|Trang \d/);
  });

  it('carries an outline heading without text of its own into the headings under it, not into the text before', () => {
    const md = fromMarkdown('# Hỏi đáp\n\n## Một\n\nVăn bản một.\n\n## Thành viên và không gian\n\n### 4. Dẫn khách được không?\n\nCó, tối đa 2 khách.\n\n### 5. Phòng họp?\n\nCó.\n\n## Tiện ích\n\nGửi xe miễn phí.\n\nBAN QUẢN LÝ\n', 'f');
    expect(md.sections.map((s) => s.heading)).toEqual(['Một', 'Thành viên và không gian: 4. Dẫn khách được không?', 'Thành viên và không gian: 5. Phòng họp?', 'Tiện ích']);
    expect(md.sections[0]!.paragraphs).toEqual(['Văn bản một.']);
    const html = fromHtml('<h1>T</h1><h2>Thành viên</h2><h3>Dẫn khách?</h3><p>Có.</p><h3>Gửi xe?</h3><p>Có.</p>', 'f');
    expect(html.sections.map((s) => s.heading)).toEqual(['Thành viên: Dẫn khách?', 'Thành viên: Gửi xe?']);
  });

  it('normalises to NFC', () => {
    const doc = fromMarkdown('# Tiêu đề\n\n' + 'Khởi nghiệp'.normalize('NFD'), 'f');
    expect(doc.sections[0]!.paragraphs[0]).toBe('Khởi nghiệp'.normalize('NFC'));
  });

  it('removes lines repeated throughout a document (menus, share bars)', () => {
    const md = fromMarkdown('# T\n\nChia sẻ\n\nMột.\n\nChia sẻ\n\nHai.\n\nChia sẻ\n', 'f');
    expect(md.sections.flatMap((s) => s.paragraphs)).toEqual(['Một.', 'Hai.']);
  });

  it('keeps title and heading on passages and rejects unknown file types with a code', async () => {
    const doc = await extractDocument(join(corpus, 'coworking.md'));
    expect(chunkDocument(doc).find((c) => c.text.includes('80 chỗ'))?.heading).toBe('Hội trường và phòng họp');
    expect(documentKind('a/B.PDF')).toBe('pdf');
    await expect(extractDocument(join(corpus, '..', 'cases.jsonl'))).rejects.toMatchObject({ code: 'KB_UNSUPPORTED' });
    await expect(extractDocument(join(corpus, '..', 'cases.jsonl'))).rejects.toBeInstanceOf(ExtractError);
  });
});
