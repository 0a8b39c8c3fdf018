/**
 * An approver decides one approval. Under the booking's row lock (then the approval's): a
 * rejection rejects the request (with the comment as its reason) and closes its other pending
 * approvals; the last approval to pass confirms it. Two approvers deciding at once queue on the
 * booking's lock, so a request is confirmed once, and never after a rejection.
 */
import { and, eq } from 'drizzle-orm';
import { bookingApprovals } from '@/db/schema';
import { conflict, forbidden, notFound } from '@/lib/errors';
import { applyTransition, lockBooking, lockResourceOf } from '@/modules/bookings';
import { actorRole, authorize, type Ctx, recordAudit, tenantTx } from '@/modules/kernel';
import { type ApprovalDto, openApprovals } from '@/modules/rules';
import { approvalsWithBookings, approverNames, deciderOf, mayDecide, presentApproval } from './queries';

export const approveApproval = (ctx: Ctx, id: string, input: { comment?: string }) => decide(ctx, id, 'approved', input.comment ?? null);
export const rejectApproval = (ctx: Ctx, id: string, input: { comment: string }) => decide(ctx, id, 'rejected', input.comment);

async function decide(ctx: Ctx, id: string, status: 'approved' | 'rejected', comment: string | null): Promise<ApprovalDto> {
  authorize(ctx, 'org:read');
  const tenant = ctx.tenant;
  const orgId = tenant.id;
  return tenantTx(ctx, async (tx) => {
    const [found] = await tx.select().from(bookingApprovals).where(and(eq(bookingApprovals.organizationId, orgId), eq(bookingApprovals.id, id)));
    if (!found) throw notFound('Approval');
    const decider = ctx.actor.type === 'user' ? await deciderOf(tx, orgId, ctx.actor.userId, actorRole(ctx)) : { role: actorRole(ctx), memberId: null };
    if (!mayDecide(found.approvers, decider)) {
      throw forbidden(`Only ${found.approvers.roles.join(', ') || 'the named members'} may decide this approval.`, { reason: 'not_an_approver', approvers: found.approvers });
    }
    // The resource's lock (a rejection frees the range for the waitlist), the booking, then its
    // approvals: the order every decision takes.
    await lockResourceOf(tx, orgId, found.bookingId);
    const view = await lockBooking(tx, orgId, found.bookingId);
    const [approval] = await tx.select().from(bookingApprovals).where(and(eq(bookingApprovals.organizationId, orgId), eq(bookingApprovals.id, id))).for('update');
    if (approval!.status !== 'pending') throw conflict(`This approval was already ${approval!.status}.`, { reason: 'decided', status: approval!.status });
    if (view.booking.status !== 'pending') {
      throw conflict(`This request is no longer waiting for approval (it is ${view.booking.status.replace('_', ' ')}).`, { reason: 'not_pending', bookingStatus: view.booking.status });
    }
    await tx
      .update(bookingApprovals)
      .set({ status, comment, decidedByUserId: ctx.actor.type === 'user' ? ctx.actor.userId : null, decidedAt: ctx.now })
      .where(and(eq(bookingApprovals.organizationId, orgId), eq(bookingApprovals.id, id)));
    // One audit row per decision: the approval's, on the booking's row when the decision moves it.
    const decided = { before: { status: 'pending' }, after: { status, approvalId: id, ...(comment ? { comment } : {}) } };
    const audit = (bookingStatus: string) => ({ action: `booking_approval.${status}`, changes: { ...decided, after: { ...decided.after, bookingStatus } } });
    if (status === 'rejected') {
      await applyTransition(tx, ctx, orgId, approval!.bookingId, 'reject', comment, { audit: audit('rejected') });
    } else if ((await openApprovals(tx, orgId, approval!.bookingId)) === 0) {
      await applyTransition(tx, ctx, orgId, approval!.bookingId, 'confirm', null, { audit: audit('confirmed') });
    } else {
      await recordAudit(tx, ctx, { organizationId: orgId, action: `booking_approval.${status}`, entity: 'booking_approval', entityId: id, changes: { ...decided, after: { ...decided.after, bookingId: approval!.bookingId } } });
    }
    const [row] = await approvalsWithBookings(tx).where(and(eq(bookingApprovals.organizationId, orgId), eq(bookingApprovals.id, id)));
    return presentApproval(row!, tenant.timezone, decider, ctx.request.locale ?? 'en', await approverNames(tx, orgId, [row!]));
  });
}
