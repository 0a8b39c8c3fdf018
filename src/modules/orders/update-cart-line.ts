import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { cartLines, carts } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { cartAnswer, checkSellable, sellableVariant } from './cart-lines';
import { type CartKey, openCart } from './cart-store';
import type { CartAnswer } from './get-cart';
import { shopCtx } from './public-tenant';
import type { updateCartLineInput } from './schemas';

/**
 * Sets a line's quantity, checked live against the stock free now. It also takes the current
 * price as seen: changing a line whose price changed is how the customer accepts the new price.
 */
export async function updateCartLine(baseCtx: Ctx, slug: string, key: CartKey, lineId: string, input: z.output<typeof updateCartLineInput>): Promise<CartAnswer> {
  const ctx = await shopCtx(baseCtx, slug);
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const opened = await openCart(tx, ctx, orgId, key, { create: false, lock: true });
    if (!opened.cart) throw notFound('Cart line');
    const [line] = await tx.select().from(cartLines).where(and(eq(cartLines.organizationId, orgId), eq(cartLines.cartId, opened.cart.id), eq(cartLines.id, lineId)));
    if (!line) throw notFound('Cart line');
    const variant = await sellableVariant(tx, orgId, line.variantId);
    if (input.quantity > line.quantity) checkSellable(ctx, variant, input.quantity);
    await tx.update(cartLines).set({ quantity: input.quantity, priceSeenMinor: variant.variant.priceMinor, updatedAt: ctx.now }).where(and(eq(cartLines.organizationId, orgId), eq(cartLines.id, line.id)));
    await tx.update(carts).set({ updatedAt: ctx.now }).where(and(eq(carts.organizationId, orgId), eq(carts.id, opened.cart.id)));
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'cart.line_updated',
      entity: 'cart',
      entityId: opened.cart.id,
      changes: { before: { quantity: line.quantity, priceSeenMinor: line.priceSeenMinor }, after: { variantId: line.variantId, quantity: input.quantity, priceSeenMinor: variant.variant.priceMinor } },
    });
    return cartAnswer(tx, ctx, opened);
  });
}
