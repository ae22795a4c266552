/**
 * What a console page handler gets: the request, the signed-in staff member (from the database
 * session), the session hash every console_* SQL function needs, the CSRF token, texts and time
 * formatting in the staff member's language.
 *
 * @example
 * const inbox = await ctx.call('console_inbox', { filter: {} });
 */
import type { ServerResponse } from 'node:http';
import type { Services } from '../../bot/services.js';
import { translator, type Locale, type Translator } from '../../content/messages.js';
import type { HttpRequest } from '../../http/router.js';
import type { TimeFormatter } from './time.js';
import type { CannedReplies } from '../workspace/canned.js';
import type { Survey } from '../../flows/surveys/schema.js';

export type ConsoleRole = 'staff' | 'admin';

export interface StaffIdentity {
  id: number;
  role: ConsoleRole;
  telegram_user_id: string | null;
  name: string;
  email: string | null;
}

export interface ConsoleOptions {
  /** How long a session lives (seconds). */
  sessionSeconds: number;
  /** How long a sign-in link is valid (seconds). */
  linkSeconds: number;
  /** How long an invitation is valid (seconds). */
  inviteSeconds: number;
  /** How often live streams look for changes (ms). */
  liveIntervalMs: number;
  /** Largest file a staff member may attach to a reply (bytes). */
  maxUploadBytes: number;
}

export const DEFAULT_CONSOLE_OPTIONS: ConsoleOptions = {
  sessionSeconds: 12 * 3600,
  linkSeconds: 15 * 60,
  inviteSeconds: 7 * 24 * 3600,
  liveIntervalMs: 1000,
  maxUploadBytes: 10 * 1024 * 1024,
};

/** Everything the console needs from the running bot. */
export interface ConsoleDeps {
  services: Services;
  options: ConsoleOptions;
  /** The origin links point to (PUBLIC_URL or the request's host). */
  publicUrl(req: HttpRequest): string;
  /** Whether cookies get `Secure` (served over https). */
  secure(req: HttpRequest): boolean;
  zone: string;
  /** Canned replies (content/canned), loaded once. */
  canned(): CannedReplies;
  /** Surveys (content/surveys), loaded once. */
  surveys(): ReadonlyMap<string, Survey>;
}

export interface ConsoleContext {
  req: HttpRequest;
  res: ServerResponse;
  deps: ConsoleDeps;
  locale: Locale;
  t: Translator;
  fmt: TimeFormatter;
  /** Set on routes that need a session. */
  staff: StaffIdentity;
  session: string;
  csrf: string;
  /** Calls a console_* SQL function with this session. */
  call<T>(fn: string, args?: Record<string, unknown>): Promise<T>;
  /** The form of a POST, urlencoded or multipart (empty for GET). */
  form: URLSearchParams | FormData;
}

/**
 * A text field of the form ('' when absent or a file).
 *
 * @example
 * field(ctx, 'text').trim();
 */
export function field(ctx: Pick<ConsoleContext, 'form'>, name: string): string {
  const value = ctx.form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * The console's language: `?lang=`, then the `uom_lang` cookie, then Accept-Language, then vi.
 *
 * @example
 * consoleLocale(req); // 'vi'
 */
export function consoleLocale(req: HttpRequest): Locale {
  const query = req.url.searchParams.get('lang');
  if (query === 'vi' || query === 'en') return query;
  const cookie = /(?:^|;\s*)uom_lang=(vi|en)/.exec(req.header('cookie') ?? '')?.[1];
  if (cookie === 'vi' || cookie === 'en') return cookie;
  const accept = (req.header('accept-language') ?? '').toLowerCase();
  return accept.startsWith('en') ? 'en' : 'vi';
}

/**
 * A translator for the console's language.
 *
 * @example
 * consoleTranslator(services, 'en')('console.nav.inbox'); // 'Inbox'
 */
export function consoleTranslator(services: Services, locale: Locale): Translator {
  return translator(services.messages, locale);
}
