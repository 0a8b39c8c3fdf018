import { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '@/api/types';

/** `/api/v1/orgs/:slug/…` bookings and customers. Mounted under the tenant middleware. */
export function bookingRoutes(_deps: ApiDeps) {
  return new Hono<ApiEnv>();
}

/** `/api/v1/public/…` availability, guest bookings and manage-by-token. */
export function publicBookingRoutes(_deps: ApiDeps) {
  return new Hono<ApiEnv>();
}
