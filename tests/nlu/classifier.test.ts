/**
 * The classifier trained from content/nlu, scored on a held-out set of our own
 * (tests/nlu/held-out.jsonl: phrasings that are not among the examples), plus the behaviours the
 * bot relies on: slots filled for an action, negation, "unsure" on noise, data-only examples.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNlu, evaluateNlu, loadNluCases, loadNluContent, type ExplainableNlu } from '../../src/nlu/index.js';

const contentDir = path.resolve('content');
const timeZone = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
let nlu: ExplainableNlu;

beforeAll(() => {
  nlu = createNlu({ contentDir, timeZone });
});

describe('intent classifier', () => {
  it('understands a held-out set of its own well above chance, with every slot', () => {
    const report = evaluateNlu(nlu, loadNluCases(path.resolve('tests/nlu/held-out.jsonl')), { now });
    expect(report.intentAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.slotAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('is not trained on the held-out phrasings', () => {
    const examples = new Set(loadNluContent(contentDir).examples.map((e) => e.text.toLowerCase()));
    for (const c of loadNluCases(path.resolve('tests/nlu/held-out.jsonl'))) expect(examples.has(c.q.toLowerCase())).toBe(false);
  });

  it('fills the booking slots of one message', () => {
    const u = nlu.understand('đặt phòng họp mai 2h chiều 2 tiếng', { now });
    expect(u.intent).toBe('booking_new');
    expect(u.slots).toMatchObject({ space: 'meeting-room', date: '2026-12-02', start: '14:00', minutes: 120 });
    expect(u.ranked[0]).toEqual({ intent: 'booking_new', score: u.confidence });
    expect(u.ranked.reduce((sum, r) => sum + r.score, 0)).toBeCloseTo(1, 6);
  });

  it.each(['dat ban ngay mai 9h den 11h', 'Đặt bàn mai 9h đến 11h', 'giu 1 ban thu 6 nhe', 'thuê bàn sáng mai'])(
    'reads a desk booked with its verb ("%s") as the hot desk',
    (text) => {
      const u = nlu.understand(text, { now });
      expect(u.intent).toBe('booking_new');
      expect(u.slots.space).toBe('hot-desk');
    },
  );

  it('does not take "bạn" (friends) after a number for a desk: the space named wins or none is read', () => {
    expect(nlu.understand('nhom 5 ban muon dat phong hop chieu mai', { now }).slots.space).toBe('meeting-room');
    expect(nlu.understand('nhóm 5 bạn', { now }).slots.space).toBeUndefined();
  });

  it('reads a negated action as the other one', () => {
    expect(nlu.understand('không phải hủy đâu, mình muốn đặt thêm phòng họp', { now }).intent).toBe('booking_new');
    expect(nlu.understand('không đồng ý', { now }).intent).toBe('consent_decline');
    expect(nlu.understand('đồng ý', { now }).intent).toBe('consent_accept');
  });

  it('tells knowledge questions from out-of-scope ones', () => {
    expect(nlu.understand('phí thuê phòng họp một buổi là bao nhiêu', { now }).intent).toBe('kb_question');
    expect(nlu.understand('giá xăng ngày mai có tăng không', { now }).intent).toBe('out_of_scope');
  });

  it('says it is unsure about noise instead of guessing', () => {
    const u = nlu.understand('xq zzv plk', { now });
    expect(u.unsure).toBe(true);
  });

  it('works the same with or without diacritics and in casual spelling', () => {
    const a = nlu.understand('Hủy lịch đặt phòng giúp mình', { now });
    const b = nlu.understand('huy lich dat phong giup mik', { now });
    expect(a.intent).toBe('booking_cancel');
    expect(b.intent).toBe('booking_cancel');
    expect(b.normalized).toBe('huy lich dat phong giup minh');
  });
});

describe('examples are data', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'uom-nlu-'));
    cpSync(contentDir, dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an example added to content/nlu changes what is understood, without code', () => {
    const phrase = 'quokka quokka quokka';
    const before = createNlu({ contentDir: dir, timeZone }).understand(phrase, { now });
    expect(before.intent).not.toBe('survey_take');
    const file = path.join(dir, 'nlu', 'intents', 'survey_take.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}  - quokka quokka quokka\n  - quokka quokka\n  - quokka\n`);
    expect(createNlu({ contentDir: dir, timeZone }).understand(phrase, { now }).intent).toBe('survey_take');
  });

  it('counts the button labels of content/messages as examples of their action', () => {
    const content = loadNluContent(contentDir);
    const fromButtons = content.examples.filter((e) => e.source.startsWith('button:'));
    expect(fromButtons.some((e) => e.source === 'button:onboarding.agree' && e.intent === 'consent_accept')).toBe(true);
    expect(fromButtons.every((e) => !/[{}]/.test(e.text))).toBe(true);
  });

  it('stops with the file name when an intents file names an unknown intent', () => {
    writeFileSync(path.join(dir, 'nlu', 'intents', 'zz-bad.yaml'), 'intent: order_pizza\nexamples: [pizza]\n');
    expect(() => loadNluContent(dir)).toThrow(/zz-bad\.yaml/);
    rmSync(path.join(dir, 'nlu', 'intents', 'zz-bad.yaml'));
  });

  it('trains on 2,000 examples and understands with them', () => {
    // How long training takes is measured by `npx tsx bench/nlu.ts`, not asserted here: a timed
    // assertion fails on a loaded machine whatever the code does.
    const base = loadNluContent(contentDir).examples;
    const examples = Array.from({ length: 2000 }, (_, i) => base[i % base.length]!);
    const nlu = createNlu({ contentDir, timeZone, examples });
    expect(nlu.training.examples).toBeGreaterThanOrEqual(2000);
    expect(nlu.understand('đặt phòng họp chiều mai', { now }).intent).toBe('booking_new');
  });
});
