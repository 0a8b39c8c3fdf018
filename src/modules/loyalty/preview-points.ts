/**
 * What the signed-in buyer's points would do on a cart before the order is placed (the checkout
 * page's preview): the balance, the most points usable on what is left to pay after the promo
 * code, their value, and — for a number of points asked for — what they would take off. A read
 * without locks: redeemAtCheckout (hooks.ts) stays the judge under the account's lock, with the
 * same arithmetic (program.ts), so the preview and the charge agree unless the balance changed.
 * Only a signed-in user with a confirmed email sees it (the same rule as spending, decision 0017);
 * their own email names the customer (the checkout refuses another contact email).
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { users } from '@/db/schema';
import type { Ctx } from '@/modules/kernel';
import { findAccount, findCustomerIdByEmail } from './ledger';
import { pointsCovering, readProgram, valueOf } from './program';
import type { PointsPreviewDto } from './schemas';

/** Whether the caller may spend points at all (signed in, email confirmed). Before any transaction: reads the user. */
export async function buyerMayRedeem(ctx: Ctx): Promise<boolean> {
  if (ctx.actor.type !== 'user') return false;
  const [row] = await ctx.db.select({ verified: users.emailVerified }).from(users).where(eq(users.id, ctx.actor.userId));
  return Boolean(row?.verified);
}

/**
 * `capMinor`: what points may pay for (the subtotal after the promo code). `requested`: the points
 * the buyer typed (null: none). Null when the caller may not redeem or the program is off.
 */
export async function previewPoints(
  tx: Executor,
  ctx: Ctx,
  p: { organizationId: string; mayRedeem: boolean; capMinor: number; requested: number | null; currency: string },
): Promise<PointsPreviewDto | null> {
  if (!p.mayRedeem || ctx.actor.type !== 'user') return null;
  const program = await readProgram(tx, p.organizationId);
  if (!program.enabled) return null;
  const customerId = await findCustomerIdByEmail(tx, p.organizationId, ctx.actor.email);
  const account = customerId ? await findAccount(tx, p.organizationId, customerId) : null;
  const balance = account?.balance ?? 0;
  const cap = Math.max(0, p.capMinor);
  const usable = (n: number) => Math.min(n, pointsCovering(program, cap));
  let maxUsable = cap > 0 ? usable(balance) : 0;
  if (maxUsable < program.minRedeemPoints || valueOf(program, maxUsable) <= 0) maxUsable = 0;
  const worth = (n: number) => Math.min(cap, valueOf(program, n));
  let using: PointsPreviewDto['using'] = null;
  let problem: PointsPreviewDto['problem'] = null;
  if (p.requested !== null) {
    if (p.requested < program.minRedeemPoints) problem = 'below_min_redeem';
    else if (p.requested > balance) problem = 'insufficient_points';
    else if (cap <= 0) problem = 'nothing_to_discount';
    else if (worth(usable(p.requested)) <= 0) problem = 'points_too_few';
    else using = { points: usable(p.requested), discountMinor: worth(usable(p.requested)) };
  }
  return { balance, minRedeemPoints: program.minRedeemPoints, maxUsable, maxValueMinor: worth(maxUsable), currency: p.currency, using, problem };
}
