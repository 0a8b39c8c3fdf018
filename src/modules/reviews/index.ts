/**
 * reviews — ratings (1–5) and text about a service (resting on a completed booking) or a
 * product (resting on an order line), moderated before anyone sees them.
 * Invariants: one review per purchase (unique booking_id; unique order_line_id); rating 1–5,
 * title ≤ 120 and body ≤ 2,000 characters, no markup (CHECKs and the input schema); only
 * approved reviews are public, and only approved ones can be featured (CHECK); the subject's
 * rating_count/rating_sum (services, products) count exactly the approved reviews: moderation
 * locks the review row, then moves the counters in the same transaction. Public answers name
 * the author as "First L." and nothing else about them.
 * Who: the guest through the booking's manage link or the signed-in customer owning the booking
 * writes; reviews:moderate (owners, admins, managers) approves, rejects (with a reason), features.
 * Every mutation is audited (review.submitted/approved/rejected/featured/unfeatured).
 * Tables owned: reviews; writes services.rating_*, products.rating_*.
 * Product reviews: through the order's status link, for a line of a fulfilled or delivered order.
 */
export { approveReview } from './approve-review';
export { featureReview } from './feature-review';
export { listFeaturedReviews, listProductReviews, listServiceReviews } from './list-public-reviews';
export { listReviews } from './list-reviews';
export { displayName } from './queries';
export { rejectReview } from './reject-review';
export * as reviewSchemas from './schemas';
export type { FeaturedReviewsDto, OrderReviewsDto, OwnReviewDto, PublicReviewDto, PublicReviewPage, RatingSummaryDto, ReviewDto, ReviewEligibilityDto, ReviewPage } from './schemas';
export { getManagedReview, reviewBookingAsSystem, submitManagedReview, submitOwnReview } from './submit-review';
export { getOrderReviews, submitOrderReview } from './submit-order-review';
