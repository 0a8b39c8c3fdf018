'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { api, type ApiResult, call, failureMessage } from '@/app/_lib/api';
import { MAX_REJECTION_REASON, rejectReviewInput } from '@/modules/reviews/schemas';

interface Row {
  id: string;
  status: 'pending' | 'approved' | 'rejected';
  featured: boolean;
  authorName: string;
}

/** One review's buttons: approve, reject (a reason, in a dialog), feature / stop featuring (approved only). */
export function ReviewActions({ slug, review }: { slug: string; review: Row }) {
  const t = useTranslations('reviewsAdmin');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const param = { slug, reviewId: review.id };

  async function run(action: string, request: () => Promise<ApiResult<unknown>>, done: string): Promise<boolean> {
    setBusy(action);
    setFailure(null);
    const res = await request();
    setBusy(null);
    if (res.ok) {
      notify('success', done);
      router.refresh();
      return true;
    }
    setFailure(t('actionFailed', { message: res.status === 409 || res.status === 422 ? res.error.message : failureMessage(res, te) }));
    if (res.status === 409 || res.status === 422) router.refresh();
    return false;
  }

  async function onReject(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const checked = rejectReviewInput.safeParse({ reason });
    if (!checked.success) {
      setReasonError(t('errReasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    const ok = await run('reject', () => call(api.orgs[':slug'].reviews[':reviewId'].reject.$post({ param, json: checked.data })), t('rejected'));
    if (ok) setRejecting(false);
  }

  const label = t('actionsFor', { author: review.authorName });
  return (
    <div className="mt-3">
      <div role="group" aria-label={label} className="flex flex-wrap gap-2">
        {review.status !== 'approved' ? (
          <Button size="sm" loading={busy === 'approve'} disabled={!!busy} onClick={() => void run('approve', () => call(api.orgs[':slug'].reviews[':reviewId'].approve.$post({ param })), t('approved'))}>
            {t('approve')}
          </Button>
        ) : null}
        {review.status === 'approved' ? (
          <Button
            size="sm"
            variant="secondary"
            loading={busy === 'feature'}
            disabled={!!busy}
            onClick={() =>
              void run('feature', () => call(api.orgs[':slug'].reviews[':reviewId'].featured.$put({ param, json: { featured: !review.featured } })), review.featured ? t('unfeaturedDone') : t('featuredDone'))
            }
          >
            {review.featured ? t('unfeature') : t('feature')}
          </Button>
        ) : null}
        {review.status !== 'rejected' ? (
          <Button
            size="sm"
            variant="secondary"
            disabled={!!busy}
            onClick={() => {
              setReason('');
              setReasonError(null);
              setRejecting(true);
            }}
          >
            {t('reject')}
          </Button>
        ) : null}
      </div>
      {failure && !rejecting ? (
        <Alert tone="error" role="alert" className="mt-2">
          {failure}
        </Alert>
      ) : null}
      <Dialog open={rejecting} onClose={() => busy !== 'reject' && setRejecting(false)} title={t('reject')} closeLabel={tc('close')}>
        <form noValidate onSubmit={onReject} className="space-y-4">
          <TextareaField
            ref={reasonRef}
            id={`reject-reason-${review.id}`}
            label={t('rejectReasonLabel')}
            hint={t('rejectReasonHint')}
            value={reason}
            rows={3}
            maxLength={MAX_REJECTION_REASON}
            onChange={(e) => setReason(e.target.value)}
            error={reasonError}
            aria-required="true"
          />
          {failure ? (
            <Alert tone="error" role="alert">
              {failure}
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" loading={busy === 'reject'}>
              {t('rejectConfirm')}
            </Button>
            <Button variant="secondary" onClick={() => setRejecting(false)} disabled={busy === 'reject'}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
