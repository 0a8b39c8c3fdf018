'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState, useTransition } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button, type ButtonVariant } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { api, type ApiFailure, call, failureMessage } from '@/app/_lib/api';
import { RescheduleDialog, type RescheduleInfo } from './reschedule-dialog';

export type LifecycleAction = 'confirm' | 'reject' | 'start' | 'complete' | 'cancel' | 'no_show';

const order: LifecycleAction[] = ['confirm', 'start', 'complete', 'no_show', 'reject', 'cancel'];
const variants: Record<LifecycleAction, ButtonVariant> = {
  confirm: 'primary',
  start: 'primary',
  complete: 'primary',
  no_show: 'secondary',
  reject: 'danger',
  cancel: 'danger',
};
/** One route per move; cancel requires a reason, the others take one optionally. */
function move(action: LifecycleAction, param: { slug: string; bookingId: string }, reason: string) {
  const booking = api.orgs[':slug'].bookings[':bookingId'];
  const json = reason ? { reason } : {};
  switch (action) {
    case 'confirm':
      return call(booking.confirm.$post({ param, json }));
    case 'reject':
      return call(booking.reject.$post({ param, json }));
    case 'start':
      return call(booking.start.$post({ param, json }));
    case 'complete':
      return call(booking.complete.$post({ param, json }));
    case 'cancel':
      return call(booking.cancel.$post({ param, json: { reason } }));
    case 'no_show':
      return call(booking['no-show'].$post({ param, json }));
  }
}

/** These ask for a reason first, in a dialog. */
const withReason = new Set<LifecycleAction>(['cancel', 'reject']);

/**
 * The lifecycle moves the booking allows now (from the server's `allowedActions`), and
 * rescheduling. Each goes through the API; on success the page is re-read (router.refresh) so
 * status, history and the remaining actions come from the server, never from a guess here.
 */
export function BookingActions({
  slug,
  bookingId,
  actions,
  reschedule,
}: {
  slug: string;
  bookingId: string;
  actions: LifecycleAction[];
  reschedule: RescheduleInfo | null;
}) {
  const t = useTranslations('dashboard.booking.actions');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [refreshing, startTransition] = useTransition();
  const [busy, setBusy] = useState<LifecycleAction | null>(null);
  const [asking, setAsking] = useState<LifecycleAction | null>(null);
  const [rescheduling, setRescheduling] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const rescheduleRef = useRef<HTMLButtonElement>(null);
  const focusAfter = useRef<'heading' | 'reschedule' | null>(null);

  const refresh = () => startTransition(() => router.refresh());

  // Once the page is re-read and the dialog has closed: after a lifecycle move the pressed
  // button is gone (the status allows other moves now), so focus lands on this section's
  // heading; after a reschedule it goes back to the Reschedule button.
  useEffect(() => {
    if (!focusAfter.current || refreshing || asking || rescheduling) return;
    (focusAfter.current === 'heading' ? headingRef.current : (rescheduleRef.current ?? headingRef.current))?.focus();
    focusAfter.current = null;
  }, [refreshing, asking, rescheduling]);

  async function run(action: LifecycleAction, reason = ''): Promise<ApiFailure | null> {
    setBusy(action);
    const result = await move(action, { slug, bookingId }, reason);
    setBusy(null);
    if (result.ok) {
      notify('success', t(`done.${action}`));
      focusAfter.current = 'heading';
      refresh();
      return null;
    }
    // 409: someone else moved the booking meanwhile; show its real state.
    if (result.status === 409) refresh();
    return result;
  }

  async function onDirect(action: LifecycleAction) {
    const failure = await run(action);
    if (failure) notify('error', t('failed', { message: failureMessage(failure, te) }));
  }

  async function onReasonSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!asking || busy) return;
    const textarea = e.currentTarget.querySelector<HTMLTextAreaElement>('textarea');
    const trimmed = reason.trim();
    setDialogError(null);
    if (asking === 'cancel' && !trimmed) {
      setReasonError(t('reasonRequired'));
      textarea?.focus();
      return;
    }
    setReasonError(null);
    const failure = await run(asking, trimmed);
    if (!failure) {
      setAsking(null);
      setReason('');
      return;
    }
    if (failure.fields.reason) {
      setReasonError(t('reasonInvalid', { message: failure.fields.reason }));
      textarea?.focus();
    } else setDialogError(failureMessage(failure, te));
  }

  const disabled = busy !== null || refreshing;

  return (
    <section aria-labelledby="booking-actions-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 id="booking-actions-title" ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
        {t('title')}
      </h2>
      {actions.length === 0 && !reschedule ? (
        <p className="mt-2 text-sm text-slate-600">{t('none')}</p>
      ) : (
        <div className="mt-3 flex flex-wrap gap-2">
          {order
            .filter((a) => actions.includes(a))
            .map((a) => (
              <Button
                key={a}
                variant={variants[a]}
                disabled={disabled && busy !== a}
                loading={busy === a && !withReason.has(a)}
                loadingText={t('working')}
                aria-haspopup={withReason.has(a) ? 'dialog' : undefined}
                onClick={() => {
                  if (withReason.has(a)) {
                    setDialogError(null);
                    setReasonError(null);
                    setAsking(a);
                  } else void onDirect(a);
                }}
              >
                {t(`labels.${a}`)}
              </Button>
            ))}
          {reschedule ? (
            <Button ref={rescheduleRef} variant="secondary" disabled={disabled} aria-haspopup="dialog" onClick={() => setRescheduling(true)}>
              {t('labels.reschedule')}
            </Button>
          ) : null}
        </div>
      )}

      <Dialog
        open={asking !== null}
        onClose={() => {
          if (!busy) setAsking(null);
        }}
        title={asking ? t(`${asking === 'cancel' ? 'cancelDialog' : 'rejectDialog'}.title`) : ''}
        description={asking ? t(`${asking === 'cancel' ? 'cancelDialog' : 'rejectDialog'}.body`) : undefined}
        closeLabel={tc('close')}
      >
        <form onSubmit={onReasonSubmit} noValidate className="space-y-4">
          <LiveRegion politeness="assertive">{dialogError ? <Alert tone="error">{dialogError}</Alert> : null}</LiveRegion>
          <TextareaField
            id="booking-reason"
            name="reason"
            label={asking === 'cancel' ? t('reason') : t('reasonOptional')}
            hint={t('reasonHint')}
            required={asking === 'cancel'}
            maxLength={1000}
            rows={3}
            value={reason}
            error={reasonError}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" disabled={busy !== null} onClick={() => setAsking(null)}>
              {t('keep')}
            </Button>
            <Button type="submit" variant="danger" loading={busy !== null} loadingText={t('working')}>
              {asking ? t(`${asking === 'cancel' ? 'cancelDialog' : 'rejectDialog'}.confirm`) : ''}
            </Button>
          </div>
        </form>
      </Dialog>

      {reschedule ? (
        <RescheduleDialog
          // A moved booking starts the next reschedule from its new time.
          key={reschedule.start}
          open={rescheduling}
          onClose={() => setRescheduling(false)}
          slug={slug}
          bookingId={bookingId}
          info={reschedule}
          onDone={(message) => {
            setRescheduling(false);
            notify('success', message);
            focusAfter.current = 'reschedule';
            refresh();
          }}
        />
      ) : null}
    </section>
  );
}
