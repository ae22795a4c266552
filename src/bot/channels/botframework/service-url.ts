/**
 * Which `serviceUrl`s the bot may post to. A Bot Framework activity names the URL the reply goes
 * to; an unchecked one lets anyone make the server POST (with its token, when configured) to any
 * address. Allowed: https on the Bot Framework's own hosts (public cloud, Teams, US government),
 * https on hosts the centre adds (`BOTFRAMEWORK_SERVICE_HOSTS`, `*.` for subdomains), and, for the
 * Emulator only, http(s) on loopback.
 *
 * @example
 * serviceUrlAllowed('https://smba.trafficmanager.net/amer/', { emulator: false, extraHosts: [] }); // true
 * serviceUrlAllowed('http://169.254.169.254/', { emulator: true, extraHosts: [] }); // false
 */
import { isLoopback } from '../../../http/client-address.js';

/** Hosts of the Bot Framework connector service (Azure Bot Service docs, "serviceUrl"). */
export const BOTFRAMEWORK_HOSTS: readonly string[] = [
  '*.botframework.com',
  'smba.trafficmanager.net',
  '*.botframework.azure.us',
  '*.teams.microsoft.com',
  '*.teams.microsoft.us',
];

export interface ServiceUrlPolicy {
  /** The Emulator mode (no MICROSOFT_APP_ID): loopback URLs allowed. */
  emulator: boolean;
  /** Lower-case host names or `*.suffix` patterns, optionally with `:port`. */
  extraHosts: readonly string[];
}

function hostMatches(pattern: string, host: string, hostWithPort: string): boolean {
  const subject = pattern.includes(':') ? hostWithPort : host;
  if (pattern.startsWith('*.')) return subject.endsWith(pattern.slice(1)) && subject.length > pattern.length - 1;
  return subject === pattern;
}

/** True when replies may be posted to `serviceUrl`. */
export function serviceUrlAllowed(serviceUrl: unknown, policy: ServiceUrlPolicy): boolean {
  if (typeof serviceUrl !== 'string' || !URL.canParse(serviceUrl)) return false;
  const url = new URL(serviceUrl);
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const hostWithPort = url.port ? `${host}:${url.port}` : host;
  if (policy.emulator && (url.protocol === 'http:' || url.protocol === 'https:') && (host === 'localhost' || isLoopback(host))) return true;
  if (url.protocol !== 'https:') return false;
  return [...BOTFRAMEWORK_HOSTS, ...policy.extraHosts].some((p) => hostMatches(p, host, hostWithPort));
}
