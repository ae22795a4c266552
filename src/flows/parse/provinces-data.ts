/**
 * Viet Nam's 34 provincial-level units after the 2025 rearrangement (Resolution 202/2025/QH15 of
 * the National Assembly, 12 June 2025, in force the same day): 6 centrally-run cities and 28
 * provinces. `formerly` lists the 63 pre-merger names that now belong to each; an unchanged unit
 * lists its own name. `aliases` are other spellings founders use (abbreviations, old names).
 * `region` groups provinces for programme eligibility.
 *
 * @example
 * PROVINCES.find((p) => p.id === 'can-tho')!.formerly // ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang']
 */
export type Region = 'north' | 'central' | 'highlands' | 'south' | 'mekong';

export interface Province {
  id: string;
  name: string;
  kind: 'city' | 'province';
  region: Region;
  formerly: readonly string[];
  aliases?: readonly string[];
}

export const PROVINCES: readonly Province[] = [
  { id: 'ha-noi', name: 'Hà Nội', kind: 'city', region: 'north', formerly: ['Hà Nội'], aliases: ['HN', 'Hanoi', 'Thủ đô'] },
  { id: 'hue', name: 'Huế', kind: 'city', region: 'central', formerly: ['Thừa Thiên Huế'], aliases: ['Thừa Thiên - Huế', 'TT Huế', 'TTH'] },
  { id: 'hai-phong', name: 'Hải Phòng', kind: 'city', region: 'north', formerly: ['Hải Phòng', 'Hải Dương'], aliases: ['HP', 'Haiphong'] },
  { id: 'da-nang', name: 'Đà Nẵng', kind: 'city', region: 'central', formerly: ['Đà Nẵng', 'Quảng Nam'], aliases: ['Danang', 'ĐNg'] },
  { id: 'ho-chi-minh', name: 'Thành phố Hồ Chí Minh', kind: 'city', region: 'south', formerly: ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu'], aliases: ['TP HCM', 'TPHCM', 'HCM', 'HCMC', 'Ho Chi Minh City', 'Sài Gòn', 'Saigon', 'SG', 'Vũng Tàu', 'Bà Rịa', 'BRVT', 'Bà Rịa Vũng Tàu'] },
  { id: 'can-tho', name: 'Cần Thơ', kind: 'city', region: 'mekong', formerly: ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'], aliases: ['Cantho'] },
  { id: 'cao-bang', name: 'Cao Bằng', kind: 'province', region: 'north', formerly: ['Cao Bằng'] },
  { id: 'dien-bien', name: 'Điện Biên', kind: 'province', region: 'north', formerly: ['Điện Biên'] },
  { id: 'ha-tinh', name: 'Hà Tĩnh', kind: 'province', region: 'central', formerly: ['Hà Tĩnh'] },
  { id: 'lai-chau', name: 'Lai Châu', kind: 'province', region: 'north', formerly: ['Lai Châu'] },
  { id: 'lang-son', name: 'Lạng Sơn', kind: 'province', region: 'north', formerly: ['Lạng Sơn'] },
  { id: 'nghe-an', name: 'Nghệ An', kind: 'province', region: 'central', formerly: ['Nghệ An'] },
  { id: 'quang-ninh', name: 'Quảng Ninh', kind: 'province', region: 'north', formerly: ['Quảng Ninh'], aliases: ['Hạ Long'] },
  { id: 'thanh-hoa', name: 'Thanh Hóa', kind: 'province', region: 'central', formerly: ['Thanh Hóa'] },
  { id: 'son-la', name: 'Sơn La', kind: 'province', region: 'north', formerly: ['Sơn La'] },
  { id: 'tuyen-quang', name: 'Tuyên Quang', kind: 'province', region: 'north', formerly: ['Tuyên Quang', 'Hà Giang'] },
  { id: 'lao-cai', name: 'Lào Cai', kind: 'province', region: 'north', formerly: ['Lào Cai', 'Yên Bái'], aliases: ['Sa Pa', 'Sapa'] },
  { id: 'thai-nguyen', name: 'Thái Nguyên', kind: 'province', region: 'north', formerly: ['Thái Nguyên', 'Bắc Kạn'], aliases: ['Bắc Cạn'] },
  { id: 'phu-tho', name: 'Phú Thọ', kind: 'province', region: 'north', formerly: ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'] },
  { id: 'bac-ninh', name: 'Bắc Ninh', kind: 'province', region: 'north', formerly: ['Bắc Ninh', 'Bắc Giang'] },
  { id: 'hung-yen', name: 'Hưng Yên', kind: 'province', region: 'north', formerly: ['Hưng Yên', 'Thái Bình'] },
  { id: 'ninh-binh', name: 'Ninh Bình', kind: 'province', region: 'north', formerly: ['Ninh Bình', 'Hà Nam', 'Nam Định'] },
  { id: 'quang-tri', name: 'Quảng Trị', kind: 'province', region: 'central', formerly: ['Quảng Trị', 'Quảng Bình'] },
  { id: 'quang-ngai', name: 'Quảng Ngãi', kind: 'province', region: 'central', formerly: ['Quảng Ngãi', 'Kon Tum'], aliases: ['Kontum'] },
  { id: 'gia-lai', name: 'Gia Lai', kind: 'province', region: 'highlands', formerly: ['Gia Lai', 'Bình Định'], aliases: ['Quy Nhơn', 'Pleiku'] },
  { id: 'khanh-hoa', name: 'Khánh Hòa', kind: 'province', region: 'central', formerly: ['Khánh Hòa', 'Ninh Thuận'], aliases: ['Nha Trang'] },
  { id: 'lam-dong', name: 'Lâm Đồng', kind: 'province', region: 'highlands', formerly: ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'], aliases: ['Đà Lạt', 'Dak Nong', 'Đắc Nông', 'Phan Thiết'] },
  { id: 'dak-lak', name: 'Đắk Lắk', kind: 'province', region: 'highlands', formerly: ['Đắk Lắk', 'Phú Yên'], aliases: ['Daklak', 'Đắc Lắc', 'Dak Lak', 'Buôn Ma Thuột', 'BMT'] },
  { id: 'dong-nai', name: 'Đồng Nai', kind: 'province', region: 'south', formerly: ['Đồng Nai', 'Bình Phước'], aliases: ['Biên Hòa'] },
  { id: 'tay-ninh', name: 'Tây Ninh', kind: 'province', region: 'south', formerly: ['Tây Ninh', 'Long An'] },
  { id: 'vinh-long', name: 'Vĩnh Long', kind: 'province', region: 'mekong', formerly: ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'] },
  { id: 'dong-thap', name: 'Đồng Tháp', kind: 'province', region: 'mekong', formerly: ['Đồng Tháp', 'Tiền Giang'], aliases: ['Mỹ Tho'] },
  { id: 'ca-mau', name: 'Cà Mau', kind: 'province', region: 'mekong', formerly: ['Cà Mau', 'Bạc Liêu'] },
  { id: 'an-giang', name: 'An Giang', kind: 'province', region: 'mekong', formerly: ['An Giang', 'Kiên Giang'], aliases: ['Phú Quốc', 'Rạch Giá'] },
];
