/**
 * The one way the project makes a grammY `Api` client, so every Bot API call (replies, the staff
 * workspace's topics, `uom telegram …`) has the same timeout and API root.
 *
 * @example
 * const api = createTelegramApi({ token: config.TELEGRAM_BOT_TOKEN!, apiRoot: config.TELEGRAM_API_ROOT });
 * await api.getMe();
 */
import { Api } from 'grammy';

/**
 * Longest wait for one Bot API call, above the 25 s getUpdates long poll. grammY waits 500 s by
 * default: a hung connection would stall the sender (or a staff topic) that long.
 */
export const TELEGRAM_API_TIMEOUT_SECONDS = 60;

export interface TelegramApiOptions {
  token: string;
  /** Another Bot API server (tests, a local Bot API server); default https://api.telegram.org. */
  apiRoot?: string;
  /** Default `TELEGRAM_API_TIMEOUT_SECONDS`. */
  timeoutSeconds?: number;
}

/** A grammY client with the project's timeout and the configured API root. */
export function createTelegramApi(options: TelegramApiOptions): Api {
  return new Api(options.token, {
    timeoutSeconds: options.timeoutSeconds ?? TELEGRAM_API_TIMEOUT_SECONDS,
    ...(options.apiRoot ? { apiRoot: options.apiRoot.replace(/\/+$/, '') } : {}),
  });
}
