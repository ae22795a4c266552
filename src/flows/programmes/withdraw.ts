/**
 * A founder withdraws an application ("mình muốn rút đơn IPP2", "hủy đơn đăng ký đó giúp mình",
 * "withdraw my application"): asked to confirm with the programme named, then marked
 * `withdrawn` (`fx_application_withdraw`; staff see the status in the console and the CLI). Only
 * applications still open (submitted, in review) can be withdrawn; one already decided is said
 * plainly, with staff offered. "Rút đơn IPP2" was answered "your application is under review",
 * and "hủy đơn đó" listed the programmes again, recommending IPP2.
 *
 * @example
 * if (await withdrawRequest(turn, 'rút đơn IPP2 giúp mình')) return;
 */
import type { Turn } from '../../bot/turn.js';
import { labelKey } from '../engine/index.js';
import { normalizeForMatching } from '../../nlu/index.js';
import { handoffPayloads } from '../../staff/handoff/payloads.js';
import { programme } from './catalogue.js';
import { programmePayloads } from './payloads.js';
import { PROGRAMME_PAYLOAD, type ApplicationRow } from './render.js';
import { pick } from './schema.js';

/** Asking to withdraw an application, folded: "rút đơn", "hủy hồ sơ", "rút lại đăng ký", "withdraw my application". */
const WITHDRAW = /(?:^| )(?:(?:rut|huy|thu hoi|bo)(?: lai| bo)? (?:cai )?(?:don|ho so|dang ky|dk|dky|ung tuyen)|(?:withdraw|cancel|retract|pull)(?: out)? (?:of )?(?:my |the |our |this |that )?(?:application|registration|app))(?: |$)/;

const OPEN = new Set(['submitted', 'in_review']);

function nameOf(turn: Turn, id: string): string {
  const found = programme(turn.services, id);
  return found ? pick(found.name, turn.locale) : id;
}

/** The application the text names by its programme (its id or name), among `rows`. */
function named(turn: Turn, rows: readonly ApplicationRow[], words: string): ApplicationRow | undefined {
  const hits = rows.filter((r) => {
    const found = programme(turn.services, r.programme_id);
    const forms = [r.programme_id.replace(/-/g, ' '), ...(found ? [found.name.vi, found.name.en] : [])].map((f) => labelKey(normalizeForMatching(f)));
    return forms.some((f) => f && (words.includes(f) || f.split(' ').some((w) => w.length >= 3 && /\d/.test(w) && words.split(' ').includes(w))));
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * When the text asks to withdraw an application and the founder has one: the confirmation (or
 * which one, or why it cannot be). Whether it answered.
 */
export async function withdrawRequest(turn: Turn, text: string): Promise<boolean> {
  const words = labelKey(normalizeForMatching(text));
  if (!WITHDRAW.test(words) && !WITHDRAW.test(labelKey(text))) return false;
  if (!turn.contact?.consentedAt) return false;
  const rows = await turn.services.store.call<ApplicationRow[]>('applications_of', { contact_id: turn.contact.id });
  if (rows.length === 0) return false; // "hủy đơn shopee": not one of ours
  const open = rows.filter((r) => OPEN.has(r.status));
  const target = named(turn, rows, words) ?? (open.length === 1 ? open[0] : undefined);
  if (target && !OPEN.has(target.status)) {
    turn.reply({
      text: turn.t('programmes.withdraw.closed', { programme: nameOf(turn, target.programme_id), status: turn.t(`programmes.status.${target.status}`) }),
      buttons: [{ label: turn.t('flows.staff_button'), payload: handoffPayloads.encode('request') }],
    });
    return true;
  }
  if (target) {
    turn.reply({
      text: turn.t('programmes.withdraw.confirm', { programme: nameOf(turn, target.programme_id) }),
      buttons: [
        { label: turn.t('programmes.withdraw.yes'), payload: programmePayloads.encode('withdraw', String(target.id)) },
        { label: turn.t('programmes.withdraw.no'), payload: PROGRAMME_PAYLOAD.mine },
      ],
    });
    return true;
  }
  if (open.length === 0) {
    turn.reply({ text: turn.t('programmes.withdraw.none_open'), buttons: [{ label: turn.t('programmes.mine'), payload: PROGRAMME_PAYLOAD.mine }] });
    return true;
  }
  turn.reply({
    text: turn.t('programmes.withdraw.which'),
    buttons: open.map((r) => ({ label: nameOf(turn, r.programme_id), payload: programmePayloads.encode('withdraw', String(r.id)) })),
  });
  return true;
}

/**
 * The founder pressed "withdraw" for application `id`: withdrawn when it is theirs and still open.
 *
 * @example
 * await withdrawApplication(turn, 12);
 */
export async function withdrawApplication(turn: Turn, id: number): Promise<void> {
  if (!turn.contact?.consentedAt) return;
  const rows = await turn.services.store.call<ApplicationRow[]>('applications_of', { contact_id: turn.contact.id });
  const row = rows.find((r) => r.id === id);
  if (!row || !OPEN.has(row.status)) {
    turn.reply({ text: turn.t('programmes.withdraw.none_open'), buttons: [{ label: turn.t('programmes.mine'), payload: PROGRAMME_PAYLOAD.mine }] });
    return;
  }
  turn.effect('fx_application_withdraw', { application_id: id });
  turn.reply({
    text: turn.t('programmes.withdraw.done', { programme: nameOf(turn, row.programme_id) }),
    buttons: [{ label: turn.t('programmes.mine'), payload: PROGRAMME_PAYLOAD.mine }],
  });
}
