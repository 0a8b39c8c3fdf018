'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import type { VariantDto } from '@/modules/products';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { EmptyState } from '@/ui/empty-state';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { formatMoney } from '../../../_lib/format';
import { inputToMinor, minorToInput } from '../../_shop/money';

interface NewVariant {
  title: string;
  sku: string;
  price: string;
  compareAt: string;
  stockMode: 'new' | 'share';
  onHand: string;
  lowStockThreshold: string;
  stockItemId: string;
  unitsPerVariant: string;
}

const blank: NewVariant = { title: '', sku: '', price: '', compareAt: '', stockMode: 'new', onHand: '0', lowStockThreshold: '5', stockItemId: '', unitsPerVariant: '1' };

const addIds: Record<string, string> = {
  title: 'variant-title',
  sku: 'variant-sku',
  priceMinor: 'variant-price',
  compareAtMinor: 'variant-compareAt',
  onHand: 'variant-onHand',
  lowStockThreshold: 'variant-lowStock',
  stockItemId: 'variant-stockItem',
  unitsPerVariant: 'variant-units',
};

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/**
 * The product's variants: a table (price, compare-at, stock, active), an edit dialog for price,
 * compare-at and active, a delete confirmation, and a form that adds one with new stock or a
 * share of another variant's stock item.
 */
export function VariantsManager({ slug, productId, currency, locale, variants, manage }: { slug: string; productId: string; currency: string; locale: string; variants: VariantDto[]; manage: boolean }) {
  const t = useTranslations('productsAdmin.variants');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [values, setValues] = useState<NewVariant>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [editing, setEditing] = useState<VariantDto | null>(null);
  const [edit, setEdit] = useState({ price: '', compareAt: '', active: true });
  const [editErrors, setEditErrors] = useState<Record<string, string>>({});
  const [editError, setEditError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<VariantDto | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const set = <K extends keyof NewVariant>(k: K, v: NewVariant[K]) => setValues((old) => ({ ...old, [k]: v }));
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const stockItems = [...new Map(variants.map((v) => [v.stockItem.id, { id: v.stockItem.id, label: `${v.stockItem.code} (${v.title})` }])).values()];

  async function onAdd(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const local: Record<string, string> = {};
    const priceMinor = inputToMinor(values.price);
    const compareAtMinor = inputToMinor(values.compareAt);
    if (priceMinor === null) local.priceMinor = t('required');
    else if (Number.isNaN(priceMinor)) local.priceMinor = t('invalidNumber');
    if (compareAtMinor !== null && Number.isNaN(compareAtMinor)) local.compareAtMinor = t('invalidNumber');
    const onHand = whole(values.onHand);
    const lowStockThreshold = whole(values.lowStockThreshold);
    const unitsPerVariant = whole(values.unitsPerVariant);
    if (values.stockMode === 'new') {
      if (Number.isNaN(onHand)) local.onHand = t('invalidWhole');
      if (Number.isNaN(lowStockThreshold)) local.lowStockThreshold = t('invalidWhole');
    } else {
      if (!values.stockItemId) local.stockItemId = t('required');
      if (Number.isNaN(unitsPerVariant)) local.unitsPerVariant = t('invalidWhole');
    }
    const focusFirst = (fields: Record<string, string>) => {
      const first = Object.keys(addIds).find((k) => fields[k]);
      if (first) form.querySelector<HTMLElement>(`#${addIds[first]}`)?.focus();
    };
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setFormError(t('fixErrors'));
      return focusFirst(local);
    }
    const body = {
      title: values.title,
      sku: values.sku,
      priceMinor: priceMinor!,
      compareAtMinor,
      ...(values.stockMode === 'new' ? { stock: { onHand, lowStockThreshold } } : { stockItemId: values.stockItemId, unitsPerVariant }),
    };
    setSaving(true);
    const result = await call(api.orgs[':slug'].products[':productId'].variants.$post({ param: { slug, productId }, json: body }));
    setSaving(false);
    if (result.ok) {
      notify('success', t('added', { title: result.data.title }));
      setValues(blank);
      setErrors({});
      setFormError(null);
      router.refresh();
      return;
    }
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(result.fields)) {
      const parts = path.split('.');
      const key = parts[0] === 'stock' && parts[1] ? parts[1] : parts[0]!;
      if (key in addIds && !fields[key]) fields[key] = sentence(message);
    }
    setErrors(fields);
    setFormError(Object.keys(fields).length ? t('fixErrors') : failureMessage(result, te));
    focusFirst(fields);
  }

  function startEdit(v: VariantDto) {
    setEditing(v);
    setEdit({ price: minorToInput(v.priceMinor), compareAt: minorToInput(v.compareAtMinor), active: v.active });
    setEditErrors({});
    setEditError(null);
  }

  async function onEdit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!editing) return;
    const priceMinor = inputToMinor(edit.price);
    const compareAtMinor = inputToMinor(edit.compareAt);
    const local: Record<string, string> = {};
    if (priceMinor === null) local.priceMinor = t('required');
    else if (Number.isNaN(priceMinor)) local.priceMinor = t('invalidNumber');
    if (compareAtMinor !== null && Number.isNaN(compareAtMinor)) local.compareAtMinor = t('invalidNumber');
    if (Object.keys(local).length > 0) {
      setEditErrors(local);
      return;
    }
    setBusy(true);
    const result = await call(
      api.orgs[':slug'].products[':productId'].variants[':variantId'].$patch({ param: { slug, productId, variantId: editing.id }, json: { priceMinor: priceMinor!, compareAtMinor, active: edit.active } }),
    );
    setBusy(false);
    if (result.ok) {
      notify('success', t('saved', { title: result.data.title }));
      setEditing(null);
      router.refresh();
      return;
    }
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(result.fields)) {
      const key = path.split('.')[0]!;
      if (!fields[key]) fields[key] = sentence(message);
    }
    setEditErrors(fields);
    setEditError(Object.keys(fields).length ? t('fixErrors') : failureMessage(result, te));
  }

  async function onDelete() {
    if (!deleting) return;
    setBusy(true);
    setDeleteError(null);
    const result = await call(api.orgs[':slug'].products[':productId'].variants[':variantId'].$delete({ param: { slug, productId, variantId: deleting.id } }));
    setBusy(false);
    if (result.ok) {
      notify('success', t('deleted', { title: deleting.title }));
      setDeleting(null);
      router.refresh();
      return;
    }
    setDeleteError(t('deleteFailed', { message: failureMessage(result, te) }));
  }

  return (
    <>
      {variants.length === 0 ? (
        <EmptyState className="mt-4" title={t('emptyTitle')} description={t('emptyBody')} />
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" role="region" aria-labelledby="variants-caption" tabIndex={0}>
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption id="variants-caption" className="sr-only">
              {t('caption')}
            </caption>
            <thead className="bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  {t('columns.variant')}
                </th>
                <th scope="col" className="px-4 py-3 text-right font-semibold">
                  {t('columns.price')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">
                  {t('columns.stock')}
                </th>
                {manage ? (
                  <th scope="col" className="px-4 py-3 font-semibold">
                    {t('columns.actions')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {variants.map((v) => {
                const stock = t('stock', { code: v.stockItem.code, available: v.stockItem.available, onHand: v.stockItem.onHand, units: v.unitsPerVariant });
                return (
                  <tr key={v.id} className="align-top" data-testid="variant-row">
                    <td className="px-4 py-3">
                      <span className="block font-medium text-slate-900">{v.title}</span>
                      <span className="block font-mono break-all text-slate-600">{v.sku}</span>
                      <Badge tone={v.active ? 'success' : 'neutral'} className="mt-1">
                        {v.active ? t('active') : t('inactive')}
                      </Badge>
                      <span className="block text-slate-700 sm:hidden">{stock}</span>
                    </td>
                    <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                      <span className="block text-slate-900">{money(v.priceMinor)}</span>
                      {v.compareAtMinor !== null ? <span className="block text-slate-600">{t('compareAtShort', { price: money(v.compareAtMinor) })}</span> : null}
                    </td>
                    <td className="hidden px-4 py-3 text-slate-700 sm:table-cell">{stock}</td>
                    {manage ? (
                      <td className="px-4 py-3">
                        <div className="flex flex-wrap gap-2">
                          <Button size="sm" variant="secondary" aria-label={t('edit', { title: v.title })} aria-haspopup="dialog" onClick={() => startEdit(v)}>
                            {t('editShort')}
                          </Button>
                          <Button
                            size="sm"
                            variant="danger"
                            aria-label={t('delete', { title: v.title })}
                            aria-haspopup="dialog"
                            onClick={() => {
                              setDeleteError(null);
                              setDeleting(v);
                            }}
                          >
                            {t('deleteShort')}
                          </Button>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {manage ? (
        <section aria-labelledby="variant-add-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
          <h3 id="variant-add-title" className="text-base font-semibold text-slate-900">
            {t('addTitle')}
          </h3>
          <form onSubmit={onAdd} noValidate className="mt-4 space-y-4">
            <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField id="variant-title" label={t('title')} value={values.title} error={errors.title} maxLength={120} onChange={(e) => set('title', e.target.value)} />
              <TextField id="variant-sku" label={t('sku')} value={values.sku} error={errors.sku} maxLength={64} autoComplete="off" onChange={(e) => set('sku', e.target.value)} />
              <TextField id="variant-price" label={t('price', { currency })} inputMode="decimal" value={values.price} error={errors.priceMinor} maxLength={12} onChange={(e) => set('price', e.target.value)} />
              <TextField id="variant-compareAt" label={t('compareAt', { currency })} hint={t('compareAtHint')} inputMode="decimal" value={values.compareAt} error={errors.compareAtMinor} maxLength={12} onChange={(e) => set('compareAt', e.target.value)} />
            </div>
            <fieldset className="space-y-3">
              <legend className="text-sm font-medium text-slate-900">{t('stockMode')}</legend>
              <div className="flex flex-wrap gap-x-6 gap-y-2">
                <label className="flex items-center gap-2 text-sm text-slate-900">
                  <input type="radio" name="variant-stock-mode" value="new" checked={values.stockMode === 'new'} onChange={() => set('stockMode', 'new')} className="h-4 w-4" />
                  {t('stockNew')}
                </label>
                <label className="flex items-center gap-2 text-sm text-slate-900">
                  <input type="radio" name="variant-stock-mode" value="share" checked={values.stockMode === 'share'} disabled={stockItems.length === 0} onChange={() => set('stockMode', 'share')} className="h-4 w-4" />
                  {t('stockShare')}
                </label>
              </div>
              {values.stockMode === 'new' ? (
                <div className="grid gap-4 sm:grid-cols-2">
                  <TextField id="variant-onHand" label={t('onHand')} inputMode="numeric" value={values.onHand} error={errors.onHand} maxLength={7} onChange={(e) => set('onHand', e.target.value)} />
                  <TextField id="variant-lowStock" label={t('lowStockThreshold')} inputMode="numeric" value={values.lowStockThreshold} error={errors.lowStockThreshold} maxLength={7} onChange={(e) => set('lowStockThreshold', e.target.value)} />
                </div>
              ) : (
                <div className="grid gap-4 sm:grid-cols-2">
                  <SelectField id="variant-stockItem" label={t('stockItem')} value={values.stockItemId} error={errors.stockItemId} onChange={(e) => set('stockItemId', e.target.value)}>
                    <option value="">{t('chooseStockItem')}</option>
                    {stockItems.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.label}
                      </option>
                    ))}
                  </SelectField>
                  <TextField id="variant-units" label={t('unitsPerVariant')} hint={t('unitsHint')} inputMode="numeric" value={values.unitsPerVariant} error={errors.unitsPerVariant} maxLength={4} onChange={(e) => set('unitsPerVariant', e.target.value)} />
                </div>
              )}
            </fieldset>
            <Button type="submit" loading={saving} loadingText={t('saving')}>
              {t('add')}
            </Button>
          </form>
        </section>
      ) : null}

      <Dialog open={editing !== null} onClose={() => (busy ? undefined : setEditing(null))} title={editing ? t('editTitle', { title: editing.title }) : ''} closeLabel={tc('close')}>
        <form onSubmit={onEdit} noValidate className="mt-2 space-y-4">
          <LiveRegion politeness="assertive">{editError ? <Alert tone="error">{editError}</Alert> : null}</LiveRegion>
          <TextField id="variant-edit-price" label={t('price', { currency })} inputMode="decimal" value={edit.price} error={editErrors.priceMinor} maxLength={12} onChange={(e) => setEdit((o) => ({ ...o, price: e.target.value }))} />
          <TextField
            id="variant-edit-compareAt"
            label={t('compareAt', { currency })}
            hint={t('compareAtHint')}
            inputMode="decimal"
            value={edit.compareAt}
            error={editErrors.compareAtMinor}
            maxLength={12}
            onChange={(e) => setEdit((o) => ({ ...o, compareAt: e.target.value }))}
          />
          <CheckboxField id="variant-edit-active" label={t('activeLabel')} checked={edit.active} onChange={(e) => setEdit((o) => ({ ...o, active: e.target.checked }))} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" disabled={busy} onClick={() => setEditing(null)}>
              {tc('cancel')}
            </Button>
            <Button type="submit" loading={busy} loadingText={t('saving')}>
              {t('save')}
            </Button>
          </div>
        </form>
      </Dialog>

      <Dialog open={deleting !== null} onClose={() => (busy ? undefined : setDeleting(null))} title={deleting ? t('deleteTitle', { title: deleting.title }) : ''} description={t('deleteBody')} closeLabel={tc('close')}>
        <LiveRegion politeness="assertive">{deleteError ? <Alert tone="error">{deleteError}</Alert> : null}</LiveRegion>
        <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" disabled={busy} onClick={() => setDeleting(null)}>
            {tc('cancel')}
          </Button>
          <Button variant="danger" loading={busy} loadingText={t('saving')} onClick={() => void onDelete()}>
            {t('deleteConfirm')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
