/**
 * Bot Framework activities ↔ `Inbound`/`Outbound`, as plain objects (Bot Framework Activity schema,
 * learn.microsoft.com "Bot Framework Activity schema"), so this file does not depend on the SDK.
 * Our buttons are `messageBack` actions whose `value` carries the payload: a press arrives as a
 * message activity with that `value`. Up to 10 buttons are suggested actions (on Teams, which
 * shows only imBack suggested actions, up to 6 go on a hero card); more become numbered text. Links are `openUrl` buttons on a hero card; images and files are attachments by URL; a
 * phone request is a text prompt (Bot Framework has no native one).
 *
 * @example
 * activityToInbound({ type: 'message', id: 'a1', text: 'hi', conversation: { id: 'c1' }, from: { id: 'u1' } });
 * // { event: { channel: 'botframework', eventId: 'c1|a1', chatId: 'c1', userId: 'u1', kind: 'text', text: 'hi' } }
 */
import type { Inbound, InboundKind } from '../../inbound.js';
import { numberedChoices, type Outbound } from '../../outbound.js';

/** The key of a `messageBack` value that carries one of our button payloads. */
export const BF_PAYLOAD_KEY = 'uom_payload';
export const BF_MAX_SUGGESTED_ACTIONS = 10;

export interface BfAccount {
  id?: string;
  name?: string;
}

export interface BfAttachment {
  contentType?: string;
  contentUrl?: string;
  content?: unknown;
  name?: string;
}

export interface BfCardAction {
  type: 'messageBack' | 'openUrl' | 'imBack';
  title: string;
  value?: unknown;
  text?: string;
  displayText?: string;
}

/** The fields of an incoming activity this bot reads. */
export interface BfIncoming {
  type?: string;
  id?: string;
  timestamp?: string;
  text?: string;
  value?: unknown;
  locale?: string;
  from?: BfAccount;
  recipient?: BfAccount;
  conversation?: { id?: string; isGroup?: boolean };
  attachments?: BfAttachment[];
}

/** What the bot sends: a partial activity for `TurnContext.sendActivity`. */
export interface BfOutgoing {
  type: 'message';
  text?: string;
  textFormat?: 'plain' | 'markdown';
  attachments?: BfAttachment[];
  suggestedActions?: { actions: BfCardAction[]; to: string[] };
}

export type BfNormalized = { event: Inbound } | { ignored: string };

/** Activity types that need no answer (typing, membership, reactions, edits). */
const IGNORED_TYPES = new Set([
  'conversationUpdate', 'typing', 'installationUpdate', 'contactRelationUpdate', 'endOfConversation',
  'messageReaction', 'messageUpdate', 'messageDelete', 'deleteUserData', 'trace',
]);

/**
 * Reads one incoming activity.
 *
 * @example
 * activityToInbound({ type: 'typing', conversation: { id: 'c' }, from: { id: 'u' } }); // { ignored: 'typing' }
 */
export function activityToInbound(activity: BfIncoming): BfNormalized {
  const type = activity.type ?? '';
  const chatId = activity.conversation?.id;
  const userId = activity.from?.id;
  if (!chatId || !userId) return { ignored: 'no_conversation' };
  if (IGNORED_TYPES.has(type)) return { ignored: type };
  const eventId = `${chatId}|${activity.id ?? `${type}:${activity.timestamp ?? ''}`}`;
  const base = {
    channel: 'botframework' as const,
    eventId,
    chatId,
    userId,
    chatType: activity.conversation?.isGroup ? ('group' as const) : ('private' as const),
    ...(activity.locale ? { locale: activity.locale } : {}),
    ...(activity.from?.name ? { userName: activity.from.name } : {}),
  };
  const make = (kind: InboundKind): BfNormalized => ({ event: { ...base, ...kind } });
  if (type !== 'message') return make({ kind: 'unsupported', what: type || 'unknown' });

  const text = stripMentions(activity.text ?? '');
  const value = activity.value;
  if (value && typeof value === 'object' && typeof (value as Record<string, unknown>)[BF_PAYLOAD_KEY] === 'string') {
    return make({ kind: 'button', payload: (value as Record<string, string>)[BF_PAYLOAD_KEY]!, ...(text ? { text } : {}) });
  }
  const file = (activity.attachments ?? []).find((a) => a.contentUrl && !a.contentType?.startsWith('application/vnd.microsoft.card'));
  if (file?.contentUrl) {
    const ref = {
      fileId: file.contentUrl,
      url: file.contentUrl,
      ...(file.name ? { fileName: file.name } : {}),
      ...(file.contentType ? { mimeType: file.contentType } : {}),
    };
    const caption = text ? { caption: text } : {};
    return make(file.contentType?.startsWith('image/') ? { kind: 'image', file: ref, ...caption } : { kind: 'file', file: ref, ...caption });
  }
  if (text) return make({ kind: 'text', text });
  return make({ kind: 'unsupported', what: (activity.attachments?.length ?? 0) > 0 ? 'card' : 'empty' });
}

/** Teams puts `<at>Bot</at>` mentions into the text; they are not what the person said. */
function stripMentions(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, '').trim();
}

export interface RenderOptions {
  /** The person's id on the platform: suggested actions are shown to them only. */
  recipientId?: string;
  /** The platform (`msteams`, `webchat`, `emulator`, ...): Teams gets buttons on a hero card. */
  channelId?: string;
  /** "Type your phone number", in the person's language. */
  phonePrompt?: string;
}

/** Channels whose suggested actions cannot carry a `messageBack` value: buttons go on a hero card. */
const HERO_CARD_CHANNELS = new Set(['msteams']);
/** Buttons a hero card shows well (Teams renders at most six). */
const HERO_CARD_MAX_BUTTONS = 6;

/**
 * The activities to send, in order, for one `Outbound`.
 *
 * @example
 * outboundToActivities({ text: 'Chọn', buttons }, { channelId: 'msteams' }); // buttons on a hero card
 */
export function outboundToActivities(message: Outbound, options: RenderOptions = {}): BfOutgoing[] {
  const buttons = message.buttons ?? [];
  const links = message.links ?? [];
  let text = message.text;
  const main: BfOutgoing = { type: 'message', textFormat: 'plain' };
  const asCard = HERO_CARD_CHANNELS.has(options.channelId ?? '');
  const limit = asCard ? HERO_CARD_MAX_BUTTONS : BF_MAX_SUGGESTED_ACTIONS;
  const actions: BfCardAction[] = [];
  if (buttons.length > limit) {
    text = `${text}\n\n${numberedChoices(buttons)}`;
  } else {
    for (const b of buttons) {
      actions.push({ type: 'messageBack', title: b.label, text: b.label, displayText: b.label, value: { [BF_PAYLOAD_KEY]: b.payload } });
    }
  }
  if (actions.length > 0 && !asCard) main.suggestedActions = { to: options.recipientId ? [options.recipientId] : [], actions };
  if (message.requestPhone) text = `${text}\n\n${options.phonePrompt ?? message.requestPhone.label}`.trim();
  main.text = text;
  const attachments: BfAttachment[] = [];
  if (message.image) {
    attachments.push({ contentType: message.image.mimeType ?? 'image/png', contentUrl: message.image.url, ...(message.image.name ? { name: message.image.name } : {}) });
  }
  if (message.file) {
    attachments.push({ contentType: message.file.mimeType ?? 'application/octet-stream', contentUrl: message.file.url, ...(message.file.name ? { name: message.file.name } : {}) });
  }
  const cardButtons = [
    ...(asCard ? actions : []),
    ...links.map((l) => ({ type: 'openUrl' as const, title: l.label, value: l.url })),
  ];
  if (cardButtons.length > 0) {
    attachments.push({ contentType: 'application/vnd.microsoft.card.hero', content: { buttons: cardButtons } });
  }
  if (attachments.length > 0) main.attachments = attachments;
  return [main];
}
