/** Configuration: validated with zod; a bad value stops start-up with one clear line, exit 2. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, storageKind } from '../src/config.js';
import { runScript } from './support/spawn.js';

describe('loadConfig', () => {
  it('runs with no configuration at all on the embedded database', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATA_DIR).toBe('./data');
    expect(storageKind(config)).toBe('embedded');
  });

  it('names every offending variable and what it expects', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://db', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect((error as ConfigError).message).toMatch(/PORT \(expected a TCP port number/);
  });

  it('requires the Supabase key with the Supabase URL', () => {
    expect(() => loadConfig({ SUPABASE_URL: 'https://abc.supabase.co' })).toThrow(/SUPABASE_SERVICE_ROLE_KEY \(required/);
    expect(storageKind(loadConfig({ SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k' }))).toBe('supabase');
    expect(storageKind(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }))).toBe('postgres');
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: '', PUBLIC_URL: '', DATABASE_URL: '' });
    expect(config.TELEGRAM_BOT_TOKEN).toBeUndefined();
    expect(storageKind(config)).toBe('embedded');
  });
});

describe('npm start with a bad setting', () => {
  it('prints one line naming PORT and exits with code 2, without a stack trace', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'uom-cfg-'));
    const result = await runScript('src/main.ts', [], { PORT: 'abc', DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT \(expected a TCP port number/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
