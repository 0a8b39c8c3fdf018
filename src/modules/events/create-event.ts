import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { events, products, resources, stockItems } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { databaseTimeZone } from '@/modules/organizations';
import { presentEvent, productStatusFor } from './queries';
import type { createEventInput, EventDto } from './schemas';

/**
 * An event and what it sells through: its capacity stock item (on_hand = capacity, the pool
 * every ticket type draws from) and its hidden ticket product (kind 'ticket', never listed in
 * the shop). Ticket types are added after (create-ticket-type.ts).
 */
export async function createEvent(ctx: Ctx, input: z.output<typeof createEventInput>): Promise<EventDto> {
  authorize(ctx, 'events:manage');
  const orgId = ctx.tenant.id;
  const timezone = input.timezone ? await databaseTimeZone(ctx.db, input.timezone, 'timezone', 'event') : ctx.tenant.timezone;
  try {
    return await tenantTx(ctx, async (tx) => {
      if (input.resourceId) {
        const [venue] = await tx.select({ id: resources.id }).from(resources).where(and(eq(resources.organizationId, orgId), eq(resources.id, input.resourceId))).for('key share');
        if (!venue) throw notFound('Resource');
      }
      const eventId = newId('event');
      const poolId = newId('stockItem');
      const productId = newId('product');
      const tag = eventId.slice(4).toUpperCase();
      await tx.insert(stockItems).values({ id: poolId, organizationId: orgId, code: `EVENT-${tag}`, onHand: input.capacity, lowStockThreshold: 0, createdAt: ctx.now, updatedAt: ctx.now });
      await tx.insert(products).values({
        id: productId,
        organizationId: orgId,
        slug: `event-${tag.toLowerCase()}`,
        title: input.title,
        description: '',
        kind: 'ticket',
        status: productStatusFor(input.status),
        currency: ctx.tenant.currency,
        translations: Object.fromEntries(Object.entries(input.translations).map(([l, v]) => [l, { title: v?.title }])),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      const [row] = await tx
        .insert(events)
        .values({ id: eventId, organizationId: orgId, ...input, timezone, productId, capacityStockItemId: poolId, createdAt: ctx.now, updatedAt: ctx.now })
        .returning();
      const dto = await presentEvent(tx, row!, ctx.tenant.currency);
      const { ticketTypes: _t, ...after } = dto;
      await recordAudit(tx, ctx, { organizationId: orgId, action: 'event.created', entity: 'event', entityId: eventId, changes: { after } });
      return dto;
    });
  } catch (err) {
    if (sqlState(err) === '23505') throw conflict(`Another event already uses the slug "${input.slug}".`, { field: 'slug' });
    throw err;
  }
}
