/**
 * The club's rules on a change or a cancellation (modules/rules), for guests and members: those
 * who act for the business are exempt, as they are from the cancellation notice (change-policy.ts).
 * Judged in the change's own transaction, after its locks; a denied change is a 422 with every
 * failed rule, and rolls the transaction back.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { customers } from '@/db/schema';
import type { Ctx } from '@/modules/kernel';
import { judge, type Judgement, rulesDenied } from '@/modules/rules';
import type { BookingView } from './apply-transition';
import { actsForBusiness } from './change-policy';

export async function judgeChange(
  tx: Tx,
  ctx: Ctx,
  view: BookingView,
  change: { action: 'change' | 'cancel'; resourceId: string; start: Date; end: Date },
): Promise<Judgement | null> {
  if (actsForBusiness(ctx)) return null;
  const { booking } = view;
  const [customer] = await tx
    .select({ email: customers.email })
    .from(customers)
    .where(and(eq(customers.organizationId, booking.organizationId), eq(customers.id, booking.customerId)));
  const judgement = await judge(tx, {
    organizationId: booking.organizationId,
    zone: view.timezone,
    now: ctx.now,
    action: change.action,
    resourceId: change.resourceId,
    start: change.start,
    end: change.end,
    currentStart: booking.startsAt,
    excludeBookingId: booking.id,
    subject: { email: customer?.email ?? '', signedIn: ctx.actor.type === 'user', isAdmin: false },
  });
  if (judgement.decision?.verdict === 'deny') throw rulesDenied(judgement.decision, ctx);
  return judgement;
}
