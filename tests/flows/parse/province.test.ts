import { describe, expect, it } from 'vitest';
import { parseProvince, provinceById, findProvinceIn } from '../../../src/flows/parse/province.js';
import { PROVINCES } from '../../../src/flows/parse/provinces-data.js';

const id = (text: string) => {
  const r = parseProvince(text);
  return r.ok ? r.value.id : undefined;
};

describe('provinces data (Resolution 202/2025/QH15)', () => {
  it('has 34 units: 6 cities and 28 provinces, absorbing all 63 former ones exactly once', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.filter((p) => p.kind === 'city')).toHaveLength(6);
    const former = PROVINCES.flatMap((p) => p.formerly);
    expect(former).toHaveLength(63);
    expect(new Set(former).size).toBe(63);
  });
});

describe('parseProvince', () => {
  it('finds today’s names with or without diacritics and prefixes', () => {
    expect(id('Hà Nội')).toBe('ha-noi');
    expect(id('ha noi')).toBe('ha-noi');
    expect(id('HANOI')).toBe('ha-noi');
    expect(id('Thành phố Hồ Chí Minh')).toBe('ho-chi-minh');
    expect(id('tp hcm')).toBe('ho-chi-minh');
    expect(id('TP.HCM')).toBe('ho-chi-minh');
    expect(id('Sài Gòn')).toBe('ho-chi-minh');
    expect(id('tỉnh Lạng Sơn')).toBe('lang-son');
    expect(id('lang son')).toBe('lang-son');
    expect(id('Thanh Hoá')).toBe('thanh-hoa'); // old-style accent placement
    expect(id('thanh hoa')).toBe('thanh-hoa');
    expect(id('Đắk Lắk')).toBe('dak-lak');
    expect(id('daklak')).toBe('dak-lak');
    expect(id('Huế')).toBe('hue');
    expect(id('Can Tho')).toBe('can-tho');
  });

  it('maps pre-2025 provinces to the province they belong to now', () => {
    expect(parseProvince('Bắc Giang')).toMatchObject({ ok: true, value: { id: 'bac-ninh', name: 'Bắc Ninh', matched: 'Bắc Giang' } });
    expect(id('bac giang')).toBe('bac-ninh');
    expect(id('Hà Giang')).toBe('tuyen-quang');
    expect(id('Yên Bái')).toBe('lao-cai');
    expect(id('Bắc Kạn')).toBe('thai-nguyen');
    expect(id('Vĩnh Phúc')).toBe('phu-tho');
    expect(id('Hòa Bình')).toBe('phu-tho');
    expect(id('Thái Bình')).toBe('hung-yen');
    expect(id('Hải Dương')).toBe('hai-phong');
    expect(id('Nam Định')).toBe('ninh-binh');
    expect(id('Hà Nam')).toBe('ninh-binh');
    expect(id('Quảng Bình')).toBe('quang-tri');
    expect(id('Thừa Thiên Huế')).toBe('hue');
    expect(id('Quảng Nam')).toBe('da-nang');
    expect(id('Kon Tum')).toBe('quang-ngai');
    expect(id('Bình Định')).toBe('gia-lai');
    expect(id('Ninh Thuận')).toBe('khanh-hoa');
    expect(id('Bình Thuận')).toBe('lam-dong');
    expect(id('Đắk Nông')).toBe('lam-dong');
    expect(id('Phú Yên')).toBe('dak-lak');
    expect(id('Bình Dương')).toBe('ho-chi-minh');
    expect(id('Bà Rịa - Vũng Tàu')).toBe('ho-chi-minh');
    expect(id('ba ria vung tau')).toBe('ho-chi-minh');
    expect(id('Bình Phước')).toBe('dong-nai');
    expect(id('Long An')).toBe('tay-ninh');
    expect(id('Sóc Trăng')).toBe('can-tho');
    expect(id('Hậu Giang')).toBe('can-tho');
    expect(id('Bến Tre')).toBe('vinh-long');
    expect(id('Trà Vinh')).toBe('vinh-long');
    expect(id('Tiền Giang')).toBe('dong-thap');
    expect(id('Bạc Liêu')).toBe('ca-mau');
    expect(id('Kiên Giang')).toBe('an-giang');
  });

  it('every name in the data resolves to its own province', () => {
    for (const p of PROVINCES) for (const name of [p.name, ...p.formerly, ...(p.aliases ?? [])]) expect(id(name), name).toBe(p.id);
  });

  it('rejects what is not a province', () => {
    expect(parseProvince('Bangkok').ok).toBe(false);
    expect(parseProvince('').ok).toBe(false);
    expect(parseProvince('Hà').ok).toBe(false);
    expect(provinceById('hue')?.name).toBe('Huế');
  });
});

describe('findProvinceIn', () => {
  it.each([
    ['which programmes fit a fintech startup in hcmc', 'ho-chi-minh'],
    ['bên mình ở tphcm', 'ho-chi-minh'],
    ['startup giao duc o hcm', 'ho-chi-minh'],
    ['cty mình ở brvt', 'ho-chi-minh'],
    ['startup nông nghiệp ở Đà Nẵng', 'da-nang'],
  ])('finds the province in "%s"', (text, id) => {
    expect(findProvinceIn(text)?.id).toBe(id);
  });

  it.each(['an cơm chưa', 'hue oi', 'mình ntn ạ', 'ok sg'])('finds none in "%s"', (text) => {
    expect(findProvinceIn(text)).toBeUndefined();
  });
});
