'use client';

import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';
import { type AddonDto, type ContentLocale, createAddonInput, updateAddonInput } from '@/modules/catalog/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button } from '@/ui/button';
import { EmptyState } from '@/ui/empty-state';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import { LoadingRegion, Skeleton } from '@/ui/skeleton';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { fractionDigits, toMajor, toMinor } from '../_lib/catalog';
import { issueErrors } from '../_lib/validation';

type Load = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; list: AddonDto[] };
/** A shelf stock item an add-on may draw on (GET /orgs/{slug}/stock-items). */
interface StockChoice {
  id: string;
  code: string;
  available: number;
}
type StockLoad = { status: 'loading' } | { status: 'error' } | { status: 'ready'; items: StockChoice[] };

interface Draft {
  name: string;
  description: string;
  price: string;
  pricing: 'per_booking' | 'per_guest';
  extraMinutes: string;
  maxQuantity: string;
  /** '' for none (unlimited). */
  stockItemId: string;
  units: string;
  active: boolean;
  /** Other languages' name and description. */
  translations: Record<string, { name: string; description: string }>;
}

function draftOf(a: AddonDto | null, digits: number, locales: readonly ContentLocale[]): Draft {
  return {
    name: a?.name ?? '',
    description: a?.description ?? '',
    price: toMajor(a?.priceMinor ?? 0, digits),
    pricing: a?.pricing ?? 'per_booking',
    extraMinutes: String(a?.extraMinutes ?? 0),
    maxQuantity: String(a?.maxQuantity ?? 1),
    stockItemId: a?.stockItemId ?? '',
    units: String(a?.units ?? 1),
    active: a?.active ?? true,
    translations: Object.fromEntries(locales.map((l) => [l, { name: a?.translations[l]?.name ?? '', description: a?.translations[l]?.description ?? '' }])),
  };
}

const num = (v: string): number | string => (/^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v.trim());

/**
 * A service's add-ons (a cake, decorations, an extra hour): listed in their order, added,
 * edited, moved up or down and removed through the add-ons API. A failed save keeps what was
 * typed and shows the API's messages under the inputs they name.
 */
export function AddonsManager({ slug, serviceId, currency, otherLocales, readOnly }: { slug: string; serviceId: string; currency: string; otherLocales: ContentLocale[]; readOnly: boolean }) {
  const t = useTranslations('party.addonsEditor');
  const te = useTranslations('catalogPage.errors');
  const locale = useLocale();
  const notify = useToast();
  const digits = fractionDigits(currency);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [stock, setStock] = useState<StockLoad>({ status: 'loading' });

  const fetchStock = useCallback(async () => {
    const res = await call(api.orgs[':slug']['stock-items'].$get({ param: { slug }, query: { page: '1', pageSize: '100' } }));
    setStock(res.ok ? { status: 'ready', items: res.data.data.map((i) => ({ id: i.id, code: i.code, available: i.available })) } : { status: 'error' });
  }, [slug]);

  const fetchList = useCallback(async () => {
    const res = await call(api.orgs[':slug'].services[':serviceId'].addons.$get({ param: { slug, serviceId } }));
    setLoad(res.ok ? { status: 'ready', list: res.data.data } : { status: 'error', message: failureMessage(res, te) });
  }, [slug, serviceId, te]);

  useEffect(() => {
    void fetchList();
  }, [fetchList]);
  useEffect(() => {
    if (!readOnly) void fetchStock();
  }, [fetchStock, readOnly]);

  const money = (minor: number) => new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);

  async function remove(a: AddonDto) {
    if (!window.confirm(t('confirmRemove', { name: a.name }))) return;
    setBusy(a.id);
    setProblem(null);
    const res = await call(api.orgs[':slug'].services[':serviceId'].addons[':addonId'].$delete({ param: { slug, serviceId, addonId: a.id } }));
    setBusy(null);
    if (!res.ok) return setProblem(failureMessage(res, te));
    setStatus(t('removed', { name: a.name }));
    notify('success', t('removed', { name: a.name }));
    await fetchList();
  }

  /** Swaps two neighbours' positions (each a PATCH); the list is read again after. */
  async function move(list: AddonDto[], i: number, d: -1 | 1) {
    const a = list[i]!;
    const b = list[i + d]!;
    setBusy(a.id);
    setProblem(null);
    // Positions may tie (the API orders ties by name): give the pair distinct ones in the new order.
    const [pa, pb] = a.position === b.position ? (d < 0 ? [a.position - 1, a.position] : [a.position + 1, a.position]) : [b.position, a.position];
    const one = await call(api.orgs[':slug'].services[':serviceId'].addons[':addonId'].$patch({ param: { slug, serviceId, addonId: a.id }, json: { position: pa } }));
    const two = one.ok ? await call(api.orgs[':slug'].services[':serviceId'].addons[':addonId'].$patch({ param: { slug, serviceId, addonId: b.id }, json: { position: pb } })) : one;
    setBusy(null);
    if (!two.ok) setProblem(failureMessage(two, te));
    else setStatus(t('moved', { name: a.name }));
    await fetchList();
  }

  return (
    <section aria-labelledby="addons-title" className="space-y-4 rounded-md border border-slate-200 p-3 sm:p-4">
      <LiveRegion className="sr-only">{status}</LiveRegion>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="addons-title" className="text-lg font-semibold text-slate-900">
          {t('title')}
        </h2>
        {!readOnly && load.status === 'ready' && editing?.id !== null ? (
          <Button type="button" variant="secondary" size="sm" onClick={() => setEditing({ id: null })}>
            {t('add')}
          </Button>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">{t('intro')}</p>
      {problem ? (
        <Alert tone="error">
          <p>{problem}</p>
        </Alert>
      ) : null}

      {load.status === 'loading' ? (
        <LoadingRegion label={t('loading')} className="space-y-2">
          <Skeleton className="h-14 w-full" />
          <Skeleton className="h-14 w-full" />
        </LoadingRegion>
      ) : load.status === 'error' ? (
        <Alert tone="error" title={t('loadError')}>
          <p>{load.message}</p>
          <Button variant="secondary" size="sm" className="mt-2" onClick={() => void fetchList()}>
            {t('retry')}
          </Button>
        </Alert>
      ) : (
        <>
          {editing?.id === null ? (
            <AddonForm
              key="new"
              slug={slug}
              serviceId={serviceId}
              addon={null}
              position={(load.list.at(-1)?.position ?? -1) + 1}
              currency={currency}
              digits={digits}
              otherLocales={otherLocales}
              stock={stock}
              onDone={async (saved) => {
                setEditing(null);
                if (saved) {
                  setStatus(t('created', { name: saved }));
                  notify('success', t('created', { name: saved }));
                  await fetchList();
                }
              }}
            />
          ) : null}
          {load.list.length === 0 && editing?.id !== null ? (
            <EmptyState headingLevel="h3" title={t('emptyTitle')} description={t('emptyBody')} />
          ) : (
            <ol className="space-y-2">
              {load.list.map((a, i) => (
                <li key={a.id} className="rounded-md border border-slate-200 bg-white p-3">
                  {editing?.id === a.id ? (
                    <AddonForm
                      slug={slug}
                      serviceId={serviceId}
                      addon={a}
                      position={a.position}
                      currency={currency}
                      digits={digits}
                      otherLocales={otherLocales}
                      stock={stock}
                      onDone={async (saved) => {
                        setEditing(null);
                        if (saved) {
                          setStatus(t('saved', { name: saved }));
                          notify('success', t('saved', { name: saved }));
                          await fetchList();
                        }
                      }}
                    />
                  ) : (
                    <div className="flex flex-wrap items-start justify-between gap-3">
                      <div className="min-w-0">
                        <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                          {a.name}
                          {a.active ? null : <Badge tone="neutral">{t('inactive')}</Badge>}
                        </p>
                        <p className="text-sm text-slate-700 tabular-nums">
                          {[
                            a.pricing === 'per_guest' ? t('pricePerGuest', { price: money(a.priceMinor) }) : t('pricePerBooking', { price: money(a.priceMinor) }),
                            a.extraMinutes > 0 ? t('extraMinutes', { minutes: a.extraMinutes }) : null,
                            t('maxQuantity', { max: a.maxQuantity }),
                            a.stock && a.left !== null ? t('stockLeft', { code: a.stock.code, available: a.stock.available, left: a.left }) : null,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </p>
                      </div>
                      {!readOnly ? (
                        <div className="flex flex-wrap gap-1">
                          <Button type="button" variant="ghost" size="sm" disabled={i === 0 || busy !== null} aria-label={t('moveUp', { name: a.name })} onClick={() => void move(load.list, i, -1)}>
                            ↑
                          </Button>
                          <Button
                            type="button"
                            variant="ghost"
                            size="sm"
                            disabled={i === load.list.length - 1 || busy !== null}
                            aria-label={t('moveDown', { name: a.name })}
                            onClick={() => void move(load.list, i, 1)}
                          >
                            ↓
                          </Button>
                          <Button type="button" variant="secondary" size="sm" aria-label={t('editNamed', { name: a.name })} onClick={() => setEditing({ id: a.id })}>
                            {t('edit')}
                          </Button>
                          <Button type="button" variant="ghost" size="sm" loading={busy === a.id} aria-label={t('removeNamed', { name: a.name })} onClick={() => void remove(a)}>
                            {t('remove')}
                          </Button>
                        </div>
                      ) : null}
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

function AddonForm({
  slug,
  serviceId,
  addon,
  position,
  currency,
  digits,
  otherLocales,
  stock,
  onDone,
}: {
  slug: string;
  serviceId: string;
  addon: AddonDto | null;
  stock: StockLoad;
  position: number;
  currency: string;
  digits: number;
  otherLocales: ContentLocale[];
  /** The saved add-on's name, or null when cancelled. */
  onDone: (saved: string | null) => void | Promise<void>;
}) {
  const t = useTranslations('party.addonsEditor');
  const tv = useTranslations('catalogPage.validation');
  const te = useTranslations('catalogPage.errors');
  const tl = useTranslations('party.languages');
  const [d, setD] = useState<Draft>(() => draftOf(addon, digits, otherLocales));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const prefix = `addon-${addon?.id ?? 'new'}`;
  const set = (patch: Partial<Draft>) => setD((v) => ({ ...v, ...patch }));
  const err = (path: string) => (errors[path] ? sentence(errors[path]) : undefined);

  useEffect(() => {
    nameRef.current?.focus();
  }, []);

  function fail(found: FieldErrors, message: string) {
    setErrors(found);
    setFormError(message);
    requestAnimationFrame(() => alertRef.current?.focus());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const priceMinor = toMinor(d.price, digits);
    if (priceMinor === null) return fail({ priceMinor: t('priceInvalid', { digits }) }, t('fixErrors'));
    const translations = Object.fromEntries(
      otherLocales.flatMap((l) => {
        const tr = d.translations[l];
        const out = { ...(tr?.name.trim() ? { name: tr.name.trim() } : {}), ...(tr?.description.trim() ? { description: tr.description.trim() } : {}) };
        return Object.keys(out).length ? [[l, out]] : [];
      }),
    );
    const input = {
      name: d.name.trim(),
      description: d.description.trim(),
      translations,
      priceMinor,
      pricing: d.pricing,
      extraMinutes: num(d.extraMinutes),
      maxQuantity: num(d.maxQuantity),
      stockItemId: d.stockItemId === '' ? null : d.stockItemId,
      units: num(d.units),
      active: d.active,
      position,
    };
    const parsed = addon ? updateAddonInput.safeParse(input) : createAddonInput.safeParse(input);
    if (!parsed.success) return fail(issueErrors(parsed.error, tv), t('fixErrors'));
    setSaving(true);
    const res = addon
      ? await call(api.orgs[':slug'].services[':serviceId'].addons[':addonId'].$patch({ param: { slug, serviceId, addonId: addon.id }, json: updateAddonInput.parse(input) }))
      : await call(api.orgs[':slug'].services[':serviceId'].addons.$post({ param: { slug, serviceId }, json: createAddonInput.parse(input) }));
    setSaving(false);
    if (!res.ok) {
      const fields = Object.fromEntries(Object.entries(res.fields).map(([p, m]) => [p, sentence(m)]));
      return fail(fields, Object.keys(fields).length ? t('fixErrors') : failureMessage(res, te));
    }
    await onDone(input.name);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`} className="space-y-4 rounded-md bg-slate-50 p-3">
      <h3 id={`${prefix}-title`} className="text-base font-semibold text-slate-900">
        {addon ? t('editTitle', { name: addon.name }) : t('newTitle')}
      </h3>
      {formError ? (
        <div ref={alertRef} tabIndex={-1} className="focus:outline-none">
          <Alert tone="error" title={formError}>
            {Object.entries(errors)
              .filter(([p]) => !/^(name|description|priceMinor|pricing|extraMinutes|maxQuantity|stockItemId|units|active|translations\.[a-z]{2}\.(name|description))$/.test(p))
              .map(([p, m]) => (
                <p key={p}>
                  <code>{p}</code>: {sentence(m)}
                </p>
              ))}
          </Alert>
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField ref={nameRef} id={`${prefix}-name`} label={t('fields.name')} required maxLength={120} value={d.name} onChange={(e) => set({ name: e.target.value })} error={err('name')} />
        <TextField
          id={`${prefix}-price`}
          label={t('fields.price', { currency })}
          hint={t('hints.price', { digits })}
          inputMode="decimal"
          value={d.price}
          onChange={(e) => set({ price: e.target.value })}
          error={err('priceMinor')}
        />
        <TextareaField id={`${prefix}-description`} label={t('fields.description')} rows={2} maxLength={2000} value={d.description} onChange={(e) => set({ description: e.target.value })} error={err('description')} className="sm:col-span-2" />
        <SelectField id={`${prefix}-pricing`} label={t('fields.pricing')} value={d.pricing} onChange={(e) => set({ pricing: e.target.value as Draft['pricing'] })} error={err('pricing')}>
          <option value="per_booking">{t('pricings.per_booking')}</option>
          <option value="per_guest">{t('pricings.per_guest')}</option>
        </SelectField>
        <TextField
          id={`${prefix}-extraMinutes`}
          label={t('fields.extraMinutes')}
          hint={t('hints.extraMinutes')}
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          step={1}
          value={d.extraMinutes}
          onChange={(e) => set({ extraMinutes: e.target.value })}
          error={err('extraMinutes')}
        />
        <TextField
          id={`${prefix}-maxQuantity`}
          label={t('fields.maxQuantity')}
          hint={t('hints.maxQuantity')}
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          step={1}
          value={d.maxQuantity}
          onChange={(e) => set({ maxQuantity: e.target.value })}
          error={err('maxQuantity')}
        />
        {stock.status === 'loading' ? (
          <p className="text-sm text-slate-600 sm:col-span-2" role="status">
            {t('stockLoading')}
          </p>
        ) : (
          <SelectField
            id={`${prefix}-stockItem`}
            label={t('fields.stockItem')}
            hint={stock.status === 'error' ? t('stockLoadError') : t('hints.stockItem')}
            value={d.stockItemId}
            onChange={(e) => set({ stockItemId: e.target.value })}
            error={err('stockItemId')}
          >
            <option value="">{t('noStock')}</option>
            {(stock.status === 'ready' ? stock.items : []).map((i) => (
              <option key={i.id} value={i.id}>
                {t('stockOption', { code: i.code, available: i.available })}
              </option>
            ))}
            {addon?.stockItemId && addon.stock && !(stock.status === 'ready' && stock.items.some((i) => i.id === addon.stockItemId)) ? (
              <option value={addon.stockItemId}>{t('stockOption', { code: addon.stock.code, available: addon.stock.available })}</option>
            ) : null}
          </SelectField>
        )}
        {d.stockItemId !== '' ? (
          <TextField
            id={`${prefix}-units`}
            label={t('fields.units')}
            hint={t('hints.units')}
            type="number"
            inputMode="numeric"
            min={1}
            max={1000}
            step={1}
            value={d.units}
            onChange={(e) => set({ units: e.target.value })}
            error={err('units')}
          />
        ) : null}
        <CheckboxField id={`${prefix}-active`} label={t('fields.active')} hint={t('hints.active')} checked={d.active} onChange={(e) => set({ active: e.target.checked })} error={err('active')} className="self-end" />
      </div>
      {otherLocales.map((l) => (
        <fieldset key={l} className="grid gap-4 rounded-md border border-slate-200 bg-white p-3 sm:grid-cols-2">
          <legend className="px-1 text-sm font-semibold text-slate-900">{t('translationLegend', { language: tl(l) })}</legend>
          <TextField
            id={`${prefix}-tr-${l}-name`}
            label={t('fields.translatedName', { language: tl(l) })}
            hint={d.name.trim() ? t('hints.original', { text: d.name.trim() }) : undefined}
            maxLength={120}
            lang={l}
            value={d.translations[l]?.name ?? ''}
            onChange={(e) => set({ translations: { ...d.translations, [l]: { ...d.translations[l]!, name: e.target.value } } })}
            error={err(`translations.${l}.name`)}
          />
          <TextareaField
            id={`${prefix}-tr-${l}-description`}
            label={t('fields.translatedDescription', { language: tl(l) })}
            rows={2}
            maxLength={2000}
            lang={l}
            value={d.translations[l]?.description ?? ''}
            onChange={(e) => set({ translations: { ...d.translations, [l]: { ...d.translations[l]!, description: e.target.value } } })}
            error={err(`translations.${l}.description`)}
          />
        </fieldset>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" loading={saving} loadingText={t('saving')}>
          {addon ? t('save') : t('create')}
        </Button>
        <Button type="button" variant="secondary" onClick={() => void onDone(null)} disabled={saving}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
