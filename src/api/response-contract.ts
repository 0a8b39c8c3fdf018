/**
 * Holds every JSON answer of /api/v1 to the schema its route declares. On in tests (the
 * harness turns it on), so a use case whose DTO drifts from its declared schema fails the
 * suite instead of surprising the client; off in production, where it would only cost time.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { z } from 'zod';
import { errorEnvelope } from '@/api/schemas';
import type { ApiEnv } from '@/api/types';

type Responses = Record<string, { content?: Record<string, { schema?: unknown }> }>;

export function responseContract(v1: OpenAPIHono<ApiEnv>, prefix: string): MiddlewareHandler<ApiEnv> {
  let index: Map<string, Responses> | undefined;
  const build = () => {
    const map = new Map<string, Responses>();
    for (const def of v1.openAPIRegistry.definitions) {
      if (def.type !== 'route') continue;
      const path = `${prefix}${def.route.path.replace(/\{([^}]+)\}/g, ':$1')}`;
      map.set(`${def.route.method.toUpperCase()} ${path}`, def.route.responses as Responses);
    }
    return map;
  };
  return async (c, next) => {
    await next();
    const route = matchedRoutes(c).at(-1);
    if (!route) return;
    index ??= build();
    const responses = index.get(`${c.req.method} ${route.path}`);
    if (!responses) return;
    const declared = responses[String(c.res.status)];
    // Every success must be declared; errors not listed per route (413, 503…) still have to be the envelope.
    if (!declared && c.res.status < 400) throw new Error(`${c.req.method} ${route.path} answered ${c.res.status}, which its route does not declare`);
    const schema = (declared ? declared.content?.['application/json']?.schema : errorEnvelope) as z.ZodType | undefined;
    if (!schema || !c.res.headers.get('content-type')?.startsWith('application/json')) return;
    const body = await c.res.clone().json();
    const result = schema.safeParse(body);
    if (!result.success) {
      const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new Error(`${c.req.method} ${route.path} answered ${c.res.status} with a body its declared schema refuses: ${issues.join('; ')}`);
    }
  };
}
