/**
 * Vietnamese administrative abbreviations (folded) and their full forms. Passages are indexed
 * with both, and questions are expanded, so "Sở KHCN" matches "Sở Khoa học và Công nghệ" and
 * "GĐ. Trung tâm" matches "giám đốc trung tâm".
 */
export const VI_ABBREVIATIONS: Readonly<Record<string, string>> = {
  gd: 'giam doc',
  pgd: 'pho giam doc',
  tgd: 'tong giam doc',
  tt: 'trung tam',
  dmst: 'doi moi sang tao',
  kndmst: 'khoi nghiep doi moi sang tao',
  khcn: 'khoa hoc cong nghe',
  khdt: 'ke hoach dau tu',
  kh: 'khoa hoc',
  cn: 'cong nghe',
  dn: 'doanh nghiep',
  dnnvv: 'doanh nghiep nho va vua',
  dbscl: 'dong bang song cuu long',
  ubnd: 'uy ban nhan dan',
  tp: 'thanh pho',
  hn: 'ha noi',
  tphcm: 'thanh pho ho chi minh',
  hcm: 'ho chi minh',
  sht: 'so huu tri tue',
  shtt: 'so huu tri tue',
  cds: 'chuyen doi so',
  ocop: 'moi xa mot san pham',
  nic: 'trung tam doi moi sang tao quoc gia',
  thpt: 'trung hoc pho thong',
  dh: 'dai hoc',
  clb: 'cau lac bo',
  vr: 'thuc te ao',
  ar: 'thuc te tang cuong',
  ai: 'tri tue nhan tao',
  tmdt: 'thuong mai dien tu',
  cntt: 'cong nghe thong tin',
  xnk: 'xuat nhap khau',
  sxkd: 'san xuat kinh doanh',
  ndt: 'nha dau tu',
  dtts: 'dan toc thieu so',
  lhpn: 'lien hiep phu nu',
  htx: 'hop tac xa',
  cccd: 'can cuoc cong dan',
  bhxh: 'bao hiem xa hoi',
  bhyt: 'bao hiem y te',
  gpkd: 'giay phep kinh doanh',
  dkkd: 'dang ky kinh doanh',
  mst: 'ma so thue',
  nsnn: 'ngan sach nha nuoc',
  tncn: 'thu nhap ca nhan',
};

const FULL_FORMS = new Map(Object.entries(VI_ABBREVIATIONS));

/**
 * The full form of an abbreviation (folded), if the word is one. Only the table's own entries
 * count: a word such as "constructor" is no key of the table, whatever an object inherits.
 *
 * @example
 * fullForm('khcn') // 'khoa hoc cong nghe'
 * fullForm('constructor') // undefined
 */
export function fullForm(word: string): string | undefined {
  return FULL_FORMS.get(word);
}
