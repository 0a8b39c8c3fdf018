import { conflict } from '@/lib/errors';
import { authorize, type Ctx } from '@/modules/kernel';
import { moderate } from './moderate';
import type { ReviewDto } from './schemas';

/** Pending or rejected → approved: shown publicly, counted in its subject's average. */
export async function approveReview(ctx: Ctx, id: string): Promise<ReviewDto> {
  authorize(ctx, 'reviews:moderate');
  return moderate(ctx, id, 'review.approved', (before) => {
    if (before.status === 'approved') throw conflict('This review is already approved.', { status: before.status });
    return { status: 'approved', rejectionReason: null };
  });
}
