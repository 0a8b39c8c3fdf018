import { getTranslations } from 'next-intl/server';
import { Card, CardTitle } from '@/ui/card';
import type { PublicReviewDto, PublicReviewPage } from '@/modules/reviews/schemas';
import { Stars } from './stars';

type T = Awaited<ReturnType<typeof getTranslations<'reviews'>>>;

/** A service's approved reviews on its public page: the average and count, then featured first, newest. */
export async function ServiceReviews({ page, locale, serviceName }: { page: PublicReviewPage; locale: string; serviceName: string }) {
  const t = await getTranslations({ locale, namespace: 'reviews' });
  const { summary } = page;
  return (
    <Card as="section" aria-labelledby="reviews-title" className="min-w-0">
      <CardTitle id="reviews-title" className="text-lg">
        {t('publicHeading', { name: serviceName })}
      </CardTitle>
      {summary.count === 0 || summary.average === null ? (
        <p className="mt-3 text-sm text-slate-700">{t('noReviews')}</p>
      ) : (
        <>
          <p className="mt-3 flex flex-wrap items-center gap-2 text-slate-900" data-testid="rating-summary">
            <Stars rating={summary.average} label={t('averageLabel', { average: formatAverage(summary.average, locale) })} className="text-xl" />
            <span className="font-semibold tabular-nums">{formatAverage(summary.average, locale)}</span>
            <span className="text-sm text-slate-700">{t('reviewCount', { count: summary.count })}</span>
          </p>
          <ul className="mt-5 space-y-4">
            {page.data.map((r) => (
              <ReviewItem key={r.id} review={r} t={t} locale={locale} />
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

export function formatAverage(average: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);
}

export function ReviewItem({ review, t, locale, showSubject = false }: { review: PublicReviewDto; t: T; locale: string; showSubject?: boolean }) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(review.createdAt));
  return (
    <li className="rounded-md border border-slate-200 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <Stars rating={review.rating} label={t('ratingOf', { rating: review.rating })} />
        {review.featured ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t('featured')}</span> : null}
      </div>
      {review.title ? <p className="mt-2 font-medium text-slate-900">{review.title}</p> : null}
      <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{review.body}</p>
      <p className="mt-2 text-xs text-slate-600">
        {showSubject ? t('byOn', { author: review.authorName, subject: review.subject.name, date }) : t('by', { author: review.authorName, date })}
      </p>
    </li>
  );
}
