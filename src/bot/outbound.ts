/**
 * `Outbound`: a message the bot sends, in channel-neutral terms. Adapters render it natively
 * (inline keyboards, Zalo templates, hero cards) or fall back to numbered text choices.
 *
 * @example
 * const reply: Outbound = {
 *   text: 'Bạn muốn làm gì?',
 *   buttons: [{ label: 'Đặt chỗ', payload: 'menu:booking' }],
 * };
 */
export interface Button {
  label: string;
  /** Comes back as `Inbound` kind `button` with this payload (at most 64 bytes: Telegram's limit). */
  payload: string;
}

export interface LinkButton {
  label: string;
  url: string;
}

export interface Attachment {
  url: string;
  /** Shown as the file name or the image's alt text. */
  name?: string;
  mimeType?: string;
}

export interface Outbound {
  text: string;
  buttons?: Button[];
  links?: LinkButton[];
  image?: Attachment;
  file?: Attachment;
  /** Ask the person to share their phone number (Telegram reply keyboard, Zalo request_user_info). */
  requestPhone?: { label: string };
  /** Telegram staff group topic to post into. */
  threadId?: string;
  /** The language the text is in (set by the turn that wrote it): the web page follows it. */
  locale?: 'vi' | 'en';
  /** Platform-specific rendering hints an adapter may use; others ignore them. */
  hints?: Record<string, string | number | boolean>;
}

/** The outcome of one delivery attempt, as the sender records it. */
export type SendResult =
  | { status: 'sent'; platformMessageId?: string }
  /**
   * Transient: try again after `retryInMs` (Telegram 429 retry_after, Zalo -32, network).
   * `pauseChannel`: the limit is the whole bot's (Telegram 429), so every send on the channel waits.
   */
  | { status: 'retry'; retryInMs: number; error: string; pauseChannel?: boolean }
  /** Permanent: do not retry. `unreachable` marks the person unreachable on this channel. */
  | { status: 'failed'; error: string; unreachable?: string };

/** Renders buttons as numbered lines, for platforms or places that cannot show buttons. */
export function numberedChoices(buttons: readonly Button[]): string {
  return buttons.map((b, i) => `${i + 1}. ${b.label}`).join('\n');
}
