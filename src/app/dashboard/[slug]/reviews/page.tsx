import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { reviewStatuses, reviewSubjects } from '@/db/enums';
import { isAppError } from '@/lib/errors';
import { listReviews } from '@/modules/reviews';
import { Badge } from '@/ui/badge';
import { buttonClasses } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { cachedMemberCtx } from '../../../_lib/request-cache';
import { Pagination } from '../../_components/pagination';
import { ForbiddenNotice } from '../forbidden-notice';
import { ReviewActions } from './review-actions';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [ctx, t] = await Promise.all([cachedMemberCtx((await params).slug), getTranslations('reviewsAdmin')]);
  return { title: t('metaTitle', { organization: ctx.tenant?.name ?? '' }) };
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined => (values as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

/** The moderation queue (reviews:moderate): pending first; approve, reject with a reason, feature. */
export default async function ReviewsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = await searchParams;
  const status = oneOf(reviewStatuses, one(query.status));
  const subject = oneOf(reviewSubjects, one(query.subject));
  const page = Math.min(Math.max(1, Number.parseInt(one(query.page) ?? '1', 10) || 1), 100_000);
  const [ctx, t, td, locale] = await Promise.all([cachedMemberCtx(slug), getTranslations('reviewsAdmin'), getTranslations('dashboard'), getLocale()]);
  const dated = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: ctx.tenant!.timezone });

  let reviews;
  try {
    reviews = await listReviews(ctx, { page, pageSize: 20, status, subject });
  } catch (err) {
    if (isAppError(err) && err.code === 'FORBIDDEN') {
      return <ForbiddenNotice slug={slug} heading={t('title')} title={td('team.forbiddenTitle')} body={t('forbidden')} backLabel={td('common.backToOverview')} />;
    }
    throw err;
  }
  const href = (p: number) => {
    const q = new URLSearchParams();
    if (status) q.set('status', status);
    if (subject) q.set('subject', subject);
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return `/dashboard/${slug}/reviews${s ? `?${s}` : ''}`;
  };

  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>

      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" aria-label={t('listLabel')}>
        <div className="space-y-1.5">
          <label htmlFor="filter-status" className="block text-sm font-medium text-slate-900">
            {t('filterStatus')}
          </label>
          <select id="filter-status" name="status" defaultValue={status ?? ''} className="block min-h-10 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900">
            <option value="">{t('all')}</option>
            {reviewStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`statusOption.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="filter-subject" className="block text-sm font-medium text-slate-900">
            {t('filterSubject')}
          </label>
          <select id="filter-subject" name="subject" defaultValue={subject ?? ''} className="block min-h-10 rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900">
            <option value="">{t('all')}</option>
            {reviewSubjects.map((s) => (
              <option key={s} value={s}>
                {t(`subjectOption.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClasses({ variant: 'secondary' })}>
          {t('applyFilters')}
        </button>
      </form>

      {reviews.data.length === 0 ? (
        <div className="mt-6">
          <EmptyState title={t('empty')} description={t('emptyHint')} />
        </div>
      ) : (
        <ul className="mt-6 space-y-4" aria-label={t('listLabel')}>
          {reviews.data.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="review-row" data-review-id={r.id}>
              <div className="flex flex-wrap items-center gap-2">
                <span role="img" aria-label={t('ratingOf', { rating: r.rating })} className="text-amber-700">
                  <span aria-hidden="true">{'★'.repeat(r.rating)}</span>
                  <span aria-hidden="true" className="text-slate-500">
                    {'☆'.repeat(5 - r.rating)}
                  </span>
                </span>
                <Badge tone={r.status === 'approved' ? 'success' : r.status === 'rejected' ? 'danger' : 'warning'}>{t(`statusOption.${r.status}`)}</Badge>
                {r.featured ? <Badge tone="brand">{t('featured')}</Badge> : null}
              </div>
              {r.title ? <p className="mt-2 font-medium break-words text-slate-900">{r.title}</p> : null}
              <p className="mt-1 text-sm break-words whitespace-pre-line text-slate-700">{r.body}</p>
              <p className="mt-2 text-xs text-slate-600">{t('byOn', { author: r.authorName, subject: r.subject.name, date: dated.format(new Date(r.createdAt)) })}</p>
              {r.status === 'rejected' && r.rejectionReason ? <p className="mt-1 text-xs text-slate-700">{t('rejectedBecause', { reason: r.rejectionReason })}</p> : null}
              <ReviewActions slug={slug} review={{ id: r.id, status: r.status, featured: r.featured, authorName: r.authorName }} />
            </li>
          ))}
        </ul>
      )}
      <Pagination className="mt-6" label={t('listLabel')} page={reviews.pagination.page} totalPages={reviews.pagination.totalPages} hasMore={reviews.pagination.hasMore} href={href} />
    </div>
  );
}
