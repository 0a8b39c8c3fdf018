/**
 * The price of a booking before it is made, for anyone on the public site: the same computation
 * the booking stores (price.ts `priceBreakdown`), so the total shown before "Book" is the total
 * booked. It reads the service's price, never anyone's data, and writes nothing (no audit row).
 * It does not say whether the time is free — availability and the booking itself do.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { resources, serviceResources, services } from '@/db/schema';
import { notFound, validationError } from '@/lib/errors';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { toIsoInZone } from '@/modules/scheduling';
import { resolveExtras, priceWithExtras } from './extras';
import { nightsBetween } from './price';
import { MAX_QUOTE_NIGHTS, type QuoteDto, type quoteQuery } from './schemas';

export async function quoteBooking(ctx: Ctx, slug: string, serviceId: string, q: z.output<typeof quoteQuery>): Promise<QuoteDto> {
  const tenant = await findTenantBySlug(ctx.db, slug);
  if (!tenant) throw notFound('Organization');
  return tenantTx(
    ctx,
    async (tx) => {
      const [service] = await tx
        .select()
        .from(services)
        .where(and(eq(services.organizationId, tenant.id), eq(services.id, serviceId), eq(services.active, true)));
      if (!service) throw notFound('Service');
      if (q.resourceId) {
        const [link] = await tx
          .select({ id: resources.id })
          .from(serviceResources)
          .innerJoin(resources, and(eq(resources.organizationId, serviceResources.organizationId), eq(resources.id, serviceResources.resourceId)))
          .where(and(eq(serviceResources.organizationId, tenant.id), eq(serviceResources.serviceId, service.id), eq(serviceResources.resourceId, q.resourceId), eq(resources.active, true)));
        if (!link) throw notFound('Resource');
      }
      // The booking's own checks on seats and a stay's end (reserve.ts checkRequest), as 400s.
      if (service.capacity === 1 && q.seats !== 1) {
        throw validationError('This service is booked one at a time: seats must be 1.', { fields: [{ path: 'seats', message: 'must be 1' }] });
      }
      if (q.seats > service.capacity) {
        throw validationError(`At most ${service.capacity} seats can be booked at once.`, { fields: [{ path: 'seats', message: `must be at most ${service.capacity}` }] });
      }
      const stay = service.bookingMode === 'multi_day';
      if (stay && !q.end) throw validationError('This service is booked by the night: give the check-out time as end.', { fields: [{ path: 'end', message: 'is required' }] });
      const extras = await resolveExtras(tx, tenant.id, service, { addons: q.addons ?? [], children: q.children, adults: q.adults });
      const end = stay ? q.end! : new Date(q.start.getTime() + (service.durationMinutes + extras.extraMinutes) * 60_000);
      if (stay && nightsBetween(q.start, end, tenant.timezone) > MAX_QUOTE_NIGHTS) {
        throw validationError(`A stay lasts at most ${MAX_QUOTE_NIGHTS} nights.`, { fields: [{ path: 'end', message: `must be at most ${MAX_QUOTE_NIGHTS} nights after start` }] });
      }
      const priced = priceWithExtras(service, q.start, end, q.seats, tenant.timezone, extras);
      const price = priced.base;
      return {
        serviceId: service.id,
        resourceId: q.resourceId ?? null,
        start: toIsoInZone(q.start.getTime(), tenant.timezone),
        end: toIsoInZone(end.getTime(), tenant.timezone),
        seats: q.seats,
        unit: price.unit,
        quantity: price.quantity,
        unitPriceMinor: price.unitPriceMinor,
        priceMinor: price.priceMinor,
        currency: service.currency,
        priceFrom: service.priceFrom,
        lines: priced.lines.map((l) => ({ kind: l.kind, addonId: l.addonId, label: l.label, unitPriceMinor: l.unitPriceMinor, quantity: l.quantity, amountMinor: l.amountMinor })),
        extraMinutes: priced.extraMinutes,
        totalMinor: priced.totalMinor,
        depositMinor: priced.depositMinor,
        balanceMinor: priced.balanceMinor,
      };
    },
    tenant.id,
  );
}
