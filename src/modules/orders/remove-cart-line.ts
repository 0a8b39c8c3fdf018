import { and, eq } from 'drizzle-orm';
import { cartLines, carts } from '@/db/schema';
import { notFound } from '@/lib/errors';
import { type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { cartAnswer } from './cart-lines';
import { type CartKey, openCart } from './cart-store';
import type { CartAnswer } from './get-cart';
import { shopCtx } from './public-tenant';

export async function removeCartLine(baseCtx: Ctx, slug: string, key: CartKey, lineId: string): Promise<CartAnswer> {
  const ctx = await shopCtx(baseCtx, slug);
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const opened = await openCart(tx, ctx, orgId, key, { create: false, lock: true });
    if (!opened.cart) throw notFound('Cart line');
    const [line] = await tx
      .delete(cartLines)
      .where(and(eq(cartLines.organizationId, orgId), eq(cartLines.cartId, opened.cart.id), eq(cartLines.id, lineId)))
      .returning();
    if (!line) throw notFound('Cart line');
    await tx.update(carts).set({ updatedAt: ctx.now }).where(and(eq(carts.organizationId, orgId), eq(carts.id, opened.cart.id)));
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'cart.line_removed', entity: 'cart', entityId: opened.cart.id, changes: { before: { variantId: line.variantId, quantity: line.quantity } } });
    return cartAnswer(tx, ctx, opened);
  });
}
