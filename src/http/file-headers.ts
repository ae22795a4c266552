/**
 * Headers for a file we serve from our own origin (the Telegram file proxy). A file's type comes
 * from whoever uploaded it; served as `text/html` (or SVG, XML, JavaScript) from our origin it
 * would run script with our cookies and page. So only images and PDF documents are shown inline,
 * with a type from a fixed list; everything else is an `application/octet-stream` attachment.
 * The response also gets a sandboxing CSP.
 *
 * @example
 * fileHeaders('photos/file_1.jpg', 'application/octet-stream');
 * // { 'content-type': 'image/jpeg', 'content-disposition': 'inline; filename="file_1.jpg"', ... }
 */
const INLINE_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  avif: 'image/avif',
  pdf: 'application/pdf',
};
const INLINE_MIME = new Set(Object.values(INLINE_TYPES));

/** An ASCII-only file name for the header, plus the UTF-8 one (RFC 6266 / 5987). */
function dispositionName(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The headers for serving a file whose path (or name) is `path` and whose upstream content type
 * is `upstreamType`.
 */
export function fileHeaders(path: string, upstreamType: string | null | undefined): Record<string, string> {
  const name = (path.split('/').pop() || 'file').slice(0, 200);
  const extension = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const declared = (upstreamType ?? '').split(';')[0]!.trim().toLowerCase();
  // A name with an extension decides; only a name without one falls back to the declared type.
  const type = extension ? INLINE_TYPES[extension] : INLINE_MIME.has(declared) ? declared : undefined;
  return {
    'content-type': type ?? 'application/octet-stream',
    'content-disposition': `${type ? 'inline' : 'attachment'}; ${dispositionName(name)}`,
    'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
  };
}
