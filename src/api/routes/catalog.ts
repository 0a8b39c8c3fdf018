import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '@/api/types';

/** `/api/v1/orgs/:slug/…` catalog: services, resources, schedules. Mounted under the tenant middleware. */
export function catalogRoutes(_deps: ApiDeps) {
  return new Hono<ApiEnv>();
}

/** `/api/v1/public/orgs/:slug/…` public catalog. */
export function publicCatalogRoutes() {
  return new Hono<ApiEnv>();
}
