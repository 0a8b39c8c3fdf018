'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';

/** Staff add or take points (loyalty:manage) with a reason; the input stays on an error, shown on its field. */
export function AdjustPoints({ slug, customerId }: { slug: string; customerId: string }) {
  const t = useTranslations('loyaltyAdmin.customer');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ delta?: string; reason?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const local: { delta?: string; reason?: string } = {};
    const text = delta.trim().replace('−', '-');
    if (!/^[-+]?\d+$/.test(text) || Number(text) === 0) local.delta = t('invalidDelta');
    if (!reason.trim()) local.reason = t('reasonRequired');
    if (local.delta || local.reason) return fail(form, local, t('fixErrors'));
    setSaving(true);
    const result = await call(api.orgs[':slug'].customers[':customerId'].loyalty.adjustments.$post({ param: { slug, customerId }, json: { delta: Number(text), reason: reason.trim() } }));
    setSaving(false);
    if (result.ok) {
      setDelta('');
      setReason('');
      setErrors({});
      setFormError(null);
      notify('success', t('adjusted', { points: result.data.summary.points }));
      router.refresh();
      return;
    }
    const fields: { delta?: string; reason?: string } = {};
    if (result.fields.delta) fields.delta = sentence(result.fields.delta);
    if (result.fields.reason) fields.reason = sentence(result.fields.reason);
    // Taking more than the balance is a 409 about the points: shown on the points field.
    if (result.status === 409) fields.delta = result.error.message;
    fail(form, fields, Object.keys(fields).length ? t('fixErrors') : failureMessage(result, te));
  }

  function fail(form: HTMLFormElement, fields: { delta?: string; reason?: string }, message: string | null) {
    setErrors(fields);
    setFormError(message);
    const first = Object.keys(fields)[0];
    if (first) form.querySelector<HTMLElement>(`#adjust-${first}`)?.focus();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="adjust-title" className="mt-6 space-y-3 border-t border-slate-200 pt-4">
      <h3 id="adjust-title" className="text-sm font-semibold text-slate-900">
        {t('adjustTitle')}
      </h3>
      <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField id="adjust-delta" label={t('delta')} hint={t('deltaHint')} inputMode="numeric" maxLength={9} value={delta} error={errors.delta} onChange={(e) => setDelta(e.target.value)} />
        <TextField id="adjust-reason" className="sm:col-span-2" label={t('reason')} maxLength={300} value={reason} error={errors.reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <Button type="submit" loading={saving} loadingText={t('adjusting')}>
        {t('adjust')}
      </Button>
    </form>
  );
}
