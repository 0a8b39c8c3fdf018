'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { formatDateTime } from '../../../_lib/format';

export interface StockItemView {
  id: string;
  code: string;
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number;
  /** The variants drawing on it, by title. */
  variants: string[];
  movements: Array<{ id: string; delta: number; reason: string; onHandAfter: number; reservedAfter: number; actorName: string; createdAt: string }>;
}

/** One stock item: its counts, an adjustment (a whole delta and a required reason) and its recent movements. */
export function StockPanel({ slug, item, locale, zone, manage }: { slug: string; item: StockItemView; locale: string; zone: string; manage: boolean }) {
  const t = useTranslations('productsAdmin.stock');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const prefix = `stock-${item.id}`;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const local: Record<string, string> = {};
    const n = /^[+-]?\d+$/.test(delta.trim()) ? Number(delta.trim()) : Number.NaN;
    if (Number.isNaN(n)) local.delta = t('invalidDelta');
    if (!reason.trim()) local.reason = t('reasonRequired');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setFormError(t('fixErrors'));
      form.querySelector<HTMLElement>(`#${prefix}-${local.delta ? 'delta' : 'reason'}`)?.focus();
      return;
    }
    setSaving(true);
    const result = await call(api.orgs[':slug']['stock-items'][':stockItemId'].adjustments.$post({ param: { slug, stockItemId: item.id }, json: { delta: n, reason } }));
    setSaving(false);
    if (result.ok) {
      notify('success', t('adjusted', { code: item.code, onHand: result.data.stockItem.onHand }));
      setDelta('');
      setReason('');
      setErrors({});
      setFormError(null);
      router.refresh();
      return;
    }
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(result.fields)) {
      const key = path.split('.')[0]!;
      if ((key === 'delta' || key === 'reason') && !fields[key]) fields[key] = sentence(message);
    }
    setErrors(fields);
    // A 409 (below what is reserved) is said in full above the form as well as on the field.
    setFormError(result.status === 409 ? t('refused', { message: result.error.message }) : Object.keys(fields).length ? t('fixErrors') : failureMessage(result, te));
    form.querySelector<HTMLElement>(`#${prefix}-${fields.reason && !fields.delta ? 'reason' : 'delta'}`)?.focus();
  }

  return (
    <section aria-labelledby={`${prefix}-title`} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6" data-testid="stock-item">
      <h3 id={`${prefix}-title`} className="font-mono text-base font-semibold break-all text-slate-900">
        {item.code}
      </h3>
      <p className="mt-1 text-sm text-slate-600">{t('usedBy', { variants: item.variants.join(', ') })}</p>
      <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        {(
          [
            ['onHand', item.onHand],
            ['reserved', item.reserved],
            ['available', item.available],
            ['threshold', item.lowStockThreshold],
          ] as const
        ).map(([k, v]) => (
          <div key={k}>
            <dt className="text-slate-600">{t(k)}</dt>
            <dd className="font-semibold text-slate-900 tabular-nums" data-testid={`stock-${k}`}>
              {v}
            </dd>
          </div>
        ))}
      </dl>

      {manage ? (
        <form onSubmit={onSubmit} noValidate className="mt-4 space-y-3" aria-label={t('adjustLabel', { code: item.code })}>
          <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField id={`${prefix}-delta`} label={t('delta')} hint={t('deltaHint')} inputMode="numeric" value={delta} error={errors.delta} maxLength={8} onChange={(e) => setDelta(e.target.value)} />
            <TextField id={`${prefix}-reason`} label={t('reason')} hint={t('reasonHint')} value={reason} error={errors.reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
          </div>
          <Button type="submit" size="sm" loading={saving} loadingText={t('saving')}>
            {t('adjust')}
          </Button>
        </form>
      ) : null}

      <h4 className="mt-5 text-sm font-semibold text-slate-900">{t('movements')}</h4>
      {item.movements.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('noMovements')}</p>
      ) : (
        <ol className="mt-2 divide-y divide-slate-100 text-sm" data-testid="stock-movements">
          {item.movements.map((m) => (
            <li key={m.id} className="py-2">
              <span className="font-semibold text-slate-900 tabular-nums">{m.delta > 0 ? `+${m.delta}` : m.delta}</span> <span className="text-slate-800">{m.reason}</span>
              <span className="block text-slate-600">
                {t('movementMeta', { onHand: m.onHandAfter, reserved: m.reservedAfter, actor: m.actorName })} · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, locale, zone)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
