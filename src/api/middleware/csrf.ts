/**
 * CSRF: a state-changing request (anything but GET/HEAD/OPTIONS) must come from Bookline's own
 * origin, the one BASE_URL names. Runs for Better Auth's routes and ours alike, in every
 * NODE_ENV (Better Auth skips its own check under test, and only checks when cookies are sent).
 *
 * The browser tells us where a request comes from (a page cannot forge either header):
 * - `Sec-Fetch-Site: cross-site | same-site` → refused;
 * - `Origin` present → must equal BASE_URL's origin (`null`, sent by sandboxed frames and
 *   some redirects, is refused);
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
function csrfRefusal(req: CsrfRequest, expectedOrigin: string): CsrfRefusal | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const site = req.secFetchSite?.trim().toLowerCase();
  if (site === 'cross-site' || site === 'same-site') return 'cross-site';
  if (req.origin !== undefined) {
    if (req.origin === 'null') return 'null-origin';
    return req.origin === expectedOrigin ? null : 'foreign-origin';
  }
  if (site === 'same-origin') return null;
  return req.hasCookies || req.path.startsWith(AUTH_PREFIX) ? 'unverifiable' : null;
}

function message(refusal: CsrfRefusal, origin: string | undefined, expected: string): string {
  switch (refusal) {
    case 'cross-site':
      return `Cross-site request refused: changes must come from ${expected}.`;
    case 'null-origin':
      return `Request refused: an opaque origin (Origin: null) cannot make changes; use ${expected}.`;
    case 'foreign-origin':
      return `Request refused: origin ${String(origin).slice(0, 200)} is not ${expected} (the server's BASE_URL).`;
    case 'unverifiable':
      return `Request refused: its origin could not be verified. Send an Origin header of ${expected}.`;
  }
}

export function csrfGuard(baseUrl: string): MiddlewareHandler<ApiEnv> {
  const expected = new URL(baseUrl).origin;
  return async (c, next) => {
    const origin = c.req.header('origin');
    const refusal = csrfRefusal(
      {
        method: c.req.method,
        path: c.req.path,
        origin,
        secFetchSite: c.req.header('sec-fetch-site'),
        hasCookies: !!c.req.header('cookie')?.trim(),
      },
      expected,
    );
    if (refusal) {
      c.var.log.warn({ refusal, origin, secFetchSite: c.req.header('sec-fetch-site'), route: routePattern(c) }, 'csrf check refused a request');
      throw forbidden(message(refusal, origin, expected), { reason: 'CSRF', check: refusal });
    }
    await next();
  };
}
