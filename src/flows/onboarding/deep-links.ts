/**
 * Deep links: `/start <payload>` (Telegram `t.me/bot?start=…`, the web chat's `?start=…`, Zalo
 * and Teams pass the same text). Features register a prefix and a handler with their bot (in
 * `init`; one table per bot in `services.slots`); the consent gate keeps a link that arrives
 * before consent and follows it right after the founder agrees.
 *
 * @example
 * registerDeepLink(services, 'survey_', (turn, id) => startSurvey(turn, id));
 * deepLinkOf(turn.services, '/start survey_support-needs') // { payload: 'survey_support-needs', prefix: 'survey_', arg: 'support-needs' }
 */
import type { Inbound } from '../../bot/inbound.js';
import { botSlot, type Services } from '../../bot/services.js';
import type { Turn } from '../../bot/turn.js';

export type DeepLinkHandler = (turn: Turn, arg: string) => Promise<void> | void;

type Slotted = Pick<Services, 'slots'>;

const DEEP_LINKS = botSlot('deep-links', () => new Map<string, DeepLinkHandler>());

/**
 * Registers the handler of links whose payload starts with `prefix` (e.g. "programme_").
 *
 * @example
 * registerDeepLink(services, 'booking_', (turn, space) => startFlow(turn, 'booking', { space }));
 */
export function registerDeepLink(services: Slotted, prefix: string, handler: DeepLinkHandler): void {
  services.slots.get(DEEP_LINKS).set(prefix, handler);
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
 * deepLinkFor(turn.services, 'programme_mekong-innovation')?.arg // 'mekong-innovation'
 */
export function deepLinkFor(services: Slotted, payload: string): DeepLink | undefined {
  for (const prefix of [...services.slots.get(DEEP_LINKS).keys()].sort((a, b) => b.length - a.length)) {
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
 * deepLinkOf(turn.services, '/start programme_ipp2-asean-network')?.prefix // 'programme_'
 */
export function deepLinkOf(services: Slotted, event: Inbound | string): DeepLink | undefined {
  const payload = typeof event === 'string' ? /^\/start\s+(\S+)/.exec(event)?.[1] : startPayload(event);
  return payload ? deepLinkFor(services, payload) : undefined;
}

/**
 * Runs a deep link's handler.
 *
 * @example
 * const link = deepLinkOf(turn.services, turn.event); if (link) await followDeepLink(turn, link);
 */
export async function followDeepLink(turn: Turn, link: DeepLink): Promise<void> {
  await turn.services.slots.get(DEEP_LINKS).get(link.prefix)?.(turn, link.arg);
}
