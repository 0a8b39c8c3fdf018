import type { z } from 'zod';
import { and, eq, sql } from 'drizzle-orm';
import { products, productVariants, stockItems } from '@/db/schema';
import type { Tx } from '@/db/client';
import { newId } from '@/lib/ids';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { eventSeatsChanged } from './seats-changed';
import { eventOf, presentEvent } from './queries';
import type { createTicketTypeInput, TicketTypeDto } from './schemas';

/**
 * A ticket type: a variant of the event's ticket product drawing one unit of its own stock item
 * (on_hand = its limit, or the capacity when it has none) and one of the event's capacity pool.
 */
export async function createTicketType(ctx: Ctx, eventId: string, input: z.output<typeof createTicketTypeInput>): Promise<TicketTypeDto> {
  authorize(ctx, 'events:manage');
  const orgId = ctx.tenant.id;
  return tenantTx(ctx, async (tx) => {
    const event = await eventOf(tx, orgId, eventId, true);
    const variantId = newId('productVariant');
    const sku = `TKT-${variantId.slice(5).toUpperCase()}`;
    const stockId = newId('stockItem');
    await tx.insert(stockItems).values({ id: stockId, organizationId: orgId, code: sku, onHand: Math.min(input.limit ?? event.capacity, event.capacity), lowStockThreshold: 0, createdAt: ctx.now, updatedAt: ctx.now });
    await tx.insert(productVariants).values({
      id: variantId,
      organizationId: orgId,
      productId: event.productId,
      sku,
      title: input.name,
      priceMinor: input.priceMinor,
      stockItemId: stockId,
      poolStockItemId: event.capacityStockItemId,
      position: input.position,
      active: input.active,
      translations: Object.fromEntries(Object.entries(input.translations).map(([l, v]) => [l, { title: v?.name }])),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await refreshTicketPriceMin(tx, orgId, event.productId, ctx.now);
    const dto = (await presentEvent(tx, event, ctx.tenant.currency)).ticketTypes.find((t) => t.id === variantId)!;
    if (input.active) await eventSeatsChanged(tx, orgId, [eventId], ctx.now);
    await recordAudit(tx, ctx, { organizationId: orgId, action: 'ticket_type.created', entity: 'ticket_type', entityId: variantId, changes: { after: { ...dto, eventId } } });
    return dto;
  });
}

/** The ticket product's lowest active price, as the catalog keeps it for shop products. */
export async function refreshTicketPriceMin(tx: Tx, orgId: string, productId: string, now: Date): Promise<void> {
  await tx
    .update(products)
    .set({
      priceMinMinor: sql`coalesce((select min(${productVariants.priceMinor}) from ${productVariants} where ${productVariants.organizationId} = ${orgId} and ${productVariants.productId} = ${productId} and ${productVariants.active}), 0)`,
      updatedAt: now,
    })
    .where(and(eq(products.organizationId, orgId), eq(products.id, productId)));
}
