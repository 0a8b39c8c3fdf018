import type { z } from 'zod';
import { tenantTx, type Ctx } from '@/modules/kernel';
import { buyerMayRedeem, previewPoints } from '@/modules/loyalty';
import { type CartKey, type OpenedCart, openCart } from './cart-store';
import { judgeLines, pricedLine, presentCart, readCartLines } from './cart-view';
import { subtotalOf } from './pricing';
import { judgeCode, promoOutcome } from './promo-store';
import { actorEmail, shopCtx } from './public-tenant';
import type { CartDto, cartQuery } from './schemas';
import { readShopSettings } from './shop-settings';

export interface CartAnswer extends Omit<OpenedCart, 'cart'> {
  cart: CartDto;
}

/**
 * The caller's cart with live prices, stock and reasons (an empty one when there is none yet).
 * With `promoCode`, what the code would take off now or why it does not apply. A signed-in buyer
 * with a confirmed email also sees their points on it; with `redeemPoints`, what those would take
 * off (in the totals, after the promo code, as the checkout computes it).
 */
export async function getCart(baseCtx: Ctx, slug: string, key: CartKey, q: z.output<typeof cartQuery>): Promise<CartAnswer> {
  const ctx = await shopCtx(baseCtx, slug);
  const orgId = ctx.tenant.id;
  const mayRedeem = await buyerMayRedeem(ctx);
  return tenantTx(ctx, async (tx) => {
    const opened = await openCart(tx, ctx, orgId, key, { create: false, lock: false });
    const settings = await readShopSettings(tx, orgId);
    const rows = opened.cart ? await readCartLines(tx, orgId, opened.cart.id) : [];
    const judged = judgeLines(rows, { checkPrice: true, now: ctx.now });
    const locale = q.locale ?? ctx.request.locale;
    let promo = null;
    if (q.promoCode) {
      const { judgement } = await judgeCode(tx, orgId, q.promoCode, rows.map(pricedLine), actorEmail(ctx), ctx.now, { lock: false });
      promo = promoOutcome(q.promoCode, judgement, ctx.tenant.currency, locale);
    }
    const capMinor = subtotalOf(rows.map(pricedLine)) - (promo?.applies ? promo.discountMinor : 0);
    const points = await previewPoints(tx, ctx, { organizationId: orgId, mayRedeem, capMinor, requested: q.redeemPoints ?? null, currency: ctx.tenant.currency });
    const cart = presentCart(opened.cart?.id ?? null, judged, { settings, currency: ctx.tenant.currency, locale, promo, fulfilment: q.fulfilment, points });
    return { cart, newToken: opened.newToken, clearToken: opened.clearToken };
  });
}
