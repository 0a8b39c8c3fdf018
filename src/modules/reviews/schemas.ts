/** Inputs and answers of the reviews module: one zod schema per input, shared by routes, use cases and forms. */
import { z } from 'zod';
import { contentLocales, reviewStatuses, reviewSubjects } from '@/db/enums';
import { isoInstant, pageOf } from '@/lib/dto';
import { paginationQuery } from '@/lib/pagination';
import { freeText, hasMarkup, MARKUP_MESSAGE, plainText } from '@/lib/text';
import * as organizationSchemas from '@/modules/organizations/schemas';

export const MAX_REVIEW_TITLE = 120;
export const MAX_REVIEW_BODY = 2000;
export const MAX_REJECTION_REASON = 500;

/** Text people write, without markup: a review is shown to the public, tags are refused outright (400). */
const reviewBody = freeText(MAX_REVIEW_BODY)
  .refine((v) => !hasMarkup(v), MARKUP_MESSAGE)
  .refine((v) => v.length >= 1, 'must not be empty');

const rating = z
  .number({ message: 'must be a whole number from 1 to 5' })
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be at least 1')
  .max(5, 'must be at most 5');

/** A review of a completed booking (through its manage link or by the signed-in customer who owns it). */
export const submitReviewInput = z
  .object({
    rating,
    /** Optional headline; empty means none. */
    title: plainText(MAX_REVIEW_TITLE).optional(),
    body: reviewBody,
    /** The language the review is written in; omitted: the organization's. */
    locale: z.enum(contentLocales).optional(),
  })
  .strict();
export type SubmitReviewInput = z.input<typeof submitReviewInput>;

export const rejectReviewInput = z
  .object({ reason: freeText(MAX_REJECTION_REASON).refine((v) => v.length >= 1, 'a reason is required') })
  .strict();
export type RejectReviewInput = z.input<typeof rejectReviewInput>;

export const featureReviewInput = z.object({ featured: z.boolean({ message: 'must be true or false' }) }).strict();
export type FeatureReviewInput = z.input<typeof featureReviewInput>;

export const listReviewsQuery = paginationQuery.extend({
  status: z.enum(reviewStatuses).optional(),
  subject: z.enum(reviewSubjects).optional(),
});
export type ListReviewsQuery = z.input<typeof listReviewsQuery>;

export const publicReviewsQuery = paginationQuery;

export const reviewId = organizationSchemas.idParam('rev');
export const reviewParams = organizationSchemas.slugParams.extend({ reviewId });
export const ownBookingParams = z.object({ bookingId: organizationSchemas.idParam('bkg') });
export const publicServiceReviewsParams = organizationSchemas.slugParams.extend({ serviceId: organizationSchemas.idParam('svc') });
export const publicProductReviewsParams = organizationSchemas.slugParams.extend({ productId: organizationSchemas.idParam('prod') });
/** An order's status link (the orders module's token shape) and, for a review, one of its lines. */
const orderToken = z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/, 'is not an order link');
export const orderReviewsParams = organizationSchemas.slugParams.extend({ orderToken });
export const orderLineReviewParams = orderReviewsParams.extend({ orderLineId: organizationSchemas.idParam('oln') });

// ─── Answers (DTOs) ─────────────────────────────────────────────────────────────────────────

/** What the public sees: no email, no booking, the author as "First L.". */
export const publicReviewDto = z
  .object({
    id: z.string(),
    rating: z.number().int(),
    title: z.string().nullable(),
    body: z.string(),
    authorName: z.string().meta({ description: 'first name and the initial of the last name' }),
    locale: z.enum(contentLocales),
    featured: z.boolean(),
    subject: z.object({ type: z.enum(reviewSubjects), id: z.string(), name: z.string() }),
    createdAt: isoInstant,
  })
  .meta({ id: 'PublicReview', description: 'An approved review as the public pages show it.' });
export type PublicReviewDto = z.infer<typeof publicReviewDto>;

export const ratingSummaryDto = z
  .object({
    count: z.number().int().meta({ description: 'approved reviews' }),
    average: z.number().nullable().meta({ description: 'mean rating of the approved reviews, one decimal; null when none' }),
  })
  .meta({ id: 'RatingSummary' });
export type RatingSummaryDto = z.infer<typeof ratingSummaryDto>;

export const publicReviewPage = pageOf(publicReviewDto)
  .extend({ summary: ratingSummaryDto })
  .meta({ id: 'PublicReviewPage', description: 'Approved reviews, featured first, then newest; with the average rating and count.' });
export type PublicReviewPage = z.infer<typeof publicReviewPage>;

export const featuredReviewsDto = z.object({ data: z.array(publicReviewDto) }).meta({ id: 'FeaturedReviews', description: 'The organization’s featured reviews, newest first (at most 6).' });
export type FeaturedReviewsDto = z.infer<typeof featuredReviewsDto>;

/** The moderator's view: everything, including who moderated and why a review was rejected. */
export const reviewDto = publicReviewDto
  .extend({
    status: z.enum(reviewStatuses),
    rejectionReason: z.string().nullable(),
    bookingId: z.string().nullable(),
    orderLineId: z.string().nullable(),
    moderatedByUserId: z.string().nullable(),
    moderatedAt: isoInstant.nullable(),
    updatedAt: isoInstant,
  })
  .meta({ id: 'Review', description: 'A review with its moderation state.' });
export type ReviewDto = z.infer<typeof reviewDto>;
export const reviewPage = pageOf(reviewDto);
export type ReviewPage = z.infer<typeof reviewPage>;

/** The reviewer's own view of what they sent (status, never the moderator's reason). */
export const ownReviewDto = z
  .object({
    id: z.string(),
    rating: z.number().int(),
    title: z.string().nullable(),
    body: z.string(),
    status: z.enum(reviewStatuses),
    createdAt: isoInstant,
  })
  .meta({ id: 'OwnReview' });
export type OwnReviewDto = z.infer<typeof ownReviewDto>;

export const reviewEligibilityDto = z
  .object({
    canReview: z.boolean(),
    reason: z.enum(['not_completed', 'already_reviewed']).nullable().meta({ description: 'why not, when canReview is false' }),
    review: ownReviewDto.nullable(),
  })
  .meta({ id: 'ReviewEligibility', description: 'Whether this booking can be reviewed, and the review sent for it if any.' });
export type ReviewEligibilityDto = z.infer<typeof reviewEligibilityDto>;

export const orderReviewsDto = z
  .object({
    data: z.array(
      z.object({
        orderLineId: z.string(),
        productId: z.string().nullable(),
        productTitle: z.string(),
        canReview: z.boolean(),
        reason: z.enum(['not_received', 'already_reviewed', 'product_unavailable']).nullable().meta({ description: 'why not, when canReview is false' }),
        review: ownReviewDto.nullable(),
      }),
    ),
  })
  .meta({ id: 'OrderReviews', description: "Each line of an order: whether it can be reviewed (the order is fulfilled or delivered), and the review sent for it." });
export type OrderReviewsDto = z.infer<typeof orderReviewsDto>;
