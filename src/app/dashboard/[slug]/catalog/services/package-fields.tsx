'use client';

import { useTranslations } from 'next-intl';
import type { PackageDto } from '@/modules/catalog/schemas';
import { Button } from '@/ui/button';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import { toMajor, toMinor } from '../_lib/catalog';

/** The package part of the service form, as typed (numbers as text, amounts in major units). */
export interface PackageDraft {
  enabled: boolean;
  includedChildren: string;
  includedAdults: string;
  extraChild: string;
  extraAdult: string;
  minGuests: string;
  maxGuests: string;
  depositType: 'fixed' | 'percent';
  /** A percentage, or an amount in major units. */
  depositValue: string;
  balanceDueDays: string;
  policy: { uid: number; minNoticeHours: string; refundPercent: string }[];
}

let uidSeq = 0;
const nextUid = () => ++uidSeq;

export function packageDraft(pkg: PackageDto | null, digits: number): PackageDraft {
  if (!pkg) {
    return {
      enabled: false,
      includedChildren: '10',
      includedAdults: '10',
      extraChild: toMajor(0, digits),
      extraAdult: toMajor(0, digits),
      minGuests: '1',
      maxGuests: '40',
      depositType: 'percent',
      depositValue: '30',
      balanceDueDays: '0',
      policy: [],
    };
  }
  return {
    enabled: true,
    includedChildren: String(pkg.includedChildren),
    includedAdults: String(pkg.includedAdults),
    extraChild: toMajor(pkg.extraChildMinor, digits),
    extraAdult: toMajor(pkg.extraAdultMinor, digits),
    minGuests: String(pkg.minGuests),
    maxGuests: String(pkg.maxGuests),
    depositType: pkg.depositType,
    depositValue: pkg.depositType === 'fixed' ? toMajor(pkg.depositValue, digits) : String(pkg.depositValue),
    balanceDueDays: String(pkg.balanceDueDays),
    policy: pkg.cancellationPolicy.map((s) => ({ uid: nextUid(), minNoticeHours: String(s.minNoticeHours), refundPercent: String(s.refundPercent) })),
  };
}

/** A number when it reads as one (the schema then checks bounds and whole numbers), else the text. */
function num(v: string): number | string {
  const trimmed = v.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The package as the API takes it (`package` on create/update; null: an ordinary service), or
 * the amounts that do not read as money, keyed by the API's paths.
 */
export function packageOut(d: PackageDraft, digits: number, moneyInvalid: string): { ok: true; value: Record<string, unknown> | null } | { ok: false; errors: Record<string, string> } {
  if (!d.enabled) return { ok: true, value: null };
  const errors: Record<string, string> = {};
  const money = (path: string, v: string) => {
    const m = toMinor(v, digits);
    if (m === null) errors[path] = moneyInvalid;
    return m ?? 0;
  };
  const value = {
    includedChildren: num(d.includedChildren),
    includedAdults: num(d.includedAdults),
    extraChildMinor: money('package.extraChildMinor', d.extraChild),
    extraAdultMinor: money('package.extraAdultMinor', d.extraAdult),
    minGuests: num(d.minGuests),
    maxGuests: num(d.maxGuests),
    depositType: d.depositType,
    depositValue: d.depositType === 'fixed' ? money('package.depositValue', d.depositValue) : num(d.depositValue),
    balanceDueDays: num(d.balanceDueDays),
    cancellationPolicy: d.policy.map((s) => ({ minNoticeHours: num(s.minNoticeHours), refundPercent: num(s.refundPercent) })),
  };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/**
 * Package pricing of a service (a party): guests included in the price, extra guests' prices,
 * guest bounds, the deposit taken when booking, when the balance is due and the cancellation
 * policy's refund steps. Errors come keyed by the API's paths (`package.maxGuests`,
 * `package.cancellationPolicy.1.refundPercent`).
 */
export function PackageFields({
  draft,
  onChange,
  currency,
  digits,
  errors,
  readOnly,
}: {
  draft: PackageDraft;
  onChange: (next: PackageDraft) => void;
  currency: string;
  digits: number;
  errors: Record<string, string | undefined>;
  readOnly: boolean;
}) {
  const t = useTranslations('party.editor');
  const set = (patch: Partial<PackageDraft>) => onChange({ ...draft, ...patch });
  const err = (path: string) => errors[`package.${path}`];
  const field = (key: 'includedChildren' | 'includedAdults' | 'minGuests' | 'maxGuests' | 'balanceDueDays', hint?: string) => (
    <TextField
      id={`pkg-${key}`}
      label={t(`fields.${key}`)}
      hint={hint}
      type="number"
      inputMode="numeric"
      min={key === 'minGuests' || key === 'maxGuests' ? 1 : 0}
      step={1}
      value={draft[key]}
      onChange={(e) => set({ [key]: e.target.value })}
      error={err(key)}
    />
  );
  const moneyField = (key: 'extraChild' | 'extraAdult') => (
    <TextField
      id={`pkg-${key}`}
      label={t(`fields.${key}`, { currency })}
      hint={t('hints.money', { digits })}
      inputMode="decimal"
      value={draft[key]}
      onChange={(e) => set({ [key]: e.target.value })}
      error={errors[`package.${key}Minor`]}
    />
  );

  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-3 sm:p-4" disabled={readOnly}>
      <legend className="px-1 text-lg font-semibold text-slate-900">{t('legend')}</legend>
      <CheckboxField id="pkg-enabled" label={t('enabled')} hint={t('enabledHint')} checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} error={errors.package} />
      {draft.enabled ? (
        <>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {field('includedChildren')}
            {field('includedAdults')}
            {moneyField('extraChild')}
            {moneyField('extraAdult')}
            {field('minGuests', t('hints.guests'))}
            {field('maxGuests', t('hints.guests'))}
            <SelectField id="pkg-depositType" label={t('fields.depositType')} value={draft.depositType} onChange={(e) => set({ depositType: e.target.value as PackageDraft['depositType'] })} error={err('depositType')}>
              <option value="percent">{t('depositTypes.percent')}</option>
              <option value="fixed">{t('depositTypes.fixed')}</option>
            </SelectField>
            <TextField
              id="pkg-depositValue"
              label={draft.depositType === 'percent' ? t('fields.depositPercent') : t('fields.depositAmount', { currency })}
              hint={draft.depositType === 'percent' ? t('hints.percent') : t('hints.money', { digits })}
              inputMode={draft.depositType === 'percent' ? 'numeric' : 'decimal'}
              value={draft.depositValue}
              onChange={(e) => set({ depositValue: e.target.value })}
              error={err('depositValue')}
            />
            {field('balanceDueDays', t('hints.balanceDueDays'))}
          </div>

          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold text-slate-900">{t('policy.legend')}</legend>
            <p className="text-sm text-slate-600">{t('policy.hint')}</p>
            {err('cancellationPolicy') ? <p className="text-sm font-medium text-red-700">{err('cancellationPolicy')}</p> : null}
            {draft.policy.length === 0 ? <p className="text-sm text-slate-600">{t('policy.none')}</p> : null}
            <ol className="space-y-3">
              {draft.policy.map((s, i) => {
                const row = t('policy.row', { n: i + 1 });
                const update = (patch: Partial<PackageDraft['policy'][number]>) => set({ policy: draft.policy.map((x) => (x.uid === s.uid ? { ...x, ...patch } : x)) });
                return (
                  <li key={s.uid}>
                    <fieldset className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start">
                      <legend className="sr-only">{row}</legend>
                      <TextField
                        id={`pkg-policy-${s.uid}-hours`}
                        label={t('policy.minNoticeHours', { n: i + 1 })}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        step={1}
                        value={s.minNoticeHours}
                        onChange={(e) => update({ minNoticeHours: e.target.value })}
                        error={err(`cancellationPolicy.${i}.minNoticeHours`)}
                      />
                      <TextField
                        id={`pkg-policy-${s.uid}-percent`}
                        label={t('policy.refundPercent', { n: i + 1 })}
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={100}
                        step={1}
                        value={s.refundPercent}
                        onChange={(e) => update({ refundPercent: e.target.value })}
                        error={err(`cancellationPolicy.${i}.refundPercent`)}
                      />
                      {!readOnly ? (
                        <div className="sm:pt-6">
                          <Button type="button" variant="ghost" size="sm" aria-label={t('policy.remove', { row })} onClick={() => set({ policy: draft.policy.filter((x) => x.uid !== s.uid) })}>
                            {t('policy.removeShort')}
                          </Button>
                        </div>
                      ) : null}
                    </fieldset>
                  </li>
                );
              })}
            </ol>
            {!readOnly && draft.policy.length < 10 ? (
              <Button type="button" variant="secondary" size="sm" onClick={() => set({ policy: [...draft.policy, { uid: nextUid(), minNoticeHours: '', refundPercent: '' }] })}>
                {t('policy.add')}
              </Button>
            ) : null}
          </fieldset>
        </>
      ) : null}
    </fieldset>
  );
}
