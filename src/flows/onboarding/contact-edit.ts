/**
 * Changing one's phone or e-mail by typing it ("đổi số điện thoại của mình thành 0987 654 321
 * nhé", "cập nhật sđt 0912345678", "change my email to lan@example.com"): a profile edit, never a
 * booking to move. With the new value in the text the bot asks to confirm it (buttons, or a typed
 * yes / no); without one it says how to give it. Outside a flow only (a form that asks for a phone
 * reads its own answer).
 *
 * @example
 * if (await handleContactEdit(turn)) return;
 */
import { z } from 'zod';
import type { Turn } from '../../bot/turn.js';
import { foldWords } from '../../nlu/fold.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { mainMenu } from '../menu.js';
import { findEmailIn, findPhoneIn, parseYesNo } from '../parse/index.js';
import { accountPayloads } from './payloads.js';
import { PROFILE_FLOW_ID, profileValue } from './profile.js';
import { startFlow } from '../engine/index.js';

/** The field being changed and its new value, waiting for a yes (`turn.state.account.edit`). */
export const contactEditSchema = z.object({ field: z.enum(['phone', 'email']), value: z.string().max(200) });
type ContactEdit = z.infer<typeof contactEditSchema>;

export const EDIT_CONFIRM = accountPayloads.encode('edit_yes');
export const EDIT_KEEP = accountPayloads.encode('edit_no');

/** A verb of changing, then (within a few words) the field, folded with casual spellings expanded. */
const CHANGE = /(^| )(doi|thay|thay doi|cap nhat|sua|update|change|edit|set|correct)( |$)/;
const PHONE = /(^| )(so dien thoai|so dt|dien thoai|sdt|so phone|phone|phone number|mobile|so cua (minh|em|toi))( |$)/;
const EMAIL = /(^| )(email|e mail|mail|dia chi email|thu dien tu)( |$)/;

/**
 * Which contact field a text asks to change, if any.
 *
 * @example
 * editedField('đổi số điện thoại của mình thành 0987 654 321 nhé') // 'phone'
 */
export function editedField(text: string): 'phone' | 'email' | undefined {
  const folded = `${foldWords(normalizeForMatching(text))} | ${foldWords(text)}`;
  if (!CHANGE.test(folded)) return undefined;
  if (EMAIL.test(folded)) return 'email';
  if (PHONE.test(folded)) return 'phone';
  return undefined;
}

/** "Sửa hồ sơ", "cập nhật thông tin cá nhân", "edit my profile", folded: the whole profile. */
const EDIT_PROFILE = /^(?:(?:cho )?(?:minh|em|toi) (?:muon )?)?(?:sua|cap nhat|doi|update|edit|change)(?: lai)? (?:ho so|profile|thong tin ca nhan|thong tin cua (?:minh|em|toi)|my profile|my details)(?: (?:cua )?(?:minh|em|toi|ca nhan))?(?: (?:di|nhe|nha|a|voi|please))*$/;

/** A label inside a sentence: "Điện thoại" → "điện thoại". */
function lowerFirst(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function editState(turn: Turn): ContactEdit | undefined {
  const account = turn.state.account as { edit?: unknown } | undefined;
  return contactEditSchema.safeParse(account?.edit).data;
}

function save(turn: Turn, edit: ContactEdit): void {
  turn.effect('fx_contact_profile', { [edit.field]: edit.value });
  turn.reply(mainMenu(turn.t, turn.t('onboarding.edit.saved', { field: lowerFirst(turn.t(`profile.label.${edit.field}`)), value: profileValue(turn, edit.field, edit.value) })));
}

/**
 * Handles a change of phone or e-mail, or the answer to its confirmation; false when the turn is
 * neither. Call it with no flow running.
 *
 * @example
 * if (await handleContactEdit(turn)) return;
 */
export async function handleContactEdit(turn: Turn): Promise<boolean> {
  const { event } = turn;
  const pending = editState(turn);
  if (pending) {
    delete turn.state.account;
    const pressed = event.kind === 'button' ? event.payload : undefined;
    const typed = event.kind === 'text' ? parseYesNo(event.text) : undefined;
    if (pressed === EDIT_CONFIRM || (typed?.ok && typed.value)) {
      save(turn, pending);
      return true;
    }
    if (pressed === EDIT_KEEP || (typed?.ok && !typed.value)) {
      turn.reply(mainMenu(turn.t, turn.t('onboarding.edit.kept')));
      return true;
    }
  }
  if (event.kind !== 'text') return false;
  if (EDIT_PROFILE.test(foldWords(normalizeForMatching(event.text)))) {
    // "sửa hồ sơ", as /me says ("Sửa hồ sơ: /profile"): the profile questions, as /profile.
    await startFlow(turn, PROFILE_FLOW_ID);
    return true;
  }
  const field = editedField(event.text);
  if (!field) return false;
  const found = field === 'phone' ? findPhoneIn(event.text) : findEmailIn(event.text);
  const label = lowerFirst(turn.t(`profile.label.${field}`));
  if (!found?.ok) {
    turn.reply({ text: turn.t(`onboarding.edit.how_${field}`) });
    return true;
  }
  turn.state.account = { edit: { field, value: found.value } };
  turn.reply({
    text: turn.t('onboarding.edit.confirm', { field: label, value: profileValue(turn, field, found.value) }),
    buttons: [
      { label: turn.t('onboarding.edit.yes'), payload: EDIT_CONFIRM },
      { label: turn.t('onboarding.edit.no'), payload: EDIT_KEEP },
    ],
  });
  return true;
}
