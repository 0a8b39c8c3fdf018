'use client';

/**
 * "Cancel…" on an occurrence of a recurring series in My reservations: this date (the booking's
 * own cancel), this and following, or the whole series (future dates; past ones stay). One
 * reason for all; the list refreshes after.
 */
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { api, call } from '@/app/_lib/api';
import { LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';

const cancelOne = api.orgs[':slug'].bookings[':bookingId'].cancel.$post;
const cancelSeries = api.orgs[':slug'].bookings.series[':seriesId'].cancel.$post;

type Scope = 'one' | 'following' | 'all';

export function SeriesCancel({ slug, bookingId, seriesId, label }: { slug: string; bookingId: string; seriesId: string; label: string }) {
  const t = useTranslations('series.cancel');
  const router = useRouter();
  const id = useId().replace(/:/g, '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Scope | null>(null);
  const [status, setStatus] = useState('');

  async function cancel(scope: Scope) {
    if (busy) return;
    if (!reason.trim()) {
      setError(t('reasonRequired'));
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setError(null);
    setBusy(scope);
    const res =
      scope === 'one'
        ? await call(cancelOne({ param: { slug, bookingId }, json: { reason: reason.trim() } }))
        : await call(cancelSeries({ param: { slug, seriesId }, json: { scope, bookingId, reason: reason.trim() } }));
    setBusy(null);
    if (!res.ok) {
      setStatus(t('failed', { message: res.error.message }));
      return;
    }
    setStatus(t('done'));
    router.refresh();
  }

  return (
    <details className="w-full text-sm" data-testid="series-cancel">
      <summary className="cursor-pointer font-medium text-indigo-700 hover:underline" aria-label={`${t('summary')} ${label}`}>
        {t('summary')}
      </summary>
      <div className="mt-2 space-y-2">
        <TextField id={`${id}-reason`} label={t('reason')} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} error={error} />
        <div className="flex flex-wrap gap-2">
          {(['one', 'following', 'all'] as const).map((scope) => (
            <Button key={scope} size="sm" variant={scope === 'one' ? 'secondary' : 'danger'} loading={busy === scope} onClick={() => void cancel(scope)}>
              {t(scope === 'one' ? 'this' : scope)}
            </Button>
          ))}
        </div>
        <LiveRegion>{status}</LiveRegion>
      </div>
    </details>
  );
}
