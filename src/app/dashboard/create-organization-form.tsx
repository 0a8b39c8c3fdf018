'use client';

import { useTranslations } from 'next-intl';
import { type FormEvent, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { SelectField, TextField } from '@/ui/field';
import { api, call, type FieldErrors, sentence } from '@/app/_lib/api';

interface Currency {
  code: string;
  name: string;
}

const FIELD_ORDER = ['name', 'slug', 'timezone', 'currency', 'locale'] as const;
const FIELD_LABEL_KEYS: Record<string, 'fieldName' | 'fieldSlug' | 'fieldTimezone' | 'fieldCurrency' | 'fieldLocale'> = {
  name: 'fieldName',
  slug: 'fieldSlug',
  timezone: 'fieldTimezone',
  currency: 'fieldCurrency',
  locale: 'fieldLocale',
};

/** "Bella Salón & Clínica" → "bella-salon-clinica": what the API's slug rule accepts. */
function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

const noSubscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || null;
// The server cannot know the visitor's zone; null there, so hydration matches and then updates.
const serverZone = () => null;

export function CreateOrganizationForm({ timeZones, currencies }: { timeZones: string[]; currencies: Currency[] }) {
  const t = useTranslations('dashboard.welcome');
  const detectedZone = useSyncExternalStore(noSubscribe, browserZone, serverZone);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [chosenZone, setChosenZone] = useState<string | null>(null);
  const [currency, setCurrency] = useState('USD');
  const [locale, setLocale] = useState('en');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const timezone = chosenZone ?? detectedZone ?? 'UTC';
  const effectiveSlug = slugEdited ? slug : slugify(name);

  // Grouped by region so the ~400 zones stay scannable; a browser alias the server lacks is kept.
  const zoneGroups = useMemo(() => {
    const all = timeZones.includes(timezone) ? timeZones : [timezone, ...timeZones];
    const groups = new Map<string, string[]>();
    for (const zone of all) {
      const region = zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : t('otherRegion');
      groups.set(region, [...(groups.get(region) ?? []), zone]);
    }
    return [...groups.entries()];
  }, [timeZones, timezone, t]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    setFields({});
    const result = await call(api.orgs.$post({ json: {
      name: name.trim(),
      slug: effectiveSlug,
      timezone,
      currency,
      locale,
    } }));
    if (result.ok) return window.location.assign(`/dashboard/${result.data.slug}`);
    setSubmitting(false);
    const known = Object.fromEntries(Object.entries(result.fields).filter(([path]) => FIELD_ORDER.includes(path as never)));
    setFields(known);
    setError(Object.keys(known).length ? t('fixFields') : result.error.message);
    const firstInvalid = FIELD_ORDER.find((f) => known[f]);
    if (firstInvalid) formRef.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
  }

  // The API's rule messages read "must be …" / "is reserved …": prefixed with the field they complete a sentence.
  const fieldError = (path: string) => {
    const message = fields[path];
    if (!message) return null;
    const label = FIELD_LABEL_KEYS[path];
    return /^(must|is) /.test(message) ? `${label ? t(label) : t('fieldThis')} ${message}` : sentence(message);
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} className="mt-6 space-y-5">
      <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
      <TextField
        id="org-name"
        name="name"
        label={t('nameLabel')}
        autoComplete="organization"
        required
        minLength={2}
        maxLength={120}
        value={name}
        error={fieldError('name')}
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        id="org-slug"
        name="slug"
        label={t('slugLabel')}
        required
        minLength={2}
        maxLength={63}
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        autoCapitalize="none"
        spellCheck={false}
        value={effectiveSlug}
        hint={t.rich('slugHint', {
          slug: effectiveSlug || t('slugExample'),
          code: (chunks) => <span className="font-mono text-slate-800">{chunks}</span>,
        })}
        error={fieldError('slug')}
        onChange={(e) => {
          setSlugEdited(true);
          setSlug(e.target.value.toLowerCase());
        }}
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <SelectField
          id="org-timezone"
          name="timezone"
          label={t('timezoneLabel')}
          hint={t('timezoneHint')}
          value={timezone}
          error={fieldError('timezone')}
          onChange={(e) => setChosenZone(e.target.value)}
        >
          {zoneGroups.map(([region, zones]) => (
            <optgroup key={region} label={region}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replaceAll('_', ' ')}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField
          id="org-currency"
          name="currency"
          label={t('currencyLabel')}
          hint={t('currencyHint')}
          value={currency}
          error={fieldError('currency')}
          onChange={(e) => setCurrency(e.target.value)}
        >
          {currencies.map((c) => (
            <option key={c.code} value={c.code}>
              {c.code} · {c.name}
            </option>
          ))}
        </SelectField>
      </div>
      <SelectField
        id="org-locale"
        name="locale"
        label={t('localeLabel')}
        value={locale}
        error={fieldError('locale')}
        onChange={(e) => setLocale(e.target.value)}
        className="sm:w-1/2 sm:pr-2.5"
      >
        <option value="en">English</option>
        <option value="es">Español</option>
      </SelectField>
      <Button type="submit" loading={submitting} loadingText={t('creating')} className="w-full sm:w-auto">
        {t('create')}
      </Button>
    </form>
  );
}
