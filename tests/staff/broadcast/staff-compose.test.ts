/**
 * `/broadcast` in the Telegram staff group: admins only, step by step with re-asks on bad
 * answers, a preview, confirm, and the broadcast created atomically with the turn.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { broadcastFeature } from '../../../src/staff/broadcast/feature.js';
import { fallbackFeature, menuFeature } from '../../../src/flows/menu.js';
import { addStaff } from '../../../src/staff/workspace/roster.js';
import { botHarness, type BotHarness } from '../../support/bot.js';

const STAFF_CHAT = '-1001234567890';
let h: BotHarness;

async function staffSays(userId: string, text: string) {
  await h.send({ channel: 'telegram', chatId: STAFF_CHAT, userId, chatType: 'group', kind: 'text', text, userName: 'Lan' });
  return (await h.settle()).map((s) => s.message);
}

beforeEach(async () => {
  h = await botHarness({ env: { STAFF_CHAT_ID: STAFF_CHAT }, features: [broadcastFeature({ runner: false }), menuFeature, fallbackFeature] });
  await addStaff(h.store, '700', 'admin');
  await addStaff(h.store, '701', 'staff');
  for (const chat of ['11', '12', '13']) await h.consent('telegram', chat);
});
afterEach(async () => {
  await h.close();
});

it('lets an admin compose, preview and confirm an announcement; staff and strangers are refused', async () => {
  expect((await staffSays('701', '/broadcast'))[0]!.text).toContain('Chỉ quản trị viên');
  expect((await staffSays('999', '/broadcast'))[0]!.text).toContain('Chỉ quản trị viên');

  expect((await staffSays('700', '/broadcast'))[0]!.text).toContain('Soạn thông báo mới');
  expect((await staffSays('700', 'Chào {name}! Lớp gọi vốn 1/12.'))[0]!.text).toContain('đường dẫn');
  expect((await staffSays('700', 'trang web của tôi'))[0]!.text).toContain('chưa đọc được đường dẫn'); // re-asked
  expect((await staffSays('700', 'Đăng ký | https://uom.example.vn/lop'))[0]!.text).toContain('Đăng ký tham dự');
  expect((await staffSays('700', 'mai nhé'))[0]!.text).toContain('chưa đọc được thời gian');
  expect((await staffSays('700', '2099-12-01 09:00'))[0]!.text).toContain('Gửi cho ai');
  expect((await staffSays('700', 'mau=do'))[0]!.text).toContain('Bộ lọc chưa đúng');
  expect((await staffSays('700', 'kenh=telegram'))[0]!.text).toContain('Gửi khi nào');
  const [preview, question] = await staffSays('700', 'ngay');
  expect(preview!.text).toBe('Chào Lan! Lớp gọi vốn 1/12.');
  expect(preview!.links).toEqual([{ label: 'Đăng ký', url: 'https://uom.example.vn/lop' }]);
  expect(question!.text).toContain('3 người');
  await h.send({ channel: 'telegram', chatId: STAFF_CHAT, userId: '700', chatType: 'group', kind: 'button', payload: question!.buttons![0]!.payload });
  const [done] = (await h.settle()).map((s) => s.message);
  expect(done!.text).toContain('Đã lên lịch thông báo tới 3 người');

  const list = await h.store.call<{ id: number; status: string; created_by: string; rsvp: boolean }[]>('broadcast_list', {});
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({ status: 'scheduled', created_by: 'telegram:700', rsvp: true });
  const stored = await h.store.call<{ payloads: { vi: { buttons: { payload: string }[] } }; progress_chat_id: string }>('broadcast_get', { id: list[0]!.id });
  expect(stored.payloads.vi.buttons[0]!.payload).toBe(`bc:rsvp:${list[0]!.id}`);
  expect(stored.progress_chat_id).toBe(STAFF_CHAT);
});

it('discards a draft with /cancel and ignores ordinary group chatter', async () => {
  await staffSays('700', '/broadcast');
  expect((await staffSays('700', '/cancel'))[0]!.text).toContain('Đã hủy soạn');
  expect(await staffSays('700', 'chào cả nhà')).toEqual([]);
  expect(await h.store.call('broadcast_list', {})).toEqual([]);
});
