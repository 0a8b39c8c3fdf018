/**
 * The API's security headers, on every answer it gives: success, 404, the error envelope and
 * Better Auth's own responses. The server sets the same table on the socket first (see
 * src/server.ts); setting them here too keeps the in-process app (tests, other hosts) honest.
 */
import type { MiddlewareHandler } from 'hono';
import { API_CSP, baseSecurityHeaders } from '@/lib/security-headers';
import type { ApiEnv } from '@/api/types';

export function securityHeaders(baseUrl: string): MiddlewareHandler<ApiEnv> {
  const httpsBase = baseUrl.startsWith('https://');
  const plain = baseSecurityHeaders(false);
  const secure = baseSecurityHeaders(true);
  return async (c, next) => {
    await next();
    // HSTS only over https: the configured public URL says so, or this request came over TLS.
    const headers = httpsBase || c.req.url.startsWith('https://') ? secure : plain;
    for (const [name, value] of headers) c.res.headers.set(name, value);
    // A page the API serves itself (the reference at /api/docs) brings its own page policy.
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', API_CSP);
  };
}
