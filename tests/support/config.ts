import { loadConfig, type Config } from '../../src/config.js';

/** A validated configuration for tests: silent logs, an ephemeral port, overrides applied. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', ...overrides });
}
