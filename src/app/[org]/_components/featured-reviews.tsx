import { getTranslations } from 'next-intl/server';
import { Card, CardTitle } from '@/ui/card';
import type { PublicReviewDto } from '@/modules/reviews/schemas';
import { ReviewItem } from './service-reviews';

/** The organization's featured reviews on its home page (nothing when none are featured). */
export async function FeaturedReviews({ reviews, locale }: { reviews: PublicReviewDto[]; locale: string }) {
  if (reviews.length === 0) return null;
  const t = await getTranslations({ locale, namespace: 'reviews' });
  return (
    <Card as="section" aria-labelledby="featured-reviews-title">
      <CardTitle id="featured-reviews-title">{t('featuredHeading')}</CardTitle>
      <ul className="mt-4 grid gap-4 sm:grid-cols-2">
        {reviews.map((r) => (
          <ReviewItem key={r.id} review={r} t={t} locale={locale} showSubject />
        ))}
      </ul>
    </Card>
  );
}
