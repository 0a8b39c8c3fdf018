/**
 * CSRF: a state-changing request (anything but GET/HEAD/OPTIONS) must come from Bookline's own
 * origin, the one BASE_URL names. Runs for Better Auth's routes and ours alike, in every
 * NODE_ENV (Better Auth skips its own check under test, and only checks when cookies are sent).
 *
 * The browser tells us where a request comes from (a page cannot forge either header):
 * - `Sec-Fetch-Site: cross-site | same-site` → refused;
 * - `Origin` present → must be ours: BASE_URL's origin, or when BASE_URL is not set, any
 *   loopback spelling of the port (localhost, 127.0.0.1, [::1]; see env.ts). `null`, sent by
 *   sandboxed frames and some redirects, is refused;
 * - no Origin but `Sec-Fetch-Site: same-origin` → accepted;
 * - neither → refused when the request carries cookies (a session a forged request could ride)
 *   or targets /api/auth/* (login CSRF: signing a victim into the attacker's account needs no
 *   cookie), else accepted: a client that sends no cookies has no session to abuse, and
 *   non-browser clients (curl, server-to-server) send neither header.
 * A foreign Origin is refused even without cookies: the pages are same-origin, no CORS is
 * offered, and a foreign page must not spend its visitors' per-IP booking quota.
 */
import type { MiddlewareHandler } from 'hono';
import { forbidden } from '@/lib/errors';
import { routePattern } from '@/api/metrics';
import type { ApiEnv } from '@/api/types';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const AUTH_PREFIX = '/api/auth/';

type CsrfRefusal = 'cross-site' | 'null-origin' | 'foreign-origin' | 'unverifiable';

interface CsrfRequest {
  method: string;
  path: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  hasCookies: boolean;
}

/** Why this request must be refused, or null when it may proceed. */
function csrfRefusal(req: CsrfRequest, allowed: ReadonlySet<string>): CsrfRefusal | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const site = req.secFetchSite?.trim().toLowerCase();
  if (site === 'cross-site' || site === 'same-site') return 'cross-site';
  if (req.origin !== undefined) {
    if (req.origin === 'null') return 'null-origin';
    return allowed.has(req.origin) ? null : 'foreign-origin';
  }
  if (site === 'same-origin') return null;
  return req.hasCookies || req.path.startsWith(AUTH_PREFIX) ? 'unverifiable' : null;
}

function message(refusal: CsrfRefusal, origin: string | undefined, expected: string, allowed: readonly string[]): string {
  switch (refusal) {
    case 'cross-site':
      return `Cross-site request refused: changes must come from ${expected}.`;
    case 'null-origin':
      return `Request refused: an opaque origin (Origin: null) cannot make changes; use ${expected}.`;
    case 'foreign-origin':
      return allowed.length === 1
        ? `Request refused: origin ${String(origin).slice(0, 200)} is not ${expected} (the server's BASE_URL). Open the app at ${expected}, or set BASE_URL to the address you use.`
        : `Request refused: origin ${String(origin).slice(0, 200)} is not one of ${allowed.join(', ')}. Open the app at ${expected}, or set BASE_URL to the address you use.`;
    case 'unverifiable':
      return `Request refused: its origin could not be verified. Send an Origin header of ${expected}.`;
  }
}

/** `origins`: the origins that are ours (env's `origins`); the first is the one we advertise. */
export function csrfGuard(origins: readonly string[]): MiddlewareHandler<ApiEnv> {
  const allowedList = origins.map((o) => new URL(o).origin);
  const allowed = new Set(allowedList);
  const expected = allowedList[0]!;
  return async (c, next) => {
    // A read changes nothing: no header to look at (csrfRefusal says the same, later).
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const refusal = csrfRefusal(
      {
        method: c.req.method,
        path: c.req.path,
        origin,
        secFetchSite: c.req.header('sec-fetch-site'),
        hasCookies: !!c.req.header('cookie')?.trim(),
      },
      allowed,
    );
    if (refusal) {
      c.get('log').warn({ refusal, origin, secFetchSite: c.req.header('sec-fetch-site'), route: routePattern(c) }, 'csrf check refused a request');
      throw forbidden(message(refusal, origin, expected, allowedList), { reason: 'CSRF', check: refusal, expected: allowedList });
    }
    await next();
  };
}
