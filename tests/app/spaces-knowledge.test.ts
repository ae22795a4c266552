/**
 * The default bot answers questions about its spaces from content/spaces.yaml (the document
 * `spacesDocument` writes, ingested by the knowledge feature at start), and re-indexes it only
 * when the spaces changed. Through the whole bot with the default features, on PGlite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFeatures } from '../../src/app/features.js';
import { SPACES_DOCUMENT } from '../../src/flows/booking/spaces-document.js';
import { KB_HELPFUL_PAYLOAD } from '../../src/knowledge/feature.js';
import { botHarness, type BotHarness } from '../support/bot.js';

let harness: BotHarness;
let emptyKb: string;

beforeAll(async () => {
  // No other documents: whatever is answered comes from the spaces.
  emptyKb = mkdtempSync(join(tmpdir(), 'uom-kb-'));
  const features = defaultFeatures();
  harness = await botHarness({ features, env: { KB_DIR: emptyKb } });
  await features.find((f) => f.name === 'knowledge')!.start!(harness.bot.services);
});
afterAll(async () => {
  await harness?.close();
  rmSync(emptyKb, { recursive: true, force: true });
});

describe('the spaces in the knowledge base', () => {
  it('are one document, indexed at start and left alone at the next start when unchanged', async () => {
    const docs = await harness.store.call<{ doc: string; updated_at: string }[]>('kb_documents_list');
    expect(docs.map((d) => d.doc)).toEqual([SPACES_DOCUMENT]);
    const knowledge = defaultFeatures().find((f) => f.name === 'knowledge')!;
    await knowledge.start!(harness.bot.services);
    expect(await harness.store.call('kb_documents_list')).toEqual(docs);
  });

  it('answer how many people the hall holds, typed without diacritics, citing the spaces', async () => {
    await harness.consent('web', 'spaces-kb-session-0001');
    await harness.say('web', 'spaces-kb-session-0001', 'hoi truong chua dc bao nhieu nguoi');
    const [reply] = (await harness.settle()).map((s) => s.message);
    expect(reply?.buttons?.map((b) => b.payload)).toContain(KB_HELPFUL_PAYLOAD);
    expect(reply?.text).toMatch(/\b80\b/);
  });

  it('answer what a meeting room has, asked in English', async () => {
    await harness.consent('web', 'spaces-kb-session-0002', 'en');
    await harness.say('web', 'spaces-kb-session-0002', 'how many people does the meeting room fit?');
    const [reply] = (await harness.settle()).map((s) => s.message);
    expect(reply?.buttons?.map((b) => b.payload)).toContain(KB_HELPFUL_PAYLOAD);
    expect(reply?.text).toMatch(/\b8\b/);
  });
});
