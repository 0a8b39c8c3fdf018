/**
 * The booking an order pays for (a party's deposit or balance: orders.purpose and booking_id),
 * as the order's public status page names it: the service in the visitor's language, the
 * booking's start and the venue's zone, and by when an online payment must be made. Read with
 * the same secret link as the order; a shop order (or an unknown link) has none: null. Writes
 * nothing, returns nobody's contact data.
 */
import { and, eq } from 'drizzle-orm';
import { bookings, orders, services } from '@/db/schema';
import { sha256 } from '@/lib/crypto';
import { type Ctx, tenantTx } from '@/modules/kernel';
import { shopCtx } from './public-tenant';

export interface PublicOrderBooking {
  purpose: 'deposit' | 'balance';
  serviceName: string;
  /** ISO instant. */
  start: string;
  timezone: string;
  /** An online payment not made by then releases the booking; null for a manual one. */
  holdExpiresAt: string | null;
}

export async function getPublicOrderBooking(baseCtx: Ctx, slug: string, token: string, lang: string): Promise<PublicOrderBooking | null> {
  const ctx = await shopCtx(baseCtx, slug);
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [row] = await tx
      .select({
        purpose: orders.purpose,
        holdExpiresAt: orders.holdExpiresAt,
        start: bookings.startsAt,
        serviceName: services.name,
        translations: services.translations,
      })
      .from(orders)
      .innerJoin(bookings, and(eq(bookings.organizationId, orders.organizationId), eq(bookings.id, orders.bookingId)))
      .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
      .where(and(eq(orders.organizationId, orgId), eq(orders.statusTokenHash, sha256(token))));
    if (!row || row.purpose === 'shop') return null;
    const translated = (row.translations as Record<string, { name?: string } | undefined>)[lang]?.name?.trim();
    return {
      purpose: row.purpose,
      serviceName: translated || row.serviceName,
      start: row.start.toISOString(),
      timezone: ctx.tenant.timezone,
      holdExpiresAt: row.holdExpiresAt?.toISOString() ?? null,
    };
  });
}
