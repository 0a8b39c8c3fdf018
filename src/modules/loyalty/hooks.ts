/**
 * Where other modules' transactions move points, inside their own transaction and under their
 * own audit row (the order's or booking's transition is the audited mutation; the ledger row is
 * the points' own trail):
 * - a checkout spends points (redeemAtCheckout; modules/orders/checkout.ts, after the promo code);
 * - an order that becomes paid earns on what was paid for the goods (subtotal less every
 *   discount, points included; not shipping or tax);
 * - a cancelled, expired, declined or refunded order gives back the points it spent and takes
 *   back the points it earned (what is left of them: points already spent stay spent);
 * - a booking that becomes completed earns on its price;
 * - a ticket checked in at its event earns the program's `pointsPerCheckIn` for its order's email
 *   (source: the ticket), on top of what the paid order that sold it earned; the order's
 *   cancel/refund takes that back too.
 * Each source writes each kind of row once (unique index), so a repeated hook is a no-op.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { customers, loyaltyAccounts, loyaltyLedger, tickets, users } from '@/db/schema';
import { conflict, ruleViolation, sqlState } from '@/lib/errors';
import type { Ctx } from '@/modules/kernel';
import { addMonths, appendEntry, customerIdForEmail, entriesOfSource, findCustomerIdByEmail, openAccount } from './ledger';
import { pointsCovering, pointsFor, readProgram, valueOf } from './program';
import { presentSummary } from './present';
import type { LoyaltySummaryDto } from './schemas';

const actorUserId = (ctx: Ctx) => (ctx.actor.type === 'user' ? ctx.actor.userId : null);

/** What an order must carry for its points. */
export interface OrderForPoints {
  id: string;
  organizationId: string;
  number: string;
  email: string;
  name: string;
  subtotalMinor: number;
  /** A party's deposit or balance order pays for a booking, which earns its points when completed. */
  purpose: 'shop' | 'deposit' | 'balance';
  discountMinor: number;
}

/** The steps of modules/orders' state machine that move points. */
export type OrderStepForPoints = 'pay' | 'fulfil' | 'deliver' | 'cancel' | 'refund' | 'expire' | 'decline';

export async function pointsOnOrderStep(tx: Tx, ctx: Ctx, o: OrderForPoints, step: OrderStepForPoints): Promise<void> {
  if (step === 'pay') return earnForOrder(tx, ctx, o);
  if (step === 'cancel' || step === 'refund' || step === 'expire' || step === 'decline') return undoOrder(tx, ctx, o);
}

async function earnForOrder(tx: Tx, ctx: Ctx, o: OrderForPoints): Promise<void> {
  const program = await readProgram(tx, o.organizationId);
  if (!program.enabled || !program.earnOnOrders) return;
  // A deposit or balance order pays for a booking: the booking earns on its whole price when
  // completed, so its orders earn nothing (else a party would earn twice).
  if (o.purpose !== 'shop') return;
  const points = pointsFor(program, o.subtotalMinor - o.discountMinor);
  if (points <= 0) return;
  const customerId = await customerIdForEmail(tx, o.organizationId, o.email, o.name, ctx.now);
  const account = await openAccount(tx, o.organizationId, customerId, ctx.now, { lock: true });
  await appendEntry(tx, {
    organizationId: o.organizationId,
    accountId: account.id,
    kind: 'earn',
    delta: points,
    reason: `Order ${o.number}`,
    source: { type: 'order', id: o.id },
    expiresAt: program.expiryMonths ? addMonths(ctx.now, program.expiryMonths) : null,
    actorUserId: actorUserId(ctx),
    now: ctx.now,
  });
}

/** Earn rows of the check-ins of an order's tickets (source: each ticket). */
async function checkInEarnsOfOrder(tx: Tx, orgId: string, orderId: string) {
  const ids = tx.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.organizationId, orgId), eq(tickets.orderId, orderId)));
  return tx
    .select()
    .from(loyaltyLedger)
    .where(and(eq(loyaltyLedger.organizationId, orgId), eq(loyaltyLedger.sourceType, 'ticket'), eq(loyaltyLedger.kind, 'earn'), inArray(loyaltyLedger.ticketRef, ids)));
}

/**
 * The account that holds a ledger row's points now, locked: the row's own account, or — when its
 * customer was merged into another since — the survivor's (the merge moved the points there).
 */
async function liveAccount(tx: Tx, orgId: string, accountId: string, now: Date) {
  const [row] = await tx
    .select({ customerId: loyaltyAccounts.customerId, mergedIntoId: customers.mergedIntoId })
    .from(loyaltyAccounts)
    .innerJoin(customers, and(eq(customers.organizationId, loyaltyAccounts.organizationId), eq(customers.id, loyaltyAccounts.customerId)))
    .where(and(eq(loyaltyAccounts.organizationId, orgId), eq(loyaltyAccounts.id, accountId)));
  if (!row) return null;
  return openAccount(tx, orgId, row.mergedIntoId ?? row.customerId, now, { lock: true });
}

async function undoOrder(tx: Tx, ctx: Ctx, o: OrderForPoints): Promise<void> {
  const rows = await entriesOfSource(tx, o.organizationId, 'order', o.id);
  const spent = rows.find((r) => r.kind === 'redeem');
  const earned = rows.find((r) => r.kind === 'earn');
  const checkIns = await checkInEarnsOfOrder(tx, o.organizationId, o.id);
  const first = spent ?? earned ?? checkIns[0];
  if (!first) return;
  // One account lock (after the order row's): where the points are now.
  const account = await liveAccount(tx, o.organizationId, first.accountId, ctx.now);
  if (!account) return;
  let balance = account.balance;
  const base = { organizationId: o.organizationId, accountId: account.id, kind: 'reverse' as const, actorUserId: actorUserId(ctx), now: ctx.now };
  const orderSource = { type: 'order' as const, id: o.id };
  if (spent) {
    const back = await appendEntry(tx, { ...base, source: orderSource, delta: -spent.delta, reason: `Points spent on order ${o.number} given back` });
    if (back) balance = back.balanceAfter;
  }
  // What is left of the points earned (points already spent stay spent: the balance is never negative).
  const takeBack = async (delta: number, source: { type: 'order' | 'ticket'; id: string }, reason: string) => {
    const take = Math.min(delta, balance);
    if (take <= 0) return;
    const row = await appendEntry(tx, { ...base, source, delta: -take, reason });
    if (row) balance = row.balanceAfter;
  };
  if (earned) await takeBack(earned.delta, orderSource, `Points earned on order ${o.number} taken back`);
  for (const r of checkIns) await takeBack(r.delta, { type: 'ticket', id: r.ticketRef! }, `Points earned checking in a ticket of order ${o.number} taken back`);
}

/**
 * A ticket checked in at its event earns the program's `pointsPerCheckIn` for the email its
 * order was placed under, once per ticket (source: the ticket; the unique index). Inside the
 * check-in's transaction, after its ticket UPDATE: the account row is the only lock taken after
 * it (the customer is looked up without a lock, and created only when the email has none).
 */
export async function pointsOnCheckIn(tx: Tx, ctx: Ctx, t: { organizationId: string; ticketId: string; email: string; name: string; eventTitle: string }): Promise<void> {
  const program = await readProgram(tx, t.organizationId);
  if (!program.enabled || program.pointsPerCheckIn <= 0) return;
  const customerId = (await findCustomerIdByEmail(tx, t.organizationId, t.email)) ?? (await customerIdForEmail(tx, t.organizationId, t.email, t.name, ctx.now));
  const account = await openAccount(tx, t.organizationId, customerId, ctx.now, { lock: true });
  await appendEntry(tx, {
    organizationId: t.organizationId,
    accountId: account.id,
    kind: 'earn',
    delta: program.pointsPerCheckIn,
    reason: `Checked in at ${t.eventTitle}`.slice(0, 300),
    source: { type: 'ticket', id: t.ticketId },
    expiresAt: program.expiryMonths ? addMonths(ctx.now, program.expiryMonths) : null,
    actorUserId: actorUserId(ctx),
    now: ctx.now,
  });
}

/** A booking that became completed earns on its price. */
export async function pointsOnBookingCompleted(tx: Tx, ctx: Ctx, b: { id: string; organizationId: string; customerId: string; priceMinor: number }): Promise<void> {
  const program = await readProgram(tx, b.organizationId);
  if (!program.enabled || !program.earnOnBookings) return;
  const points = pointsFor(program, b.priceMinor);
  if (points <= 0) return;
  const account = await openAccount(tx, b.organizationId, b.customerId, ctx.now, { lock: true });
  await appendEntry(tx, {
    organizationId: b.organizationId,
    accountId: account.id,
    kind: 'earn',
    delta: points,
    reason: 'Completed booking',
    source: { type: 'booking', id: b.id },
    expiresAt: program.expiryMonths ? addMonths(ctx.now, program.expiryMonths) : null,
    actorUserId: actorUserId(ctx),
    now: ctx.now,
  });
}

/**
 * Who may spend points at a checkout: a signed-in user whose email is confirmed, buying under
 * that same email. A guest typing an email could spend anyone's points, so guests cannot redeem.
 * Called before the checkout's transaction (reads the user's verification).
 */
export async function assertMayRedeem(ctx: Ctx, contactEmail: string): Promise<void> {
  if (ctx.actor.type !== 'user') throw ruleViolation('Sign in to use your points.', { reason: 'points_need_sign_in' });
  const [account] = await ctx.db.select({ verified: users.emailVerified }).from(users).where(eq(users.id, ctx.actor.userId));
  if (!account?.verified) throw ruleViolation('Confirm your email address to use your points.', { reason: 'points_need_verified_email' });
  if (ctx.actor.email.toLowerCase() !== contactEmail.toLowerCase()) {
    throw ruleViolation("Points can be used only when the order is under your account's email.", { reason: 'points_email_mismatch' });
  }
}

/**
 * Spends up to `points` of the buyer's points on an order being placed, inside the checkout's
 * transaction: the account row's lock (after the cart's and the promo code's, before the order
 * row and the stock items), the balance checked under it, the redeem row inserted (the balance
 * CHECK refuses an overdraft whatever this code does). Takes no more points than cover `capMinor`
 * (the subtotal after the promo code). Losers of a race get 409 insufficient_points.
 */
export async function redeemAtCheckout(
  tx: Tx,
  ctx: Ctx,
  p: { organizationId: string; orderId: string; orderNumber: string; email: string; points: number; capMinor: number; currency: string },
): Promise<{ points: number; discountMinor: number; summary: LoyaltySummaryDto }> {
  const program = await readProgram(tx, p.organizationId);
  if (!program.enabled) throw ruleViolation('This business does not offer loyalty points.', { reason: 'loyalty_disabled' });
  if (p.points < program.minRedeemPoints) throw ruleViolation(`Use at least ${program.minRedeemPoints} points at once.`, { reason: 'below_min_redeem', minRedeemPoints: program.minRedeemPoints });
  const customerId = await findCustomerIdByEmail(tx, p.organizationId, p.email);
  const [account] = customerId
    ? await tx.select().from(loyaltyAccounts).where(and(eq(loyaltyAccounts.organizationId, p.organizationId), eq(loyaltyAccounts.customerId, customerId))).for('update')
    : [];
  const balance = account?.balance ?? 0;
  if (!account || balance < p.points) throw insufficient(balance, p.points);
  if (p.capMinor <= 0) throw ruleViolation('There is nothing left to pay for with points.', { reason: 'nothing_to_discount' });
  const used = Math.min(p.points, pointsCovering(program, p.capMinor));
  const discountMinor = Math.min(p.capMinor, valueOf(program, used));
  if (discountMinor <= 0) throw ruleViolation('Those points are worth less than the smallest amount of money.', { reason: 'points_too_few' });
  let entry;
  try {
    entry = await appendEntry(tx, {
      organizationId: p.organizationId,
      accountId: account.id,
      kind: 'redeem',
      delta: -used,
      reason: `Order ${p.orderNumber}`,
      source: { type: 'order', id: p.orderId },
      actorUserId: actorUserId(ctx),
      now: ctx.now,
    });
  } catch (err) {
    if (sqlState(err) === '23514') throw insufficient(null, p.points);
    throw err;
  }
  // The account after the row, from what is at hand (no second read inside the checkout).
  const after = { ...account, balance: entry!.balanceAfter, tier: entry!.tierAfter };
  return { points: used, discountMinor, summary: presentSummary(program, after, p.currency) };
}

const insufficient = (balance: number | null, wanted: number) =>
  conflict(balance === null ? 'Those points were just spent; review your points and try again.' : `You have ${balance} points; this order asks for ${wanted}.`, {
    reason: 'insufficient_points',
    balance,
    requested: wanted,
  });

