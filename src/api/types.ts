import type { RateLimits } from '@/api/middleware/rate-limit';
import type { ChallengeKeys } from '@/api/middleware/sign-in-challenge';
import type { Database, Db } from '@/db/client';
import type { TrustedProxies } from '@/lib/client-address';
import type { Clock } from '@/lib/clock';
import type { Logger } from '@/lib/logger';
import type { Auth } from '@/modules/identity';
import type { Ctx } from '@/modules/kernel';
import type { Realtime } from '@/modules/realtime';
import type { WebhookSettings } from '@/modules/webhooks';

export interface ApiDeps {
  database: Database;
  auth: Auth;
  clock: Clock;
  logger: Logger;
  /** Limits and their store; unset: the env's limits, counted in this process's memory. */
  rateLimits?: RateLimits;
  /** Proxies whose X-Forwarded-For hop is believed; unset: none (the socket's address counts). */
  trustedProxies?: TrustedProxies;
  /** Bearer token for GET /api/v1/metrics; without one the endpoint does not exist (404). */
  metricsToken?: string;
  /** The process's state, set by the server: while draining, /ready answers 503. */
  lifecycle?: Lifecycle;
  /** The public URL (default: env().BASE_URL): the only Origin allowed to make changes; https turns HSTS on. */
  baseUrl?: string;
  /** Check every /api/v1 JSON answer against its route's declared schema (tests): a mismatch is a 500. */
  checkResponses?: boolean;
  /** Origins allowed to make changes (default: env().origins, or baseUrl's alone when given). */
  origins?: string[];
  /** Webhook settings over the env's (WEBHOOKS_*): tests allow loopback receivers, or fake name resolution. */
  webhooks?: Partial<WebhookSettings>;
  /** Live streams and the publisher (modules/realtime); unset: the stream routes answer 503. */
  realtime?: Realtime;
}

export interface Lifecycle {
  draining: boolean;
}

export interface ApiEnv {
  Variables: {
    requestId: string;
    log: Logger;
    ctx: Ctx;
    /** Where the request's stale-tolerant reads go (readDb: the replica, or the primary); see src/api/read-replica.ts. */
    readDb: Db;
    /** The limits and their store, for the limits a route declares (set by apiLimit). */
    rateLimits?: RateLimits;
    /** Keys of the public-form challenge (public-challenge.ts), derived from the auth secret. */
    publicChallengeKeys?: ChallengeKeys;
    /** What a booking-creating use case did: metrics and limit refunds read it, never a header. */
    bookingOutcome?: 'created' | 'replayed';
    /** What the checkout did (a replay places no new order): the checkout limit gives back the rest. */
    orderOutcome?: 'created' | 'replayed';
  };
}
