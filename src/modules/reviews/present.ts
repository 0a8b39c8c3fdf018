/** Rows → the module's answers (schemas.ts). */
import type { ContentLocale } from '@/db/enums';
import { iso } from '@/lib/dto';
import type { ReviewRow } from './queries';
import type { OwnReviewDto, PublicReviewDto, ReviewDto } from './schemas';

export function presentPublicReview(row: ReviewRow, subjectName: string): PublicReviewDto {
  return {
    id: row.id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    authorName: row.authorName,
    locale: row.locale as ContentLocale,
    featured: row.featured,
    subject: { type: row.subjectType, id: (row.serviceId ?? row.productId)!, name: subjectName },
    createdAt: iso(row.createdAt),
  };
}

export function presentReview(row: ReviewRow, subjectName: string): ReviewDto {
  return {
    ...presentPublicReview(row, subjectName),
    status: row.status,
    rejectionReason: row.rejectionReason,
    bookingId: row.bookingId,
    orderLineId: row.orderLineId,
    moderatedByUserId: row.moderatedByUserId,
    moderatedAt: iso(row.moderatedAt),
    updatedAt: iso(row.updatedAt),
  };
}

export function presentOwnReview(row: ReviewRow): OwnReviewDto {
  return { id: row.id, rating: row.rating, title: row.title, body: row.body, status: row.status, createdAt: iso(row.createdAt) };
}
