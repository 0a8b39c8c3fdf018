/**
 * What every use case receives: `ctx = { db, tenant, actor, now, request }`.
 * Transport-free: the API builds it from the HTTP request, tests build it by hand.
 */
import type { Db } from '@/db/client';
import type { MemberRole } from '@/db/schema';

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  locale: string;
}

export type Actor =
  | { type: 'anonymous' }
  | { type: 'user'; userId: string; email: string; name: string; role: MemberRole | null }
  | { type: 'system'; name: string };

export interface RequestMeta {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** The caller's language when it is one we write (Accept-Language): rule reasons use it. */
  locale?: 'en' | 'es';
}

export interface Ctx {
  db: Db;
  /** The organization the request acts in; null for tenant-less calls (GET /me, sign-up). */
  tenant: Tenant | null;
  actor: Actor;
  /** The request's clock reading: one instant per request, injected so tests control it. */
  now: Date;
  request: RequestMeta;
}

export const noRequest: RequestMeta = { requestId: null, ip: null, userAgent: null };
