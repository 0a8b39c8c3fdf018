/**
 * Checkout: the cart becomes an order that holds its stock, in ONE transaction:
 *   1. the cart row (FOR UPDATE: one checkout of a cart at a time);
 *   2. the promo code row (FOR UPDATE), its limits counted under that lock;
 *   3. the buyer's loyalty account row (FOR UPDATE) when the checkout spends points
 *      (modules/loyalty redeemAtCheckout): the balance checked under it, the redeem row written
 *      (the balance CHECK refuses an overdraft);
 *   4. the order row inserted (its Idempotency-Key is unique: a concurrent retry waits here and
 *      then answers with this order);
 *   5. stock_items by id ascending, one conditional UPDATE each (stock.ts), lines sharing a
 *      stock item summed first — the last statements before COMMIT, so a hot product's row is
 *      locked for as short a time as possible (everything else is written before it).
 * That is the module's lock order: cart, promo code, loyalty account, order, stock items by id.
 * Losers get a 409 with the reason (insufficient_stock with what is left, usage_limit_reached,
 * insufficient_points …), never a 5xx.
 *
 * Then, after commit, an online provider authorizes and captures (settle-payment.ts); the order
 * holds its stock until `hold_expires_at` meanwhile. `manual` orders wait for the shop to mark
 * them paid and keep their stock until then or until cancelled.
 */
import type { z } from 'zod';
import { and, eq, sql } from 'drizzle-orm';
import { cartLines, orderLines, orders, promoCodes, promoRedemptions } from '@/db/schema';
import { sha256 } from '@/lib/crypto';
import { AppError, conflict, ruleViolation, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { type Ctx, enqueue, recordAudit, type Tenant, tenantTx } from '@/modules/kernel';
import { assertMayRedeem, redeemAtCheckout } from '@/modules/loyalty';
import { type CartKey, openCart } from './cart-store';
import { judgeLines, pricedLine, readCartLines } from './cart-view';
import { fill, ordersText } from './messages';
import { insertPlacedOrder } from './insert-order';
import { issueStatusToken, openStatusToken, orderNumber, statusUrl } from './order-links';
import { paymentProviders, providerAvailable } from './payments';
import { subtotalOf, totalsOf } from './pricing';
import { type OrderRow, presentPublicOrder, publicOrderOf } from './present';
import { buyerOf, findPromo, promoOutcome } from './promo-store';
import { judgePromo } from './pricing';
import { actorUserId, shopCtx } from './public-tenant';
import type { checkoutInput, PlacedOrderDto } from './schemas';
import { settlePayment } from './settle-payment';
import { readShopSettings } from './shop-settings';
import { reserveStock, sumNeeds } from './stock';

type Input = z.output<typeof checkoutInput>;

export async function checkout(baseCtx: Ctx, slug: string, key: CartKey, input: Input, idempotencyKey?: string): Promise<PlacedOrderDto> {
  const ctx = await shopCtx(baseCtx, slug);
  if (!providerAvailable(input.paymentProvider)) throw ruleViolation(`The ${input.paymentProvider} payment provider is not offered here.`, { reason: 'payment_provider_unavailable' });
  if (input.redeemPoints) await assertMayRedeem(ctx, input.contact.email);
  const fingerprint = sha256(JSON.stringify([key.userId ?? (key.token ? sha256(key.token) : null), input]));
  if (idempotencyKey) {
    const replay = await findReplay(ctx, ctx.tenant, idempotencyKey, fingerprint);
    if (replay) return replay;
  }
  let placed: Awaited<ReturnType<typeof place>>;
  try {
    placed = await place(ctx, key, input, idempotencyKey ?? null, fingerprint);
  } catch (err) {
    // A concurrent request with this key placed the order first (the unique index), or emptied the cart.
    if (idempotencyKey && (sqlState(err) === '23505' || (err instanceof AppError && err.code === 'CONFLICT'))) {
      const replay = await findReplay(ctx, ctx.tenant, idempotencyKey, fingerprint);
      if (replay) return replay;
    }
    // The CHECKs behind the code's counts (stock on_hand - reserved >= 0, promo times_used <=
    // usage_limit) refused a write the code let through: still the loser's 409, never a 500.
    if (sqlState(err) === '23514') throw conflict('What you are buying was just taken; review your cart.', { reason: 'out_of_stock' });
    throw err;
  }
  let shown = placed.shown;
  const provider = paymentProviders[input.paymentProvider];
  if (provider.online) {
    const order = await settlePayment(ctx, placed.order, placed.paymentId, { testOutcome: input.testOutcome });
    if (order.status === 'cancelled' && order.cancelReason === 'payment declined') throw declined(order);
    shown = await tenantTx(ctx, (tx) => presentPublicOrder(tx, order));
  }
  return { order: shown, orderId: placed.order.id, statusToken: placed.token, statusUrl: statusUrl(ctx.tenant.slug, placed.token), replayed: false };
}

const declined = (o: OrderRow) => ruleViolation('The payment was declined; nothing was charged and the items were put back.', { reason: 'payment_declined', orderNumber: o.number });

async function place(ctx: Ctx & { tenant: Tenant }, key: CartKey, input: Input, idempotencyKey: string | null, fingerprint: string) {
  const orgId = ctx.tenant.id;
  const t = ordersText(input.locale);
  return tenantTx(ctx, async (tx) => {
    const settings = await readShopSettings(tx, orgId);
    if ((input.fulfilment === 'shipping' && !settings.shippingEnabled) || (input.fulfilment === 'pickup' && !settings.pickupEnabled)) {
      throw ruleViolation(`This shop does not offer ${input.fulfilment}.`, { reason: 'fulfilment_unavailable', fulfilment: input.fulfilment });
    }
    // 1. The cart.
    const { cart } = await openCart(tx, ctx, orgId, key, { create: false, lock: true });
    const rows = cart ? await readCartLines(tx, orgId, cart.id) : [];
    if (!cart || rows.length === 0) throw conflict('The cart is empty.', { reason: 'cart_empty' });
    // Event tickets only: nothing to ship or collect ('digital', no shop settings needed); a cart
    // with anything else is shipped or picked up as before.
    const digital = rows.every((r) => r.kind === 'ticket');
    if (digital !== (input.fulfilment === 'digital')) {
      throw ruleViolation(digital ? 'A cart of event tickets only checks out with fulfilment "digital".' : 'Only a cart of event tickets alone checks out as "digital".', {
        reason: 'fulfilment_unavailable',
        fulfilment: input.fulfilment,
      });
    }
    // Stock is judged under its locks below; here what the customer must see first.
    const judged = judgeLines(rows, { checkPrice: true, now: ctx.now });
    const closed = judged.filter((j) => j.problems.some((p) => p.code === 'sales_closed')).map((j) => ({ lineId: j.row.line.id, variantId: j.row.variant.id }));
    if (closed.length > 0) throw conflict(t.lineProblems.sales_closed, { reason: 'sales_closed', lines: closed });
    const changed = judged
      .map((j) => ({ lineId: j.row.line.id, variantId: j.row.variant.id, problems: j.problems.filter((p) => p.code === 'price_changed' || p.code === 'archived' || p.code === 'inactive') }))
      .filter((j) => j.problems.length > 0);
    if (changed.length > 0) throw conflict('The cart changed since you last saw it: review it and try again.', { reason: 'cart_changed', lines: changed });
    const priced = rows.map(pricedLine);
    const subtotal = subtotalOf(priced);

    // 2. The promo code, counted under its lock.
    let discount = 0;
    let lineDiscounts = priced.map(() => 0);
    let promo: typeof promoCodes.$inferSelect | null = null;
    if (input.promoCode) {
      promo = await findPromo(tx, orgId, input.promoCode, { lock: true });
      const judgement = promo ? judgePromo(promo, priced, await buyerOf(tx, orgId, promo.id, input.contact.email), ctx.now) : ({ ok: false, reason: 'not_found' } as const);
      if (!judgement.ok) {
        const outcome = promoOutcome(input.promoCode, judgement, ctx.tenant.currency, input.locale);
        throw conflict(outcome.message ?? 'The promo code does not apply.', { reason: judgement.reason, promo: outcome });
      }
      discount = judgement.discountMinor;
      lineDiscounts = judgement.lineDiscounts;
    }
    // 3. Loyalty points, spent under the account's lock (modules/loyalty), on what the promo code left.
    const orderId = newId('order');
    const number = orderNumber();
    const points = input.redeemPoints
      ? await redeemAtCheckout(tx, ctx, { organizationId: orgId, orderId, orderNumber: number, email: input.contact.email, points: input.redeemPoints, capMinor: subtotal - discount, currency: ctx.tenant.currency })
      : { points: 0, discountMinor: 0, summary: null };
    const totals = totalsOf(subtotal, discount + points.discountMinor, input.fulfilment, settings);

    // 4. The order.
    const provider = paymentProviders[input.paymentProvider];
    const link = issueStatusToken(orderId);
    const holdExpiresAt = provider.online ? new Date(ctx.now.getTime() + settings.checkoutHoldMinutes * 60_000) : null;
    const { order, paymentId, placedEvent } = await insertPlacedOrder(
      tx,
      ctx,
      orderId,
      {
        organizationId: orgId,
        number,
        stockState: 'reserved',
        currency: ctx.tenant.currency,
        email: input.contact.email,
        name: input.contact.name,
        phone: input.contact.phone ?? null,
        fulfilment: input.fulfilment,
        address: input.fulfilment === 'shipping' ? (input.address ?? null) : null,
        locale: input.locale,
        userId: actorUserId(ctx),
        ...totals,
        pointsRedeemed: points.points,
        pointsDiscountMinor: points.discountMinor,
        taxRatePpm: settings.taxRatePpm,
        promoCodeId: promo?.id ?? null,
        promoCode: promo?.code ?? null,
        paymentProvider: provider.name,
        statusTokenHash: link.hash,
        statusTokenSealed: link.sealed,
        idempotencyKey,
        idempotencyFingerprint: idempotencyKey ? fingerprint : null,
        holdExpiresAt,
      },
      { actorType: ctx.actor.type === 'user' ? 'user' : 'guest', actorUserId: actorUserId(ctx) },
    );

    const lines = await tx.insert(orderLines).values(
      rows.map((r, i) => ({
        id: newId('orderLine'),
        organizationId: orgId,
        orderId,
        variantId: r.variant.id,
        productId: r.product.id,
        stockItemId: r.stock.id,
        sku: r.variant.sku,
        productTitle: r.product.title,
        variantTitle: r.variant.title,
        unitPriceMinor: r.variant.priceMinor,
        quantity: r.line.quantity,
        units: r.line.quantity * r.variant.unitsPerVariant,
        discountMinor: lineDiscounts[i]!,
        lineTotalMinor: r.variant.priceMinor * r.line.quantity - lineDiscounts[i]!,
        position: i,
      })),
    ).returning();
    if (promo) {
      // The CHECK times_used <= usage_limit backs the count made under the lock.
      await tx.update(promoCodes).set({ timesUsed: sql`${promoCodes.timesUsed} + 1` }).where(and(eq(promoCodes.organizationId, orgId), eq(promoCodes.id, promo.id)));
      await tx.insert(promoRedemptions).values({ id: newId('promoRedemption'), organizationId: orgId, promoCodeId: promo.id, orderId, email: input.contact.email.toLowerCase(), createdAt: ctx.now });
    }
    await tx.delete(cartLines).where(and(eq(cartLines.organizationId, orgId), eq(cartLines.cartId, cart.id)));
    await enqueue(tx, ctx, { organizationId: orgId, topic: 'order.placed', payload: { orderId, locale: input.locale } });
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'order.placed',
      entity: 'order',
      entityId: orderId,
      changes: { after: { number: order.number, totalMinor: totals.totalMinor, lines: rows.length, promoCode: promo?.code ?? null, pointsRedeemed: points.points || undefined, paymentProvider: provider.name } },
    });
    // 5. The stock, by stock item id, last: its row locks are held only until the commit that follows.
    // An event ticket takes a unit of its own stock item (its type's limit) and one of the event's
    // capacity pool: both are needs, summed per stock item with every other line's, locked in id order.
    const needs = sumNeeds(
      rows.flatMap((r) => {
        const units = r.line.quantity * r.variant.unitsPerVariant;
        return r.pool?.id ? [{ stockItemId: r.stock.id, units }, { stockItemId: r.pool.id, units }] : [{ stockItemId: r.stock.id, units }];
      }),
    );
    const reserved = await reserveStock(tx, orgId, orderId, needs, holdExpiresAt, ctx.now);
    if (!reserved.ok) {
      const short = rows
        .filter((r) => r.stock.id === reserved.stockItemId || r.pool?.id === reserved.stockItemId)
        .map((r) => ({ lineId: r.line.id, variantId: r.variant.id, sku: r.variant.sku, available: Math.floor(reserved.free / r.variant.unitsPerVariant) }));
      const code = reserved.free === 0 ? 'out_of_stock' : 'insufficient_stock';
      throw conflict(fill(t.lineProblems[code], { available: short[0]?.available ?? 0 }), { reason: code, lines: short });
    }

    return { order, token: link.token, paymentId, shown: publicOrderOf(order, lines, [placedEvent], [], points.summary ? { summary: points.summary, recent: [] } : null) };
  });
}

async function findReplay(ctx: Ctx, tenant: Tenant, key: string, fingerprint: string): Promise<PlacedOrderDto | null> {
  return tenantTx(ctx, async (tx) => {
    const [o] = await tx.select().from(orders).where(and(eq(orders.organizationId, tenant.id), eq(orders.idempotencyKey, key)));
    if (!o) return null;
    if (o.idempotencyFingerprint !== fingerprint) {
      throw conflict('This Idempotency-Key was already used for a different checkout; use a new key for a new order.', { reason: 'idempotency_key_reused' });
    }
    if (o.status === 'cancelled' && o.cancelReason === 'payment declined') throw declined(o);
    const token = openStatusToken(o.statusTokenSealed, o.id) ?? '';
    return { order: await presentPublicOrder(tx, o), orderId: o.id, statusToken: token, statusUrl: statusUrl(tenant.slug, token), replayed: true };
  });
}
