/**
 * The API's security headers, on every answer it gives: success, 404, the error envelope and
 * Better Auth's own responses. Under the node server they go on the socket's response before
 * the handler runs (src/api/answer-headers.ts), and an answer that brings its own CSP (the
 * API reference's page) keeps it; in process they are set on the Response afterwards.
 */
import type { MiddlewareHandler } from 'hono';
import { socketResponse } from '@/api/answer-headers';
import { API_CSP, baseSecurityHeaders } from '@/lib/security-headers';
import type { ApiEnv } from '@/api/types';

export function securityHeaders(baseUrl: string): MiddlewareHandler<ApiEnv> {
  const httpsBase = baseUrl.startsWith('https://');
  const plain = baseSecurityHeaders(false);
  const secure = baseSecurityHeaders(true);
  return async (c, next) => {
    // HSTS only over https: the configured public URL says so, or this request came over TLS.
    const headers = httpsBase || c.req.url.startsWith('https://') ? secure : plain;
    const socket = socketResponse(c);
    if (socket) {
      for (const [name, value] of headers) socket.setHeader(name, value);
      socket.setHeader('Content-Security-Policy', API_CSP);
      return next();
    }
    await next();
    for (const [name, value] of headers) c.res.headers.set(name, value);
    // A page the API serves itself (the reference at /api/docs) brings its own page policy.
    if (!c.res.headers.has('Content-Security-Policy')) c.res.headers.set('Content-Security-Policy', API_CSP);
  };
}
