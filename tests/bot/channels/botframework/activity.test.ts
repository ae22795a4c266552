/**
 * Activity ↔ Inbound/Outbound conversions of the Bot Framework channel (no SDK involved).
 */
import { describe, expect, it } from 'vitest';
import { activityToInbound, outboundToActivities } from '../../../../src/bot/channels/botframework/activity.js';

const base = { id: 'a1', conversation: { id: 'c1' }, from: { id: 'u1', name: 'Lan' }, recipient: { id: 'bot' } };

describe('Bot Framework activities', () => {
  it('reads text without Teams mentions, files, group chats and messageBack presses', () => {
    expect(activityToInbound({ ...base, type: 'message', text: '<at>Ươm</at> xin chào' })).toMatchObject({
      event: { channel: 'botframework', eventId: 'c1|a1', chatId: 'c1', userId: 'u1', userName: 'Lan', kind: 'text', text: 'xin chào' },
    });
    expect(activityToInbound({ ...base, type: 'message', attachments: [{ contentType: 'application/pdf', contentUrl: 'https://x/f.pdf', name: 'f.pdf' }] }))
      .toMatchObject({ event: { kind: 'file', file: { url: 'https://x/f.pdf', fileName: 'f.pdf', mimeType: 'application/pdf' } } });
    expect(activityToInbound({ ...base, type: 'message', text: 'hi', conversation: { id: 'g1', isGroup: true } }))
      .toMatchObject({ event: { chatType: 'group' } });
    expect(activityToInbound({ ...base, type: 'message', text: 'Đặt chỗ', value: { uom_payload: 'menu:booking' } }))
      .toMatchObject({ event: { kind: 'button', payload: 'menu:booking', text: 'Đặt chỗ' } });
    expect(activityToInbound({ ...base, type: 'message' })).toMatchObject({ event: { kind: 'unsupported', what: 'empty' } });
    expect(activityToInbound({ ...base, type: 'typing' })).toEqual({ ignored: 'typing' });
  });

  it('renders up to ten buttons as suggested actions, more as numbered text, and a phone request as a prompt', () => {
    const buttons = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `Mục ${i + 1}`, payload: `p${i + 1}` }));
    const [ten] = outboundToActivities({ text: 'Chọn', buttons: buttons(10) }, { recipientId: 'u1' });
    expect(ten!.suggestedActions!.actions).toHaveLength(10);
    expect(ten!.suggestedActions!.to).toEqual(['u1']);
    const [eleven] = outboundToActivities({ text: 'Chọn', buttons: buttons(11) });
    expect(eleven!.suggestedActions).toBeUndefined();
    expect(eleven!.text).toContain('11. Mục 11');
    const [phone] = outboundToActivities({ text: 'Số điện thoại của bạn?', requestPhone: { label: 'Gõ số điện thoại, ví dụ 0912345678' } });
    expect(phone!.text).toBe('Số điện thoại của bạn?\n\nGõ số điện thoại, ví dụ 0912345678');
    const [teams] = outboundToActivities({ text: 'Chọn', buttons: buttons(2), links: [{ label: 'Web', url: 'https://x' }] }, { channelId: 'msteams' });
    expect(teams!.suggestedActions).toBeUndefined();
    expect(teams!.attachments).toEqual([{
      contentType: 'application/vnd.microsoft.card.hero',
      content: { buttons: [
        { type: 'messageBack', title: 'Mục 1', text: 'Mục 1', displayText: 'Mục 1', value: { uom_payload: 'p1' } },
        { type: 'messageBack', title: 'Mục 2', text: 'Mục 2', displayText: 'Mục 2', value: { uom_payload: 'p2' } },
        { type: 'openUrl', title: 'Web', value: 'https://x' },
      ] },
    }]);
    expect(outboundToActivities({ text: 'Chọn', buttons: buttons(7) }, { channelId: 'msteams' })[0]!.text).toContain('7. Mục 7');
    const [image] = outboundToActivities({ text: 'Ảnh', image: { url: 'https://x/a.jpg', mimeType: 'image/jpeg' } });
    expect(image!.attachments).toEqual([{ contentType: 'image/jpeg', contentUrl: 'https://x/a.jpg' }]);
  });
});
