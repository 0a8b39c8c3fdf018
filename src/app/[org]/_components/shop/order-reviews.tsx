'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';
import { api, call } from '@/app/_lib/api';
import type { OrderReviewsDto, OwnReviewDto } from '@/modules/reviews/schemas';
import { ReviewForm, SentReview } from '../review-form';

type Line = OrderReviewsDto['data'][number];

/**
 * The order status page's reviews: per line, the review form when the order was fulfilled or
 * delivered, the review sent and its status afterwards, a calm note before. The form's pieces
 * are the booking manage page's (../review-form).
 */
export function OrderReviews({ slug, token, orgName, challenge = false }: { slug: string; token: string; orgName: string; challenge?: boolean }) {
  const t = useTranslations('shop');
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error' } | { status: 'ready'; lines: Line[] }>({ status: 'loading' });
  const [sent, setSent] = useState<Set<string>>(new Set());

  const load = useCallback(async () => {
    const res = await call(api.public.orgs[':slug'].orders[':orderToken'].reviews.$get({ param: { slug, orderToken: token } }));
    setState(res.ok ? { status: 'ready', lines: res.data.data } : { status: 'error' });
  }, [slug, token]);
  useEffect(() => {
    void load();
  }, [load]);

  if (state.status === 'loading') {
    return (
      <LoadingRegion label={t('orderReviewsLoading')}>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <Skeleton className="h-6 w-48" />
          <Skeleton className="mt-4 h-24 w-full" />
        </div>
      </LoadingRegion>
    );
  }
  if (state.status === 'error') {
    return (
      <Alert tone="error" role="alert" title={t('orderReviewsError')}>
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => void load()}>
          {t('retry')}
        </Button>
      </Alert>
    );
  }
  const lines = state.lines;
  if (lines.length === 0) return null;
  const anyOpen = lines.some((l) => l.canReview || l.review);

  function markSent(lineId: string, review: OwnReviewDto) {
    setSent((s) => new Set(s).add(lineId));
    setState((s) => (s.status === 'ready' ? { status: 'ready', lines: s.lines.map((l) => (l.orderLineId === lineId ? { ...l, canReview: false, reason: 'already_reviewed', review } : l)) } : s));
  }

  return (
    <section aria-labelledby="order-reviews-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="order-reviews-title" className="text-base font-semibold text-slate-900">
        {t('orderReviewsHeading')}
      </h2>
      {anyOpen ? <p className="mt-1 text-sm text-slate-700">{t('orderReviewsIntro', { org: orgName })}</p> : null}
      <ul className="mt-2 divide-y divide-slate-200">
        {lines.map((line) => (
          <li key={line.orderLineId} className="py-4" data-order-line={line.orderLineId}>
            <LineReview line={line} orgName={orgName} justSent={sent.has(line.orderLineId)} slug={slug} token={token} challenge={challenge} onSent={markSent} onConflict={() => void load()} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function LineReview({ line, orgName, justSent, slug, token, challenge, onSent, onConflict }: { line: Line; orgName: string; justSent: boolean; slug: string; token: string; challenge: boolean; onSent: (lineId: string, review: OwnReviewDto) => void; onConflict: () => void }) {
  const t = useTranslations('shop');
  const headingId = `line-review-${line.orderLineId}`;
  if (line.review) {
    const r = line.review;
    return (
      <div aria-labelledby={headingId} role="group">
        <SentReview
          review={r}
          headingId={headingId}
          headingLevel="h3"
          heading={justSent ? t('reviewThanks') : t('reviewYours', { product: line.productTitle })}
          note={r.status === 'approved' ? t('reviewStatusApproved') : r.status === 'rejected' ? t('reviewStatusRejected', { org: orgName }) : t('reviewStatusPending', { org: orgName })}
          focusOnMount={justSent}
        />
      </div>
    );
  }
  if (!line.canReview) {
    return (
      <>
        <h3 className="text-sm font-medium text-slate-900">{line.productTitle}</h3>
        <p className="mt-1 text-sm text-slate-700">{line.reason === 'product_unavailable' ? t('reviewUnavailable') : t('reviewNotReceived')}</p>
      </>
    );
  }
  return (
    <div aria-labelledby={headingId} role="group">
      <h3 id={headingId} className="text-base font-semibold text-slate-900">
        {t('reviewFormFor', { product: line.productTitle })}
      </h3>
      <ReviewForm
        idPrefix={`review-${line.orderLineId}`}
        challenge={{ slug, enabled: challenge }}
        send={(json, headers) => call(api.public.orgs[':slug'].orders[':orderToken'].lines[':orderLineId'].review.$post({ param: { slug, orderToken: token, orderLineId: line.orderLineId }, json }, { headers }))}
        onSent={(review) => onSent(line.orderLineId, review)}
        onConflict={onConflict}
        conflictMessage={t('reviewAlready')}
        bodyRequiredMessage={t('reviewBodyRequired')}
      />
    </div>
  );
}
