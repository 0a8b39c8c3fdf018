/**
 * An order placed for an event waitlist entry (modules/event-waitlist): its ticket lines, fulfilment
 * 'digital', status pending_payment with the shop's online provider, holding its seats until
 * `holdExpiresAt`. The seats are taken by the checkout's own statements (stock.ts: one conditional
 * UPDATE per stock item, the ticket type's and the event's capacity pool, in id order) after the
 * order row, so an offer can never oversell and an offer racing checkouts for the last seat gets it
 * at most once. When the hold ends unpaid, the checkout hold sweep (expire-holds.ts) cancels it.
 *
 * Inside the caller's transaction; no audit row (the caller's is the operation's one). When the
 * seats are no longer free it answers `{ ok: false }` and the caller must roll back (rows written).
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { orderLines, type PaymentProviderName, productVariants, products } from '@/db/schema';
import { newId } from '@/lib/ids';
import type { Ctx, Tenant } from '@/modules/kernel';
import { insertPlacedOrder } from './insert-order';
import { issueStatusToken, orderNumber } from './order-links';
import { paymentProviders, providerAvailable } from './payments';
import type { OrderRow } from './present';
import { totalsOf } from './pricing';
import { readShopSettings } from './shop-settings';
import { reserveStock, sumNeeds } from './stock';

export interface TicketHoldRequest {
  tenant: Tenant;
  variantId: string;
  quantity: number;
  contact: { name: string; email: string };
  locale: 'en' | 'es';
  holdMinutes: number;
  /** The order history's note (which waitlist entry it holds seats for). */
  note: string;
}

export type TicketHoldOutcome = { ok: true; order: OrderRow; paymentId: string } | { ok: false; reason: 'no_seats' | 'not_a_ticket' };

/** The online provider a held order is paid with (the test provider outside production); manual when none is offered. */
export function holdProvider(): PaymentProviderName {
  const online = (Object.values(paymentProviders) as (typeof paymentProviders)[PaymentProviderName][]).find((p) => p.online && providerAvailable(p.name));
  return online?.name ?? 'manual';
}

export async function placeTicketHoldOrder(tx: Tx, ctx: Ctx, r: TicketHoldRequest): Promise<TicketHoldOutcome> {
  const orgId = r.tenant.id;
  const [row] = await tx
    .select({ variant: productVariants, product: products })
    .from(productVariants)
    .innerJoin(products, and(eq(products.organizationId, productVariants.organizationId), eq(products.id, productVariants.productId)))
    .where(and(eq(productVariants.organizationId, orgId), eq(productVariants.id, r.variantId)));
  if (!row || row.product.kind !== 'ticket') return { ok: false, reason: 'not_a_ticket' };
  const { variant, product } = row;
  const settings = await readShopSettings(tx, orgId);
  const subtotal = variant.priceMinor * r.quantity;
  const totals = totalsOf(subtotal, 0, 'digital', settings);
  const provider = paymentProviders[holdProvider()];
  const orderId = newId('order');
  const link = issueStatusToken(orderId);
  const holdExpiresAt = new Date(ctx.now.getTime() + r.holdMinutes * 60_000);
  // 1. The order row (nobody waits on a new row), its payment and history, 2. its lines, 3. the seats, last.
  const { order, paymentId } = await insertPlacedOrder(
    tx,
    ctx,
    orderId,
    {
      organizationId: orgId,
      number: orderNumber(),
      stockState: 'reserved',
      currency: r.tenant.currency,
      email: r.contact.email,
      name: r.contact.name,
      phone: null,
      fulfilment: 'digital',
      address: null,
      locale: r.locale,
      userId: null,
      ...totals,
      taxRatePpm: settings.taxRatePpm,
      paymentProvider: provider.name,
      statusTokenHash: link.hash,
      statusTokenSealed: link.sealed,
      holdExpiresAt,
    },
    { actorType: 'system', actorUserId: null, note: r.note },
  );
  const units = r.quantity * variant.unitsPerVariant;
  await tx.insert(orderLines).values({
    id: newId('orderLine'),
    organizationId: orgId,
    orderId,
    variantId: variant.id,
    productId: product.id,
    stockItemId: variant.stockItemId,
    sku: variant.sku,
    productTitle: product.title,
    variantTitle: variant.title,
    unitPriceMinor: variant.priceMinor,
    quantity: r.quantity,
    units,
    discountMinor: 0,
    lineTotalMinor: subtotal,
    position: 0,
  });
  const needs = sumNeeds(variant.poolStockItemId ? [{ stockItemId: variant.stockItemId, units }, { stockItemId: variant.poolStockItemId, units }] : [{ stockItemId: variant.stockItemId, units }]);
  const reserved = await reserveStock(tx, orgId, orderId, needs, holdExpiresAt, ctx.now);
  if (!reserved.ok) return { ok: false, reason: 'no_seats' };
  return { ok: true, order, paymentId };
}
