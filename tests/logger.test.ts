/** Logs are structured JSON and never carry message text or personal data, even on failure. */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Feature } from '../src/bot/router.js';
import { createLogger } from '../src/logger.js';
import { botHarness } from './support/bot.js';

describe('logs', () => {
  it('contain no message text, names or phone numbers when a turn fails', async () => {
    const stream = new PassThrough();
    let output = '';
    stream.on('data', (d: Buffer) => (output += d.toString()));
    const log = createLogger({ level: 'trace', destination: stream });
    const failing: Feature = {
      name: 'failing',
      order: 1,
      async handle(turn) {
        turn.services.log.info({ event: turn.event }, 'handling');
        throw new Error('boom');
      },
    };
    const harness = await botHarness({ log, features: [failing] });
    await harness.send({
      channel: 'telegram', chatId: '31', userId: '31', userName: 'Nguyễn Thị Lan', kind: 'text', text: 'số tôi là 0912 345 678',
    });
    await harness.settle();
    await harness.close();
    const lines = output.trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(output).toContain('turn failed');
    expect(output).not.toContain('0912');
    expect(output).not.toContain('Lan');
  }, 120_000);
});
