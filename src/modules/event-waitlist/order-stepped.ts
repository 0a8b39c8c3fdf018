/**
 * The held order moves its entry (called from orders/apply-transition.ts under the order's row
 * lock, so every payment path counts: the entry's Pay button, a webhook, the shop marking it paid,
 * the hold sweep, a cancel): paid → purchased; cancelled, expired or declined → expired (its seats
 * are back and the next sweep offers them down the line). Lock order: the order row, then the entry.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { eventWaitlistEntries } from '@/db/schema';
import type { Ctx } from '@/modules/kernel';

export async function waitlistOrderStepped(tx: Tx, ctx: Ctx, order: { id: string; organizationId: string }, step: string): Promise<void> {
  const to = step === 'pay' ? 'purchased' : step === 'cancel' || step === 'expire' || step === 'decline' ? 'expired' : null;
  if (!to) return;
  await tx
    .update(eventWaitlistEntries)
    .set({ status: to, offerExpiresAt: null, closedAt: ctx.now, updatedAt: ctx.now })
    .where(and(eq(eventWaitlistEntries.organizationId, order.organizationId), eq(eventWaitlistEntries.orderId, order.id), eq(eventWaitlistEntries.status, 'offered')));
}
