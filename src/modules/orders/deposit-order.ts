/**
 * Orders that pay for a booking (orders.purpose 'deposit' or 'balance', orders.booking_id): a
 * party package's deposit is taken through the shop's checkout machinery — the same payment
 * providers, status page, hold expiry and state machine — but the order has no lines and holds
 * no stock (fulfilment 'pickup': nothing is shipped; the party happens at the venue).
 *
 * Placed inside the booking's transaction (bookings/place-booking.ts), after the booking row:
 * a new order row locks nothing anyone else waits for. When the order's status changes
 * (apply-transition.ts), the booking follows (bookings/deposits.ts): paid → confirmed;
 * expired, declined or cancelled before payment → the booking is released.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { orders, type PaymentProviderName } from '@/db/schema';
import { ruleViolation } from '@/lib/errors';
import { newId } from '@/lib/ids';
import type { Ctx, Tenant } from '@/modules/kernel';
import { insertPlacedOrder } from './insert-order';
import { issueStatusToken, openStatusToken, orderNumber, statusUrl } from './order-links';
import { paymentProviders, providerAvailable } from './payments';
import type { OrderRow } from './present';
import { readShopSettings } from './shop-settings';

export interface BookingOrderRequest {
  tenant: Tenant;
  bookingId: string;
  purpose: 'deposit' | 'balance';
  amountMinor: number;
  currency: string;
  contact: { name: string; email: string; phone?: string | null };
  locale: 'en' | 'es';
  provider: PaymentProviderName;
}

export interface PlacedBookingOrder {
  order: OrderRow;
  token: string;
  paymentId: string;
}

/** Writes the order, its payment row and its first event; no audit row (the booking's is the request's one). */
export async function placeBookingOrder(tx: Tx, ctx: Ctx, r: BookingOrderRequest): Promise<PlacedBookingOrder> {
  if (!providerAvailable(r.provider)) throw ruleViolation(`The ${r.provider} payment provider is not offered here.`, { reason: 'payment_provider_unavailable' });
  const orgId = r.tenant.id;
  const provider = paymentProviders[r.provider];
  const settings = await readShopSettings(tx, orgId);
  const orderId = newId('order');
  const link = issueStatusToken(orderId);
  // An online payment must complete within the shop's checkout hold, or the booking is released
  // by the same sweep that releases checkouts (expire-holds.ts); a manual one waits for staff.
  const holdExpiresAt = provider.online ? new Date(ctx.now.getTime() + settings.checkoutHoldMinutes * 60_000) : null;
  const { order, paymentId } = await insertPlacedOrder(
    tx,
    ctx,
    orderId,
    {
      organizationId: orgId,
      number: orderNumber(),
      // No lines, so nothing is reserved; 'returned' says no stock is held by this order.
      stockState: 'returned',
      currency: r.currency,
      email: r.contact.email,
      name: r.contact.name,
      phone: r.contact.phone ?? null,
      fulfilment: 'pickup',
      address: null,
      locale: r.locale,
      userId: ctx.actor.type === 'user' ? ctx.actor.userId : null,
      subtotalMinor: r.amountMinor,
      discountMinor: 0,
      shippingMinor: 0,
      taxMinor: 0,
      totalMinor: r.amountMinor,
      taxRatePpm: 0,
      paymentProvider: provider.name,
      purpose: r.purpose,
      bookingId: r.bookingId,
      statusTokenHash: link.hash,
      statusTokenSealed: link.sealed,
      holdExpiresAt,
    },
    { actorType: ctx.actor.type === 'user' ? 'user' : 'guest', actorUserId: ctx.actor.type === 'user' ? ctx.actor.userId : null, note: `${r.purpose} of booking ${r.bookingId}` },
  );
  return { order, token: link.token, paymentId };
}

/** A booking order as the booking's answers show it, with its status link. */
export function presentBookingOrder(order: OrderRow, slug: string) {
  const token = openStatusToken(order.statusTokenSealed, order.id) ?? '';
  return {
    orderId: order.id,
    number: order.number,
    status: order.status,
    amountMinor: order.totalMinor,
    currency: order.currency,
    statusUrl: statusUrl(slug, token),
    holdExpiresAt: order.holdExpiresAt?.toISOString() ?? null,
  };
}

export async function findOrder(tx: Tx, orgId: string, orderId: string): Promise<OrderRow | null> {
  const [row] = await tx.select().from(orders).where(and(eq(orders.organizationId, orgId), eq(orders.id, orderId)));
  return row ?? null;
}
