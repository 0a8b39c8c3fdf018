import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { PublicReviewPage } from '@/modules/reviews/schemas';
import { formatAverage, ReviewItem } from '../service-reviews';
import { Stars } from '../stars';

/**
 * A product's approved reviews on its page: the average and count, then featured first, newest,
 * one page at a time through `?reviews=N` links (no script needed).
 */
export async function ProductReviews({ page, locale, basePath }: { page: PublicReviewPage; locale: string; basePath: string }) {
  const [t, tr] = await Promise.all([getTranslations({ locale, namespace: 'shop' }), getTranslations({ locale, namespace: 'reviews' })]);
  const { summary, pagination } = page;
  const href = (n: number) => (n <= 1 ? `${basePath}#reviews-title` : `${basePath}?reviews=${n}#reviews-title`);
  return (
    <section aria-labelledby="reviews-title" className="mt-10" data-reviews-slot>
      <h2 id="reviews-title" className="text-xl font-semibold text-slate-900">
        {t('reviewsHeading')}
      </h2>
      {summary.count === 0 || summary.average === null ? (
        <p className="mt-2 text-sm text-slate-700">{t('reviewsNone')}</p>
      ) : (
        <>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-slate-900" data-testid="rating-summary">
            <Stars rating={summary.average} label={tr('averageLabel', { average: formatAverage(summary.average, locale) })} className="text-xl" />
            <span className="font-semibold tabular-nums">{formatAverage(summary.average, locale)}</span>
            <span className="text-sm text-slate-700">{tr('reviewCount', { count: summary.count })}</span>
          </p>
          {page.data.length > 0 ? (
            <ul className="mt-4 space-y-4">
              {page.data.map((r) => (
                <ReviewItem key={r.id} review={r} t={tr} locale={locale} />
              ))}
            </ul>
          ) : null}
          {pagination.totalPages > 1 || pagination.page > 1 ? (
            <nav aria-label={t('reviewsPagination')} className="mt-4 flex flex-wrap items-center gap-3 text-sm">
              {pagination.page > 1 ? (
                <Link href={href(Math.min(pagination.page - 1, pagination.totalPages))} className="inline-flex min-h-11 items-center rounded-md border border-slate-400 px-3 font-medium text-slate-900 underline-offset-2 hover:underline">
                  {t('reviewsNewer')}
                </Link>
              ) : null}
              <span className="text-slate-700">{t('reviewsPage', { page: Math.min(pagination.page, pagination.totalPages), pages: pagination.totalPages })}</span>
              {pagination.hasMore ? (
                <Link href={href(pagination.page + 1)} className="inline-flex min-h-11 items-center rounded-md border border-slate-400 px-3 font-medium text-slate-900 underline-offset-2 hover:underline">
                  {t('reviewsMore')}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}
