/**
 * The onboarding feature's button payloads: the consent notice's answers and the /forget
 * confirmation. One declaration, built and read through the codec (`src/bot/payload.ts`).
 *
 * @example
 * consentPayloads.encode('agree'); // 'consent:agree'
 * accountPayloads.decode('account:forget_yes'); // { action: 'forget_yes', args: [] }
 */
import { ID, payloadCodec } from '../../bot/payload.js';

/** `later:<i>`: a request typed before consent, offered after the first was carried out. */
export const consentPayloads = payloadCodec('consent', { agree: [], decline: [], more: [], later: [ID] });

/** The /forget confirmation, and the confirmation of a typed change of phone or e-mail. */
export const accountPayloads = payloadCodec('account', { forget_yes: [], forget_no: [], edit_yes: [], edit_no: [] });

/** The "I agree" button's payload, offered by every feature that needs consent first. */
export const CONSENT_AGREE = consentPayloads.encode('agree');
