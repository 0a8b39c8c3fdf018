/**
 * Joining an event's waitlist (public, guest): for a ticket type that cannot sell `quantity` seats
 * now. Free seats are a 409 `tickets_available` (buy them instead); a second live entry of the
 * same address for the event a 409 `already_waiting` (the partial unique index decides a race);
 * an event not on sale a 409 `sales_closed` (a draft is a 404). Seats that come back between the
 * check and the insert are offered by the next sweep, so nobody is left waiting beside free seats.
 */
import type { z } from 'zod';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { eventWaitlistEntries, events } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { salesState } from '@/modules/events';
import { type Ctx, enqueue, recordAudit, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { entryUrl, issueEntryToken } from './links';
import { LIVE, presentPublicEntry } from './present';
import type { JoinedEventWaitlistDto, joinEventWaitlistInput } from './schemas';
import { freeUnits, seatsFree, typeStocks } from './seats';

type Input = z.output<typeof joinEventWaitlistInput>;

const alreadyWaiting = () => conflict('This address is already on the waitlist for this event: its email has the link.', { reason: 'already_waiting' });

export async function joinEventWaitlist(baseCtx: Ctx, slug: string, eventSlug: string, input: Input): Promise<JoinedEventWaitlistDto> {
  const tenant = await findTenantBySlug(baseCtx.db, slug);
  if (!tenant) throw notFound('Organization');
  const ctx = { ...baseCtx, tenant };
  try {
    return await tenantTx(ctx, async (tx) => {
      const [event] = await tx.select().from(events).where(and(eq(events.organizationId, tenant.id), eq(events.slug, eventSlug.toLowerCase()), inArray(events.status, ['published', 'cancelled'])));
      if (!event) throw notFound('Event');
      if (salesState(event, ctx.now) !== 'on_sale') throw conflict('This event is not selling tickets, so it has no waitlist.', { reason: 'sales_closed' });
      const type = (await typeStocks(tx, tenant.id, [input.ticketTypeId])).get(input.ticketTypeId);
      if (!type || type.productId !== event.productId || !type.active) throw notFound('Ticket type');
      const free = seatsFree(type, await freeUnits(tx, tenant.id, [type.ownId, ...(type.poolId ? [type.poolId] : [])]));
      if (free >= input.quantity) throw conflict('These tickets are available now: buy them instead of waiting.', { reason: 'tickets_available', available: free });
      const [dup] = await tx
        .select({ id: eventWaitlistEntries.id })
        .from(eventWaitlistEntries)
        .where(and(eq(eventWaitlistEntries.organizationId, tenant.id), eq(eventWaitlistEntries.eventId, event.id), sql`lower(${eventWaitlistEntries.email}) = ${input.email.toLowerCase()}`, inArray(eventWaitlistEntries.status, [...LIVE])));
      if (dup) throw alreadyWaiting();
      const id = newId('eventWaitlistEntry');
      const link = issueEntryToken(id);
      const [entry] = await tx
        .insert(eventWaitlistEntries)
        .values({
          id,
          organizationId: tenant.id,
          eventId: event.id,
          variantId: type.variantId,
          quantity: input.quantity,
          name: input.name,
          email: input.email,
          locale: input.locale,
          status: 'waiting',
          tokenHash: link.hash,
          tokenSealed: link.sealed,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      await enqueue(tx, ctx, { organizationId: tenant.id, topic: 'event_waitlist.joined', payload: { entryId: id, eventId: event.id, locale: input.locale } });
      await recordAudit(tx, ctx, { organizationId: tenant.id, action: 'event_waitlist.joined', entity: 'event_waitlist_entry', entityId: id, changes: { after: { eventId: event.id, ticketTypeId: type.variantId, quantity: input.quantity } } });
      return { entry: await presentPublicEntry(tx, tenant, entry!), entryToken: link.token, entryUrl: entryUrl(tenant.slug, link.token) };
    });
  } catch (err) {
    // Two joins of one address at once: the partial unique index lets one in.
    if (sqlState(err) === '23505') throw alreadyWaiting();
    throw err;
  }
}
