/**
 * Reviews (modules/reviews): one table for both subjects — a service, resting on a completed
 * booking, or a product, resting on an order line. One review per purchase (unique booking_id,
 * unique order_line_id). Only approved reviews are public; products.rating_count/rating_sum and
 * services.rating_count/rating_sum count the approved ones, kept in the moderation's transaction.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ReviewStatus, ReviewSubject } from '@/db/enums';
import { bookings } from './bookings';
import { services } from './catalog';
import { ts } from './columns';
import { products } from './commerce';
import { orderLines } from './orders';
import { organizations } from './organizations';

export { reviewStatuses, reviewSubjects, type ReviewStatus, type ReviewSubject } from '@/db/enums';

export const reviews = pgTable(
  'reviews',
  {
    id: text('id').notNull(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    subjectType: text('subject_type').$type<ReviewSubject>().notNull(),
    serviceId: text('service_id'),
    productId: text('product_id'),
    /** The purchase a service review rests on (a completed booking). */
    bookingId: text('booking_id'),
    /** The purchase a product review rests on (a line of a fulfilled or delivered order). */
    orderLineId: text('order_line_id'),
    rating: integer('rating').notNull(),
    title: text('title'),
    body: text('body').notNull(),
    /** Shown publicly: first name and the initial of the last ("Maria G."), never the email. */
    authorName: text('author_name').notNull(),
    /** The language the review is written in (the page's language when it was sent). */
    locale: text('locale').notNull(),
    status: text('status').$type<ReviewStatus>().notNull().default('pending'),
    rejectionReason: text('rejection_reason'),
    featured: boolean('featured').notNull().default(false),
    moderatedByUserId: text('moderated_by_user_id'),
    moderatedAt: ts('moderated_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'reviews_pkey', columns: [t.organizationId, t.id] }),
    uniqueIndex('reviews_booking_uq').on(t.organizationId, t.bookingId).where(sql`${t.bookingId} is not null`),
    uniqueIndex('reviews_order_line_uq').on(t.organizationId, t.orderLineId).where(sql`${t.orderLineId} is not null`),
    /** The moderation queue: by status, newest first. */
    index('reviews_queue_idx').on(t.organizationId, t.status, t.createdAt),
    /** A subject's public list: approved, featured first, newest. */
    index('reviews_service_public_idx').on(t.organizationId, t.serviceId, t.featured, t.createdAt).where(sql`${t.status} = 'approved' and ${t.serviceId} is not null`),
    index('reviews_product_public_idx').on(t.organizationId, t.productId, t.featured, t.createdAt).where(sql`${t.status} = 'approved' and ${t.productId} is not null`),
    foreignKey({ columns: [t.organizationId, t.serviceId], foreignColumns: [services.organizationId, services.id], name: 'reviews_service_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.organizationId, t.productId], foreignColumns: [products.organizationId, products.id], name: 'reviews_product_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.organizationId, t.bookingId], foreignColumns: [bookings.organizationId, bookings.id], name: 'reviews_booking_fk' }).onDelete('cascade'),
    foreignKey({ columns: [t.organizationId, t.orderLineId], foreignColumns: [orderLines.organizationId, orderLines.id], name: 'reviews_order_line_fk' }).onDelete('cascade'),
    check('reviews_subject_valid', sql`${t.subjectType} in ('service', 'product')`),
    check(
      'reviews_subject_shape',
      sql`(${t.subjectType} = 'service' and ${t.serviceId} is not null and ${t.bookingId} is not null and ${t.productId} is null and ${t.orderLineId} is null)
       or (${t.subjectType} = 'product' and ${t.productId} is not null and ${t.orderLineId} is not null and ${t.serviceId} is null and ${t.bookingId} is null)`,
    ),
    check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
    check('reviews_status_valid', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    check('reviews_rejection_reason', sql`(${t.status} = 'rejected') = (${t.rejectionReason} is not null)`),
    check('reviews_featured_approved', sql`not ${t.featured} or ${t.status} = 'approved'`),
    check('reviews_body_length', sql`char_length(${t.body}) between 1 and 2000`),
    check('reviews_title_length', sql`${t.title} is null or char_length(${t.title}) between 1 and 120`),
  ],
);
