import type { z } from 'zod';
import { ruleViolation } from '@/lib/errors';
import { authorize, type Ctx } from '@/modules/kernel';
import { moderate } from './moderate';
import type { featureReviewInput, ReviewDto } from './schemas';

/** Feature or unfeature a review; only an approved one can be featured (422 otherwise). */
export async function featureReview(ctx: Ctx, id: string, input: z.output<typeof featureReviewInput>): Promise<ReviewDto> {
  authorize(ctx, 'reviews:moderate');
  return moderate(ctx, id, input.featured ? 'review.featured' : 'review.unfeatured', (before) => {
    if (input.featured && before.status !== 'approved') {
      throw ruleViolation('Only an approved review can be featured: approve it first.', { reason: 'not_approved', status: before.status });
    }
    return { featured: input.featured };
  });
}
