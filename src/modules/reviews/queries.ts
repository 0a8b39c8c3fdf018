/** Shared reads and writes of the reviews module. */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { bookings, customers, products, reviews, services } from '@/db/schema';
import { notFound, ruleViolation } from '@/lib/errors';

export type ReviewRow = typeof reviews.$inferSelect;

/** "Maria Garcia Lopez" → "Maria G."; one word stays as it is. The public never sees more. */
export function displayName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'Guest';
  const first = words[0]!.slice(0, 40);
  if (words.length === 1) return first;
  const initial = Array.from(words[words.length - 1]!)[0]!.toLocaleUpperCase();
  return `${first} ${initial}.`;
}

/** The review row under FOR UPDATE (moderation takes this lock first, then the subject's counter row). */
export async function lockReview(tx: Tx, organizationId: string, id: string): Promise<ReviewRow> {
  const [row] = await tx
    .select()
    .from(reviews)
    .where(and(eq(reviews.organizationId, organizationId), eq(reviews.id, id)))
    .for('update');
  if (!row) throw notFound('Review');
  return row;
}

/** Adds (+1) or removes (−1) an approved review's rating on its subject's counters, in the caller's transaction. */
export async function countRating(tx: Tx, row: ReviewRow, sign: 1 | -1): Promise<void> {
  if (row.subjectType === 'service') {
    await tx
      .update(services)
      .set({ ratingCount: sql`${services.ratingCount} + ${sign}`, ratingSum: sql`${services.ratingSum} + ${sign * row.rating}` })
      .where(and(eq(services.organizationId, row.organizationId), eq(services.id, row.serviceId!)));
  } else {
    await tx
      .update(products)
      .set({ ratingCount: sql`${products.ratingCount} + ${sign}`, ratingSum: sql`${products.ratingSum} + ${sign * row.rating}` })
      .where(and(eq(products.organizationId, row.organizationId), eq(products.id, row.productId!)));
  }
}

/** A subject's name for the answers (service name; product title). */
export async function subjectNames(tx: Tx, organizationId: string, rows: ReviewRow[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const serviceIds = [...new Set(rows.flatMap((r) => (r.serviceId ? [r.serviceId] : [])))];
  const productIds = [...new Set(rows.flatMap((r) => (r.productId ? [r.productId] : [])))];
  if (serviceIds.length) {
    const found = await tx
      .select({ id: services.id, name: services.name })
      .from(services)
      .where(and(eq(services.organizationId, organizationId), sql`${services.id} in ${serviceIds}`));
    for (const s of found) names.set(s.id, s.name);
  }
  if (productIds.length) {
    const found = await tx
      .select({ id: products.id, name: products.title })
      .from(products)
      .where(and(eq(products.organizationId, organizationId), sql`${products.id} in ${productIds}`));
    for (const p of found) names.set(p.id, p.name);
  }
  return names;
}

export interface ReviewableBooking {
  id: string;
  status: string;
  serviceId: string;
  customerName: string;
  createdByUserId: string | null;
  customerEmail: string;
}

/** The booking with what a review needs from it, or null. */
export async function findReviewableBooking(tx: Tx, organizationId: string, bookingId: string): Promise<ReviewableBooking | null> {
  const [row] = await tx
    .select({
      id: bookings.id,
      status: bookings.status,
      serviceId: bookings.serviceId,
      customerName: customers.name,
      customerEmail: customers.email,
      createdByUserId: bookings.createdByUserId,
    })
    .from(bookings)
    .innerJoin(customers, and(eq(customers.organizationId, bookings.organizationId), eq(customers.id, bookings.customerId)))
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)));
  return row ?? null;
}

export async function reviewOfBooking(tx: Tx, organizationId: string, bookingId: string): Promise<ReviewRow | null> {
  const [row] = await tx
    .select()
    .from(reviews)
    .where(and(eq(reviews.organizationId, organizationId), eq(reviews.bookingId, bookingId)));
  return row ?? null;
}

export function notCompleted(status: string) {
  return ruleViolation('Only a completed booking can be reviewed: this one is not completed yet.', { reason: 'not_completed', status });
}

/** Mean of the approved ratings, one decimal. */
export function summaryOf(count: number, sum: number) {
  return { count, average: count > 0 ? Math.round((sum / count) * 10) / 10 : null };
}
