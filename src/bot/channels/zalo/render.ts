/**
 * `Outbound` → the `message` objects of Zalo's "consultation" API (`POST /v3.0/oa/message/cs`,
 * Zalo OA docs "Gửi tin Tư vấn"). Text is at most 2,000 characters per message, so long text is
 * split at paragraph, line or word boundaries. Buttons become a template of `oa.query.hide`
 * buttons (at most 5; the press comes back as a text with our payload, which Zalo hides from the
 * chat); more than 5 fall back to numbered lines the founder answers with a digit. Links are
 * `oa.open.url` buttons, a phone request is the `request_user_info` template, an image the
 * `media` template; a file (Zalo needs an upload for files) is sent as its link.
 *
 * @example
 * renderZalo({ text: 'Chọn:', buttons: [{ label: 'Đặt chỗ', payload: 'menu:booking' }] });
 * // [{ text: 'Chọn:', attachment: { type: 'template', payload: { buttons: [
 * //   { title: 'Đặt chỗ', type: 'oa.query.hide', payload: '#uom:menu:booking' }] } } }]
 */
import { numberedChoices, type Outbound } from '../../outbound.js';
import { ZALO_BUTTON_PREFIX } from './normalize.js';

export const ZALO_TEXT_LIMIT = 2000;
export const ZALO_MAX_BUTTONS = 5;
const TITLE_LIMIT = 100;
const SUBTITLE_LIMIT = 500;

export interface ZaloButton {
  title: string;
  type: 'oa.query.hide' | 'oa.open.url';
  payload: string | { url: string };
}

export interface ZaloMessage {
  text?: string;
  attachment?: {
    type: 'template';
    payload:
      | { buttons: ZaloButton[] }
      | { template_type: 'media'; elements: { media_type: 'image'; url: string }[] }
      | { template_type: 'request_user_info'; elements: { title: string; subtitle: string; image_url?: string }[] };
  };
}

/**
 * Splits text into pieces of at most `limit` characters, preferring paragraph, line, then word breaks.
 *
 * @example
 * splitText('a'.repeat(2500)).map((p) => p.length); // [2000, 500]
 */
export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  const chars = Array.from(text);
  if (chars.length <= limit) return [text];
  const parts: string[] = [];
  let rest = chars;
  while (rest.length > limit) {
    const window = rest.slice(0, limit).join('');
    let cut = Math.max(window.lastIndexOf('\n\n'), -1);
    if (cut < limit / 2) cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = window.lastIndexOf(' ');
    const head = cut < limit / 2 ? window : window.slice(0, cut);
    parts.push(head.trimEnd());
    rest = rest.slice(Array.from(head).length);
    while (rest.length > 0 && /\s/.test(rest[0]!)) rest = rest.slice(1);
  }
  if (rest.length > 0) parts.push(rest.join(''));
  return parts.filter((p) => p.length > 0);
}

function clip(text: string, limit: number): string {
  const chars = Array.from(text);
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('')}…`;
}

/**
 * The messages to send, in order, for one `Outbound`.
 *
 * @example
 * renderZalo({ text: 'Xin chào' }); // [{ text: 'Xin chào' }]
 */
export function renderZalo(message: Outbound): ZaloMessage[] {
  const buttons = message.buttons ?? [];
  const links = message.links ?? [];
  let text = message.text;
  const templateButtons: ZaloButton[] = [];

  if (buttons.length > 0 && buttons.length + links.length <= ZALO_MAX_BUTTONS) {
    for (const b of buttons) {
      templateButtons.push({ title: clip(b.label, TITLE_LIMIT), type: 'oa.query.hide', payload: `${ZALO_BUTTON_PREFIX}${b.payload}` });
    }
  } else if (buttons.length > 0) {
    text = `${text}\n\n${numberedChoices(buttons)}`;
  }
  if (links.length > 0 && templateButtons.length + links.length <= ZALO_MAX_BUTTONS) {
    for (const l of links) templateButtons.push({ title: clip(l.label, TITLE_LIMIT), type: 'oa.open.url', payload: { url: l.url } });
  } else if (links.length > 0) {
    text = `${text}\n\n${links.map((l) => `${l.label}: ${l.url}`).join('\n')}`;
  }
  if (message.file) text = `${text}\n\n${message.file.name ?? message.file.url}: ${message.file.url}`;

  const out: ZaloMessage[] = [];
  if (message.image) {
    out.push({ attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', url: message.image.url }] } } });
  }
  const pieces = text.trim() === '' ? [] : splitText(text);
  if (message.requestPhone) {
    // The template shows the question as its subtitle; a long question goes before it as text.
    const fits = pieces.length === 1 && Array.from(pieces[0]!).length <= SUBTITLE_LIMIT;
    const before = fits ? [] : pieces;
    for (const piece of before) out.push({ text: piece });
    out.push({
      attachment: {
        type: 'template',
        payload: {
          template_type: 'request_user_info',
          elements: [{
            title: clip(message.requestPhone.label, TITLE_LIMIT),
            subtitle: fits ? pieces[0]! : clip(message.requestPhone.label, SUBTITLE_LIMIT),
            ...(message.image ? { image_url: message.image.url } : {}),
          }],
        },
      },
    });
    if (templateButtons.length > 0) out.push({ text: '…', attachment: { type: 'template', payload: { buttons: templateButtons } } });
    return out;
  }
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    out.push(last && templateButtons.length > 0
      ? { text: piece, attachment: { type: 'template', payload: { buttons: templateButtons } } }
      : { text: piece });
  });
  if (pieces.length === 0 && templateButtons.length > 0) {
    out.push({ text: '…', attachment: { type: 'template', payload: { buttons: templateButtons } } });
  }
  return out;
}
