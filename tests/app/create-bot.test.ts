/**
 * Two bots in one process share nothing: each feature's registries and loaded content (flows,
 * deep links, surveys, programmes, spaces, staff settings) live in that bot's `services.slots`,
 * built from its own content folder, never in a module global.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bookingFeature } from '../../src/flows/booking/feature.js';
import { spacesCatalog } from '../../src/flows/booking/catalog.js';
import { flowFeature, registeredFlowIds } from '../../src/flows/engine/index.js';
import { fallbackFeature, menuFeature } from '../../src/flows/menu.js';
import { consentFeature } from '../../src/flows/onboarding/index.js';
import { deepLinkOf } from '../../src/flows/onboarding/deep-links.js';
import { programmesFeature, programmesOf } from '../../src/flows/programmes/index.js';
import { survey, surveysFeature } from '../../src/flows/surveys/index.js';
import { handoffFeature } from '../../src/staff/handoff/feature.js';
import { staffSettings } from '../../src/staff/handoff/settings.js';
import type { PgliteStore } from '../../src/store/pglite-driver.js';
import { botHarness, type BotHarness } from '../support/bot.js';
import { pgliteTestStore } from '../support/stores.js';

const FIXED = new Date('2026-11-23T03:00:00Z');

/** A copy of content/ with another survey, one programme fewer, fewer spaces and English staff texts. */
function otherContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'uom-content-'));
  cpSync('content', dir, { recursive: true });
  const survey = readFileSync(join(dir, 'surveys/support-needs.yaml'), 'utf8');
  writeFileSync(join(dir, 'surveys/other-needs.yaml'), survey.replace(/^id: support-needs$/m, 'id: other-needs'));
  unlinkSync(join(dir, 'surveys/support-needs.yaml'));
  unlinkSync(join(dir, 'programmes/mekong-innovation.yaml'));
  writeFileSync(join(dir, 'staff.yaml'), readFileSync(join(dir, 'staff.yaml'), 'utf8').replace(/^staff_locale: vi$/m, 'staff_locale: en'));
  return dir;
}

const features = () => [consentFeature, flowFeature, programmesFeature, surveysFeature, bookingFeature, handoffFeature(), menuFeature, fallbackFeature];

describe('two bots in one process', () => {
  const dir = otherContent();
  const harnesses: BotHarness[] = [];
  const stores: PgliteStore[] = [];
  afterAll(async () => {
    for (const h of harnesses) await h.close();
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('do not see each other’s flows, deep links, catalogues or settings', async () => {
    const storeA = await pgliteTestStore();
    const storeB = await pgliteTestStore();
    stores.push(storeA, storeB);
    const a = await botHarness({ store: storeA, clock: () => FIXED, features: features() });
    harnesses.push(a);
    // The second bot shares the first one's trained model (the NLU is per bot too, but training
    // it again on an identical copy would only slow the test down).
    const b = await botHarness({ store: storeB, clock: () => FIXED, features: features(), nlu: a.bot.services.nlu, env: { CONTENT_DIR: dir } });
    harnesses.push(b);
    const [sa, sb] = [a.bot.services, b.bot.services];

    expect(registeredFlowIds(sa)).toContain('survey-support-needs');
    expect(registeredFlowIds(sa)).not.toContain('survey-other-needs');
    expect(registeredFlowIds(sb)).toContain('survey-other-needs');
    expect(registeredFlowIds(sb)).not.toContain('survey-support-needs');
    expect(registeredFlowIds(sa)).toContain('apply-mekong-innovation');
    expect(registeredFlowIds(sb)).not.toContain('apply-mekong-innovation');

    expect(survey(sa, 'support-needs')).toBeDefined();
    expect(survey(sb, 'support-needs')).toBeUndefined();
    expect(programmesOf(sa).has('mekong-innovation')).toBe(true);
    expect(programmesOf(sb).has('mekong-innovation')).toBe(false);
    expect(staffSettings(sa).staff_locale).toBe('vi');
    expect(staffSettings(sb).staff_locale).toBe('en');
    expect(spacesCatalog(sa)).not.toBe(spacesCatalog(sb));
    expect(deepLinkOf(sa, '/start survey_support-needs')?.prefix).toBe('survey_');

    // Through the message path: each bot starts only its own survey from a deep link.
    await a.consent('web', 'founder-a-000000000001');
    await a.say('web', 'founder-a-000000000001', '/start survey_other-needs');
    const aReplies = await a.settle();
    await b.consent('web', 'founder-b-000000000001');
    await b.say('web', 'founder-b-000000000001', '/start survey_other-needs');
    const bReplies = await b.settle();
    const states = async (store: PgliteStore, chat: string) =>
      store.query<{ state: { flow?: { id: string } } }>('select state from public.conversations where chat_id = $1', [chat]);
    expect((await states(storeA, 'founder-a-000000000001'))[0]?.state.flow).toBeUndefined();
    expect((await states(storeB, 'founder-b-000000000001'))[0]?.state.flow?.id).toBe('survey-other-needs');
    expect(aReplies.length).toBeGreaterThan(0);
    expect(bReplies.length).toBeGreaterThan(0);
  });
});
