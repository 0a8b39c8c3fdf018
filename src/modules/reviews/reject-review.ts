import type { z } from 'zod';
import { conflict } from '@/lib/errors';
import { authorize, type Ctx } from '@/modules/kernel';
import { moderate } from './moderate';
import type { rejectReviewInput, ReviewDto } from './schemas';

/** Pending or approved → rejected, with the reason (required): hidden, out of the average, no longer featured. */
export async function rejectReview(ctx: Ctx, id: string, input: z.output<typeof rejectReviewInput>): Promise<ReviewDto> {
  authorize(ctx, 'reviews:moderate');
  return moderate(ctx, id, 'review.rejected', (before) => {
    if (before.status === 'rejected') throw conflict('This review is already rejected.', { status: before.status });
    return { status: 'rejected', rejectionReason: input.reason, featured: false };
  });
}
