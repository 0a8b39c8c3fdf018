/** Rows → the module's answers (schemas.ts). */
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { orderEvents, orderLines, type orders, payments, type promoCodes } from '@/db/schema';
import { iso } from '@/lib/dto';
import { type OrderTicketDto, orderTickets } from '@/modules/events';
import { type GuestLoyaltyDto, loyaltyForEmail } from '@/modules/loyalty';
import { allowedActions } from './state-machine';
import type { OrderDto, OrderSummaryDto, PromoCodeDto, PublicOrderDto } from './schemas';

export type OrderRow = typeof orders.$inferSelect;

const totals = (o: OrderRow) => ({
  currency: o.currency,
  subtotalMinor: o.subtotalMinor,
  discountMinor: o.discountMinor,
  shippingMinor: o.shippingMinor,
  taxMinor: o.taxMinor,
  totalMinor: o.totalMinor,
});

const points = (o: OrderRow) => ({ redeemed: o.pointsRedeemed, discountMinor: o.pointsDiscountMinor });

export function presentOrderSummary(o: OrderRow): OrderSummaryDto {
  return { id: o.id, number: o.number, status: o.status, email: o.email, name: o.name, fulfilment: o.fulfilment, totals: totals(o), points: points(o), paymentProvider: o.paymentProvider, placedAt: iso(o.placedAt) };
}

async function detailsOf(db: Executor, o: OrderRow) {
  const lines = await db.select().from(orderLines).where(and(eq(orderLines.organizationId, o.organizationId), eq(orderLines.orderId, o.id))).orderBy(asc(orderLines.position));
  const events = await db.select().from(orderEvents).where(and(eq(orderEvents.organizationId, o.organizationId), eq(orderEvents.orderId, o.id))).orderBy(asc(orderEvents.createdAt), asc(orderEvents.id));
  const [payment] = await db.select().from(payments).where(and(eq(payments.organizationId, o.organizationId), eq(payments.orderId, o.id)));
  return { lines, events, payment };
}

const lineDto = (l: typeof orderLines.$inferSelect) => ({
  id: l.id,
  variantId: l.variantId,
  productId: l.productId,
  sku: l.sku,
  productTitle: l.productTitle,
  variantTitle: l.variantTitle,
  unitPriceMinor: l.unitPriceMinor,
  quantity: l.quantity,
  discountMinor: l.discountMinor,
  lineTotalMinor: l.lineTotalMinor,
});

export async function presentOrder(db: Executor, o: OrderRow): Promise<OrderDto> {
  const { lines, events, payment } = await detailsOf(db, o);
  return {
    ...presentOrderSummary(o),
    phone: o.phone,
    address: o.address ? Object.fromEntries(Object.entries(o.address).filter(([, v]) => typeof v === 'string')) : null,
    promoCode: o.promoCode,
    taxRatePpm: o.taxRatePpm,
    payment: payment ? { provider: payment.provider, status: payment.status } : null,
    holdExpiresAt: iso(o.holdExpiresAt),
    cancelReason: o.cancelReason,
    lines: lines.map(lineDto),
    history: events.map((e) => ({ id: e.id, action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, actorType: e.actorType, note: e.note, createdAt: iso(e.createdAt) })),
    allowedActions: allowedActions(o.status),
  };
}

/** The secret link's view: the buyer's own order; no email, phone, address, ids or staff notes. */
export async function presentPublicOrder(db: Executor, o: OrderRow): Promise<PublicOrderDto> {
  const { lines, events } = await detailsOf(db, o);
  const tickets = (await orderTickets(db, o.organizationId, [o.id])).get(o.id) ?? [];
  return publicOrderOf(
    o,
    lines,
    events,
    tickets.map(({ rawCode: _raw, ...t }) => t),
    await loyaltyForEmail(db, o.organizationId, o.email, o.currency),
  );
}

/** The same view from rows at hand (the checkout has just written them: no second read). */
export function publicOrderOf(o: OrderRow, lines: (typeof orderLines.$inferSelect)[], events: (typeof orderEvents.$inferSelect)[], tickets: OrderTicketDto[] = [], loyalty: GuestLoyaltyDto | null = null): PublicOrderDto {
  return {
    number: o.number,
    status: o.status,
    name: o.name,
    fulfilment: o.fulfilment,
    totals: totals(o),
    points: points(o),
    promoCode: o.promoCode,
    lines: lines.map((l) => {
      const { id: _id, variantId: _variantId, productId: _productId, ...shown } = lineDto(l);
      return shown;
    }),
    paymentProvider: o.paymentProvider,
    placedAt: iso(o.placedAt),
    history: events.map((e) => ({ toStatus: e.toStatus, createdAt: iso(e.createdAt) })),
    tickets,
    loyalty,
  };
}

export function presentPromoCode(p: typeof promoCodes.$inferSelect): PromoCodeDto {
  return {
    id: p.id,
    code: p.code,
    description: p.description,
    kind: p.kind,
    value: p.value,
    scope: p.scope,
    productIds: p.productIds,
    categoryIds: p.categoryIds,
    minSubtotalMinor: p.minSubtotalMinor,
    startsAt: iso(p.startsAt),
    endsAt: iso(p.endsAt),
    usageLimit: p.usageLimit,
    perCustomerLimit: p.perCustomerLimit,
    firstOrderOnly: p.firstOrderOnly,
    active: p.active,
    timesUsed: p.timesUsed,
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}
