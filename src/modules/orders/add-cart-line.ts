import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { cartLines, carts } from '@/db/schema';
import { conflict } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { cartAnswer, checkSellable, sellableVariant } from './cart-lines';
import { type CartKey, openCart } from './cart-store';
import type { CartAnswer } from './get-cart';
import { shopCtx } from './public-tenant';
import { type addCartLineInput, MAX_CART_LINES, MAX_LINE_QUANTITY } from './schemas';

/**
 * Adds a variant (to the line that has it, quantities added), checked live: for sale, and no
 * more than the stock free now. A guest without a cart gets one (the route sets its cookie).
 */
export async function addCartLine(baseCtx: Ctx, slug: string, key: CartKey, input: z.output<typeof addCartLineInput>): Promise<CartAnswer> {
  const ctx = await shopCtx(baseCtx, slug);
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const variant = await sellableVariant(tx, orgId, input.variantId);
    const opened = await openCart(tx, ctx, orgId, key, { create: true, lock: true });
    const cart = opened.cart!;
    const [existing] = await tx.select().from(cartLines).where(and(eq(cartLines.organizationId, orgId), eq(cartLines.cartId, cart.id), eq(cartLines.variantId, input.variantId)));
    const quantity = (existing?.quantity ?? 0) + input.quantity;
    if (quantity > MAX_LINE_QUANTITY) throw conflict(`A line holds at most ${MAX_LINE_QUANTITY}.`, { reason: 'quantity_limit' });
    checkSellable(ctx, variant, quantity);
    if (existing) {
      await tx.update(cartLines).set({ quantity, priceSeenMinor: variant.variant.priceMinor, updatedAt: ctx.now }).where(and(eq(cartLines.organizationId, orgId), eq(cartLines.id, existing.id)));
    } else {
      const lines = await tx.select({ id: cartLines.id }).from(cartLines).where(and(eq(cartLines.organizationId, orgId), eq(cartLines.cartId, cart.id)));
      if (lines.length >= MAX_CART_LINES) throw conflict(`A cart holds at most ${MAX_CART_LINES} lines.`, { reason: 'cart_full' });
      await tx.insert(cartLines).values({ id: newId('cartLine'), organizationId: orgId, cartId: cart.id, variantId: input.variantId, quantity, priceSeenMinor: variant.variant.priceMinor, createdAt: ctx.now, updatedAt: ctx.now });
    }
    await tx.update(carts).set({ updatedAt: ctx.now }).where(and(eq(carts.organizationId, orgId), eq(carts.id, cart.id)));
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'cart.line_added',
      entity: 'cart',
      entityId: cart.id,
      changes: { before: { quantity: existing?.quantity ?? 0 }, after: { variantId: input.variantId, quantity } },
    });
    return cartAnswer(tx, ctx, opened);
  });
}
