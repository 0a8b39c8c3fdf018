'use client';

import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Alert } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button } from '@/ui/button';
import { Card } from '@/ui/card';
import { TextField } from '@/ui/field';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';
import { TextareaField } from '@/ui/textarea-field';
import { api, type ApiResult, call } from '@/app/_lib/api';
import { isLocale } from '@/i18n/locales';
import { MAX_REVIEW_BODY, MAX_REVIEW_TITLE, type OwnReviewDto, type ReviewEligibilityDto, submitReviewInput } from '@/modules/reviews/schemas';
import { FormChallengeStatus, useChallengeRefusal, useFormChallenge } from './form-challenge';
import { Stars } from './stars';

type Field = 'rating' | 'title' | 'body';
type Errors = Partial<Record<Field, string>>;

/** What a review form sends: the server's own input schema, already checked. */
export type ReviewInput = ReturnType<typeof submitReviewInput.parse>;

/**
 * The review form's fields (rating as radio buttons, optional title, text) with their checks:
 * the server's own schema before sending; a refusal puts its message on the field and keeps
 * everything typed. Shared by the booking manage page and the order status page; `idPrefix`
 * keeps ids unique when a page holds several forms.
 */
export function ReviewForm({
  idPrefix,
  send,
  onSent,
  onConflict,
  conflictMessage,
  bodyRequiredMessage,
  submitLabel,
  challenge: asks,
}: {
  idPrefix: string;
  /** Sends the review with `headers` (the solved challenge's, when the organization asks for one). */
  send: (input: ReviewInput, headers: Record<string, string>) => Promise<ApiResult<OwnReviewDto>>;
  /** The organization's public-form challenge (form-challenge.tsx): solved while the form is filled. */
  challenge?: { slug: string; enabled: boolean };
  onSent: (review: OwnReviewDto) => void;
  onConflict?: () => void;
  conflictMessage: string;
  bodyRequiredMessage?: string;
  submitLabel?: string;
}) {
  const t = useTranslations('reviews');
  const locale = useLocale();
  const [rating, setRating] = useState(0);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const challenge = useFormChallenge(asks?.slug ?? '', !!asks?.enabled);
  const challengeRefusal = useChallengeRefusal();
  const refs = { rating: useRef<HTMLInputElement>(null), title: useRef<HTMLInputElement>(null), body: useRef<HTMLTextAreaElement>(null) };

  function messageFor(field: Field, code: string, message: string, max?: number): string {
    if (field === 'rating') return t('errRating');
    if (code === 'too_big') return t('errMaxLength', { max: max ?? 0 });
    if (/markup/.test(message)) return t('errMarkup');
    if (field === 'body') return bodyRequiredMessage ?? t('errBodyRequired');
    return t('errTitle');
  }

  function showErrors(found: Errors) {
    setErrors(found);
    const first = (['rating', 'title', 'body'] as const).find((f) => found[f]);
    if (first) refs[first].current?.focus();
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const input = { rating, body, ...(title.trim() ? { title } : {}), ...(isLocale(locale) ? { locale } : {}) };
    const checked = submitReviewInput.safeParse(input);
    if (!checked.success) {
      const found: Errors = {};
      for (const issue of checked.error.issues) {
        const field = issue.path[0] as Field;
        found[field] ??= messageFor(field, issue.code, issue.message, 'maximum' in issue ? Number(issue.maximum) : undefined);
      }
      return showErrors(found);
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    const res = await send(checked.data, await challenge.headers());
    setBusy(false);
    if (res.ok) return onSent(res.data);
    if (res.status === 400 && Object.keys(res.fields).length) {
      const found: Errors = {};
      for (const f of ['rating', 'title', 'body'] as const) if (res.fields[f]) found[f] = messageFor(f, /at most/.test(res.fields[f]!) ? 'too_big' : '', res.fields[f]!, f === 'title' ? MAX_REVIEW_TITLE : MAX_REVIEW_BODY);
      return showErrors(found);
    }
    if (res.status === 409) {
      onConflict?.();
      return setFailure(conflictMessage);
    }
    setFailure(res.status === 0 ? t('errNetwork') : res.status >= 500 ? t('errServer') : (challengeRefusal(res) ?? res.error.message));
  }

  return (
    <form noValidate onSubmit={onSubmit} className="mt-4 space-y-4">
      <fieldset aria-describedby={errors.rating ? `${idPrefix}-rating-error` : undefined} aria-invalid={errors.rating ? true : undefined}>
        <legend className="text-sm font-medium text-slate-900">{t('ratingLabel')}</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {[1, 2, 3, 4, 5].map((n) => (
            <label
              key={n}
              className="flex min-h-11 min-w-11 cursor-pointer items-center justify-center gap-1 rounded-md border border-slate-400 bg-white px-3 text-sm text-slate-900 has-[:checked]:border-indigo-700 has-[:checked]:bg-indigo-50 has-[:checked]:font-semibold has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-indigo-600 has-[:focus-visible]:ring-offset-2"
            >
              <input
                ref={n === 1 ? refs.rating : undefined}
                type="radio"
                name="rating"
                value={n}
                checked={rating === n}
                onChange={() => setRating(n)}
                className="sr-only"
              />
              <span aria-hidden="true">{'★'.repeat(n)}</span>
              <span className="sr-only">{t('stars', { count: n })}</span>
            </label>
          ))}
        </div>
        {errors.rating ? (
          <p id={`${idPrefix}-rating-error`} className="mt-1.5 text-sm font-medium text-red-700">
            {errors.rating}
          </p>
        ) : null}
      </fieldset>
      <TextField ref={refs.title} id={`${idPrefix}-title`} label={t('titleLabel')} hint={t('titleHint')} value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} maxLength={MAX_REVIEW_TITLE + 20} />
      <TextareaField
        ref={refs.body}
        id={`${idPrefix}-body`}
        label={t('bodyLabel')}
        hint={t('bodyHint', { max: MAX_REVIEW_BODY })}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={errors.body}
        aria-required="true"
        rows={5}
      />
      {failure ? (
        <Alert tone="error" role="alert">
          {failure}
        </Alert>
      ) : null}
      <Button type="submit" loading={busy} loadingText={t('sending')}>
        {submitLabel ?? t('submit')}
      </Button>
      <FormChallengeStatus challenge={challenge} />
    </form>
  );
}

/** A review already sent: its stars, status badge, title and text, under a heading the caller words. */
export function SentReview({ review, headingId, heading, note, focusOnMount = false, headingLevel = 'h2' }: { review: OwnReviewDto; headingId: string; heading: string; note: string; focusOnMount?: boolean; headingLevel?: 'h2' | 'h3' }) {
  const t = useTranslations('reviews');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount]);
  const Heading = headingLevel;
  return (
    <>
      <div ref={ref} tabIndex={-1} className="focus:outline-none">
        <Heading id={headingId} className={headingLevel === 'h2' ? 'text-lg font-semibold text-slate-900' : 'text-base font-semibold text-slate-900'}>
          {heading}
        </Heading>
        <p className="mt-1 text-sm text-slate-700">{note}</p>
      </div>
      <div className="mt-4 flex items-center gap-3">
        <Stars rating={review.rating} label={t('ratingOf', { rating: review.rating })} />
        <Badge tone={review.status === 'approved' ? 'success' : review.status === 'rejected' ? 'danger' : 'warning'}>{t(`status.${review.status}`)}</Badge>
      </div>
      {review.title ? <p className="mt-2 font-medium text-slate-900">{review.title}</p> : null}
      <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{review.body}</p>
    </>
  );
}

/** The review section on the guest's manage page, for a completed booking. */
export function ReviewSection({ token, orgName, challenge }: { token: string; orgName: string; challenge?: { slug: string; enabled: boolean } }) {
  const t = useTranslations('reviews');
  const [state, setState] = useState<{ status: 'loading' } | { status: 'error' } | { status: 'ready'; data: ReviewEligibilityDto }>({ status: 'loading' });
  const [sent, setSent] = useState(false);

  const load = useCallback(async () => {
    const res = await call(api.public.bookings[':token'].review.$get({ param: { token } }));
    setState(res.ok ? { status: 'ready', data: res.data } : { status: 'error' });
  }, [token]);
  useEffect(() => {
    void load();
  }, [load]);

  if (state.status === 'loading') {
    return (
      <LoadingRegion label={t('loading')}>
        <Card>
          <Skeleton className="h-6 w-48" />
          <Skeleton className="mt-4 h-24 w-full" />
        </Card>
      </LoadingRegion>
    );
  }
  if (state.status === 'error') {
    return (
      <Alert tone="error" role="alert" title={t('loadError')}>
        <Button variant="secondary" size="sm" className="mt-2" onClick={() => void load()}>
          {t('retry')}
        </Button>
      </Alert>
    );
  }
  const { review, canReview } = state.data;
  if (review) {
    return (
      <Card as="section" aria-labelledby="review-heading">
        <SentReview
          review={review}
          headingId="review-heading"
          heading={sent ? t('thanksHeading') : t('yourReview')}
          note={review.status === 'approved' ? t('statusApproved', { org: orgName }) : review.status === 'rejected' ? t('statusRejected', { org: orgName }) : t('statusPending', { org: orgName })}
          focusOnMount={sent}
        />
      </Card>
    );
  }
  if (!canReview) return null;

  return (
    <Card as="section" aria-labelledby="review-heading">
      <h2 id="review-heading" className="text-lg font-semibold text-slate-900">
        {t('formHeading')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('formIntro', { org: orgName })}</p>
      <ReviewForm
        idPrefix="review"
        challenge={challenge}
        send={(json, headers) => call(api.public.bookings[':token'].review.$post({ param: { token }, json }, { headers }))}
        onSent={(r) => {
          setSent(true);
          setState({ status: 'ready', data: { canReview: false, reason: 'already_reviewed', review: r } });
        }}
        onConflict={() => void load()}
        conflictMessage={t('errAlready')}
      />
    </Card>
  );
}
