/**
 * One Detail At A Time's demo reviews (seed 000: moderation and featuring), through the reviews
 * use cases as the system: written on completed demo bookings as their guests would, then
 * approved and featured by moderation, so the counters, audit rows and states are the real ones.
 * Some completed bookings are left unreviewed: a guest can still review them from the manage link.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { bookings, customers, outbox, reviews, services } from '@/db/schema';
import { type Ctx, noRequest, tenantTx } from '@/modules/kernel';
import { findTenantBySlug } from '@/modules/organizations';
import { approveReview, featureReview, reviewBookingAsSystem } from '@/modules/reviews';

interface DemoReview {
  /** The completed booking: its service's slug and its customer's email. */
  service: string;
  customer: string;
  rating: number;
  title?: string;
  body: string;
  outcome: 'approved' | 'featured' | 'pending';
}

const plans: Record<string, DemoReview[]> = {
  'one-detail-at-a-time': [
    {
      service: 'full-detail',
      customer: 'emily.carter@example.com',
      rating: 5,
      title: 'Like the day we bought it',
      body: 'After a two-week road trip the CR-V was covered in bugs and dust. It came back spotless inside and out, and they even got the sand out of the seat rails.',
      outcome: 'featured',
    },
    {
      service: 'exterior-detail',
      customer: 'daniel.brooks@example.com',
      rating: 4,
      body: 'Truck looks great and the wheels finally shine again. Took a little longer than quoted, but worth the wait.',
      outcome: 'approved',
    },
    {
      service: 'interior-detail',
      customer: 'carlos.mendoza@example.com',
      rating: 5,
      title: 'The juice stains are gone',
      body: 'I had given up on the second row of our van. Luis got every stain out and it smells fresh. The kids are not allowed juice in there anymore!',
      outcome: 'featured',
    },
    {
      service: 'paint-correction',
      customer: 'michael.nguyen@example.com',
      rating: 5,
      body: 'The swirl marks from the automatic car wash are completely gone. The Mustang looks better than when I bought it.',
      outcome: 'approved',
    },
    {
      service: 'ceramic-coating',
      customer: 'jessica.palmer@example.com',
      rating: 5,
      title: 'Water just beads off',
      body: 'Had the coating done on my new BMW before summer. They explained the aftercare clearly and the gloss is incredible.',
      outcome: 'featured',
    },
    {
      service: 'pet-hair-removal',
      customer: 'rachel.kim@example.com',
      rating: 4,
      body: 'Two golden retrievers worth of hair, gone. A few hairs left in the trunk carpet, otherwise perfect.',
      outcome: 'pending',
    },
  ],
};

/** Seeds `slug`'s demo reviews; returns how many were written (0 when it has none planned, or already has some). */
export async function seedDemoReviews(db: Db, slug: string, now: Date): Promise<number> {
  const plan = plans[slug];
  if (!plan) return 0;
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new Error(`Demo reviews: organization ${slug} does not exist.`);
  const system: Ctx = { db, tenant, actor: { type: 'system', name: 'demo seed' }, now, request: noRequest };
  const existing = await tenantTx(system, (tx) => tx.select({ id: reviews.id }).from(reviews).where(eq(reviews.organizationId, tenant.id)).limit(1));
  if (existing.length) return 0;

  let made = 0;
  for (const r of plan) {
    const [booking] = await tenantTx(system, (tx) =>
      tx
        .select({ id: bookings.id, endsAt: bookings.endsAt })
        .from(bookings)
        .innerJoin(services, and(eq(services.organizationId, bookings.organizationId), eq(services.id, bookings.serviceId)))
        .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
        .where(and(eq(bookings.organizationId, tenant.id), eq(services.slug, r.service), eq(customers.email, r.customer), eq(bookings.status, 'completed')))
        .orderBy(asc(bookings.startsAt)),
    );
    if (!booking) throw new Error(`Demo reviews: no completed ${r.service} booking of ${r.customer} in ${slug}.`);
    // Written the day after the visit, moderated a few hours later (never after `now`).
    const writtenAt = new Date(Math.min(booking.endsAt.getTime() + 24 * 3_600_000, now.getTime()));
    const moderatedAt = new Date(Math.min(writtenAt.getTime() + 3 * 3_600_000, now.getTime()));
    const review = await reviewBookingAsSystem({ ...system, now: writtenAt }, tenant, booking.id, { rating: r.rating, title: r.title, body: r.body, locale: 'en' });
    if (r.outcome !== 'pending') await approveReview({ ...system, now: moderatedAt }, review.id);
    if (r.outcome === 'featured') await featureReview({ ...system, now: moderatedAt }, review.id, { featured: true });
    made++;
  }
  // Like the demo bookings' history: the messages are kept but count as delivered (nobody is
  // notified of reviews written "days ago").
  await tenantTx(system, (tx) =>
    tx
      .update(outbox)
      .set({ status: 'sent', sentAt: now })
      .where(and(eq(outbox.organizationId, tenant.id), eq(outbox.topic, 'review.submitted'), eq(outbox.status, 'pending'))),
  );
  return made;
}
