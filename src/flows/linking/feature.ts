/**
 * `/link`: one founder on two platforms becomes one contact. On the first platform `/link`
 * gives a one-time code of 10 characters (50 bits, `code.ts`; only its hash is stored, valid 10
 * minutes); typing `/link <code>` on the second merges that platform's contact into the first
 * (`link_redeem` → `contact_merge`, one database call), so staff and broadcasts see one person.
 *
 * Guessing is limited in the database (per contact, per target code, and for everyone), and
 * the code's owner is told on the chat where they asked for it, with an "Undo" button
 * (`link:undo:<id>`, also `/unlink`): undoing cuts the joined identities off into a contact of
 * their own (`link_undo`).
 *
 * Runs first (order 5): before the handoff relay, so a code is never forwarded to staff with an
 * open ticket, and before the consent gate, so a founder who consented on one platform need not
 * onboard again.
 *
 * @example
 * const router = new Router([linkingFeature, menuFeature]);
 */
import { linkPayloads } from './payloads.js';
import { translator, type Locale } from '../../content/messages.js';
import { CHANNEL_IDS } from '../../bot/channels/index.js';
import type { Feature } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { formatLinkCode, newLinkCode } from './code.js';
import { parseLinkCommand } from './parse.js';

export const LINK_CODE_TTL_MINUTES = 10;
/** Wrong codes counted in this window (per contact, per code, globally). */
export const LINK_GUESS_WINDOW_SECONDS = 15 * 60;
/** Wrong codes one contact may type in the window. */
export const LINK_GUESSES_PER_CONTACT = 5;
/** Wrong guesses against one code's selector before that code is burnt. */
export const LINK_GUESSES_PER_CODE = 5;
/** How long the owner may undo a link. */
export const LINK_UNDO_SECONDS = 7 * 24 * 60 * 60;

type RedeemResult =
  | {
      ok: true;
      link_id: number | null;
      survivor_contact_id: number;
      merged_contact_id: number;
      linked_channel: string | null;
      notify_channel: string | null;
      notify_chat_id: string | null;
      survivor_locale: Locale | null;
      repeated?: boolean;
    }
  | { ok: false; code: 'invalid' | 'rate_limited' | 'busy' | 'same_contact' };

type UndoResult =
  | { ok: true; link_id: number; detached_contact_id: number; repeated?: boolean }
  | { ok: false; code: 'not_found' | 'too_old' };

const CHANNELS: ReadonlySet<string> = new Set(CHANNEL_IDS);

function createCode(turn: Turn): void {
  const code = newLinkCode();
  // Stored inside the turn's commit: if the turn fails, the code shown is never valid.
  turn.effect('fx_link_code_create', { code, ttl_seconds: LINK_CODE_TTL_MINUTES * 60 });
  turn.reply({ text: turn.t('linking.code', { code: formatLinkCode(code), minutes: LINK_CODE_TTL_MINUTES }) });
}

async function redeem(turn: Turn, contactId: number, code: string): Promise<void> {
  // A direct call (not an effect): the answer depends on its result. It is safe to repeat:
  // a retried turn whose merge already happened is answered "ok" again (and the notice below
  // carries a dedupe key, so the owner is told once).
  const result = await turn.services.store.call<RedeemResult>('link_redeem', {
    code,
    contact_id: contactId,
    max_failures: LINK_GUESSES_PER_CONTACT,
    window_seconds: LINK_GUESS_WINDOW_SECONDS,
    max_failures_global: turn.services.config.LINK_GUESSES_GLOBAL,
    max_failures_per_code: LINK_GUESSES_PER_CODE,
  });
  if (!result.ok) {
    turn.reply({ text: turn.t(`linking.${result.code}`) });
    return;
  }
  turn.services.log.info({ survivor: result.survivor_contact_id, merged: result.merged_contact_id }, 'contacts linked');
  turn.reply({ text: turn.t('linking.done') });
  notifyOwner(turn, result);
}

/** Tells the code's owner, on the chat where they asked for it, that a channel joined them. */
function notifyOwner(turn: Turn, result: Extract<RedeemResult, { ok: true }>): void {
  const channel = result.notify_channel;
  if (!channel || !CHANNELS.has(channel) || !result.notify_chat_id || result.link_id === null) return;
  const t = translator(turn.services.messages, result.survivor_locale ?? turn.services.config.DEFAULT_LOCALE);
  const linked = result.linked_channel ?? turn.event.channel;
  turn.enqueue({
    channel: channel as Turn['event']['channel'],
    recipient: result.notify_chat_id,
    contact_id: result.survivor_contact_id,
    kind: 'notice',
    dedupe_key: `link-notice:${result.link_id}`,
    payload: {
      text: t('linking.linked_notice', { channel: t(`linking.channel_${linked}`) }),
      buttons: [{ label: t('linking.undo_button'), payload: linkPayloads.encode('undo', result.link_id) }],
    },
  });
}

async function undo(turn: Turn, contactId: number, linkId: number | null): Promise<void> {
  const result = await turn.services.store.call<UndoResult>('link_undo', {
    contact_id: contactId,
    identity_id: turn.conversation.identityId,
    link_id: linkId,
    max_age_seconds: LINK_UNDO_SECONDS,
  });
  if (!result.ok) {
    turn.reply({ text: turn.t(`linking.undo_${result.code}`) });
    return;
  }
  turn.services.log.info({ link: result.link_id, detached: result.detached_contact_id }, 'link undone');
  turn.reply({ text: turn.t('linking.undone') });
}

export const linkingFeature: Feature = {
  name: 'linking',
  order: 5,
  async handle(turn, next) {
    const { event } = turn;
    // Groups are the staff workspace: there "/link …" is a staff reply to relay, not ours.
    if (event.chatType === 'group') return next();
    const contactId = turn.contact?.id ?? turn.conversation.contactId;
    if (event.kind === 'button' && linkPayloads.owns(event.payload)) {
      const id = Number(linkPayloads.decode(event.payload)?.args[0] ?? NaN);
      if (contactId === null || !Number.isSafeInteger(id) || id <= 0) return turn.reply({ text: turn.t('linking.undo_not_found') });
      return undo(turn, contactId, id);
    }
    if (event.kind !== 'text') return next();
    const command = parseLinkCommand(event.text);
    if (!command || contactId === null) return next();
    switch (command.action) {
      case 'create':
        return createCode(turn);
      case 'bad_format':
        return turn.reply({ text: turn.t('linking.bad_format') });
      case 'undo':
        return undo(turn, contactId, null);
      case 'redeem':
        return redeem(turn, contactId, command.code);
    }
  },
};
