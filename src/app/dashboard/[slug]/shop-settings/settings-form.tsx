'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import type { ShopSettingsDto } from '@/modules/orders';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField, TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { inputToMinor, minorToInput, partsToPercent, percentToParts } from '../_shop/money';

type Field = 'taxRatePpm' | 'checkoutHoldMinutes' | 'shippingFeeMinor' | 'freeShippingOverMinor' | 'pickupInstructions';

/** The settings as a form; what was typed stays on an error, which is shown on its field. */
export function ShopSettingsForm({ slug, settings }: { slug: string; settings: ShopSettingsDto }) {
  const t = useTranslations('shopAdmin.settings');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const [values, setValues] = useState({
    tax: partsToPercent(settings.taxRatePpm, 1_000_000),
    hold: String(settings.checkoutHoldMinutes),
    shippingEnabled: settings.shippingEnabled,
    fee: minorToInput(settings.shippingFeeMinor),
    freeOver: minorToInput(settings.freeShippingOverMinor),
    pickupEnabled: settings.pickupEnabled,
    instructions: settings.pickupInstructions,
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof typeof values>(k: K, v: (typeof values)[K]) => setValues((old) => ({ ...old, [k]: v }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const local: Partial<Record<Field, string>> = {};
    const taxRatePpm = percentToParts(values.tax, 1_000_000);
    const hold = /^\d+$/.test(values.hold.trim()) ? Number(values.hold.trim()) : Number.NaN;
    const fee = inputToMinor(values.fee) ?? 0;
    const freeOver = inputToMinor(values.freeOver);
    if (Number.isNaN(taxRatePpm)) local.taxRatePpm = t('invalidNumber');
    if (Number.isNaN(hold)) local.checkoutHoldMinutes = t('invalidNumber');
    if (Number.isNaN(fee)) local.shippingFeeMinor = t('invalidNumber');
    if (freeOver !== null && Number.isNaN(freeOver)) local.freeShippingOverMinor = t('invalidNumber');
    if (Object.keys(local).length > 0) return fail(form, local, null);
    setSaving(true);
    const result = await call(
      api.orgs[':slug']['shop-settings'].$patch({
        param: { slug },
        json: {
          taxRatePpm,
          checkoutHoldMinutes: hold,
          shippingEnabled: values.shippingEnabled,
          shippingFeeMinor: fee,
          freeShippingOverMinor: freeOver,
          pickupEnabled: values.pickupEnabled,
          pickupInstructions: values.instructions,
        },
      }),
    );
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
    if (first) form.querySelector<HTMLElement>(`#shop-${first}`)?.focus();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="shop-taxRatePpm" label={t('taxRate')} hint={t('taxHint')} inputMode="decimal" value={values.tax} error={errors.taxRatePpm} onChange={(e) => set('tax', e.target.value)} maxLength={12} />
        <TextField id="shop-checkoutHoldMinutes" label={t('holdMinutes')} hint={t('holdHint')} inputMode="numeric" value={values.hold} error={errors.checkoutHoldMinutes} onChange={(e) => set('hold', e.target.value)} maxLength={6} />
      </div>
      <fieldset className="space-y-4 border-t border-slate-200 pt-4">
        <legend className="sr-only">{t('shippingEnabled')}</legend>
        <CheckboxField id="shop-shippingEnabled" label={t('shippingEnabled')} checked={values.shippingEnabled} onChange={(e) => set('shippingEnabled', e.target.checked)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id="shop-shippingFeeMinor" label={t('shippingFee', { currency: settings.currency })} inputMode="decimal" value={values.fee} error={errors.shippingFeeMinor} onChange={(e) => set('fee', e.target.value)} maxLength={12} />
          <TextField
            id="shop-freeShippingOverMinor"
            label={t('freeOver', { currency: settings.currency })}
            hint={t('freeOverHint')}
            inputMode="decimal"
            value={values.freeOver}
            error={errors.freeShippingOverMinor}
            onChange={(e) => set('freeOver', e.target.value)}
            maxLength={12}
          />
        </div>
      </fieldset>
      <fieldset className="space-y-4 border-t border-slate-200 pt-4">
        <legend className="sr-only">{t('pickupEnabled')}</legend>
        <CheckboxField id="shop-pickupEnabled" label={t('pickupEnabled')} checked={values.pickupEnabled} onChange={(e) => set('pickupEnabled', e.target.checked)} />
        <TextareaField id="shop-pickupInstructions" label={t('pickupInstructions')} rows={3} maxLength={500} value={values.instructions} error={errors.pickupInstructions} onChange={(e) => set('instructions', e.target.value)} />
      </fieldset>
      <Button type="submit" loading={saving} loadingText={t('saving')}>
        {t('save')}
      </Button>
    </form>
  );
}

const fieldNames: readonly string[] = ['taxRatePpm', 'checkoutHoldMinutes', 'shippingFeeMinor', 'freeShippingOverMinor', 'pickupInstructions'];
const isField = (p: string): p is Field => fieldNames.includes(p);
