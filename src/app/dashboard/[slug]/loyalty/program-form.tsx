'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import type { ProgramDto } from '@/modules/loyalty';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField, TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { inputToMinor, minorToInput } from '../_shop/money';

const numberFields = ['pointsPerUnit', 'redeemPoints', 'minRedeemPoints', 'expiryMonths', 'silverMin', 'goldMin', 'platinumMin', 'pointsPerCheckIn'] as const;
const moneyFields = ['earnUnitMinor', 'redeemValueMinor'] as const;
type Field = (typeof numberFields)[number] | (typeof moneyFields)[number];
const fieldNames: readonly string[] = [...numberFields, ...moneyFields];
const isField = (p: string): p is Field => fieldNames.includes(p);

/** The program as a form; what was typed stays on an error, which is shown on its field. */
export function ProgramForm({ slug, program }: { slug: string; program: ProgramDto }) {
  const t = useTranslations('loyaltyAdmin');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const [enabled, setEnabled] = useState(program.enabled);
  const [earnOnBookings, setEarnOnBookings] = useState(program.earnOnBookings);
  const [earnOnOrders, setEarnOnOrders] = useState(program.earnOnOrders);
  const [values, setValues] = useState<Record<Field, string>>({
    pointsPerUnit: String(program.pointsPerUnit),
    earnUnitMinor: minorToInput(program.earnUnitMinor),
    redeemPoints: String(program.redeemPoints),
    redeemValueMinor: minorToInput(program.redeemValueMinor),
    minRedeemPoints: String(program.minRedeemPoints),
    expiryMonths: program.expiryMonths === null ? '' : String(program.expiryMonths),
    silverMin: String(program.silverMin),
    goldMin: String(program.goldMin),
    platinumMin: String(program.platinumMin),
    pointsPerCheckIn: String(program.pointsPerCheckIn),
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (k: Field, v: string) => setValues((old) => ({ ...old, [k]: v }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const local: Partial<Record<Field, string>> = {};
    const whole = (k: Field): number => {
      const text = values[k].trim();
      if (!/^\d+$/.test(text)) local[k] = t('invalidNumber');
      return Number(text);
    };
    const money = (k: Field): number => {
      const n = inputToMinor(values[k]);
      if (n === null || Number.isNaN(n)) local[k] = t('invalidAmount');
      return n ?? 0;
    };
    const json = {
      enabled,
      earnOnBookings,
      earnOnOrders,
      pointsPerUnit: whole('pointsPerUnit'),
      earnUnitMinor: money('earnUnitMinor'),
      redeemPoints: whole('redeemPoints'),
      redeemValueMinor: money('redeemValueMinor'),
      minRedeemPoints: whole('minRedeemPoints'),
      expiryMonths: values.expiryMonths.trim() === '' ? null : whole('expiryMonths'),
      silverMin: whole('silverMin'),
      goldMin: whole('goldMin'),
      platinumMin: whole('platinumMin'),
      pointsPerCheckIn: whole('pointsPerCheckIn'),
    };
    if (Object.keys(local).length > 0) return fail(form, local, t('fixErrors'));
    setSaving(true);
    const result = await call(api.orgs[':slug'].loyalty.$put({ param: { slug }, json }));
    setSaving(false);
    if (result.ok) {
      setErrors({});
      setFormError(null);
      notify('success', t('saved'));
      router.refresh();
      return;
    }
    const fields: Partial<Record<Field, string>> = {};
    for (const [path, message] of Object.entries(result.fields)) if (isField(path)) fields[path] = sentence(message);
    fail(form, fields, Object.keys(fields).length ? t('fixErrors') : failureMessage(result, te));
  }

  function fail(form: HTMLFormElement, fields: Partial<Record<Field, string>>, message: string | null) {
    setErrors(fields);
    setFormError(message);
    const first = Object.keys(fields)[0];
    if (first) form.querySelector<HTMLElement>(`#loyalty-${first}`)?.focus();
  }

  const field = (k: Field, label: string, hint?: string, inputMode: 'numeric' | 'decimal' = 'numeric') => (
    <TextField id={`loyalty-${k}`} label={label} hint={hint} inputMode={inputMode} value={values[k]} error={errors[k]} onChange={(e) => set(k, e.target.value)} maxLength={12} />
  );

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
      <CheckboxField id="loyalty-enabled" label={t('enabled')} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
      <fieldset className="space-y-4 border-t border-slate-200 pt-4">
        <legend className="text-sm font-semibold text-slate-900">{t('earnHeading')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          {field('pointsPerUnit', t('pointsPerUnit'))}
          {field('earnUnitMinor', t('earnUnit', { currency: program.currency }), t('earnUnitHint'), 'decimal')}
        </div>
        <CheckboxField id="loyalty-earnOnOrders" label={t('earnOnOrders')} checked={earnOnOrders} onChange={(e) => setEarnOnOrders(e.target.checked)} />
        <CheckboxField id="loyalty-earnOnBookings" label={t('earnOnBookings')} checked={earnOnBookings} onChange={(e) => setEarnOnBookings(e.target.checked)} />
        {field('pointsPerCheckIn', t('pointsPerCheckIn'), t('pointsPerCheckInHint'))}
        {field('expiryMonths', t('expiryMonths'), t('expiryHint'))}
      </fieldset>
      <fieldset className="space-y-4 border-t border-slate-200 pt-4">
        <legend className="text-sm font-semibold text-slate-900">{t('redeemHeading')}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          {field('redeemPoints', t('redeemPoints'))}
          {field('redeemValueMinor', t('redeemValue', { currency: program.currency }), undefined, 'decimal')}
          {field('minRedeemPoints', t('minRedeemPoints'))}
        </div>
      </fieldset>
      <fieldset className="space-y-4 border-t border-slate-200 pt-4">
        <legend className="text-sm font-semibold text-slate-900">{t('tiersHeading')}</legend>
        <p className="text-sm text-slate-600">{t('tiersHint')}</p>
        <div className="grid gap-4 sm:grid-cols-3">
          {field('silverMin', t('silverMin'))}
          {field('goldMin', t('goldMin'))}
          {field('platinumMin', t('platinumMin'))}
        </div>
      </fieldset>
      <Button type="submit" loading={saving} loadingText={t('saving')}>
        {t('save')}
      </Button>
    </form>
  );
}
