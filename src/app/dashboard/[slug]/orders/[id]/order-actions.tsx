'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState, useTransition } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button, type ButtonVariant } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage } from '@/app/_lib/api';

export type OrderAction = 'pay' | 'fulfil' | 'deliver' | 'cancel' | 'refund';

const sequence: OrderAction[] = ['pay', 'fulfil', 'deliver', 'refund', 'cancel'];
const variants: Record<OrderAction, ButtonVariant> = { pay: 'primary', fulfil: 'primary', deliver: 'primary', refund: 'danger', cancel: 'danger' };
/** Destructive: asked in a dialog first (cancel with a reason, refund with an optional note). */
type Confirmed = 'cancel' | 'refund';
const confirmed = (a: OrderAction): a is Confirmed => a === 'cancel' || a === 'refund';

/**
 * The status actions the order allows now (the server's `allowedActions`). Each goes through the
 * API; on success the page is re-read so status, history and the next actions come from the
 * server. A refusal (409: someone moved the order meanwhile) is shown as the API said it.
 */
export function OrderActions({ slug, orderId, number, actions, manages }: { slug: string; orderId: string; number: string; actions: OrderAction[]; manages: boolean }) {
  const t = useTranslations('shopAdmin.order.actions');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [refreshing, startTransition] = useTransition();
  const [busy, setBusy] = useState<OrderAction | null>(null);
  const [asking, setAsking] = useState<Confirmed | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);

  useEffect(() => {
    if (!focusHeading.current || refreshing || asking) return;
    headingRef.current?.focus();
    focusHeading.current = false;
  }, [refreshing, asking]);

  async function run(action: OrderAction, text: string) {
    setBusy(action);
    setError(null);
    const result = await call(api.orgs[':slug'].orders[':orderId'][':action'].$post({ param: { slug, orderId, action }, json: text ? { note: text } : {} }));
    setBusy(null);
    if (result.ok) {
      notify('success', t(`done.${action}`));
      focusHeading.current = true;
      startTransition(() => router.refresh());
      return null;
    }
    if (result.status === 409) startTransition(() => router.refresh());
    return result;
  }

  async function onDirect(action: OrderAction) {
    const failure = await run(action, '');
    if (failure) setError(t('failed', { message: failureMessage(failure, te) }));
  }

  async function onConfirm(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!asking || busy) return;
    const textarea = e.currentTarget.querySelector<HTMLTextAreaElement>('textarea');
    const trimmed = note.trim();
    setDialogError(null);
    if (asking === 'cancel' && !trimmed) {
      setNoteError(t('reasonRequired'));
      textarea?.focus();
      return;
    }
    setNoteError(null);
    const failure = await run(asking, trimmed);
    if (!failure) {
      setAsking(null);
      setNote('');
      return;
    }
    if (failure.fields.note) {
      setNoteError(failure.fields.note);
      textarea?.focus();
    } else setDialogError(t('failed', { message: failureMessage(failure, te) }));
  }

  const shown = sequence.filter((a) => actions.includes(a));
  const disabled = busy !== null || refreshing;

  return (
    <section aria-labelledby="order-actions-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="order-actions-title" ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
        {t('title')}
      </h2>
      <LiveRegion politeness="assertive" className="mt-2">
        {error ? <Alert tone="error">{error}</Alert> : null}
      </LiveRegion>
      {!manages ? (
        <p className="mt-2 text-sm text-slate-600">{t('readOnly')}</p>
      ) : shown.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('none')}</p>
      ) : (
        <div className="mt-3 flex flex-wrap gap-2">
          {shown.map((a) => (
            <Button
              key={a}
              variant={variants[a]}
              disabled={disabled && busy !== a}
              loading={busy === a && !confirmed(a)}
              loadingText={t('working')}
              aria-haspopup={confirmed(a) ? 'dialog' : undefined}
              onClick={() => {
                if (confirmed(a)) {
                  setDialogError(null);
                  setNoteError(null);
                  setAsking(a);
                } else void onDirect(a);
              }}
            >
              {t(a)}
            </Button>
          ))}
        </div>
      )}

      <Dialog
        open={asking !== null}
        onClose={() => {
          if (!busy) setAsking(null);
        }}
        title={asking ? t(`confirmTitle.${asking}`, { number }) : ''}
        description={asking ? t(`confirmBody.${asking}`) : undefined}
        closeLabel={tc('close')}
      >
        <form onSubmit={onConfirm} noValidate className="space-y-4">
          <LiveRegion politeness="assertive">{dialogError ? <Alert tone="error">{dialogError}</Alert> : null}</LiveRegion>
          <TextareaField
            id="order-note"
            name="note"
            label={asking === 'cancel' ? t('reason') : t('note')}
            hint={t('reasonHint')}
            required={asking === 'cancel'}
            maxLength={500}
            rows={3}
            value={note}
            error={noteError}
            onChange={(e) => setNote(e.target.value)}
          />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" disabled={busy !== null} onClick={() => setAsking(null)}>
              {t('keep')}
            </Button>
            <Button type="submit" variant="danger" loading={busy !== null} loadingText={t('working')}>
              {asking ? t(`confirm.${asking}`) : ''}
            </Button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
