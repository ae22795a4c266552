/**
 * `uom telegram set-webhook | delete-webhook | info` against the fake Bot API
 * (https://core.telegram.org/bots/api#setwebhook, #setmycommands, #getwebhookinfo).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteWebhookCommand, infoCommand, setWebhookCommand } from '../../../../src/cli/telegram-commands.js';
import { BOT_COMMANDS } from '../../../../src/bot/channels/telegram/setup.js';
import { startFakeTelegram, type FakeTelegram } from '../../../fakes/telegram-bot-api.js';
import { testConfig } from '../../../support/config.js';

const TOKEN = '7000004:setup-token';
let fake: FakeTelegram;
beforeAll(async () => {
  fake = await startFakeTelegram({ token: TOKEN });
});
afterAll(async () => fake.close());

describe('uom telegram', () => {
  it('set-webhook registers the URL, secret and update types, and the commands in vi, en and default', async () => {
    const lines: string[] = [];
    const config = testConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_SECRET: 's3cret', PUBLIC_URL: 'https://bot.example.vn' });
    await setWebhookCommand(config, (l) => lines.push(l));
    expect(fake.webhook()).toMatchObject({
      url: 'https://bot.example.vn/telegram/webhook',
      secret_token: 's3cret',
      allowed_updates: ['message', 'edited_message', 'callback_query', 'my_chat_member'],
    });
    const commands = fake.callsTo('setMyCommands').map((c) => c.params);
    expect(commands.map((p) => p.language_code)).toEqual(['vi', 'en', undefined]);
    const vi = commands[0]!.commands as { command: string; description: string }[];
    expect(vi.map((c) => c.command)).toEqual([...BOT_COMMANDS]);
    expect(vi[0]!.description).toBe('Bắt đầu trò chuyện với Ươm');
    expect((commands[1]!.commands as { description: string }[])[0]!.description).toBe('Start talking to Ươm');
    expect(lines[0]).toBe('Webhook registered: https://bot.example.vn/telegram/webhook');

    const info: string[] = [];
    await infoCommand(config, (l) => info.push(l));
    expect(info).toContain('Webhook: https://bot.example.vn/telegram/webhook');
    expect(info[0]).toBe('Bot: @uom_test_bot (id 100200300)');

    await deleteWebhookCommand(config, () => undefined);
    expect(fake.webhook()).toBeUndefined();
  });

  it('says which setting is missing', async () => {
    await expect(setWebhookCommand(testConfig({ TELEGRAM_API_ROOT: fake.apiRoot }), () => undefined)).rejects.toThrow(/TELEGRAM_BOT_TOKEN is not set/);
    await expect(setWebhookCommand(testConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }), () => undefined)).rejects.toThrow(/PUBLIC_URL is not set/);
    expect(() => testConfig({ TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://bot.example.vn' })).toThrow(/TELEGRAM_WEBHOOK_SECRET \(required when/);
  });
});
