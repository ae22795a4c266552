/**
 * Deep links: `/start <payload>` (Telegram `t.me/bot?start=…`, the web chat's `?start=…`, Zalo
 * and Teams pass the same text). Areas register a prefix and a handler; the consent gate keeps a
 * link that arrives before consent and follows it right after the founder agrees.
 *
 * @example
 * registerDeepLink('survey_', (turn, id) => startSurvey(turn, id));
 * deepLinkOf('/start survey_support-needs') // { payload: 'survey_support-needs', prefix: 'survey_', arg: 'support-needs' }
 */
import type { Inbound } from '../../bot/inbound.js';
import type { Turn } from '../../bot/turn.js';

export type DeepLinkHandler = (turn: Turn, arg: string) => Promise<void> | void;

const handlers = new Map<string, DeepLinkHandler>();

/**
 * Registers the handler of links whose payload starts with `prefix` (e.g. "programme_").
 *
 * @example
 * registerDeepLink('booking_', (turn, space) => startFlow(turn, 'booking', { space }));
 */
export function registerDeepLink(prefix: string, handler: DeepLinkHandler): void {
  handlers.set(prefix, handler);
}

export interface DeepLink {
  payload: string;
  prefix: string;
  arg: string;
}

/**
 * The registered deep link a payload names, if any.
 *
 * @example
 * deepLinkFor('programme_mekong-innovation')?.arg // 'mekong-innovation'
 */
export function deepLinkFor(payload: string): DeepLink | undefined {
  for (const prefix of [...handlers.keys()].sort((a, b) => b.length - a.length)) {
    if (payload.startsWith(prefix) && payload.length > prefix.length) return { payload, prefix, arg: payload.slice(prefix.length) };
  }
  return undefined;
}

/**
 * The `/start <payload>` payload of a text event (any registered or not), or undefined.
 *
 * @example
 * startPayload({ ...event, kind: 'text', text: '/start survey_x' }) // 'survey_x'
 */
export function startPayload(event: Inbound): string | undefined {
  if (event.kind !== 'text') return undefined;
  const match = /^\/start(?:@\S+)?\s+([A-Za-z0-9_-]{1,64})\s*$/.exec(event.text.trim());
  return match?.[1];
}

/**
 * The registered deep link of a text event.
 *
 * @example
 * deepLinkOf('/start programme_ipp2-asean-network')?.prefix // 'programme_'
 */
export function deepLinkOf(event: Inbound | string): DeepLink | undefined {
  const payload = typeof event === 'string' ? /^\/start\s+(\S+)/.exec(event)?.[1] : startPayload(event);
  return payload ? deepLinkFor(payload) : undefined;
}

/**
 * Runs a deep link's handler.
 *
 * @example
 * const link = deepLinkOf(turn.event); if (link) await followDeepLink(turn, link);
 */
export async function followDeepLink(turn: Turn, link: DeepLink): Promise<void> {
  await handlers.get(link.prefix)?.(turn, link.arg);
}
