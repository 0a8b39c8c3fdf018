import { notFound } from '@/lib/errors';
import type { z } from 'zod';
import { chooseAddons, extraMinutesOf } from '@/modules/catalog';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { databaseTimeZone, findTenantBySlug } from '@/modules/organizations';
import { findSlots, PUBLIC_SLOT_LIMITS, type SlotSearch, toIsoInZone } from './find-slots';
import type { AvailabilityDto, availabilityQuery } from './schemas';

/** The bounded search an availability query asks for (public, or as a member sees it). */
export function availabilitySearch(tenant: { id: string; timezone: string }, zone: string, q: z.output<typeof availabilityQuery>, now: Date, extraMinutes = 0): SlotSearch {
  return {
    organizationId: tenant.id,
    orgTimezone: tenant.timezone,
    serviceId: q.serviceId,
    resourceId: q.resourceId,
    from: q.from,
    to: q.to,
    timezone: zone,
    now,
    seats: q.seats,
    limits: PUBLIC_SLOT_LIMITS,
    extraMinutes,
  };
}

/**
 * Public availability of a service: `{ timezone, slots: [{ start, end, resourceIds, remaining }], nextFrom }`
 * with times as ISO 8601 in the requested zone (default: the organization's). No personal data.
 * One answer is bounded (PUBLIC_SLOT_LIMITS): it covers whole days from `from`, and when it
 * stops early `nextFrom` is the first date it left out (ask again from there); null when it
 * covers the window. A single day too large to answer is a 422.
 */
export async function getAvailability(ctx: Ctx, slug: string, q: z.output<typeof availabilityQuery>): Promise<AvailabilityDto> {
  const tenant = await findTenantBySlug(ctx.db, slug);
  if (!tenant) throw notFound('Organization');
  // The database's list is read once per process, so this costs no query per request.
  const zone = q.timezone ? await databaseTimeZone(ctx.db, q.timezone, 'timezone', 'availability query') : tenant.timezone;
  const result = await tenantTx(
    ctx,
    async (tx) => {
      // Add-ons that lengthen the booking: slots of the longer duration.
      const extra = q.addons?.length ? extraMinutesOf(await chooseAddons(tx, tenant.id, q.serviceId, q.addons)) : 0;
      return findSlots(tx, availabilitySearch(tenant, zone, q, ctx.now, extra));
    },
    tenant.id,
  );
  if (!result || !result.data.service.active) throw notFound('Service');
  if (q.resourceId && result.data.resources.length === 0) throw notFound('Resource');
  return {
    timezone: zone,
    organizationTimezone: tenant.timezone,
    serviceId: q.serviceId,
    bookingMode: result.data.service.bookingMode,
    slots: result.slots.map((s) => ({
      start: toIsoInZone(s.start, zone),
      end: toIsoInZone(s.end, zone),
      resourceIds: s.resourceIds,
      remaining: s.remaining,
    })),
    nextFrom: result.nextFrom,
  };
}
