/**
 * Prometheus metrics for one app instance (its own Registry, so several apps in one process,
 * as in the tests, never share or collide). Everything is derived from the answers the API
 * gives and the use cases' outcomes, never from other middleware's internals: a booking
 * created is what the booking use case said it did (`c.get('bookingOutcome')`: a replay is not a
 * new booking), a 409 from a booking-creating route or a reschedule a conflict, any 429 a
 * rate-limit rejection, whoever produced it.
 *
 * Routes are labelled by their pattern (`/api/v1/orgs/:slug/bookings`), never the raw path,
 * so label cardinality is bounded by the route table; requests no route matched are
 * "unmatched".
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ApiEnv } from '@/api/types';
import type { Database } from '@/db/client';

/** Routes that place or move a booking: a 409 there is a taken time (or a lost race). */
const BOOKING_CONFLICT_ROUTES = new Set([
  '/api/v1/public/orgs/:slug/bookings',
  '/api/v1/orgs/:slug/bookings',
  '/api/v1/orgs/:slug/bookings/:bookingId/reschedule',
  '/api/v1/public/bookings/:token/reschedule',
]);
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export interface ApiMetrics {
  registry: Registry;
  middleware: MiddlewareHandler<ApiEnv>;
  /** The exposition text. Process metrics are switched on at the first scrape, so an app
   * nobody scrapes (every test app) starts no event-loop monitors or GC observers. */
  render(): Promise<string>;
  contentType: string;
}

/** The pattern of the route that answered: the first non-middleware route that matched. */
export function routePattern(c: Context): string {
  for (const route of matchedRoutes(c)) {
    if (route.method !== 'ALL') return route.path;
  }
  return 'unmatched';
}

export function createMetrics(database: Database): ApiMetrics {
  const registry = new Registry();

  const duration = new Histogram({
    name: 'bookline_http_request_duration_seconds',
    help: 'Time to answer an API request, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const created = new Counter({
    name: 'bookline_bookings_created_total',
    help: 'Bookings created (201 from a booking-creating route; idempotent replays not counted), by route.',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  const conflicted = new Counter({
    name: 'bookline_bookings_conflicted_total',
    help: 'Booking creations and reschedules refused with 409 (slot taken or lost a race), by route.',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'bookline_rate_limit_rejections_total',
    help: 'Requests answered 429 (rate limited), by route pattern.',
    labelNames: ['route'] as const,
    registers: [registry],
  });

  // Read at scrape time. The embedded database is one connection, always held.
  const poolGauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  const pool = database.kind === 'postgres' ? database.pool : null;
  poolGauge('bookline_db_pool_connections_in_use', 'Database connections checked out by a request or job.', () =>
    pool ? pool.totalCount - pool.idleCount : 1,
  );
  poolGauge('bookline_db_pool_connections_idle', 'Open database connections waiting in the pool.', () => (pool ? pool.idleCount : 0));
  poolGauge('bookline_db_pool_connections_total', 'Open database connections.', () => (pool ? pool.totalCount : 1));
  poolGauge('bookline_db_pool_waiting_requests', 'Queries queued for a free connection.', () => (pool ? pool.waitingCount : 0));
  poolGauge('bookline_db_pool_connections_max', 'Largest number of connections the pool will open.', () => (pool ? pool.options.max ?? 10 : 1));
  // The read replica's pool (DATABASE_READ_URL), only when there is one.
  const replicaPool = database.kind === 'postgres' ? database.replica?.pool : undefined;
  if (replicaPool) {
    poolGauge('bookline_db_replica_pool_connections_in_use', 'Read-replica connections checked out.', () => replicaPool.totalCount - replicaPool.idleCount);
    poolGauge('bookline_db_replica_pool_connections_total', 'Open read-replica connections.', () => replicaPool.totalCount);
    poolGauge('bookline_db_replica_pool_waiting_requests', 'Reads queued for a free read-replica connection.', () => replicaPool.waitingCount);
  }

  const middleware: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const status = c.res.status;
      const route = routePattern(c);
      const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER';
      duration.observe({ method, route, status: String(status) }, (performance.now() - started) / 1000);
      if (status === 429) rateLimited.inc({ route });
      if (c.get('bookingOutcome') === 'created') created.inc({ route });
      else if (method === 'POST' && status === 409 && BOOKING_CONFLICT_ROUTES.has(route)) conflicted.inc({ route });
    }
  };

  let processMetrics = false;
  return {
    registry,
    middleware,
    contentType: registry.contentType,
    render() {
      if (!processMetrics) {
        processMetrics = true;
        collectDefaultMetrics({ register: registry });
      }
      return registry.metrics();
    },
  };
}
