/**
 * The shared casual-spelling expansion (src/nlu/casual.ts) reads phone spellings as words, and
 * leaves alone the real words that share a spelling with one: "tỷ" and "công ty" are not
 * "thanks", and the letter of "phiếu A" / "bảng B" is neither "anh" nor the particle "ạ".
 */
import { describe, expect, it } from 'vitest';
import { expandCasual, loadCasualSpellings } from '../../src/nlu/casual.js';
import { fold } from '../../src/nlu/fold.js';

const casual = loadCasualSpellings('content');
const read = (text: string) => expandCasual(fold(text), casual);

describe('casual spellings', () => {
  it('reads the usual phone spellings', () => {
    expect(read('co dc ko a')).toBe('co duoc khong');
    expect(read('phi thue bn tien z ad')).toBe('phi thue bao nhieu tien vay admin');
    expect(read('cho e hoi')).toBe('cho em hoi');
  });

  it('reads spellings of the sound: "bik", "thui", "zậy"', () => {
    expect(read('e hok bik dang ky ntn')).toBe('em khong biet dang ky nhu the nao');
    expect(read('thui khong can nua')).toBe('thoi khong can nua');
    expect(read('zậy hả ad')).toBe('vay ha admin');
  });

  it('reads "ty" as thanks only where a thanks goes', () => {
    expect(read('ty')).toBe('cam on');
    expect(read('ok ty ad')).toBe('ok cam on admin');
    expect(read('ty nhieu nha')).toBe('cam on nhieu');
    expect(read('quy co 2 ty dong khong')).toBe('quy co 2 ty dong khong');
    expect(read('Công ty mình muốn đăng ký')).toBe('cong ty minh muon dang ky');
    expect(read('ty le ho tro bn')).toBe('ty le ho tro bao nhieu');
    expect(read('tong von bao nhieu ty')).toBe('tong von bao nhieu ty');
  });

  it('reads "dt" as điện thoại, or doanh thu before an amount or a period', () => {
    expect(read('so dt trung tam la j')).toBe('so dien thoai trung tam la gi');
    expect(read('dt nam ngoai 2 ty')).toBe('doanh thu nam ngoai 2 ty');
    expect(read('startup chua co dt co dc ho tro ko')).toBe('startup chua co doanh thu co duoc ho tro khong');
  });

  it('reads consonant-only shorthands, "tt" by its neighbours', () => {
    expect(read('cho minh gap nv')).toBe('cho minh gap nhan vien');
    expect(read('kq xet duyet bao gio co')).toBe('ket qua xet duyet bao gio co');
    expect(read('dn cua minh co dc dang ky ko')).toBe('doanh nghiep cua minh co duoc dang ky khong');
    expect(read('tg lam viec cua tt')).toBe('thoi gian lam viec cua trung tam');
    expect(read('cho xin tt lien he')).toBe('cho xin thong tin lien he');
    expect(read('tt mo cua may gio')).toBe('trung tam mo cua may gio');
    expect(read('mo cua may h')).toBe('mo cua may gio');
    expect(read('co bao nhieu suat hoc bong cntt')).toBe('co bao nhieu suat hoc bong cong nghe thong tin');
  });

  it('keeps the letter that names one of a kind, and still drops a closing "ạ"', () => {
    expect(read('Phiếu A được hỗ trợ bao nhiêu?')).toBe('phieu a duoc ho tro bao nhieu?');
    expect(read('cho e hoi ve phieu a')).toBe('cho em hoi ve phieu a');
    expect(read('o bang a, tieu chi tinh moi bao nhieu diem')).toBe('o bang a, tieu chi tinh moi bao nhieu diem');
    expect(read('goi b gia bn')).toBe('goi b gia bao nhieu');
    expect(read('cam on ban a')).toBe('cam on ban');
    expect(read('xoa giup em a. em cam on')).toBe('xoa giup em . em cam on');
  });
});
