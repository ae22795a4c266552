/**
 * The header block of a Vietnamese administrative document (Nghị định 30/2020 layout): the
 * issuing agency in capitals ("UBND TỈNH …", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), the national motto
 * ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc") and their underlines,
 * the number ("Số: 123/TB-SKHCN") and the place and date ("Nghệ An, ngày 10 tháng 3 năm 2026"),
 * then the document type in capitals ("THÔNG BÁO") and its subject. Read naively, the first
 * line (the agency) becomes the title every citation shows; here the title is the type and
 * subject ("Thông báo: Tuyển chọn doanh nghiệp …") and the header lines leave the text, except
 * the number and date, which are facts.
 *
 * @example
 * readAdministrativeHeader(['SỞ KH&CN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
 *   'Số: 12/TB-SKHCN', 'Nghệ An, ngày 10 tháng 3 năm 2026', 'THÔNG BÁO', 'Tuyển chọn doanh nghiệp', 'Nội dung.'])
 * // { title: 'Thông báo: Tuyển chọn doanh nghiệp', facts: ['Số: 12/TB-SKHCN. Nghệ An, ngày 10 tháng 3 năm 2026.'], consumed: 7 }
 */

/** What the header block gives: the title, the number-and-date paragraph, and how many lines it took. */
export interface AdministrativeHeader {
  title: string | null;
  facts: string[];
  /** Lines at the start of the document that belong to the header and title (removed from the text). */
  consumed: number;
}

const MOTTO_STATE = /C[ỘO]NG\s+H[ÒOÓ]A\s+X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM/iu;
const MOTTO_SLOGAN = /Đ[ộo]c\s+l[ậa]p\s*[-–—]\s*T[ựu]\s+do\s*[-–—]\s*H[ạa]nh\s+ph[úu]c/iu;
const UNDERLINE = /^[\s\-–—_=*~.·]{3,}$/u;
const NUMBER = /(?:^|\s)(Số\s*:\s*\S+(?:\s*\/\s*\S+)?)/u;
const PLACE_DATE = /((?:[\p{Lu}][\p{L}.]*\s*){1,5},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})/u;

/** Document types that open the title of an administrative document. */
const TYPES = [
  'THÔNG BÁO', 'QUYẾT ĐỊNH', 'KẾ HOẠCH', 'HƯỚNG DẪN', 'CÔNG VĂN', 'TỜ TRÌNH', 'BÁO CÁO', 'CHỈ THỊ', 'NGHỊ QUYẾT',
  'THÔNG TƯ', 'NGHỊ ĐỊNH', 'QUY CHẾ', 'QUY ĐỊNH', 'CHƯƠNG TRÌNH', 'ĐỀ ÁN', 'GIẤY MỜI', 'THƯ MỜI', 'BIÊN BẢN',
  'THỂ LỆ', 'ĐIỀU LỆ', 'HỢP ĐỒNG', 'CÔNG ĐIỆN', 'PHƯƠNG ÁN', 'DỰ ÁN', 'GIẤY CHỨNG NHẬN', 'THÔNG CÁO',
];
const TYPE_LINE = new RegExp(`^(${TYPES.join('|')})(?:\\s*[:.]?\\s+(.+))?$`, 'u');

/** Whether a text holds the national motto (the right half of an administrative header). */
export function mentionsNationalMotto(text: string): boolean {
  return MOTTO_STATE.test(text) || MOTTO_SLOGAN.test(text);
}

/** Words that open the text of an administrative document, after its title. */
const BODY_START = /^(?:Căn cứ|Kính gửi|Thực hiện|Theo|Điều\s+\d|Chương\s+[IVX\d])/u;
const BODY_INSIDE = /\s(?=(?:Căn cứ|Kính gửi|Điều\s+\d+\.)\s)/u;

/** A line cut in two where `at` matches. */
function splitAt(line: string, at: RegExp): [string, string] {
  const m = at.exec(line)!;
  return [line.slice(0, m.index).trim(), line.slice(m.index).trim()];
}

/** A line that can be a document's subject under its type: normal case, no sentence, no section number. */
const subjectLine = (line: string | undefined): boolean =>
  line !== undefined && !isCapitals(line) && !BODY_START.test(line) && !/[.!?:;]$/u.test(line) && !/^(?:[IVXLC]{1,5}|\d{1,2})[.)]\s/u.test(line);

const isCapitals = (line: string) => {
  const letters = line.replace(/[^\p{L}]/gu, '');
  return letters.length > 1 && letters === letters.toUpperCase();
};

/**
 * The header block at the start of `lines` (cleaned, non-empty lines), or null when the
 * document does not open with one: it needs the national motto, or a number line and a
 * document type, within its first lines.
 */
export function readAdministrativeHeader(lines: string[]): AdministrativeHeader | null {
  const window = lines.slice(0, 16);
  const firstBody = window.findIndex((l) => BODY_START.test(l));
  // PDF lines are joined until a sentence ends: "Ban hành quy chế Căn cứ Luật …;" holds the
  // end of the subject and the start of the text. Read them as two lines.
  if (firstBody < 0) {
    const joined = window.findIndex((l) => BODY_INSIDE.test(l));
    if (joined >= 0) {
      const [head, tail] = splitAt(window[joined]!, BODY_INSIDE);
      const header = readAdministrativeHeader([...window.slice(0, joined), head]);
      if (header && header.consumed === joined + 1) return { ...header, facts: [...header.facts, tail], consumed: joined + 1 };
    }
  }
  const hasMotto = window.some((l) => MOTTO_STATE.test(l) || MOTTO_SLOGAN.test(l));
  const hasNumber = window.some((l) => /^Số\s*:/u.test(l) || NUMBER.test(l));
  const typeAt = window.findIndex((l) => TYPE_LINE.test(l));
  // Without motto or number: the agency in capitals on the first lines, then the type on its
  // line ("HỘI LIÊN HIỆP PHỤ NỮ HUYỆN …" / "HƯỚNG DẪN" / "Thủ tục vay vốn …"), as internal
  // guides and notices of an association are laid out.
  // The type may carry its own words in capitals ("BIÊN BẢN HỌP HỘI ĐỒNG" over "Đánh giá …").
  const typeLine = typeAt >= 0 ? window[typeAt]! : '';
  const agencyThenType = typeAt > 0 && typeAt <= 4 && (!TYPE_LINE.exec(typeLine)![2] || (isCapitals(typeLine) && subjectLine(window[typeAt + 1])))
    && window.slice(0, typeAt).every(isCapitals);
  if (!hasMotto && !(hasNumber && typeAt >= 0) && !agencyThenType) return null;
  const facts: string[] = [];
  let i = 0;
  let lastMark = -1;
  let letterSubject: string | null = null;
  // The header: every line up to the type that is agency, motto, underline, number or date.
  const end = typeAt >= 0 ? typeAt : window.length;
  for (; i < end; i++) {
    const line = window[i]!;
    // An official letter (công văn) has no type line: its subject is "V/v …" under the number.
    const letter = /^V\/v\s*:?\s*(.+)$/iu.exec(line);
    if (letter && letterSubject === null) {
      letterSubject = letter[1]!.replace(/[.;]$/u, '');
      lastMark = i;
      continue;
    }
    let rest = line.replace(MOTTO_STATE, ' ').replace(MOTTO_SLOGAN, ' ');
    if (rest !== line) lastMark = i;
    const number = NUMBER.exec(rest);
    if (number) {
      facts.push(number[1]!.replace(/\s+/g, ' ').trim());
      rest = rest.replace(number[1]!, ' ');
    }
    const date = PLACE_DATE.exec(rest);
    if (date) {
      facts.push(date[1]!.trim());
      rest = rest.replace(date[1]!, ' ');
    }
    if (number || date || UNDERLINE.test(line)) lastMark = i;
    rest = rest.trim();
    if (/\p{L}/u.test(rest) && !isCapitals(rest)) break; // the text begins
  }
  const factParagraph = facts.length ? [`${facts.map((f) => f.replace(/[.,;]$/u, '')).join('. ')}.`] : [];
  if (typeAt < 0 || i < typeAt) {
    // Without a type line, lines in capitals after the last header mark are headings of the text.
    const consumed = lastMark + 1;
    const title = letterSubject ? `Công văn: ${capitalise(sentenceCase(letterSubject, lines.slice(consumed).join('\n')))}` : null;
    return { title, facts: factParagraph, consumed };
  }
  const typeMatch = TYPE_LINE.exec(window[typeAt]!)!;
  // "BIÊN BẢN HỌP HỘI ĐỒNG" over "Đánh giá Demo Day …": the words in capitals name the type
  // (a meeting's minutes), the line in normal case under them is the subject.
  const typeWords = typeMatch[2] && isCapitals(window[typeAt]!) && !/^(?:VỀ|V\/V)\s/u.test(typeMatch[2]) && subjectLine(window[typeAt + 1])
    ? window[typeAt]!
    : typeMatch[1]!;
  const subject: string[] = typeMatch[2] && typeWords === typeMatch[1] ? [typeMatch[2]] : [];
  let j = typeAt + 1;
  for (; j < window.length && subject.join(' ').length < 220; j++) {
    const line = window[j]!;
    if (UNDERLINE.test(line)) {
      if (subject.length) {
        j++;
        break;
      }
      continue;
    }
    if (BODY_START.test(line) || /[.!?:;]$/u.test(line)) break;
    // "(áp dụng từ ngày 01/01/2027)" under the subject is a fact of the text, not the title.
    if (subject.length && /^\(/u.test(line)) break;
    if (subject.length && !isCapitals(line) && isCapitals(subject.at(-1)!)) break;
    // A subject typed in normal case ("Về việc ban hành …") ends where the issuer's line in
    // capitals begins ("HIỆU TRƯỞNG TRƯỜNG ĐẠI HỌC …", "GIÁM ĐỐC SỞ …").
    if (subject.length && isCapitals(line) && !isCapitals(subject.at(-1)!)) break;
    // A numbered section ("I. THỜI GIAN, ĐỊA ĐIỂM") starts the text.
    if (subject.length && /^(?:[IVXLC]{1,5}|\d{1,2})[.)]\s/u.test(line)) break;
    // "Thời gian: 8h00 …", "Địa điểm: …" under the subject: the facts of the text.
    if (subject.length && /^[\p{L}\s]{2,30}:\s/u.test(line)) break;
    if (subject.length >= 3 || line.length > 160) break;
    subject.push(line);
  }
  const body = lines.slice(j).join('\n');
  const type = capitalise(sentenceCase(typeWords, body));
  const about = subject.length ? sentenceCase(subject.join(' ').replace(/^(?:về\s+việc|v\/v|về)\s*:?\s*/iu, ''), body) : '';
  return { title: about ? `${type}: ${capitalise(about)}` : type, facts: factParagraph, consumed: j };
}

/**
 * The title of a Markdown administrative document whose `# ` heading is its type alone ("#
 * QUYẾT ĐỊNH" over "## Về việc ban hành Quy định …"): every decision, notice and plan would
 * be cited by the same word, so the header block is read as plain lines (heading marks
 * dropped) and its type and subject are the title. Null when the title names more than a type
 * or no header block opens the document.
 *
 * @example
 * typeOnlyMarkdownTitle('QUYẾT ĐỊNH', ['Số: 5/QĐ-SKHCN', '# QUYẾT ĐỊNH', '## Về việc ban hành Quy chế X', 'Căn cứ …'])
 * // 'Quyết định: Ban hành Quy chế X'
 */
export function typeOnlyMarkdownTitle(title: string, lines: readonly string[]): string | null {
  const type = TYPE_LINE.exec(title.trim());
  if (!type || type[2]) return null;
  const plain = lines.map((l) => l.replace(/^#{1,6}\s+/u, '').trim()).filter(Boolean);
  const header = readAdministrativeHeader(plain);
  return header?.title && header.title.includes(':') ? header.title : null;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A line in capitals in readable case: lower case, except words the document writes in
 * capitals or with a capital elsewhere in its text ("NGHỆ AN" → "Nghệ An" when the date line
 * says "Nghệ An", "ĐMST" stays when the text says "ĐMST"). A line not in capitals is kept.
 */
export function sentenceCase(line: string, body: string): string {
  if (!isCapitals(line)) return line;
  const forms = new Map<string, Map<string, number>>();
  const text = body.split('\n').filter((l) => !isCapitals(l)).join('\n');
  for (const match of text.matchAll(/(?<=[\p{L}\d,;(][ \t]+[("“]?)[\p{L}&\d-]+/gu)) {
    const word = match[0];
    const key = word.toLowerCase();
    const counts = forms.get(key) ?? new Map<string, number>();
    counts.set(word, (counts.get(word) ?? 0) + 1);
    forms.set(key, counts);
  }
  const words = line.split(/(\s+)/).map((whole) => {
    if (/^\s+$/.test(whole)) return whole;
    // Quotes and brackets around a word ("(SKI)", "“MẠ") are kept as they are.
    const [, before = '', token = '', after = ''] = /^([^\p{L}\d]*)(.*?)([^\p{L}\d]*)$/u.exec(whole) ?? [];
    if (!token) return whole;
    const key = token.toLowerCase();
    const seen = forms.get(key);
    // Codes and abbreviations ("KH&CN", "04/2026", "ĐMST-2026") keep their capitals.
    if (!seen) return before + (/[\d&/]/.test(token) ? token : key) + after;
    return before + [...seen.entries()].sort((a, b) => b[1] - a[1])[0]![0] + after;
  });
  return capitalise(words.join(''));
}
