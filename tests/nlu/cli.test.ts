/**
 * `uom nlu eval | explain` as a person at the terminal runs them (a child process through tsx),
 * without a database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let dir: string;

// DATABASE_URL points nowhere: the commands must not open the store.
const uom = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'nlu', ...args], {
    env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    timeout: 120_000,
  });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'uom-nlu-cli-'));
  writeFileSync(
    path.join(dir, 'cases.jsonl'),
    [
      { id: 'c1', q: 'hủy lịch KN45TQ giúp mình', intent: 'booking_cancel', slots: { code: 'KN45TQ' } },
      { id: 'c2', q: 'đặt phòng họp thứ 6 lúc 9h sáng', intent: 'booking_new', slots: { space: 'meeting-room', date: '2026-12-04', start: '09:00' } },
      { id: 'c3', q: 'giá vàng hôm nay', intent: 'out_of_scope' },
    ].map((c) => JSON.stringify(c)).join('\n') + '\n',
  );
  writeFileSync(path.join(dir, 'bad.jsonl'), '{"id": "x", "q": "hi", "intent": "order_pizza"}\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('uom nlu', () => {
  it('eval --json prints one line per case with intent, slots and confidence', async () => {
    const { stdout } = await uom('eval', path.join(dir, 'cases.jsonl'), '--now', '2026-12-01T09:00:00+07:00', '--json');
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; intent: string; slots: Record<string, unknown>; confidence: number });
    expect(lines.map((l) => l.id)).toEqual(['c1', 'c2', 'c3']);
    expect(lines[0]).toMatchObject({ intent: 'booking_cancel', slots: { code: 'KN45TQ' } });
    expect(lines[1]!.slots).toMatchObject({ space: 'meeting-room', date: '2026-12-04', start: '09:00' });
    for (const l of lines) expect(l.confidence).toBeGreaterThan(0);
  }, 180_000);

  it('eval prints the accuracies, per intent and slots', async () => {
    const { stdout } = await uom('eval', path.join(dir, 'cases.jsonl'), '--now', '2026-12-01T09:00:00+07:00');
    expect(stdout).toMatch(/intent accuracy 1\.000/);
    expect(stdout).toMatch(/slot accuracy\s+1\.000 \(4 slots\)/);
    expect(stdout).toMatch(/booking_cancel\s+1\.000/);
  }, 180_000);

  it('eval names the line of a bad case file and exits non-zero', async () => {
    await expect(uom('eval', path.join(dir, 'bad.jsonl'))).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/bad\.jsonl:1/) });
  }, 180_000);

  it('explain shows the normalised text, ranked intents and slots', async () => {
    const { stdout } = await uom('explain', 'ad oi dat phong hop mai 2h chieu 2 tieng dc ko', '--now', '2026-12-01T09:00:00+07:00');
    expect(stdout).toMatch(/normalised: admin oi dat phong hop mai 2h chieu 2 tieng duoc khong/);
    expect(stdout).toMatch(/intent:\s+booking_new/);
    expect(stdout).toMatch(/"date":"2026-12-02"/);
    expect(stdout).toMatch(/"start":"14:00"/);
    expect(stdout).toMatch(/"minutes":120/);
  }, 180_000);
});
