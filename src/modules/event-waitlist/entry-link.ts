/**
 * What the entry's secret link does (public): show the entry, pay its held order, leave the line.
 * Paying goes through the checkout's own path (orders settlePayment: authorize and capture outside
 * any transaction, the outcome applied under the order's row lock, tickets issued when paid); the
 * entry becomes `purchased` in that transition. Leaving locks the held order first, then the
 * entry (the order → entry order the transition hook uses), cancels the order (its seats back)
 * and offers them down the line at once.
 */
import type { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import { eventWaitlistEntries, payments } from '@/db/schema';
import { conflict, notFound, ruleViolation } from '@/lib/errors';
import { type Ctx, recordAudit, type Tenant, tenantTx } from '@/modules/kernel';
import { applyOrderTransition, findOrder, lockOrder, settlePayment } from '@/modules/orders';
import { findTenantBySlug } from '@/modules/organizations';
import { offerEventSeats } from './offer-seats';
import { entryByToken, presentPublicEntry } from './present';
import type { payEventWaitlistInput, PublicEventWaitlistEntryDto } from './schemas';

async function linkCtx(ctx: Ctx, slug: string): Promise<Ctx & { tenant: Tenant }> {
  const tenant = await findTenantBySlug(ctx.db, slug);
  if (!tenant) throw notFound('Organization');
  return { ...ctx, tenant };
}

export async function getEventWaitlistEntry(baseCtx: Ctx, slug: string, token: string): Promise<PublicEventWaitlistEntryDto> {
  const ctx = await linkCtx(baseCtx, slug);
  return tenantTx(ctx, async (tx) => presentPublicEntry(tx, ctx.tenant, await entryByToken(tx, ctx.tenant.id, token)));
}

export async function payEventWaitlistOffer(baseCtx: Ctx, slug: string, token: string, input: z.output<typeof payEventWaitlistInput>): Promise<PublicEventWaitlistEntryDto> {
  const ctx = await linkCtx(baseCtx, slug);
  const orgId = ctx.tenant.id;
  const { order, paymentId } = await tenantTx(ctx, async (tx) => {
    const entry = await entryByToken(tx, orgId, token);
    if (entry.status === 'purchased') throw conflict('These tickets are already paid: the order page shows them.', { reason: 'already_purchased' });
    if (entry.status !== 'offered' || !entry.orderId) throw conflict('There is no offer to pay: the entry is ' + entry.status + '.', { reason: 'not_offered', status: entry.status });
    const o = await findOrder(tx, orgId, entry.orderId);
    if (!o || o.status !== 'pending_payment' || (o.holdExpiresAt && o.holdExpiresAt <= ctx.now)) {
      throw conflict('The time to pay for these tickets has ended; they went back on sale.', { reason: 'hold_expired' });
    }
    if (o.paymentProvider === 'manual') throw ruleViolation('This organization takes no online payments: it will tell you how to pay.', { reason: 'payment_provider_unavailable' });
    const [p] = await tx.select({ id: payments.id }).from(payments).where(and(eq(payments.organizationId, orgId), eq(payments.orderId, o.id)));
    return { order: o, paymentId: p!.id };
  });
  const after = await settlePayment(ctx, order, paymentId, { testOutcome: input.testOutcome });
  if (after.status === 'cancelled' && after.cancelReason === 'payment declined') {
    throw ruleViolation('The payment was declined; nothing was charged and the seats went back on sale.', { reason: 'payment_declined', orderNumber: after.number });
  }
  if (after.status !== 'paid') throw conflict('The time to pay for these tickets has ended; they went back on sale.', { reason: 'hold_expired' });
  return getEventWaitlistEntry(ctx, slug, token);
}

export async function leaveEventWaitlist(baseCtx: Ctx, slug: string, token: string): Promise<PublicEventWaitlistEntryDto> {
  const ctx = await linkCtx(baseCtx, slug);
  const orgId = ctx.tenant.id;
  const { shown, released, eventId } = await tenantTx(ctx, async (tx) => {
    const seen = await entryByToken(tx, orgId, token);
    // The held order first (the transition hook's lock order: order, then entry).
    const order = seen.status === 'offered' && seen.orderId ? await lockOrder(tx, orgId, seen.orderId) : null;
    const entry = await entryByToken(tx, orgId, token, true);
    if (entry.status !== 'waiting' && entry.status !== 'offered') throw conflict(`This waitlist entry is already ${entry.status}.`, { reason: 'entry_closed', status: entry.status });
    if (entry.status === 'offered' && entry.orderId !== order?.id) throw conflict('The entry changed meanwhile; try again.', { reason: 'entry_changed' });
    const [left] = await tx
      .update(eventWaitlistEntries)
      .set({ status: 'left', offerExpiresAt: null, closedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(eventWaitlistEntries.organizationId, orgId), eq(eventWaitlistEntries.id, entry.id)))
      .returning();
    let gaveBack = false;
    if (order && order.status === 'pending_payment') {
      await applyOrderTransition(tx, ctx, order, 'cancel', 'left the waitlist', { audit: false });
      gaveBack = true;
    }
    await recordAudit(tx, ctx, {
      organizationId: orgId,
      action: 'event_waitlist.left',
      entity: 'event_waitlist_entry',
      entityId: entry.id,
      changes: { before: { status: entry.status }, after: { status: 'left', orderCancelled: gaveBack ? entry.orderId : undefined } },
    });
    return { shown: await presentPublicEntry(tx, ctx.tenant, left!), released: gaveBack, eventId: entry.eventId };
  });
  // The seats are back: offer them down the line now rather than at the next sweep.
  if (released) {
    try {
      await offerEventSeats({ ...ctx, actor: { type: 'system', name: 'event-waitlist-offer' } }, eventId);
    } catch {
      // The leave committed; the worker's sweep offers the seats within 30 s.
    }
  }
  return shown;
}
