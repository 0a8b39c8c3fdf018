import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { organizations, services } from '@/db/schema';
import { notFound } from '@/lib/errors';
import type { Ctx } from '@/modules/kernel';
import { type FunnelCounter, funnelCounter } from './funnel-counter';
import type { FunnelStep, funnelBeaconInput } from './schemas';

/**
 * A step the booking page reports (service viewed, time chosen): counted in this process's
 * memory, written by the next flush. Anonymous and keeps nothing about the visitor: no
 * cookie, address or id is read or stored. An unknown organization, or a service that is not
 * offered, is a 404 (one lookup on the owner connection: the page is public).
 */
export async function recordFunnelStep(ctx: Ctx, slug: string, input: z.output<typeof funnelBeaconInput>, counter: FunnelCounter = funnelCounter): Promise<void> {
  if (!/^[a-z0-9](-?[a-z0-9])*$/.test(slug) || slug.length > 63) throw notFound('Organization');
  const [row] = await ctx.db
    .select({ serviceId: services.id, active: services.active })
    .from(organizations)
    .leftJoin(services, and(eq(services.organizationId, organizations.id), eq(services.id, input.serviceId)))
    .where(eq(organizations.slug, slug))
    .limit(1);
  if (!row) throw notFound('Organization');
  if (!row.serviceId || !row.active) throw notFound('Service');
  counter.count(slug, input.serviceId, input.step, ctx.now);
}

/** What the public booking route answered, as the funnel counts it. */
export type BookingAttemptOutcome = 'booked' | 'conflict' | 'rule' | 'invalid' | 'other';

/**
 * The server's steps of one guest booking attempt: details submitted, then booked or where it
 * dropped off. Counted by the route after it answered (no statement in the booking's
 * transaction); the slug and service are checked at the flush.
 */
export function recordBookingAttempt(slug: string, serviceId: string, outcome: BookingAttemptOutcome, at: Date, counter: FunnelCounter = funnelCounter): void {
  counter.count(slug, serviceId, 'details_submitted', at);
  if (outcome !== 'other') counter.count(slug, serviceId, outcome satisfies FunnelStep, at);
}
