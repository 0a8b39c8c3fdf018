'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';

const contactKeys = ['email', 'phone', 'website'] as const;
const addressKeys = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;
type ContactDraft = Record<(typeof contactKeys)[number] | (typeof addressKeys)[number], string>;

interface Draft {
  name: string;
  description: string;
  industry: string;
  timezone: string;
  currency: string;
  locale: string;
  contact: ContactDraft;
  requireTwoFactorForAdmins: boolean;
  keepGuestReschedulesConfirmed: boolean;
  customerVehicles: boolean;
  /** Public forms send a solved proof-of-work challenge (decision 0019). */
  publicFormChallenge: boolean;
  /** Minutes, as typed; empty: staff sessions never time out. */
  staffIdleTimeoutMinutes: string;
  highlights: string[];
  /** The dashboard's optional areas as shown now (the setting, or whether each is in use). */
  areas: Record<AreaKey, boolean>;
}

const areaKeys = ['shop', 'events', 'parties', 'loyalty'] as const;
type AreaKey = (typeof areaKeys)[number];

interface Props {
  slug: string;
  timeZones: string[];
  /** Named on the server: the browser's ICU may name a currency differently (a hydration mismatch). */
  currencies: { code: string; name: string }[];
  /** Requiring two-factor is refused to someone without it (it would lock them out). */
  actorHasTwoFactor: boolean;
  organization: Draft & { version: string };
}

const MAX_HIGHLIGHTS = 20;

/** The contact object the API expects: empty inputs are left out (it replaces the whole contact). */
function contactOf(c: ContactDraft) {
  const out: Record<string, unknown> = {};
  for (const k of contactKeys) if (c[k].trim()) out[k] = c[k].trim();
  const address: Record<string, string> = {};
  for (const k of addressKeys) if (c[k].trim()) address[k] = c[k].trim();
  if (Object.keys(address).length) out.address = address;
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The organization's business info and settings. Only changed fields are sent (PATCH); a
 * refusal keeps every input and puts the API's message under the field it names.
 */
export function SettingsForm({ slug, timeZones, currencies, actorHasTwoFactor, organization }: Props) {
  const t = useTranslations('settingsPage');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const [saved, setSaved] = useState<Draft>(organization);
  const [draft, setDraft] = useState<Draft>(organization);
  const [version, setVersion] = useState(organization.version);
  if (version !== organization.version) {
    setVersion(organization.version);
    setSaved(organization);
    setDraft(organization);
  }
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);


  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setContact = (key: keyof ContactDraft, value: string) => setDraft((d) => ({ ...d, contact: { ...d.contact, [key]: value } }));

  const labels: Record<string, string> = {
    name: t('fields.name'),
    description: t('fields.description'),
    industry: t('fields.industry'),
    timezone: t('fields.timezone'),
    currency: t('fields.currency'),
    locale: t('fields.locale'),
    email: t('fields.email'),
    phone: t('fields.phone'),
    website: t('fields.website'),
    line1: t('fields.line1'),
    line2: t('fields.line2'),
    city: t('fields.city'),
    region: t('fields.region'),
    postalCode: t('fields.postalCode'),
    country: t('fields.country'),
    highlights: t('fields.highlights'),
    staffIdleTimeoutMinutes: t('fields.staffIdleTimeoutMinutes'),
  };

  /** The API names fields by path ("contact.address.city"); inputs carry the same path. */
  const fieldError = (path: string) => {
    const message = fields[path];
    if (!message) return null;
    const segments = path.split('.');
    const label = labels[segments.find((s) => s in labels && !/^\d+$/.test(s)) ?? ''] ?? labels[segments.at(-1) ?? ''] ?? '';
    return /^(must|is|use) /.test(message) && label ? `${label} ${message}` : sentence(message);
  };

  function changes(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const key of ['name', 'description', 'timezone', 'currency', 'locale'] as const) {
      if (draft[key].trim() !== saved[key].trim()) body[key] = draft[key].trim();
    }
    if (draft.industry.trim() !== saved.industry.trim()) body.industry = draft.industry.trim() || null;
    if (!same(contactOf(draft.contact), contactOf(saved.contact))) body.contact = contactOf(draft.contact);
    const settings: Record<string, unknown> = {};
    if (draft.requireTwoFactorForAdmins !== saved.requireTwoFactorForAdmins) settings.requireTwoFactorForAdmins = draft.requireTwoFactorForAdmins;
    if (draft.keepGuestReschedulesConfirmed !== saved.keepGuestReschedulesConfirmed) settings.keepGuestReschedulesConfirmed = draft.keepGuestReschedulesConfirmed;
    if (draft.customerVehicles !== saved.customerVehicles) settings.customerVehicles = draft.customerVehicles;
    if (draft.publicFormChallenge !== saved.publicFormChallenge) settings.publicFormChallenge = draft.publicFormChallenge;
    if (draft.staffIdleTimeoutMinutes.trim() !== saved.staffIdleTimeoutMinutes.trim()) {
      const typed = draft.staffIdleTimeoutMinutes.trim();
      // Not a number: sent as typed, so the server's message lands under the field.
      settings.staffIdleTimeoutMinutes = typed === '' ? null : /^\d+$/.test(typed) ? Number(typed) : typed;
    }
    const highlights = draft.highlights.map((h) => h.trim()).filter(Boolean);
    if (!same(highlights, saved.highlights)) settings.highlights = highlights;
    // Sent whole once any box changed: each area is then the owner's choice, not inferred.
    if (!same(draft.areas, saved.areas)) settings.areas = draft.areas;
    if (Object.keys(settings).length) body.settings = settings;
    return body;
  }

  const dirty = Object.keys(changes()).length > 0;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (saving) return;
    setError(null);
    const body = changes();
    if (!Object.keys(body).length) {
      notify('info', t('nothingChanged'));
      return;
    }
    if (typeof body.name === 'string' && body.name.length < 2) {
      setFields({ name: t('nameTooShort') });
      setError(t('fixFields'));
      document.getElementById('org-name')?.focus();
      return;
    }
    setSaving(true);
    setFields({});
    const result = await call(api.orgs[':slug'].$patch({ param: { slug }, json: body }));
    setSaving(false);
    if (result.ok) {
      const highlights = draft.highlights.map((h) => h.trim()).filter(Boolean);
      const next = { ...draft, highlights };
      setSaved(next);
      setDraft(next);
      notify('success', t('saved'));
      router.refresh();
      return;
    }
    setFields(result.fields);
    const paths = Object.keys(result.fields);
    setError(paths.length ? t('fixFields') : failureMessage(result, te));
    const inputs = [...(formRef.current?.querySelectorAll<HTMLElement>('[data-path]') ?? [])];
    inputs.find((el) => paths.includes(el.dataset.path ?? ''))?.focus();
  }

  const locales = ['en', 'es', ...(['en', 'es'].includes(draft.locale) ? [] : [draft.locale])];

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-6 space-y-6">
      <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <legend className="px-1 text-base font-semibold text-slate-900">{t('sections.business')}</legend>
        <TextField id="org-name" data-path="name" label={labels.name} required maxLength={120} value={draft.name} error={fieldError('name')} onChange={(e) => set('name', e.target.value)} />
        <TextareaField id="org-description" data-path="description" label={labels.description} hint={t('hints.description')} maxLength={2000} value={draft.description} error={fieldError('description')} onChange={(e) => set('description', e.target.value)} />
        <TextField id="org-industry" data-path="industry" label={labels.industry} hint={t('hints.industry')} maxLength={80} value={draft.industry} error={fieldError('industry')} onChange={(e) => set('industry', e.target.value)} />
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <legend className="px-1 text-base font-semibold text-slate-900">{t('sections.contact')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id="org-email" data-path="contact.email" type="email" label={labels.email} autoComplete="off" maxLength={254} value={draft.contact.email} error={fieldError('contact.email')} onChange={(e) => setContact('email', e.target.value)} />
          <TextField id="org-phone" data-path="contact.phone" type="tel" label={labels.phone} autoComplete="off" maxLength={40} value={draft.contact.phone} error={fieldError('contact.phone')} onChange={(e) => setContact('phone', e.target.value)} />
        </div>
        <TextField id="org-website" data-path="contact.website" type="url" label={labels.website} hint={t('hints.website')} autoComplete="off" maxLength={300} value={draft.contact.website} error={fieldError('contact.website')} onChange={(e) => setContact('website', e.target.value)} />
        <div className="grid gap-4 sm:grid-cols-2">
          {addressKeys.map((k) => (
            <TextField key={k} id={`org-${k}`} data-path={`contact.address.${k}`} label={labels[k]} autoComplete="off" maxLength={k === 'postalCode' ? 20 : 200} value={draft.contact[k]} error={fieldError(`contact.address.${k}`)} onChange={(e) => setContact(k, e.target.value)} />
          ))}
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <legend className="px-1 text-base font-semibold text-slate-900">{t('sections.regional')}</legend>
        <SelectField id="org-timezone" data-path="timezone" label={labels.timezone} hint={t('hints.timezone')} value={draft.timezone} error={fieldError('timezone')} onChange={(e) => set('timezone', e.target.value)}>
          {timeZones.map((z) => (
            <option key={z} value={z}>
              {z.replaceAll('_', ' ')}
            </option>
          ))}
        </SelectField>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField id="org-currency" data-path="currency" label={labels.currency} value={draft.currency} error={fieldError('currency')} onChange={(e) => set('currency', e.target.value)}>
            {currencies.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name && c.name !== c.code ? `${c.code} — ${c.name}` : c.code}
              </option>
            ))}
          </SelectField>
          <SelectField id="org-locale" data-path="locale" label={labels.locale} hint={t('hints.locale')} value={draft.locale} error={fieldError('locale')} onChange={(e) => set('locale', e.target.value)}>
            {locales.map((l) => (
              <option key={l} value={l}>
                {l === 'en' ? t('locales.en') : l === 'es' ? t('locales.es') : l}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <legend className="px-1 text-base font-semibold text-slate-900">{t('sections.security')}</legend>
        <CheckboxField
          id="org-require-2fa"
          data-path="settings.requireTwoFactorForAdmins"
          label={t('fields.requireTwoFactor')}
          hint={t('hints.requireTwoFactor')}
          checked={draft.requireTwoFactorForAdmins}
          error={fieldError('settings.requireTwoFactorForAdmins')}
          onChange={(e) => set('requireTwoFactorForAdmins', e.target.checked)}
        />
        {!actorHasTwoFactor && !saved.requireTwoFactorForAdmins ? (
          <p className="text-sm text-slate-700" data-testid="two-factor-needed">
            {t('twoFactorNeeded')}{' '}
            <Link href={`/dashboard/${slug}/account`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
              {t('twoFactorNeededLink')}
            </Link>
          </p>
        ) : null}
        <TextField
          id="org-staff-idle-timeout"
          data-path="settings.staffIdleTimeoutMinutes"
          type="number"
          inputMode="numeric"
          min={5}
          max={1440}
          step={1}
          label={labels.staffIdleTimeoutMinutes}
          hint={t('hints.staffIdleTimeoutMinutes')}
          value={draft.staffIdleTimeoutMinutes}
          error={fieldError('settings.staffIdleTimeoutMinutes')}
          onChange={(e) => set('staffIdleTimeoutMinutes', e.target.value)}
        />
        <CheckboxField
          id="org-public-form-challenge"
          data-path="settings.publicFormChallenge"
          label={t('fields.publicFormChallenge')}
          hint={t('hints.publicFormChallenge')}
          checked={draft.publicFormChallenge}
          error={fieldError('settings.publicFormChallenge')}
          onChange={(e) => set('publicFormChallenge', e.target.checked)}
        />
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <legend className="px-1 text-base font-semibold text-slate-900">{t('sections.bookings')}</legend>
        <CheckboxField
          id="org-keep-guest-reschedules-confirmed"
          data-path="settings.keepGuestReschedulesConfirmed"
          label={t('fields.keepGuestReschedulesConfirmed')}
          hint={t('hints.keepGuestReschedulesConfirmed')}
          checked={draft.keepGuestReschedulesConfirmed}
          error={fieldError('settings.keepGuestReschedulesConfirmed')}
          onChange={(e) => set('keepGuestReschedulesConfirmed', e.target.checked)}
        />
        <CheckboxField
          id="org-customer-vehicles"
          data-path="settings.customerVehicles"
          label={t('fields.customerVehicles')}
          hint={t('hints.customerVehicles')}
          checked={draft.customerVehicles}
          error={fieldError('settings.customerVehicles')}
          onChange={(e) => set('customerVehicles', e.target.checked)}
        />
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6" data-testid="dashboard-areas">
        <legend className="px-1 text-base font-semibold text-slate-900">{t('sections.areas')}</legend>
        <p className="text-sm text-slate-600">{t('hints.areas')}</p>
        {fieldError('settings.areas') ? <p className="text-sm font-medium text-red-700">{fieldError('settings.areas')}</p> : null}
        {areaKeys.map((key) => (
          <CheckboxField
            key={key}
            id={`org-area-${key}`}
            data-path={`settings.areas.${key}`}
            label={t(`areas.${key}.label`)}
            hint={t(`areas.${key}.hint`)}
            checked={draft.areas[key]}
            error={fieldError(`settings.areas.${key}`)}
            onChange={(e) => set('areas', { ...draft.areas, [key]: e.target.checked })}
          />
        ))}
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <legend className="px-1 text-base font-semibold text-slate-900">{labels.highlights}</legend>
        <p className="text-sm text-slate-600">{t('hints.highlights', { max: MAX_HIGHLIGHTS })}</p>
        {fieldError('settings.highlights') ? <p className="text-sm font-medium text-red-700">{fieldError('settings.highlights')}</p> : null}
        {draft.highlights.length === 0 ? <p className="text-sm text-slate-600">{t('noHighlights')}</p> : null}
        <ol className="space-y-2">
          {draft.highlights.map((h, i) => (
            <li key={i} className="flex items-end gap-2">
              <TextField
                id={`org-highlight-${i}`}
                data-path={`settings.highlights.${i}`}
                label={t('highlightN', { n: i + 1 })}
                maxLength={120}
                className="flex-1"
                value={h}
                error={fieldError(`settings.highlights.${i}`)}
                onChange={(e) => set('highlights', draft.highlights.map((x, j) => (j === i ? e.target.value : x)))}
              />
              <Button type="button" variant="ghost" size="sm" className="mb-1" aria-label={t('removeHighlight', { n: i + 1 })} onClick={() => set('highlights', draft.highlights.filter((_, j) => j !== i))}>
                {t('remove')}
              </Button>
            </li>
          ))}
        </ol>
        <Button
          type="button"
          variant="secondary"
          size="sm"
          disabled={draft.highlights.length >= MAX_HIGHLIGHTS}
          onClick={() => {
            const n = draft.highlights.length;
            set('highlights', [...draft.highlights, '']);
            requestAnimationFrame(() => document.getElementById(`org-highlight-${n}`)?.focus());
          }}
        >
          {t('addHighlight')}
        </Button>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={saving} loadingText={t('saving')}>
          {t('save')}
        </Button>
        <Button type="button" variant="ghost" disabled={!dirty || saving} onClick={() => { setDraft(saved); setFields({}); setError(null); }}>
          {t('discard')}
        </Button>
        <span className="text-sm text-slate-600" aria-live="polite">{dirty ? t('unsaved') : ''}</span>
      </div>
    </form>
  );
}
