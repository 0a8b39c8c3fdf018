'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useState } from 'react';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';
import { bookingAccessModes, type BookingAccessMode } from '@/db/enums';
import { bookingAccessInput } from '@/modules/rules/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField, TextField } from '@/ui/field';
import { Spinner } from '@/ui/spinner';
import { useToast } from '@/ui/toast';
import type { Option } from './rule-form';

interface Draft {
  mode: BookingAccessMode;
  tierIds: string[];
  expiryHours: string;
  holdMinutes: string;
}

/** Who may book (anyone, signed-in members, members of some tiers) and how long a request may wait for approval. */
export function BookingAccess({ slug, tiers }: { slug: string; tiers: Option[] }) {
  const t = useTranslations('rulesPage.access');
  const ti = useTranslations('rulesPage.issues');
  const te = useTranslations('dashboard.errors');
  const notify = useToast();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    void call(api.orgs[':slug']['booking-access'].$get({ param: { slug } }, { init: { signal: controller.signal } }), controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) {
        setDraft({ mode: result.data.bookingAccess, tierIds: result.data.bookingTierIds, expiryHours: String(result.data.approvalExpiryHours), holdMinutes: String(result.data.waitlistHoldMinutes) });
        setLoadError(null);
      } else if (result.error.code !== 'ABORTED') setLoadError(failureMessage(result, te));
    });
    return () => controller.abort();
  }, [slug, attempt, te]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft || saving) return;
    setFormError(null);
    const hours = draft.expiryHours.trim();
    const minutes = draft.holdMinutes.trim();
    const json = {
      bookingAccess: draft.mode,
      bookingTierIds: draft.mode === 'tiers' ? draft.tierIds : [],
      approvalExpiryHours: hours === '' ? Number.NaN : Number(hours),
      waitlistHoldMinutes: minutes === '' ? Number.NaN : Number(minutes),
    };
    const checked = bookingAccessInput.safeParse(json);
    if (!checked.success) {
      const problems: FieldErrors = {};
      for (const issue of checked.error.issues) {
        const path = issue.path.map(String).join('.');
        if (path in problems) continue;
        problems[path] =
          path === 'bookingTierIds' ? t('pickTier') : issue.code === 'too_small' ? ti('min', { min: Number(issue.minimum) }) : issue.code === 'too_big' ? ti('max', { max: Number(issue.maximum) }) : issue.code === 'invalid_type' && issue.expected === 'int' ? ti('wholeNumber') : path === 'waitlistHoldMinutes' ? t('holdMinutesInvalid') : t('expiryInvalid');
      }
      setFields(problems);
      requestAnimationFrame(() => document.getElementById(problems.bookingTierIds ? 'access-tier-0' : problems.approvalExpiryHours ? 'access-expiry' : 'access-hold')?.focus());
      return;
    }
    setFields({});
    setSaving(true);
    const result = await call(api.orgs[':slug']['booking-access'].$put({ param: { slug }, json }));
    setSaving(false);
    if (result.ok) {
      setDraft({ mode: result.data.bookingAccess, tierIds: result.data.bookingTierIds, expiryHours: String(result.data.approvalExpiryHours), holdMinutes: String(result.data.waitlistHoldMinutes) });
      notify('success', t('saved'));
      return;
    }
    const problems = Object.fromEntries(Object.entries(result.fields).map(([k, v]) => [k.split('.')[0]!, sentence(v)]));
    setFields(problems);
    if (!Object.keys(problems).length) setFormError(failureMessage(result, te));
  }

  return (
    <section aria-labelledby="access-title" className="mt-10 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="access-title" className="text-lg font-semibold text-slate-900">
        {t('title')}
      </h2>
      <p className="mt-1 max-w-prose text-sm text-slate-600">{t('summary')}</p>
      {loadError ? (
        <Alert tone="error" className="mt-3">
          <p>{loadError}</p>
          <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={() => setAttempt((n) => n + 1)}>
            {t('retry')}
          </Button>
        </Alert>
      ) : draft === null ? (
        <p className="mt-3 flex items-center gap-2 text-sm text-slate-600" role="status">
          <Spinner /> {t('loading')}
        </p>
      ) : (
        <form onSubmit={save} noValidate className="mt-4 space-y-5" aria-labelledby="access-title">
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">{t('modeLegend')}</legend>
            <div className="mt-2 space-y-2">
              {bookingAccessModes.map((mode) => (
                <div key={mode} className="flex items-start gap-2">
                  <input
                    id={`access-${mode}`}
                    type="radio"
                    name="booking-access"
                    className="mt-0.5 size-4 shrink-0 accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                    checked={draft.mode === mode}
                    aria-describedby={`access-${mode}-hint`}
                    onChange={() => setDraft({ ...draft, mode })}
                  />
                  <div>
                    <label htmlFor={`access-${mode}`} className="text-sm font-medium text-slate-900">
                      {t(`modes.${mode}`)}
                    </label>
                    <p id={`access-${mode}-hint`} className="text-sm text-slate-600">
                      {t(`modeHints.${mode}`)}
                    </p>
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
          {draft.mode === 'tiers' ? (
            <fieldset aria-describedby={fields.bookingTierIds ? 'access-tiers-error' : undefined}>
              <legend className="text-sm font-medium text-slate-900">{t('tiersLegend')}</legend>
              {tiers.length === 0 ? (
                <p className="mt-2 text-sm text-slate-700">
                  {t('noTiers')}{' '}
                  <Link href={`/dashboard/${slug}/tiers`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
                    {t('manageTiers')}
                  </Link>
                </p>
              ) : (
                <div className="mt-2 grid gap-2 sm:grid-cols-2">
                  {tiers.map((tier, i) => (
                    <CheckboxField
                      key={tier.id}
                      id={`access-tier-${i}`}
                      label={tier.name}
                      checked={draft.tierIds.includes(tier.id)}
                      onChange={(e) => setDraft({ ...draft, tierIds: e.target.checked ? [...new Set([...draft.tierIds, tier.id])] : draft.tierIds.filter((id) => id !== tier.id) })}
                    />
                  ))}
                </div>
              )}
              {fields.bookingTierIds ? (
                <p id="access-tiers-error" className="mt-1 text-sm font-medium text-red-700">
                  {fields.bookingTierIds}
                </p>
              ) : null}
            </fieldset>
          ) : null}
          <TextField
            id="access-expiry"
            type="number"
            inputMode="numeric"
            min={1}
            max={720}
            label={t('expiry')}
            hint={t('expiryHint')}
            value={draft.expiryHours}
            error={fields.approvalExpiryHours}
            className="max-w-xs"
            onChange={(e) => setDraft({ ...draft, expiryHours: e.target.value })}
          />
          <TextField
            id="access-hold"
            type="number"
            inputMode="numeric"
            min={5}
            max={10080}
            label={t('holdMinutes')}
            hint={t('holdMinutesHint')}
            value={draft.holdMinutes}
            error={fields.waitlistHoldMinutes}
            className="max-w-xs"
            onChange={(e) => setDraft({ ...draft, holdMinutes: e.target.value })}
          />
          <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
          <Button type="submit" loading={saving} loadingText={t('saving')}>
            {t('save')}
          </Button>
        </form>
      )}
    </section>
  );
}
