/** Request id, child logger and the base ctx (anonymous actor, the request's clock reading). */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { socketResponse } from '@/api/answer-headers';
import { routePattern } from '@/api/metrics';
import { NO_TRUSTED_PROXIES, resolveClientAddress, type TrustedProxies } from '@/lib/client-address';
import { readDb } from '@/db/client';
import { newId } from '@/lib/ids';
import type { ApiDeps, ApiEnv } from '@/api/types';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function socketAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // in-process app.request() has no socket
  }
}

/** The socket's address, or the first untrusted X-Forwarded-For hop behind trusted proxies. */
function clientIp(c: Context, trusted: TrustedProxies): string | null {
  return resolveClientAddress(socketAddress(c), c.req.header('x-forwarded-for'), trusted);
}

export function requestContext(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  const trusted = deps.trustedProxies ?? NO_TRUSTED_PROXIES;
  const reads = readDb(deps.database);
  return async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : `req_${newId('audit').slice(4)}`;
    c.set('requestId', requestId);
    // Every answer carries the id (Better Auth's and thrown errors' too): on the socket's
    // response under the node server, on the Response after the handler in process.
    const socket = socketResponse(c);
    socket?.setHeader('X-Request-Id', requestId);
    const log = deps.logger.child({ requestId });
    c.set('log', log);
    c.set('readDb', reads);
    c.set('ctx', {
      db: deps.database.db,
      tenant: null,
      actor: { type: 'anonymous' },
      now: deps.clock(),
      request: { requestId, ip: clientIp(c, trusted), userAgent: c.req.header('user-agent') ?? null, locale: preferredLocale(c.req.header('accept-language')) },
    });
    const started = performance.now();
    await next();
    if (!socket) c.res.headers.set('X-Request-Id', requestId);
    // The route pattern, not the path: paths carry secrets (a manage link's token, a reset
    // token) and ids; the pattern is what an operator needs and is bounded.
    log.info({ method: c.req.method, route: routePattern(c), status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  };
}

/** The first of en or es the Accept-Language header names (answers that speak to people: rule reasons). */
export function preferredLocale(header: string | undefined): 'en' | 'es' | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.split('-')[0]!, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((r) => r.lang === 'en' || r.lang === 'es')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang as 'en' | 'es' | undefined;
}
