/**
 * A feature for channel tests: answers every event in a way the test can predict, so the tests
 * exercise the adapter and the message path, not the product's flows (which change often).
 */
import type { Feature } from '../../../../src/bot/router.js';

export const echoFeature: Feature = {
  name: 'channel-test-echo',
  order: 1,
  async handle(turn) {
    const e = turn.event;
    if (e.kind === 'text' && e.text === 'menu') {
      turn.reply({
        text: 'Chọn một mục',
        buttons: [
          { label: 'Đặt chỗ', payload: 'menu:booking' },
          { label: 'Khảo sát', payload: 'menu:surveys' },
        ],
        links: [{ label: 'Trang web', url: 'https://example.vn' }],
      });
    } else if (e.kind === 'text' && e.text === 'many') {
      turn.reply({ text: 'Chọn', buttons: Array.from({ length: 7 }, (_, i) => ({ label: `Mục ${i + 1}`, payload: `p:${i + 1}` })) });
    } else if (e.kind === 'text' && e.text === 'long') {
      turn.reply({ text: `${'Đoạn văn dài. '.repeat(300)}KẾT THÚC` });
    } else if (e.kind === 'text' && e.text === 'phone') {
      turn.reply({ text: 'Cho mình xin số điện thoại nhé', requestPhone: { label: 'Chia sẻ số điện thoại' } });
    } else if (e.kind === 'text') {
      turn.reply({ text: `echo:${e.text}` });
    } else if (e.kind === 'button') {
      turn.reply({ text: `pressed:${e.payload}` });
    } else if (e.kind === 'contact') {
      turn.reply({ text: `phone:${e.phone}:${e.name ?? ''}` });
    } else if (e.kind === 'reachability') {
      return;
    } else {
      turn.reply({ text: `kind:${e.kind}${e.kind === 'unsupported' ? `:${e.what}` : ''}` });
    }
  },
};
