import { and, eq } from 'drizzle-orm';
import { orders } from '@/db/schema';
import { sha256 } from '@/lib/crypto';
import { notFound } from '@/lib/errors';
import { authorize, type Ctx, tenantTx } from '@/modules/kernel';
import { presentOrder, presentPublicOrder } from './present';
import { shopCtx } from './public-tenant';
import type { OrderDto, PublicOrderDto } from './schemas';

export async function getOrder(ctx: Ctx, orderId: string): Promise<OrderDto> {
  authorize(ctx, 'orders:read');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [o] = await tx.select().from(orders).where(and(eq(orders.organizationId, orgId), eq(orders.id, orderId)));
    if (!o) throw notFound('Order');
    return presentOrder(tx, o);
  });
}

/** The order a secret status link opens (its token is the only key; another shop's slug: 404). */
export async function getPublicOrder(baseCtx: Ctx, slug: string, token: string): Promise<PublicOrderDto> {
  const ctx = await shopCtx(baseCtx, slug);
  return tenantTx(ctx, async (tx) => {
    const [o] = await tx.select().from(orders).where(and(eq(orders.organizationId, ctx.tenant.id), eq(orders.statusTokenHash, sha256(token))));
    if (!o) throw notFound('Order');
    return presentPublicOrder(tx, o);
  });
}
