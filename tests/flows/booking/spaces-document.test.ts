/**
 * The spaces as a knowledge document (src/flows/booking/spaces-document.ts): every fact the
 * booking flow knows about a space (seats or people, amenities, its own booking rules), the
 * centre's hours with equal days together, and contact details, from the spaces file alone.
 */
import { describe, expect, it } from 'vitest';
import { parseSpaces } from '../../../src/flows/booking/spaces.js';
import { SPACES_DOCUMENT, spacesDocument } from '../../../src/flows/booking/spaces-document.js';

const YAML = `
centre:
  name: { vi: "Trung tâm Thử", en: "Test Centre" }
  address: { vi: "Số 1 phố Thử", en: "1 Test street" }
  phone: "+84243123456"
  map_url: "https://maps.google.com/?q=S%E1%BB%91+1"
rules:
  slot_minutes: 30
  min_minutes: 60
  max_minutes: 180
  horizon_days: 7
  max_upcoming: 3
  hours: { mon: "08:00-17:30", tue: "08:00-17:30", wed: "08:00-17:30", thu: "08:00-17:30", fri: "08:00-17:30", sat: "08:30-12:00", sun: closed }
spaces:
  - id: desks
    kind: hot_desk
    capacity: 12
    name: { vi: "Bàn chung", en: "Shared desks" }
    amenities: [{ vi: "Wi-Fi", en: "Wi-Fi" }, { vi: "Ổ điện, đèn bàn", en: "Power, desk lamp" }]
  - id: room
    kind: meeting_room
    capacity: 1
    people: 6
    name: { vi: "Phòng họp (6 người)", en: "Meeting room (6 people)" }
    description: { vi: "Phòng kín cho họp nhóm.", en: "A closed room." }
    rules: { min_minutes: 120, max_minutes: 240, horizon_days: 30 }
`;

describe('the spaces document', () => {
  const { name, text } = spacesDocument(parseSpaces(YAML, 'test'));

  it('is one Markdown document with the centre, hours, booking rules and a section per space', () => {
    expect(name).toBe(SPACES_DOCUMENT);
    expect(text.split('\n').filter((l) => l.startsWith('## '))).toEqual([
      '## Giờ mở cửa',
      '## Cách đặt chỗ',
      '## Bàn chung (Shared desks)',
      '## Phòng họp (Meeting room)',
    ]);
    expect(text).toContain('Số 1 phố Thử');
    expect(text.replace(/ /g, '')).toContain('0243123456');
  });

  it('says how many seats a desk area has and how many people a room holds, without the name notes', () => {
    expect(text).toContain('Bàn chung có 12 chỗ ngồi.');
    expect(text).toContain('Phòng họp có sức chứa 6 người.');
    expect(text).not.toContain('(6 người) có');
  });

  it('lists the amenities, and a space\'s own booking rules only where they differ from the centre\'s', () => {
    expect(text).toContain('Tiện ích của bàn chung: Wi-Fi; Ổ điện, đèn bàn.');
    expect(text).toContain('từ 60 phút đến 180 phút (3 giờ), đặt trước tối đa 7 ngày');
    expect(text).toContain('Đặt phòng họp: mỗi lần đặt dài từ 120 phút đến 240 phút (4 giờ), đặt trước tối đa 30 ngày.');
    expect(text.match(/^Đặt bàn chung:/m)).toBeNull();
    expect(text).toContain('tối đa 3 lượt đặt');
  });

  it('puts days with the same hours together, one sentence per run, and closed days as closed', () => {
    // One sentence a day's question can quote alone: "thứ 7 có mở ko" gets the Saturday line.
    expect(text).toContain('Từ thứ Hai đến thứ Sáu khu làm việc chung mở cửa 8 giờ đến 17 giờ 30.');
    expect(text).toContain('Thứ Bảy khu làm việc chung mở cửa 8 giờ 30 đến 12 giờ.');
    expect(text).toContain('Chủ nhật khu làm việc chung nghỉ.');
  });

  it('puts the map link in the address sentence, so "what is the address?" finds the address with it', () => {
    const sentence = text.split('\n').find((line) => line.includes('maps.google.com'));
    expect(sentence).toMatch(/Địa chỉ: Số 1 phố Thử \(bản đồ: https:\/\/maps\.google\.com\/\?q=S%E1%BB%91\+1 \)\./);
  });
});
