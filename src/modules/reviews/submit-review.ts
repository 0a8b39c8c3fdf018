/**
 * A service review of a completed booking: by the guest holding the booking's manage link
 * (the token is the key), or by the signed-in customer who owns the booking (they made it, or
 * it is under their email). One review per booking: the unique index on booking_id decides a
 * race, the loser gets the same 409 as the check.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '@/db/client';
import { bookings, organizations, reviews, users } from '@/db/schema';
import { conflict, notFound, sqlState } from '@/lib/errors';
import { newId } from '@/lib/ids';
import { resolveManageToken } from '@/modules/bookings';
import { type Ctx, enqueue, recordAudit, requireUser, type Tenant, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { presentOwnReview } from './present';
import { displayName, findReviewableBooking, notCompleted, reviewOfBooking } from './queries';
import type { OwnReviewDto, ReviewEligibilityDto, submitReviewInput } from './schemas';

type Input = z.output<typeof submitReviewInput>;

const alreadyReviewed = () => conflict('This booking already has a review: one review per booking.', { reason: 'already_reviewed' });

/** Through the manage link: the guest's secret token authorizes it. */
export async function submitManagedReview(ctx: Ctx, token: string, input: Input): Promise<OwnReviewDto> {
  const { bookingId, tenant } = await resolveManageToken(ctx, token);
  return writeReview(ctx, tenant, bookingId, input, null);
}

/** What the manage page needs to show the form, or the review already sent. */
export async function getManagedReview(ctx: Ctx, token: string): Promise<ReviewEligibilityDto> {
  const { bookingId, tenant } = await resolveManageToken(ctx, token);
  return tenantTx(
    ctx,
    async (tx) => {
      const booking = await findReviewableBooking(tx, tenant.id, bookingId);
      if (!booking) throw notFound('Booking');
      const review = await reviewOfBooking(tx, tenant.id, bookingId);
      if (review) return { canReview: false, reason: 'already_reviewed', review: presentOwnReview(review) };
      if (booking.status !== 'completed') return { canReview: false, reason: 'not_completed', review: null };
      return { canReview: true, reason: null, review: null };
    },
    tenant.id,
  );
}

/**
 * By the signed-in customer who owns the booking: they made it, or it is under their email once
 * they have confirmed that email (anyone can sign up with an address they do not own). The
 * booking is found by its id across organizations (generated ids are random, so one booking
 * answers; the key is (organization_id, id) since decision 0022, so this lookup scans bookings
 * until the route names the organization); anyone else's booking answers 404, like an unknown one.
 */
export async function submitOwnReview(ctx: Ctx, bookingId: string, input: Input): Promise<OwnReviewDto> {
  const user = requireUser(ctx);
  const [hit] = await ctx.db
    .select({ slug: organizations.slug, organizationId: bookings.organizationId })
    .from(bookings)
    .innerJoin(organizations, eq(organizations.id, bookings.organizationId))
    .where(eq(bookings.id, bookingId));
  if (!hit) throw notFound('Booking');
  const tenant = await findTenantBySlug(ctx.db, hit.slug);
  if (!tenant) throw notFound('Booking');
  const [account] = await ctx.db.select({ verified: users.emailVerified }).from(users).where(eq(users.id, user.userId));
  return writeReview(ctx, tenant, bookingId, input, { userId: user.userId, email: account?.verified ? user.email : null });
}

/** The system's path (demo seeds): a review of a completed booking, as its guest would send it. */
export function reviewBookingAsSystem(ctx: Ctx, tenant: Tenant, bookingId: string, input: Input): Promise<OwnReviewDto> {
  if (ctx.actor.type !== 'system') throw notFound('Booking');
  return writeReview(ctx, tenant, bookingId, input, null);
}

async function writeReview(ctx: Ctx, tenant: Tenant, bookingId: string, input: Input, owner: { userId: string; email: string | null } | null): Promise<OwnReviewDto> {
  try {
    return await tenantTx(
      ctx,
      async (tx) => {
        // The booking row's lock: its status cannot change under the check, and two sends of one review queue here.
        await lockBooking(tx, tenant.id, bookingId);
        const booking = await findReviewableBooking(tx, tenant.id, bookingId);
        if (!booking) throw notFound('Booking');
        if (owner && booking.createdByUserId !== owner.userId && (!owner.email || booking.customerEmail.toLowerCase() !== owner.email.toLowerCase())) throw notFound('Booking');
        if (booking.status !== 'completed') throw notCompleted(booking.status);
        if (await reviewOfBooking(tx, tenant.id, bookingId)) throw alreadyReviewed();
        const [row] = await tx
          .insert(reviews)
          .values({
            id: newId('review'),
            organizationId: tenant.id,
            subjectType: 'service',
            serviceId: booking.serviceId,
            bookingId,
            rating: input.rating,
            title: input.title ? input.title : null,
            body: input.body,
            authorName: displayName(booking.customerName),
            locale: input.locale ?? (tenant.locale.startsWith('es') ? 'es' : 'en'),
            status: 'pending',
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .returning();
        await recordAudit(tx, ctx, {
          organizationId: tenant.id,
          action: 'review.submitted',
          entity: 'review',
          entityId: row!.id,
          changes: { after: { subjectType: 'service', serviceId: booking.serviceId, bookingId, rating: input.rating } },
        });
        // The team hears of it in the inbox (modules/inbox: owners, admins, managers and the booked staff member).
        await enqueue(tx, ctx, { organizationId: tenant.id, topic: 'review.submitted', payload: { reviewId: row!.id, bookingId, rating: input.rating } });
        return presentOwnReview(row!);
      },
      tenant.id,
    );
  } catch (err) {
    if (sqlState(err) === '23505') throw alreadyReviewed();
    throw err;
  }
}

async function lockBooking(tx: Tx, organizationId: string, bookingId: string): Promise<void> {
  await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)))
    .for('update');
}
