/**
 * The founder flows' button payloads go through the one codec (src/bot/payload.ts) and keep
 * the wire format of buttons already out in chats: every payload the previous release built
 * still decodes to the same action.
 */
import { describe, expect, it } from 'vitest';
import { PAYLOAD_MAX_BYTES } from '../../src/bot/payload.js';
import { bookingPayloads } from '../../src/flows/booking/payloads.js';
import { flowPayloads } from '../../src/flows/engine/payloads.js';
import { intentPayloads } from '../../src/flows/intents/feature.js';
import { linkPayloads } from '../../src/flows/linking/payloads.js';
import { MENU_PAYLOADS, menuPayloads } from '../../src/flows/menu.js';
import { accountPayloads, consentPayloads } from '../../src/flows/onboarding/payloads.js';
import { programmePayloads } from '../../src/flows/programmes/payloads.js';
import { surveyPayloads } from '../../src/flows/surveys/payloads.js';
import { handoffPayloads } from '../../src/staff/handoff/payloads.js';

describe('flow payloads', () => {
  it('read the payloads of buttons already sent by the previous release', () => {
    expect(menuPayloads.decode('menu:booking')?.action).toBe('booking');
    expect(Object.values(MENU_PAYLOADS)).toEqual(['menu:programmes', 'menu:booking', 'menu:surveys', 'menu:ask', 'menu:staff']);
    expect(consentPayloads.decode('consent:agree')?.action).toBe('agree');
    expect(accountPayloads.decode('account:forget_yes')?.action).toBe('forget_yes');
    expect(bookingPayloads.decode('booking:cancel:42')).toEqual({ action: 'cancel', args: ['42'] });
    expect(bookingPayloads.decode('booking:confirm:7')).toEqual({ action: 'confirm', args: ['7'] });
    expect(bookingPayloads.decode('booking:move:7')).toEqual({ action: 'move', args: ['7'] });
    expect(bookingPayloads.decode('booking:new')?.action).toBe('new');
    expect(programmePayloads.decode('programme:view:mekong-innovation')).toEqual({ action: 'view', args: ['mekong-innovation'] });
    expect(programmePayloads.decode('programme:apply:ipp2-asean-network')).toEqual({ action: 'apply', args: ['ipp2-asean-network'] });
    expect(surveyPayloads.decode('survey:start:support-needs')).toEqual({ action: 'start', args: ['support-needs'] });
    expect(linkPayloads.decode('link:undo:3')).toEqual({ action: 'undo', args: ['3'] });
    expect(flowPayloads.decode('flow:day:2026-11-23')).toEqual(['day', '2026-11-23']);
    expect(flowPayloads.decode('flow:_:cancel')).toEqual(['_', 'cancel']);
    expect(intentPayloads.decode('intent:booking_new')).toEqual(['booking_new']);
    expect(handoffPayloads.decode('handoff:request')).toEqual({ action: 'request', args: [] });
    expect(handoffPayloads.decode('handoff:request:other:kb_unanswered')).toEqual({ action: 'request', args: ['other', 'kb_unanswered'] });
    expect(handoffPayloads.decode('handoff:end')?.action).toBe('end');
    expect(handoffPayloads.decode('handoff:csat:12:5')).toEqual({ action: 'csat', args: ['12', '5'] });
  });

  it('build the same strings, within the 64-byte limit, and refuse malformed ones', () => {
    expect(bookingPayloads.encode('cancel', '{booking_id}')).toBe('booking:cancel:{booking_id}');
    expect(programmePayloads.encode('view', 'mekong-innovation')).toBe('programme:view:mekong-innovation');
    expect(surveyPayloads.encode('start', 'support-needs')).toBe('survey:start:support-needs');
    expect(flowPayloads.encode('slot', 3)).toBe('flow:slot:3');
    expect(() => programmePayloads.encode('view', 'Not A Slug')).toThrow(/does not match/);
    expect(() => bookingPayloads.encode('move', '{booking_id}')).toThrow(/does not match/);
    expect(() => flowPayloads.encode('step', 'v'.repeat(60))).toThrow(/over 64|does not match/);
    expect(Buffer.byteLength(handoffPayloads.encode('request', 'programme', 'application'))).toBeLessThanOrEqual(PAYLOAD_MAX_BYTES);
  });
});
