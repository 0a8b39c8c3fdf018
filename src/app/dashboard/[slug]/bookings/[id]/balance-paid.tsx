'use client';

/**
 * Staff record that a party's balance was paid (at the venue, by transfer): one POST, audited by
 * the API, with an optional note for the booking's history. A failure keeps the note and says
 * why; success reloads the page with the balance marked paid.
 */
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState, useTransition } from 'react';
import { api, call, failureMessage } from '@/app/_lib/api';
import { recordBalanceInput } from '@/modules/bookings/schemas';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';

export function BalancePaid({ slug, bookingId, amount }: { slug: string; bookingId: string; amount: string }) {
  const t = useTranslations('party.details');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const [, startTransition] = useTransition();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const parsed = recordBalanceInput.safeParse(note.trim() ? { note: note.trim() } : {});
    if (!parsed.success) return setError(parsed.error.issues[0]!.message);
    setBusy(true);
    setError(null);
    const res = await call(api.orgs[':slug'].bookings[':bookingId']['balance-paid'].$post({ param: { slug, bookingId }, json: parsed.data }));
    setBusy(false);
    if (!res.ok) return setError(res.fields.note ?? failureMessage(res, te));
    notify('success', t('balanceRecorded'));
    setOpen(false);
    startTransition(() => router.refresh());
  }

  if (!open) {
    return (
      <Button type="button" variant="secondary" size="sm" className="mt-3" onClick={() => setOpen(true)}>
        {t('markBalancePaid')}
      </Button>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 space-y-3 rounded-md bg-slate-50 p-3" aria-labelledby="balance-paid-title">
      <p id="balance-paid-title" className="text-sm font-medium text-slate-900">
        {t('confirmBalance', { amount })}
      </p>
      <TextField id="balance-note" label={t('balanceNote')} hint={t('balanceNoteHint')} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      {error ? (
        <Alert tone="error">
          <p>{error}</p>
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" loading={busy} loadingText={t('markingBalance')}>
          {t('markBalancePaid')}
        </Button>
        <Button type="button" size="sm" variant="secondary" disabled={busy} onClick={() => setOpen(false)}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
