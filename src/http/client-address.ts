/**
 * The address of the client that made a request: the socket's peer, or behind a trusted reverse
 * proxy (`TRUST_PROXY`) the last hop of `X-Forwarded-For` (the address our proxy saw; earlier
 * hops are whatever the client wrote). IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is shown as IPv4.
 *
 * @example
 * clientAddress(req.raw, false); // '127.0.0.1'
 * isLoopback('::1'); // true
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** The client's address; `'unknown'` when the socket has none (already closed). */
export function clientAddress(raw: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = raw.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header.join(',') : header;
    const hops = (value ?? '').split(',').map((h) => h.trim()).filter((h) => isIP(h) !== 0);
    if (hops.length > 0) return plain(hops[hops.length - 1]!);
  }
  return plain(raw.socket.remoteAddress ?? 'unknown');
}

/** True for 127.0.0.0/8 and ::1. */
export function isLoopback(address: string): boolean {
  const a = plain(address);
  return a === '::1' || (isIP(a) === 4 && a.startsWith('127.'));
}
