'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import type { PromoCodeDto } from '@/modules/orders';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { EmptyState } from '@/ui/empty-state';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { formatDate, formatMoney, wallClock } from '../../_lib/format';
import { inputToMinor, minorToInput, partsToPercent, percentToParts, zonedInputToIso } from '../_shop/money';

type Kind = 'percentage' | 'fixed';
type Scope = 'order' | 'products' | 'categories';

interface FormValues {
  code: string;
  description: string;
  kind: Kind;
  value: string;
  scope: Scope;
  productIds: string;
  categoryIds: string;
  minSubtotal: string;
  startsAt: string;
  endsAt: string;
  usageLimit: string;
  perCustomerLimit: string;
  firstOrderOnly: boolean;
  active: boolean;
}

const fieldIds: Record<string, string> = {
  code: 'promo-code',
  description: 'promo-description',
  kind: 'promo-kind',
  value: 'promo-value',
  scope: 'promo-scope',
  productIds: 'promo-productIds',
  categoryIds: 'promo-categoryIds',
  minSubtotalMinor: 'promo-minSubtotal',
  startsAt: 'promo-startsAt',
  endsAt: 'promo-endsAt',
  usageLimit: 'promo-usageLimit',
  perCustomerLimit: 'promo-perCustomerLimit',
};

const blank: FormValues = {
  code: '',
  description: '',
  kind: 'percentage',
  value: '',
  scope: 'order',
  productIds: '',
  categoryIds: '',
  minSubtotal: '',
  startsAt: '',
  endsAt: '',
  usageLimit: '',
  perCustomerLimit: '',
  firstOrderOnly: false,
  active: true,
};

const ids = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const limit = (text: string): number | null => (text.trim() === '' ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/**
 * The codes as a table with their usage (times used / limit), and one form that creates a code
 * or edits the chosen one. Everything typed stays when the API refuses; its message lands on
 * the field it names (`details.fields[].path`, or `details.field` on a 409).
 */
interface Choice {
  id: string;
  name: string;
}

export function PromoCodesManager({
  slug,
  organization,
  currency,
  zone,
  locale,
  codes,
  choices,
}: {
  slug: string;
  organization: string;
  currency: string;
  zone: string;
  locale: string;
  codes: PromoCodeDto[];
  /** The catalog to pick a scoped code's products or categories from; null: typed as ids. */
  choices: { products: Choice[]; categories: Choice[] } | null;
}) {
  const t = useTranslations('shopAdmin.promo');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [editing, setEditing] = useState<PromoCodeDto | null>(null);
  const [values, setValues] = useState<FormValues>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<PromoCodeDto | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const set = <K extends keyof FormValues>(k: K, v: FormValues[K]) => setValues((old) => ({ ...old, [k]: v }));
  const tf = (key: Parameters<typeof t>[0], values?: Record<string, string | number>) => t(key, values);

  function startEdit(code: PromoCodeDto) {
    const local = (iso: string | null) => {
      if (!iso) return '';
      const w = wallClock(iso, zone);
      return `${w.date}T${w.time}`;
    };
    setEditing(code);
    setErrors({});
    setFormError(null);
    setValues({
      code: code.code,
      description: code.description,
      kind: code.kind,
      value: code.kind === 'percentage' ? partsToPercent(code.value, 10_000) : minorToInput(code.value),
      scope: code.scope,
      productIds: code.productIds.join(', '),
      categoryIds: code.categoryIds.join(', '),
      minSubtotal: code.minSubtotalMinor ? minorToInput(code.minSubtotalMinor) : '',
      startsAt: local(code.startsAt),
      endsAt: local(code.endsAt),
      usageLimit: code.usageLimit === null ? '' : String(code.usageLimit),
      perCustomerLimit: code.perCustomerLimit === null ? '' : String(code.perCustomerLimit),
      firstOrderOnly: code.firstOrderOnly,
      active: code.active,
    });
    requestAnimationFrame(() => formHeading.current?.focus());
  }

  function stopEdit() {
    setEditing(null);
    setValues(blank);
    setErrors({});
    setFormError(null);
  }

  function fail(form: HTMLFormElement, fields: Record<string, string>, message: string | null) {
    setErrors(fields);
    setFormError(message);
    const first = Object.keys(fieldIds).find((k) => fields[k]);
    if (first) form.querySelector<HTMLElement>(`#${fieldIds[first]}`)?.focus();
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const local: Record<string, string> = {};
    const value = values.kind === 'percentage' ? percentToParts(values.value, 10_000) : (inputToMinor(values.value) ?? Number.NaN);
    const minSubtotalMinor = inputToMinor(values.minSubtotal) ?? 0;
    const usageLimit = limit(values.usageLimit);
    const perCustomerLimit = limit(values.perCustomerLimit);
    if (Number.isNaN(value)) local.value = t('form.invalidNumber');
    if (Number.isNaN(minSubtotalMinor)) local.minSubtotalMinor = t('form.invalidNumber');
    if (usageLimit !== null && Number.isNaN(usageLimit)) local.usageLimit = t('form.invalidNumber');
    if (perCustomerLimit !== null && Number.isNaN(perCustomerLimit)) local.perCustomerLimit = t('form.invalidNumber');
    if (Object.keys(local).length > 0) return fail(form, local, t('form.fixErrors'));
    const body = {
      description: values.description,
      kind: values.kind,
      value,
      scope: values.scope,
      productIds: values.scope === 'products' ? ids(values.productIds) : [],
      categoryIds: values.scope === 'categories' ? ids(values.categoryIds) : [],
      minSubtotalMinor,
      startsAt: zonedInputToIso(values.startsAt, zone),
      endsAt: zonedInputToIso(values.endsAt, zone),
      usageLimit,
      perCustomerLimit,
      firstOrderOnly: values.firstOrderOnly,
      active: values.active,
    };
    setSaving(true);
    const result = editing
      ? await call(api.orgs[':slug']['promo-codes'][':promoCodeId'].$patch({ param: { slug, promoCodeId: editing.id }, json: body }))
      : await call(api.orgs[':slug']['promo-codes'].$post({ param: { slug }, json: { ...body, code: values.code } }));
    setSaving(false);
    if (result.ok) {
      notify('success', editing ? t('form.saved', { code: result.data.code }) : t('form.created', { code: result.data.code }));
      stopEdit();
      router.refresh();
      return;
    }
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(result.fields)) {
      const key = path.split('.')[0]!;
      if (key in fieldIds && !fields[key]) fields[key] = sentence(message);
    }
    fail(form, fields, Object.keys(fields).length ? t('form.fixErrors') : failureMessage(result, te));
  }

  async function onDelete() {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    const result = await call(api.orgs[':slug']['promo-codes'][':promoCodeId'].$delete({ param: { slug, promoCodeId: deleting.id } }));
    setDeleteBusy(false);
    if (result.ok) {
      notify('success', t('deleted', { code: deleting.code }));
      if (editing?.id === deleting.id) stopEdit();
      setDeleting(null);
      router.refresh();
      return;
    }
    setDeleteError(t('deleteFailed', { message: failureMessage(result, te) }));
  }

  const money = (minor: number) => formatMoney(minor, currency, locale);
  const windowText = (c: PromoCodeDto) => {
    if (!c.startsAt && !c.endsAt) return t('always');
    if (c.startsAt && c.endsAt) return t('range', { from: formatDate(c.startsAt, locale, zone), to: formatDate(c.endsAt, locale, zone) });
    return c.startsAt ? t('fromDate', { date: formatDate(c.startsAt, locale, zone) }) : t('untilDate', { date: formatDate(c.endsAt!, locale, zone) });
  };

  return (
    <>
      {codes.length === 0 ? (
        <EmptyState className="mt-6" title={t('emptyTitle')} description={t('emptyBody')} />
      ) : (
        <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="promo-caption" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption id="promo-caption" className="sr-only">
              {t('caption', { organization })}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('columns.code')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-semibold md:table-cell">
                  {t('columns.window')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('columns.usage')}
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('columns.actions')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {codes.map((c) => (
                <tr key={c.id} className="align-top" data-testid="promo-row">
                  <td className="px-4 py-3">
                    <span className="block font-mono font-semibold text-slate-900">{c.code}</span>
                    <span className="block text-slate-700">
                      {c.kind === 'percentage' ? t('percent', { value: partsToPercent(c.value, 10_000) }) : t('fixed', { amount: money(c.value) })} · {t(`scope.${c.scope}`)}
                    </span>
                    <span className="block text-slate-600">
                      {[c.minSubtotalMinor > 0 ? t('minimum', { amount: money(c.minSubtotalMinor) }) : null, c.firstOrderOnly ? t('firstOrder') : null, c.perCustomerLimit ? t('perCustomer', { count: c.perCustomerLimit }) : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    <Badge tone={c.active ? 'success' : 'neutral'} className="mt-1">
                      {c.active ? t('activeYes') : t('activeNo')}
                    </Badge>
                    <span className="block text-slate-600 md:hidden">{windowText(c)}</span>
                  </td>
                  <td className="hidden px-4 py-3 text-slate-700 md:table-cell">{windowText(c)}</td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-800 tabular-nums">
                    {c.usageLimit === null ? t('unlimited', { used: c.timesUsed }) : t('usage', { used: c.timesUsed, limit: c.usageLimit })}
                  </td>
                  <td className="px-4 py-3">
                    <div className="flex flex-wrap gap-2">
                      <Button size="sm" variant="secondary" aria-label={t('edit', { code: c.code })} onClick={() => startEdit(c)}>
                        {t('editShort')}
                      </Button>
                      <Button
                        size="sm"
                        variant="danger"
                        aria-label={t('delete', { code: c.code })}
                        aria-haspopup="dialog"
                        onClick={() => {
                          setDeleteError(null);
                          setDeleting(c);
                        }}
                      >
                        {t('deleteShort')}
                      </Button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="promo-form-title" className="mt-8 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <h2 id="promo-form-title" ref={formHeading} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
          {editing ? t('form.editTitle', { code: editing.code }) : t('form.createTitle')}
        </h2>
        <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
          <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
          <div className="grid gap-4 sm:grid-cols-2">
            {editing ? null : (
              <TextField id="promo-code" label={t('form.code')} hint={t('form.codeHint')} value={values.code} error={errors.code} onChange={(e) => set('code', e.target.value)} maxLength={40} autoComplete="off" />
            )}
            <TextField id="promo-description" label={t('form.description')} value={values.description} error={errors.description} onChange={(e) => set('description', e.target.value)} maxLength={500} />
            <SelectField id="promo-kind" label={t('form.kind')} value={values.kind} error={errors.kind} onChange={(e) => set('kind', e.target.value as Kind)}>
              <option value="percentage">{t('form.kinds.percentage')}</option>
              <option value="fixed">{t('form.kinds.fixed')}</option>
            </SelectField>
            <TextField
              id="promo-value"
              label={values.kind === 'percentage' ? t('form.percentValue') : t('form.fixedValue', { currency })}
              hint={values.kind === 'percentage' ? t('form.percentHint') : undefined}
              inputMode="decimal"
              value={values.value}
              error={errors.value}
              onChange={(e) => set('value', e.target.value)}
              maxLength={12}
            />
            <SelectField id="promo-scope" label={t('form.scope')} value={values.scope} error={errors.scope} onChange={(e) => set('scope', e.target.value as Scope)}>
              <option value="order">{t('scope.order')}</option>
              <option value="products">{t('scope.products')}</option>
              <option value="categories">{t('scope.categories')}</option>
            </SelectField>
            {values.scope === 'products' ? (
              choices && choices.products.length > 0 ? (
                <Picker id="promo-productIds" legend={t('form.products')} options={choices.products} value={values.productIds} error={errors.productIds} onChange={(v) => set('productIds', v)} />
              ) : (
                <TextField id="promo-productIds" label={t('form.productIds')} hint={t('form.idsHint')} value={values.productIds} error={errors.productIds} onChange={(e) => set('productIds', e.target.value)} maxLength={4000} />
              )
            ) : null}
            {values.scope === 'categories' ? (
              choices && choices.categories.length > 0 ? (
                <Picker id="promo-categoryIds" legend={t('form.categories')} options={choices.categories} value={values.categoryIds} error={errors.categoryIds} onChange={(v) => set('categoryIds', v)} />
              ) : (
                <TextField id="promo-categoryIds" label={t('form.categoryIds')} hint={t('form.idsHint')} value={values.categoryIds} error={errors.categoryIds} onChange={(e) => set('categoryIds', e.target.value)} maxLength={4000} />
              )
            ) : null}
            <TextField id="promo-minSubtotal" label={t('form.minSubtotal', { currency })} inputMode="decimal" value={values.minSubtotal} error={errors.minSubtotalMinor} onChange={(e) => set('minSubtotal', e.target.value)} maxLength={12} />
            <TextField id="promo-startsAt" type="datetime-local" label={t('form.startsAt')} hint={t('form.windowHint')} value={values.startsAt} error={errors.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
            <TextField id="promo-endsAt" type="datetime-local" label={t('form.endsAt')} hint={t('form.windowHint')} value={values.endsAt} error={errors.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
            <TextField id="promo-usageLimit" label={t('form.usageLimit')} hint={t('form.limitHint')} inputMode="numeric" value={values.usageLimit} error={errors.usageLimit} onChange={(e) => set('usageLimit', e.target.value)} maxLength={9} />
            <TextField id="promo-perCustomerLimit" label={t('form.perCustomerLimit')} hint={t('form.limitHint')} inputMode="numeric" value={values.perCustomerLimit} error={errors.perCustomerLimit} onChange={(e) => set('perCustomerLimit', e.target.value)} maxLength={6} />
          </div>
          <div className="flex flex-wrap gap-6">
            <CheckboxField id="promo-firstOrderOnly" label={t('form.firstOrderOnly')} checked={values.firstOrderOnly} onChange={(e) => set('firstOrderOnly', e.target.checked)} />
            <CheckboxField id="promo-active" label={t('form.active')} checked={values.active} onChange={(e) => set('active', e.target.checked)} />
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" loading={saving} loadingText={t('form.saving')}>
              {editing ? t('form.save') : t('form.create')}
            </Button>
            {editing ? (
              <Button variant="secondary" onClick={stopEdit} disabled={saving}>
                {t('form.cancelEdit')}
              </Button>
            ) : null}
          </div>
        </form>
      </section>

      <Dialog
        open={deleting !== null}
        onClose={() => {
          if (!deleteBusy) setDeleting(null);
        }}
        title={deleting ? tf('deleteTitle', { code: deleting.code }) : ''}
        description={t('deleteBody')}
        closeLabel={tc('close')}
      >
        <LiveRegion politeness="assertive">{deleteError ? <Alert tone="error">{deleteError}</Alert> : null}</LiveRegion>
        <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" disabled={deleteBusy} onClick={() => setDeleting(null)}>
            {tc('cancel')}
          </Button>
          <Button variant="danger" loading={deleteBusy} loadingText={t('form.saving')} onClick={() => void onDelete()}>
            {t('deleteConfirm')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

/** Checkboxes for a scoped code's products or categories; the value stays the comma list the form keeps. */
function Picker({ id, legend, options, value, error, onChange }: { id: string; legend: string; options: Choice[]; value: string; error?: string; onChange: (v: string) => void }) {
  const chosen = new Set(ids(value));
  const toggle = (optionId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(optionId);
    else next.delete(optionId);
    onChange([...next].join(', '));
  };
  return (
    <fieldset id={id} tabIndex={-1} aria-describedby={error ? `${id}-error` : undefined} className="sm:col-span-2">
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <div className="mt-2 max-h-56 space-y-2 overflow-y-auto rounded-md border border-slate-200 p-3">
        {options.map((o) => (
          <CheckboxField key={o.id} id={`${id}-${o.id}`} label={o.name} checked={chosen.has(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} />
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
