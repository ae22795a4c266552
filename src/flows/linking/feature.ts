/**
 * `/link`: one founder on two platforms becomes one contact. On the first platform `/link`
 * gives a one-time 6-digit code (only its hash is stored, valid 10 minutes); typing
 * `/link <code>` on the second merges that platform's contact into the first
 * (`link_redeem` → `contact_merge`, one database call), so staff and broadcasts see one person.
 * Runs first (order 5): before the handoff relay, so a code is never forwarded to staff with an
 * open ticket, and before the consent gate, so a founder who consented on one platform need not
 * onboard again.
 *
 * @example
 * const router = new Router([linkingFeature, menuFeature]);
 */
import { randomInt } from 'node:crypto';
import type { Feature } from '../../bot/router.js';
import type { Turn } from '../../bot/turn.js';
import { parseLinkCommand } from './parse.js';

export const LINK_CODE_TTL_MINUTES = 10;

type RedeemResult =
  | { ok: true; survivor_contact_id: number; merged_contact_id: number; repeated?: boolean }
  | { ok: false; code: 'invalid' | 'rate_limited' | 'same_contact' };

/** A uniformly random 6-digit code from the operating system's CSPRNG. */
function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function createCode(turn: Turn): void {
  const code = newCode();
  // Stored inside the turn's commit: if the turn fails, the code shown is never valid.
  turn.effect('fx_link_code_create', { code, ttl_seconds: LINK_CODE_TTL_MINUTES * 60 });
  turn.reply({ text: turn.t('linking.code', { code, minutes: LINK_CODE_TTL_MINUTES }) });
}

async function redeem(turn: Turn, contactId: number, code: string): Promise<void> {
  // A direct call (not an effect): the answer depends on its result. It is safe to repeat:
  // a retried turn whose merge already happened is answered "ok" again.
  const result = await turn.services.store.call<RedeemResult>('link_redeem', { code, contact_id: contactId });
  if (result.ok) {
    turn.services.log.info({ survivor: result.survivor_contact_id, merged: result.merged_contact_id }, 'contacts linked');
    turn.reply({ text: turn.t('linking.done') });
    return;
  }
  turn.reply({ text: turn.t(`linking.${result.code}`) });
}

export const linkingFeature: Feature = {
  name: 'linking',
  order: 5,
  async handle(turn, next) {
    const { event } = turn;
    // Groups are the staff workspace: there "/link …" is a staff reply to relay, not ours.
    if (event.kind !== 'text' || event.chatType === 'group') return next();
    const command = parseLinkCommand(event.text);
    const contactId = turn.contact?.id ?? turn.conversation.contactId;
    if (!command || contactId === null) return next();
    if (command.action === 'create') return createCode(turn);
    if (command.action === 'bad_format') return turn.reply({ text: turn.t('linking.bad_format') });
    await redeem(turn, contactId, command.code);
  },
};
