/**
 * The security headers of every answer, in one table shared by the three places that send
 * answers: the node:http server (pages, static files, Next's own 404/error pages), the Hono
 * API, and the Next proxy (the page CSP, which needs a fresh nonce per request).
 * Runtime-neutral (no node: imports): the proxy is bundled by Next.
 */

/** HSTS: a year, subdomains included; sent only when the answer travels over https. */
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/**
 * Powerful features Bookline never uses, switched off for the page and anything it embeds;
 * an injected script cannot ask for the camera or a payment sheet.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** The API answers JSON only: nothing in it may load or run anything, or be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers for every answer, pages and API alike (the CSP is separate: it differs). */
export function baseSecurityHeaders(https: boolean): [name: string, value: string][] {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    // frame-ancestors 'none' in the CSP does the same for browsers that know CSP level 2.
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  if (https) headers.push(['Strict-Transport-Security', HSTS_VALUE]);
  return headers;
}

export interface PageCspOptions {
  /** The request's nonce; without one (static files, a page the proxy did not see) no inline script may run. */
  nonce?: string;
  /** React's development build reconstructs server stacks with eval; production never needs it. */
  dev: boolean;
  /** Served over https: let the browser upgrade any stray http:// subresource. */
  https: boolean;
}

/**
 * The pages' policy. Scripts: only those carrying this request's nonce (Next puts it on its
 * own scripts, read from the CSP request header) and what they load ('strict-dynamic' makes
 * the browser ignore 'self' there, so chunk loading rides on the nonce's trust).
 * Styles: <style>/<link> elements need our origin or the nonce; style *attributes* are
 * allowed inline, because React writes them (recharts, react-big-calendar event boxes,
 * layout widths) and attributes cannot carry a nonce; tried without: recharts'
 * ResponsiveContainer gets no size from its server-rendered style and draws no chart. An injected style attribute can
 * neither run script nor load anything beyond img-src/font-src, which are 'self' only.
 * style-src keeps 'unsafe-inline' as the fallback for browsers without style-src-elem/-attr.
 */
export function pageCsp({ nonce, dev, https }: PageCspOptions): string {
  const nonceSource = nonce ? ` 'nonce-${nonce}'` : '';
  const directives = [
    "default-src 'self'",
    `script-src 'self'${nonceSource}${nonce ? " 'strict-dynamic'" : ''}${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    // Development: Next's dev server injects un-nonced <style> tags for hot reload.
    `style-src-elem 'self'${dev ? " 'unsafe-inline'" : nonceSource}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** 128 random bits, base64 (the alphabet Next's nonce parser accepts). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
