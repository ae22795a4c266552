/**
 * Security headers for every response. Every answer gets `X-Content-Type-Options: nosniff`, a
 * strict `Referrer-Policy`, a CSP that forbids everything and framing (`default-src 'none';
 * frame-ancestors 'none'`, right for JSON and files) and `X-Frame-Options` for old browsers.
 * An HTML page gets a CSP built from the page itself: its inline `<script>` and `<style>`
 * blocks are allowed by their SHA-256 hashes (no `'unsafe-inline'`), so an injected script never
 * runs, while the page's own code needs no change when it is edited.
 *
 * @example
 * for (const [name, value] of Object.entries(BASE_SECURITY_HEADERS)) res.setHeader(name, value);
 * res.setHeader('content-security-policy', htmlContentSecurityPolicy(page));
 */
import { createHash } from 'node:crypto';

export const NO_CONTENT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': NO_CONTENT_POLICY,
  'cross-origin-opener-policy': 'same-origin',
};

function hashesOf(html: string, tag: 'script' | 'style'): string[] {
  const pattern = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'gi');
  const hashes: string[] = [];
  for (const match of html.matchAll(pattern)) {
    const body = match[1] ?? '';
    if (body.trim() === '') continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

let lastPage: string | undefined;
let lastPolicy = '';

/**
 * The CSP of one HTML page: its own inline scripts and styles by hash, same-origin requests,
 * images from this server or https (relayed photos), no plugins, no framing.
 *
 * @example
 * htmlContentSecurityPolicy('<script>go()</script>'); // "default-src 'none'; script-src 'sha256-…'; …"
 */
export function htmlContentSecurityPolicy(html: string): string {
  if (html === lastPage) return lastPolicy; // the same page is served again and again
  const scripts = hashesOf(html, 'script');
  const styles = hashesOf(html, 'style');
  const policy = [
    "default-src 'none'",
    `script-src ${scripts.length > 0 ? scripts.join(' ') : "'none'"}`,
    `style-src ${styles.length > 0 ? styles.join(' ') : "'none'"}`,
    "img-src 'self' https: data: blob:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  lastPage = html;
  lastPolicy = policy;
  return policy;
}
