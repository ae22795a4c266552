/**
 * `plainLanguage`: the language a message is plainly written in, which a founder who chose none
 * is then answered in; short or unclear messages (hello, thanks, ok, a name, a code) tell none.
 */
import { describe, expect, it } from 'vitest';
import { plainLanguage } from '../../src/nlu/index.js';

describe('plainLanguage', () => {
  it.each([
    'need the meeting room tomorrow at 3pm, just half an hour',
    'I want to book a room',
    'cancel my booking please',
    'do you have a printer',
    'we do agritech in Lang Son',
  ])('"%s" is English', (text) => expect(plainLanguage(text)).toBe('en'));

  it.each([
    'mình muốn đặt phòng họp chiều mai',
    'cho minh hoi gia thue cho ngoi',
    'em muốn book phòng họp',
    'chuyển sang tiếng Anh giúp mình',
  ])('"%s" is Vietnamese', (text) => expect(plainLanguage(text)).toBe('vi'));

  it.each([
    'ok', 'hi', 'thanks', 'cancel', 'thank you so much', 'cảm ơn em nhé', 'ok cảm ơn nhé',
    'Nguyen Van An', 'Tran The An', 'Nguyễn Văn Đạt', 'Lê Thị Hồng Nhung', 'John Michael Smith',
    'UOM-1234', 'booking phong hop for team', 'dat phong hop mai 2h',
  ])('"%s" tells no language', (text) => expect(plainLanguage(text)).toBeUndefined());
});
