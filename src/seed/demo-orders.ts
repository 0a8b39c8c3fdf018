/**
 * Bookline Shop's checkout and orders, through the orders module's own use cases, after the
 * products (seeded by the catalog's seed, which may not be there yet: then only the settings and
 * promo codes are made and the orders skipped quietly):
 *  - shop settings: 8.625 % tax, shipping $6.95 (free from $75), pickup at the shop;
 *  - promo codes WELCOME10 (10 %, first order only) and SPRING5 ($5 off from $40, 100 uses);
 *  - five orders as guests would place them, in different statuses: delivered, fulfilled (with
 *    WELCOME10), paid, awaiting payment (pay on pickup, holding its stock) and cancelled;
 *  - product reviews by the buyers of the received orders, through their status links: two
 *    approved (one featured), one waiting in the moderation queue.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { productVariants } from '@/db/schema';
import { type Ctx, noRequest, tenantTx } from '@/modules/kernel';
import { addCartLine, type CartKey, checkout, createPromoCode, orderSchemas, transitionOrder, updateShopSettings } from '@/modules/orders';
import { findTenantBySlug } from '@/modules/organizations';
import { approveReview, featureReview, getOrderReviews, submitOrderReview } from '@/modules/reviews';

const SHOP = 'bookline-shop';

interface PlannedOrder {
  lines: [sku: string, quantity: number][];
  buyer: { email: string; name: string; phone?: string };
  fulfilment: 'shipping' | 'pickup';
  promoCode?: string;
  locale?: 'en' | 'es';
  /** Status actions after placing, in order. */
  then: ('pay' | 'fulfil' | 'deliver' | 'cancel')[];
  /** Placed this many days before the seed runs (the stats page shows a spread of days). */
  daysAgo: number;
  /** Reviews of the order's lines (by position) once it is received, and what the shop did with them. */
  reviews?: { line: number; rating: number; title: string; body: string; locale: 'en' | 'es'; outcome: 'featured' | 'approved' | 'pending' }[];
}

const address = { line1: '410 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };

const planned: PlannedOrder[] = [
  {
    lines: [['SHAMPOO-1L', 1], ['TOWEL-3', 2]],
    buyer: { email: 'maria.lopez@example.com', name: 'María López' },
    fulfilment: 'shipping',
    locale: 'es',
    daysAgo: 12,
    then: ['pay', 'fulfil', 'deliver'],
    reviews: [
      { line: 0, rating: 5, title: 'Espuma suave, nada de manchas', body: 'Lo uso cada dos semanas: limpia bien y no quita la cera. El litro rinde mucho.', locale: 'es', outcome: 'featured' },
      { line: 1, rating: 4, title: 'Buenas toallas', body: 'Secan sin rayar. Una soltó algo de pelusa en el primer lavado.', locale: 'es', outcome: 'pending' },
    ],
  },
  {
    lines: [['CERAMIC-KIT', 1]],
    buyer: { email: 'james.carter@example.com', name: 'James Carter' },
    fulfilment: 'shipping',
    promoCode: 'WELCOME10',
    daysAgo: 8,
    then: ['pay', 'fulfil'],
    reviews: [{ line: 0, rating: 5, title: 'Worth the weekend', body: 'Took an afternoon to apply. Water beads right off three weeks later.', locale: 'en', outcome: 'approved' }],
  },
  { lines: [['SHAMPOO-500', 2], ['TOWEL-1', 3]], buyer: { email: 'aiko.tanaka@example.com', name: 'Aiko Tanaka' }, fulfilment: 'pickup', daysAgo: 4, then: ['pay'] },
  { lines: [['BAG-LTD', 1]], buyer: { email: 'sam.okafor@example.com', name: 'Sam Okafor', phone: '+1 512 555 0143' }, fulfilment: 'pickup', daysAgo: 2, then: [] },
  { lines: [['TOWEL-1', 2]], buyer: { email: 'lena.fischer@example.com', name: 'Lena Fischer' }, fulfilment: 'pickup', daysAgo: 1, then: ['cancel'] },
];

/** Seeds the shop's orders side; returns the orders placed (0 for other organizations, or without products). */
export async function seedDemoOrders(db: Db, slug: string, now: Date): Promise<number> {
  if (slug !== SHOP) return 0;
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new Error(`Demo orders: organization ${slug} does not exist.`);
  const system: Ctx = { db, tenant, actor: { type: 'system', name: 'demo seed' }, now, request: noRequest };
  await updateShopSettings(system, {
    taxRatePpm: 86_250,
    shippingEnabled: true,
    shippingFeeMinor: 695,
    freeShippingOverMinor: 7500,
    pickupEnabled: true,
    pickupInstructions: 'Pick up at the shop counter, Mon–Sat 9:00–18:00.',
  });
  await createPromoCode(system, orderSchemas.createPromoCodeInput.parse({ code: 'WELCOME10', description: '10 % off your first order', kind: 'percentage', value: 1000, firstOrderOnly: true }));
  await createPromoCode(system, orderSchemas.createPromoCodeInput.parse({ code: 'SPRING5', description: '$5 off orders over $40', kind: 'fixed', value: 500, minSubtotalMinor: 4000, usageLimit: 100 }));
  return placeDemoOrders(db, slug, now);
}

/** The planned orders, placed as guests and moved on by the shop; 0 when the catalog's variants are not there. */
export async function placeDemoOrders(db: Db, slug: string, now: Date): Promise<number> {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new Error(`Demo orders: organization ${slug} does not exist.`);
  const system: Ctx = { db, tenant, actor: { type: 'system', name: 'demo seed' }, now, request: noRequest };

  const skus = [...new Set(planned.flatMap((o) => o.lines.map(([sku]) => sku)))];
  const variants = await tenantTx(system, (tx) =>
    tx.select({ id: productVariants.id, sku: productVariants.sku }).from(productVariants).where(and(eq(productVariants.organizationId, tenant.id), inArray(productVariants.sku, skus))),
  );
  const bySku = new Map(variants.map((v) => [v.sku, v.id]));
  if (skus.some((s) => !bySku.has(s))) return 0; // the catalog is not seeded (yet)

  const guest: Ctx = { db, tenant: null, actor: { type: 'anonymous' }, now, request: noRequest };
  let placed = 0;
  for (const plan of planned) {
    let key: CartKey = { token: null, userId: null };
    for (const [sku, quantity] of plan.lines) {
      const answer = await addCartLine(guest, slug, key, { variantId: bySku.get(sku)!, quantity });
      if (answer.newToken) key = { token: answer.newToken, userId: null };
    }
    // Each order at its own day; the shop acts on it over the next hours, the buyer reviews after.
    const at = (hours: number) => new Date(now.getTime() - plan.daysAgo * 86_400_000 + hours * 3_600_000);
    const order = await checkout(
      { ...guest, now: at(0) },
      slug,
      key,
      orderSchemas.checkoutInput.parse({
        contact: plan.buyer,
        fulfilment: plan.fulfilment,
        address: plan.fulfilment === 'shipping' ? address : undefined,
        promoCode: plan.promoCode,
        paymentProvider: 'manual',
        locale: plan.locale ?? 'en',
      }),
    );
    for (const [i, action] of plan.then.entries()) await transitionOrder({ ...system, now: at(4 * (i + 1)) }, order.orderId, action, {});
    if (plan.reviews) {
      const lines = (await getOrderReviews(guest, slug, order.statusToken)).data;
      for (const r of plan.reviews) {
        const review = await submitOrderReview({ ...guest, now: at(20) }, slug, order.statusToken, lines[r.line]!.orderLineId, { rating: r.rating, title: r.title, body: r.body, locale: r.locale });
        if (r.outcome !== 'pending') await approveReview({ ...system, now: at(22) }, review.id);
        if (r.outcome === 'featured') await featureReview({ ...system, now: at(22) }, review.id, { featured: true });
      }
    }
    placed += 1;
  }
  return placed;
}
