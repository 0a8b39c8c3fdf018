/**
 * Finishing an online payment: authorize → capture with the provider (outside any transaction:
 * a slow provider never holds a lock), then the outcome is applied under the order's row lock.
 * The hold-expiry sweep takes the same lock: whichever comes first wins. Payment first → paid
 * (the hold stops expiring); sweep first → cancelled and stock back, and the late capture is
 * voided, so nobody pays for an order that gave its items back.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organizations, type PaymentProviderName, payments } from '@/db/schema';
import { type Ctx, noRequest, recordAudit, type RequestMeta, type Tenant, tenantTx } from '@/modules/kernel';
import { applyTransition, lockOrder } from './apply-transition';
import { paymentProviders } from './payments';
import type { OrderRow } from './present';

export type PaymentOutcome = 'captured' | 'declined' | 'pending';

export async function settlePayment(ctx: Ctx, order: OrderRow, paymentId: string, opts: { testOutcome?: 'succeed' | 'decline' }): Promise<OrderRow> {
  const provider = paymentProviders[order.paymentProvider];
  const auth = await provider.authorize({ paymentId, amountMinor: order.totalMinor, currency: order.currency, orderNumber: order.number, testOutcome: opts.testOutcome });
  let outcome: PaymentOutcome = auth.status === 'authorized' ? 'pending' : auth.status;
  if (auth.status === 'authorized') {
    const captured = await provider.capture({ paymentId, providerRef: auth.providerRef, amountMinor: order.totalMinor });
    outcome = captured.status;
  }
  return applyPaymentOutcome(ctx, order.organizationId, order.id, outcome, auth.providerRef);
}

export async function applyPaymentOutcome(ctx: Ctx, orgId: string, orderId: string, outcome: PaymentOutcome, providerRef: string | null): Promise<OrderRow> {
  let voidLate: { paymentId: string; providerRef: string; provider: PaymentProviderName } | null = null;
  const after = await tenantTx(
    ctx,
    async (tx) => {
      const order = await lockOrder(tx, orgId, orderId);
      if (!order) throw new Error(`order ${orderId} vanished while its payment completed`);
      const [payment] = await tx.select().from(payments).where(and(eq(payments.organizationId, orgId), eq(payments.orderId, orderId)));
      if (providerRef && payment && !payment.providerRef) await tx.update(payments).set({ providerRef, updatedAt: ctx.now }).where(and(eq(payments.organizationId, orgId), eq(payments.id, payment.id)));
      if (order.status !== 'pending_payment') {
        if (outcome === 'captured' && order.status === 'cancelled' && payment && payment.status !== 'captured') {
          // The hold expired first: the items went back, so the money goes back too.
          await tx.update(payments).set({ status: 'voided', updatedAt: ctx.now }).where(and(eq(payments.organizationId, orgId), eq(payments.id, payment.id)));
          await recordAudit(tx, ctx, { organizationId: orgId, action: 'order.payment_voided', entity: 'order', entityId: orderId, changes: { after: { reason: 'hold expired before the payment completed' } } });
          voidLate = { paymentId: payment.id, providerRef: providerRef ?? payment.providerRef ?? '', provider: payment.provider };
        }
        return order;
      }
      if (outcome === 'captured') return applyTransition(tx, ctx, order, 'pay');
      if (outcome === 'declined') return applyTransition(tx, ctx, order, 'decline');
      if (payment) await tx.update(payments).set({ status: 'authorized', updatedAt: ctx.now }).where(and(eq(payments.organizationId, orgId), eq(payments.id, payment.id)));
      return order;
    },
    orgId,
  );
  if (voidLate) {
    const v: { paymentId: string; providerRef: string; provider: PaymentProviderName } = voidLate;
    await paymentProviders[v.provider].void({ paymentId: v.paymentId, providerRef: v.providerRef });
  }
  return after;
}

/**
 * The webhook entry point: a provider's verified event about one of its payments (the route
 * that receives it checks the signature first; see payments/provider.ts for Stripe). Unknown
 * payments are ignored (another deployment's, or a replay of something deleted).
 */
export async function applyPaymentEvent(
  db: Db,
  event: { provider: PaymentProviderName; providerRef: string; type: PaymentOutcome },
  now: Date,
  request: RequestMeta = noRequest,
): Promise<OrderRow | null> {
  const [found] = await db
    .select({ orderId: payments.orderId, org: organizations })
    .from(payments)
    .innerJoin(organizations, eq(organizations.id, payments.organizationId))
    .where(and(eq(payments.provider, event.provider), eq(payments.providerRef, event.providerRef)));
  if (!found) return null;
  const tenant: Tenant = { id: found.org.id, slug: found.org.slug, name: found.org.name, timezone: found.org.timezone, currency: found.org.currency, locale: found.org.locale };
  const ctx: Ctx = { db, tenant, actor: { type: 'system', name: `payments:${event.provider}` }, now, request };
  return applyPaymentOutcome(ctx, tenant.id, found.orderId, event.type, event.providerRef);
}
