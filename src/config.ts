/**
 * Configuration: every setting Ươm reads, validated once at start-up with zod.
 *
 * Values come from the process environment and, when present, a `.env` file in the working
 * directory (the environment wins). A bad value never produces a stack trace: `loadConfig`
 * throws a `ConfigError` listing every offending variable, and the entry points print its
 * message and exit with code 2.
 *
 * @example
 * const config = loadConfig(process.env);
 * console.log(config.PORT); // 3000
 */
import { DEFAULT_TIME_ZONE, isTimeZone } from './clock/time-zone.js';
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const optionalUrl = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || URL.canParse(v), { message: `expected ${what}` });

const port = z.coerce
  .number({ message: 'expected a TCP port number (1-65535)' })
  .int('expected a TCP port number (1-65535)')
  .min(0, 'expected a TCP port number (1-65535, or 0 for any free port)')
  .max(65535, 'expected a TCP port number (1-65535)');

const positiveNumber = (what: string, fallback: number) =>
  z.coerce.number({ message: `expected ${what}` }).positive(`expected ${what}`).default(fallback);

const boolFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { message: 'expected true or false' })
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes'].includes(v)));

/** The schema of every environment variable; `.env.example` documents each one. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: port.default(3000),
    HOST: z.string().default('0.0.0.0'),
    PUBLIC_URL: optionalUrl('an absolute URL such as https://bot.example.vn'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    // Storage: embedded PGlite unless DATABASE_URL or SUPABASE_URL is set.
    DATA_DIR: z.string().min(1).default('./data'),
    // Embedded database: fsync every commit (a power cut loses nothing committed). Off is faster.
    EMBEDDED_FSYNC: boolFlag(true),
    // Minutes between VACUUM (ANALYZE) runs of the embedded database's busy tables (PGlite has
    // no autovacuum).
    EMBEDDED_VACUUM_MINUTES: positiveNumber('a positive number of minutes between vacuums', 10),
    DATABASE_URL: optionalUrl('a postgres:// connection string').refine(
      (v) => v === undefined || /^postgres(ql)?:\/\//.test(v),
      { message: 'expected a postgres:// connection string' },
    ),
    DATABASE_POOL_SIZE: positiveNumber('a positive pool size', 10),
    SUPABASE_URL: optionalUrl('the project URL, e.g. https://abcd.supabase.co'),
    SUPABASE_SERVICE_ROLE_KEY: optionalString,
    DB_AUTO_MIGRATE: boolFlag(true),

    // Content that staff edit without a deploy.
    CONTENT_DIR: z.string().min(1).default('./content'),
    DEFAULT_LOCALE: z.enum(['vi', 'en']).default('vi'),
    // The centre's time zone: every time shown to a person and every local day or opening hour.
    TIME_ZONE: z
      .string()
      .default(DEFAULT_TIME_ZONE)
      .refine(isTimeZone, { message: 'expected an IANA time zone such as Asia/Ho_Chi_Minh' }),

    // Dispatcher and sender tuning. 64 conversations at once: turns mostly wait for the database,
    // and the turns that finish together are committed in one call (bench:telegram: 8 gave
    // 342 updates/s, 32 gave 508-534, 64 gave 601 on the embedded database).
    DISPATCH_CONCURRENCY: positiveNumber('a positive number of conversations processed at once', 64),
    TURN_MAX_ATTEMPTS: positiveNumber('a positive number of attempts', 5),
    SENDER_CONCURRENCY: positiveNumber('a positive number of messages sent at once', 16),
    POLL_INTERVAL_MS: positiveNumber('milliseconds between idle polls', 250),
    // /healthz answers 503 when the oldest due outbox row has waited longer than this.
    HEALTH_OUTBOX_MAX_AGE_SECONDS: positiveNumber('a positive number of seconds', 900),

    // Telegram (issue 3).
    TELEGRAM_BOT_TOKEN: optionalString,
    TELEGRAM_WEBHOOK_SECRET: optionalString.refine(
      (v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v),
      { message: 'expected 1-256 characters of A-Z, a-z, 0-9, _ and -' },
    ),
    TELEGRAM_API_ROOT: optionalUrl('the Bot API server URL, e.g. https://api.telegram.org'),
    TELEGRAM_RATE_PER_SECOND: positiveNumber('messages per second for the whole bot', 30),
    TELEGRAM_RATE_PER_CHAT_PER_SECOND: positiveNumber('messages per second per chat', 1),

    // Zalo Official Account (issue 3).
    ZALO_APP_ID: optionalString,
    ZALO_APP_SECRET: optionalString,
    ZALO_OA_SECRET_KEY: optionalString,
    ZALO_ACCESS_TOKEN: optionalString,
    ZALO_REFRESH_TOKEN: optionalString,
    ZALO_API_BASE: optionalUrl('the Zalo OpenAPI base URL').transform((v) => v ?? 'https://openapi.zalo.me'),
    ZALO_OAUTH_BASE: optionalUrl('the Zalo OAuth base URL').transform((v) => v ?? 'https://oauth.zaloapp.com'),
    ZALO_RATE_PER_SECOND: positiveNumber('messages per second for the OA', 10),

    // Microsoft Bot Framework (issue 3).
    MICROSOFT_APP_ID: optionalString,
    MICROSOFT_APP_PASSWORD: optionalString,
    MICROSOFT_APP_TENANT_ID: optionalString,
    // Without MICROSOFT_APP_ID /api/messages is off; true serves the Bot Framework Emulator, from loopback only.
    BOTFRAMEWORK_EMULATOR: boolFlag(false),
    // Extra hosts (comma-separated, `*.example.com` allowed) a conversation's serviceUrl may name,
    // besides the Bot Framework's own (and loopback for the Emulator).
    BOTFRAMEWORK_SERVICE_HOSTS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== ''))
      .refine((hosts) => hosts.every((h) => /^(\*\.)?[a-z0-9.-]+(:\d+)?$/.test(h)), { message: 'expected host names such as smba.example.com or *.example.com, comma-separated' }),

    // Abuse limits (issue 15).
    // Wrong /link codes from everyone in 15 minutes before linking pauses for all.
    LINK_GUESSES_GLOBAL: positiveNumber('a positive number of wrong link codes per 15 minutes', 100),
    // Web chat: messages a minute per session and per client address, new sessions an hour per address.
    WEBCHAT_MESSAGES_PER_MINUTE: positiveNumber('a positive number of messages a minute per session', 20),
    WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE: positiveNumber('a positive number of messages a minute per client address', 300),
    WEBCHAT_SESSIONS_PER_ADDRESS_PER_HOUR: positiveNumber('a positive number of new web chat sessions an hour per client address', 200),
    // Behind a reverse proxy: take the client address from the last X-Forwarded-For hop.
    TRUST_PROXY: boolFlag(false),
    // Zalo events whose timestamp is further than this from now are refused (replays).
    ZALO_EVENT_MAX_AGE_SECONDS: positiveNumber('a positive number of seconds', 900),

    // Knowledge base (issue 6).
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalUrl('an OpenAI-compatible API base URL'),
    OPENAI_CHAT_MODEL: z.string().default('gpt-4o-mini'),
    OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
    KB_DIR: z.string().min(1).default('content/knowledge'),

    // Coworking space booking (issue 5): how long before the start the reminder is sent.
    BOOKING_REMINDER_MINUTES: z.coerce
      .number({ message: 'expected whole minutes before the start (e.g. 120)' })
      .int('expected whole minutes before the start (e.g. 120)')
      .min(0, 'expected whole minutes before the start (e.g. 120)')
      .max(10080, 'expected at most 10080 minutes (a week)')
      .default(120),

    // Staff workspace (issue 7).
    STAFF_CHAT_ID: optionalString.refine((v) => v === undefined || /^-?\d+$/.test(v), {
      message: 'expected a Telegram chat id such as -1001234567890',
    }),
  })
  .superRefine((c, ctx) => {
    if (c.SUPABASE_URL && !c.SUPABASE_SERVICE_ROLE_KEY) {
      ctx.addIssue({ code: 'custom', path: ['SUPABASE_SERVICE_ROLE_KEY'], message: 'required when SUPABASE_URL is set' });
    }
    if (c.SUPABASE_SERVICE_ROLE_KEY && !c.SUPABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['SUPABASE_URL'], message: 'required when SUPABASE_SERVICE_ROLE_KEY is set' });
    }
    if (c.DATABASE_URL && c.SUPABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'set either DATABASE_URL or SUPABASE_URL, not both' });
    }
    if (c.TELEGRAM_BOT_TOKEN && c.PUBLIC_URL && !c.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'required when TELEGRAM_BOT_TOKEN and PUBLIC_URL are set (the Telegram webhook is verified with it)',
      });
    }
    // Zalo is on when ZALO_APP_ID and ZALO_OA_SECRET_KEY are set; a partial setup names what is missing.
    const zaloSet = (['ZALO_APP_ID', 'ZALO_OA_SECRET_KEY', 'ZALO_APP_SECRET', 'ZALO_ACCESS_TOKEN', 'ZALO_REFRESH_TOKEN'] as const)
      .filter((k) => c[k] !== undefined);
    if (zaloSet.length > 0) {
      for (const k of ['ZALO_APP_ID', 'ZALO_OA_SECRET_KEY'] as const) {
        if (!c[k]) ctx.addIssue({ code: 'custom', path: [k], message: `required for the Zalo channel (${zaloSet.join(', ')} set)` });
      }
      if (c.ZALO_REFRESH_TOKEN && !c.ZALO_APP_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['ZALO_APP_SECRET'], message: 'required to refresh the Zalo access token (ZALO_REFRESH_TOKEN is set)' });
      }
      if (Boolean(c.ZALO_ACCESS_TOKEN) !== Boolean(c.ZALO_REFRESH_TOKEN)) {
        ctx.addIssue({ code: 'custom', path: [c.ZALO_ACCESS_TOKEN ? 'ZALO_REFRESH_TOKEN' : 'ZALO_ACCESS_TOKEN'], message: 'set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN together (the first token pair)' });
      }
    }
  });

export type Config = z.infer<typeof configSchema>;

/** Raised when the environment does not satisfy `configSchema`; `message` is one line per variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: { variable: string; expected: string }[]) {
    super(
      `Invalid configuration: ${problems.map((p) => `${p.variable} (${p.expected})`).join('; ')}. ` +
        'See .env.example for every setting.',
    );
    this.name = 'ConfigError';
  }
}

/** Reads `.env` (if it exists) without overriding variables already set in `env`. */
export function readDotEnv(path = '.env'): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
}

/**
 * Validates the environment and returns the typed configuration.
 *
 * @example
 * const config = loadConfig({ ...readDotEnv(), ...process.env });
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? 'environment'),
    expected: issue.message,
  }));
  throw new ConfigError(problems);
}

/** The storage driver the configuration selects. */
export function storageKind(config: Config): 'embedded' | 'postgres' | 'supabase' {
  if (config.DATABASE_URL) return 'postgres';
  if (config.SUPABASE_URL) return 'supabase';
  return 'embedded';
}
