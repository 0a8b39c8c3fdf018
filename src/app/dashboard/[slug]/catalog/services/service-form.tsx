'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { type CustomFieldDto, customFieldSchema, createServiceInput, type ResourceDto, type ServiceDto, translationLocales, updateServiceInput } from '@/modules/catalog/schemas';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';
import { ListEditor } from '../_components/list-editor';
import { ServiceTranslationFields, type TextTranslationDraft, translationDraft, translationOut } from '../_components/translation-fields';
import { catalogBase, type CustomFieldType, customFieldTypes, fractionDigits, toMajor, toMinor } from '../_lib/catalog';
import { issueErrors, listMax } from '../_lib/validation';
import { PackageFields, packageDraft, packageOut } from './package-fields';

/** The service as the API answers it, less what the form does not edit (the currency is the organization's). */
export type EditableService = Omit<ServiceDto, 'currency' | 'createdAt' | 'updatedAt'>;

export type ResourceChoice = Pick<ResourceDto, 'id' | 'name' | 'kind' | 'active'>;

interface FieldDraft {
  uid: number;
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  options: string;
  maxLength: string;
  /** Number fields: bounds and whole numbers only. */
  min: string;
  max: string;
  integer: boolean;
  helpText: string;
}

const numberKeys = [
  'durationMinutes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'slotIntervalMinutes',
  'minNoticeMinutes',
  'maxAdvanceDays',
  'cancellationNoticeMinutes',
  'reminderHours',
  'capacity',
  'sortOrder',
] as const;
type NumberKey = (typeof numberKeys)[number];

// The inputs' hints come from the server's schemas; the rules themselves run through safeParse.
const rules = updateServiceInput.shape;
const cfRules = customFieldSchema.shape;
const stepRules = rules.processSteps.unwrap().element.shape;
const hint = (n: number | null | undefined) => n ?? undefined;
const limits = {
  name: hint(rules.name.unwrap().maxLength),
  slug: hint(rules.slug.unwrap().maxLength),
  title: hint(rules.title.unwrap().unwrap().maxLength),
  description: hint(rules.description.unwrap().maxLength),
  features: listMax(rules.features.unwrap()),
  feature: hint(rules.features.unwrap().element.maxLength),
  benefits: listMax(rules.benefits.unwrap()),
  benefit: hint(rules.benefits.unwrap().element.maxLength),
  processSteps: listMax(rules.processSteps.unwrap()),
  stepTitle: hint(stepRules.title.maxLength),
  stepDescription: hint(stepRules.description.unwrap().maxLength),
  customFields: listMax(rules.customFields.unwrap()),
  cfKey: hint(cfRules.key.maxLength),
  cfLabel: hint(cfRules.label.maxLength),
  cfHelpText: hint(cfRules.helpText.unwrap().maxLength),
  cfMaxLength: [hint(cfRules.maxLength.unwrap().minValue), hint(cfRules.maxLength.unwrap().maxValue)],
};
const numberLimits = (k: NumberKey) => [hint(rules[k].unwrap().minValue), hint(rules[k].unwrap().maxValue)] as const;

const defaultService: Omit<EditableService, 'id'> = {
  name: '',
  slug: '',
  category: 'primary',
  title: null,
  description: '',
  features: [],
  benefits: [],
  processSteps: [],
  sortOrder: 0,
  active: true,
  bookingMode: 'slot',
  durationMinutes: 60,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  slotIntervalMinutes: 30,
  minNoticeMinutes: 60,
  maxAdvanceDays: 60,
  cancellationNoticeMinutes: 1440,
  reminderHours: 24,
  priceMinor: 0,
  priceFrom: false,
  capacity: 1,
  requiresConfirmation: false,
  customFields: [],
  resourceIds: [],
  translations: {},
  package: null,
};

let uidSeq = 0;
const nextUid = () => ++uidSeq;

function fieldDraft(f: CustomFieldDto): FieldDraft {
  return {
    uid: nextUid(),
    key: f.key,
    label: f.label,
    type: f.type,
    required: f.required,
    options: (f.options ?? []).join('\n'),
    maxLength: f.maxLength === undefined ? '' : String(f.maxLength),
    min: f.min === undefined ? '' : String(f.min),
    max: f.max === undefined ? '' : String(f.max),
    integer: f.integer ?? false,
    helpText: f.helpText ?? '',
  };
}

/** A number when it reads as one (1.5 too: the schema then says "whole number"), else the text. */
function numberValue(v: string): number | string {
  const trimmed = v.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Create or edit a service with every field the API takes. A failed save keeps the input and
 * shows the API's messages next to the fields they name (`customFields.0.key`, `resourceIds.1`).
 */
export function ServiceForm({
  slug,
  currency,
  contentLocale,
  service,
  resources,
  readOnly,
}: {
  slug: string;
  currency: string;
  /** The organization's language: the service's own texts are in it; the others are translations. */
  contentLocale: string;
  service: EditableService | null;
  resources: ResourceChoice[];
  readOnly: boolean;
}) {
  const t = useTranslations('catalogPage.serviceForm');
  const te = useTranslations('catalogPage.errors');
  const tv = useTranslations('catalogPage.validation');
  const router = useRouter();
  const notify = useToast();
  const digits = fractionDigits(currency);
  const initial = service ?? { ...defaultService, id: '' };

  const [name, setName] = useState(initial.name);
  const [serviceSlug, setServiceSlug] = useState(initial.slug);
  const [category, setCategory] = useState(initial.category);
  const [title, setTitle] = useState(initial.title ?? '');
  const [description, setDescription] = useState(initial.description);
  const [features, setFeatures] = useState(initial.features);
  const [benefits, setBenefits] = useState(initial.benefits);
  const [steps, setSteps] = useState(() => initial.processSteps.map((s) => ({ uid: nextUid(), title: s.title, description: s.description ?? '' })));
  const [active, setActive] = useState(initial.active);
  const [bookingMode, setBookingMode] = useState(initial.bookingMode);
  const [numbers, setNumbers] = useState<Record<NumberKey, string>>(
    () => Object.fromEntries(numberKeys.map((k) => [k, String(initial[k])])) as Record<NumberKey, string>,
  );
  const [price, setPrice] = useState(toMajor(initial.priceMinor, digits));
  const [priceFrom, setPriceFrom] = useState(initial.priceFrom);
  const [requiresConfirmation, setRequiresConfirmation] = useState(initial.requiresConfirmation);
  const [resourceIds, setResourceIds] = useState<string[]>(initial.resourceIds);
  const [fields, setFields] = useState<FieldDraft[]>(() => initial.customFields.map(fieldDraft));
  const otherLocales = translationLocales(contentLocale);
  const [translations, setTranslations] = useState<Record<string, TextTranslationDraft>>(() =>
    Object.fromEntries(otherLocales.map((l) => [l, translationDraft(initial.translations[l], fields)])),
  );
  const [pkg, setPkg] = useState(() => packageDraft(initial.package, digits));
  const tp = useTranslations('party.editor');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);

  const err = (path: string) => (errors[path] ? sentence(errors[path]) : undefined);
  // What the translations translate: the texts as they stand in the form now.
  const translationBase = {
    features,
    benefits,
    steps: steps.map((s) => ({ title: s.title, description: s.description })),
    fields: fields.map((f) => ({ uid: f.uid, key: f.key, label: f.label, helpText: f.helpText, options: f.type === 'select' ? optionList(f.options) : [] })),
  };
  const setNumber = (k: NumberKey, v: string) => setNumbers((n) => ({ ...n, [k]: v }));
  const updateField = (uid: number, patch: Partial<FieldDraft>) => setFields((list) => list.map((f) => (f.uid === uid ? { ...f, ...patch } : f)));
  const moveField = (i: number, d: number) =>
    setFields((list) => {
      const next = [...list];
      const [row] = next.splice(i, 1);
      next.splice(i + d, 0, row!);
      return next;
    });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (readOnly || saving) return;
    const priceMinor = toMinor(price, digits);
    const pkgOut = packageOut(pkg, digits, tp('moneyInvalid', { digits }));
    if (priceMinor === null || !pkgOut.ok) {
      setErrors({ ...(priceMinor === null ? { priceMinor: t('priceInvalid', { digits }) } : {}), ...(pkgOut.ok ? {} : pkgOut.errors) });
      setFormError(t('fixErrors'));
      return;
    }
    const translated = Object.fromEntries(otherLocales.flatMap((l) => {
      const out = translations[l] ? translationOut(translations[l], translationBase) : undefined;
      return out ? [[l, out]] : [];
    }));
    const input = {
      name: name.trim(),
      ...(serviceSlug.trim() || service ? { slug: serviceSlug.trim() } : {}),
      category,
      title: title.trim() || null,
      description,
      features: features.map((f) => f.trim()),
      benefits: benefits.map((b) => b.trim()),
      processSteps: steps.map((s) => ({ title: s.title.trim(), ...(s.description.trim() ? { description: s.description.trim() } : {}) })),
      active,
      bookingMode,
      ...Object.fromEntries(numberKeys.map((k) => [k, numberValue(numbers[k])])),
      priceMinor,
      priceFrom,
      requiresConfirmation,
      resourceIds,
      customFields: fields.map((f) => {
        const options = optionList(f.options);
        return {
          key: f.key.trim(),
          label: f.label.trim(),
          type: f.type,
          required: f.required,
          ...(f.type === 'select' ? { options } : {}),
          ...((f.type === 'text' || f.type === 'textarea') && f.maxLength.trim() ? { maxLength: numberValue(f.maxLength) } : {}),
          ...(f.type === 'number' && f.min.trim() ? { min: numberValue(f.min) } : {}),
          ...(f.type === 'number' && f.max.trim() ? { max: numberValue(f.max) } : {}),
          ...(f.type === 'number' && f.integer ? { integer: true } : {}),
          ...(f.helpText.trim() ? { helpText: f.helpText.trim() } : {}),
        };
      }),
      translations: translated,
      package: pkgOut.value,
    };
    // The server's own rules, before asking it: every problem lands under its input at once.
    const update = service ? updateServiceInput.safeParse(input) : null;
    const create = service ? null : createServiceInput.safeParse(input);
    const problem = update?.error ?? create?.error;
    if (problem) {
      setErrors(issueErrors(problem, tv));
      setFormError(t('fixErrors'));
      setStatus(t('fixErrors'));
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    setSaving(true);
    setStatus(t('saving'));
    const result =
      service && update?.success
        ? await call(api.orgs[':slug'].services[':serviceId'].$patch({ param: { slug, serviceId: service.id }, json: update.data }))
        : create?.success
          ? await call(api.orgs[':slug'].services.$post({ param: { slug }, json: create.data }))
          : null;
    setSaving(false);
    if (!result) return;
    if (!result.ok) {
      setErrors(Object.fromEntries(Object.entries(result.fields).map(([path, message]) => [path, sentence(message)])));
      const message = Object.keys(result.fields).length ? t('fixErrors') : failureMessage(result, te);
      setFormError(message);
      setStatus(message);
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    setErrors({});
    setFormError(null);
    setStatus(t('saved'));
    notify('success', service ? t('savedToast', { name: input.name }) : t('createdToast', { name: input.name }));
    if (service) router.refresh();
    else router.push(`${catalogBase(slug)}/services/${result.data.id}`);
  }

  const numberField = (k: NumberKey, hint?: string) => (
    <TextField
      id={`svc-${k}`}
      label={t(`fields.${k}`)}
      hint={hint}
      type="number"
      inputMode="numeric"
      min={numberLimits(k)[0]}
      max={numberLimits(k)[1]}
      step={1}
      required
      value={numbers[k]}
      onChange={(e) => setNumber(k, e.target.value)}
      error={err(k)}
      disabled={readOnly}
    />
  );

  const otherErrors = Object.entries(errors).filter(([path]) => !knownPath(path));

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-8" aria-describedby={formError ? 'svc-form-error' : undefined}>
      <LiveRegion className="sr-only">{status}</LiveRegion>
      {formError ? (
        <div ref={alertRef} tabIndex={-1} id="svc-form-error" className="focus:outline-none">
          <Alert tone="error" title={formError}>
            {otherErrors.length ? (
              <ul className="list-disc pl-5">
                {otherErrors.map(([path, message]) => (
                  <li key={path}>
                    <code>{path}</code>: {sentence(message)}
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        </div>
      ) : null}

      <fieldset className="grid gap-4 sm:grid-cols-2" disabled={readOnly}>
        <legend className="mb-2 text-lg font-semibold text-slate-900">{t('sections.basics')}</legend>
        <TextField id="svc-name" label={t('fields.name')} required maxLength={limits.name} value={name} onChange={(e) => setName(e.target.value)} error={err('name')} />
        <TextField
          id="svc-slug"
          label={t('fields.slug')}
          hint={t('hints.slug')}
          maxLength={limits.slug}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          value={serviceSlug}
          onChange={(e) => setServiceSlug(e.target.value)}
          error={err('slug')}
        />
        <SelectField id="svc-category" label={t('fields.category')} value={category} onChange={(e) => setCategory(e.target.value as typeof category)} error={err('category')}>
          <option value="primary">{t('categories.primary')}</option>
          <option value="additional">{t('categories.additional')}</option>
        </SelectField>
        <TextField id="svc-title" label={t('fields.title')} hint={t('hints.title')} maxLength={limits.title} value={title} onChange={(e) => setTitle(e.target.value)} error={err('title')} />
        <TextareaField
          id="svc-description"
          label={t('fields.description')}
          maxLength={limits.description}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={err('description')}
          className="sm:col-span-2"
        />
        {numberField('sortOrder', t('hints.sortOrder'))}
        <CheckboxField id="svc-active" label={t('fields.active')} hint={t('hints.active')} checked={active} onChange={(e) => setActive(e.target.checked)} error={err('active')} className="self-end" />
      </fieldset>

      <div className="grid gap-4 lg:grid-cols-2">
        <ListEditor
          id="svc-features"
          legend={t('fields.features')}
          items={features}
          onChange={setFeatures}
          errors={errors}
          errorPrefix="features"
          max={limits.features}
          maxLength={limits.feature}
          itemLabel={(n) => t('featureN', { n })}
          disabled={readOnly}
        />
        <ListEditor
          id="svc-benefits"
          legend={t('fields.benefits')}
          items={benefits}
          onChange={setBenefits}
          errors={errors}
          errorPrefix="benefits"
          max={limits.benefits}
          maxLength={limits.benefit}
          itemLabel={(n) => t('benefitN', { n })}
          disabled={readOnly}
        />
      </div>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 sm:p-4" disabled={readOnly}>
        <legend className="px-1 text-sm font-semibold text-slate-900">{t('fields.processSteps')}</legend>
        {err('processSteps') ? <p className="text-sm font-medium text-red-700">{err('processSteps')}</p> : null}
        {steps.length === 0 ? <p className="text-sm text-slate-600">{t('noSteps')}</p> : null}
        <ol className="space-y-4">
          {steps.map((s, i) => (
            <li key={s.uid}>
              <fieldset className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
                <legend className="sr-only">{t('stepN', { n: i + 1 })}</legend>
                <TextField
                  id={`svc-step-${s.uid}-title`}
                  label={t('stepTitle', { n: i + 1 })}
                  required
                  maxLength={limits.stepTitle}
                  value={s.title}
                  onChange={(e) => setSteps((l) => l.map((x) => (x.uid === s.uid ? { ...x, title: e.target.value } : x)))}
                  error={err(`processSteps.${i}.title`)}
                />
                <TextareaField
                  id={`svc-step-${s.uid}-description`}
                  label={t('stepDescription', { n: i + 1 })}
                  rows={2}
                  maxLength={limits.stepDescription}
                  value={s.description}
                  onChange={(e) => setSteps((l) => l.map((x) => (x.uid === s.uid ? { ...x, description: e.target.value } : x)))}
                  error={err(`processSteps.${i}.description`)}
                />
                {!readOnly ? (
                  <div className="flex gap-1 sm:pt-6">
                    <Button type="button" variant="ghost" size="sm" disabled={i === 0} aria-label={t('moveUp', { item: t('stepN', { n: i + 1 }) })} onClick={() => setSteps((l) => swap(l, i, i - 1))}>
                      ↑
                    </Button>
                    <Button
                      type="button"
                      variant="ghost"
                      size="sm"
                      disabled={i === steps.length - 1}
                      aria-label={t('moveDown', { item: t('stepN', { n: i + 1 }) })}
                      onClick={() => setSteps((l) => swap(l, i, i + 1))}
                    >
                      ↓
                    </Button>
                    <Button type="button" variant="ghost" size="sm" aria-label={t('remove', { item: t('stepN', { n: i + 1 }) })} onClick={() => setSteps((l) => l.filter((x) => x.uid !== s.uid))}>
                      {t('removeShort')}
                    </Button>
                  </div>
                ) : null}
              </fieldset>
            </li>
          ))}
        </ol>
        {!readOnly && steps.length < limits.processSteps ? (
          <Button type="button" variant="secondary" size="sm" onClick={() => setSteps((l) => [...l, { uid: nextUid(), title: '', description: '' }])}>
            {t('addStep')}
          </Button>
        ) : null}
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" disabled={readOnly}>
        <legend className="mb-2 text-lg font-semibold text-slate-900">{t('sections.scheduling')}</legend>
        <SelectField id="svc-bookingMode" label={t('fields.bookingMode')} value={bookingMode} onChange={(e) => setBookingMode(e.target.value as typeof bookingMode)} error={err('bookingMode')}>
          <option value="slot">{t('modes.slot')}</option>
          <option value="multi_day">{t('modes.multi_day')}</option>
        </SelectField>
        {numberField('durationMinutes', t('hints.minutes'))}
        {numberField('slotIntervalMinutes', t('hints.minutes'))}
        {numberField('bufferBeforeMinutes', t('hints.minutes'))}
        {numberField('bufferAfterMinutes', t('hints.minutes'))}
        {numberField('minNoticeMinutes', t('hints.minutes'))}
        {numberField('maxAdvanceDays', t('hints.days'))}
        {numberField('cancellationNoticeMinutes', t('hints.minutes'))}
        {numberField('reminderHours', t('hints.reminderHours'))}
        {numberField('capacity', t('hints.capacity'))}
        <CheckboxField
          id="svc-requiresConfirmation"
          label={t('fields.requiresConfirmation')}
          hint={t('hints.requiresConfirmation')}
          checked={requiresConfirmation}
          onChange={(e) => setRequiresConfirmation(e.target.checked)}
          error={err('requiresConfirmation')}
        />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2" disabled={readOnly}>
        <legend className="mb-2 text-lg font-semibold text-slate-900">{t('sections.price')}</legend>
        <TextField
          id="svc-price"
          label={t('fields.price', { currency })}
          hint={t('hints.price', { digits })}
          inputMode="decimal"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          error={err('priceMinor')}
        />
        <CheckboxField id="svc-priceFrom" label={t('fields.priceFrom')} hint={t('hints.priceFrom')} checked={priceFrom} onChange={(e) => setPriceFrom(e.target.checked)} error={err('priceFrom')} className="self-end" />
      </fieldset>

      <PackageFields draft={pkg} onChange={setPkg} currency={currency} digits={digits} errors={errors} readOnly={readOnly} />

      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3 sm:p-4" disabled={readOnly}>
        <legend className="px-1 text-sm font-semibold text-slate-900">{t('fields.resources')}</legend>
        <p className="text-sm text-slate-600">{t('hints.resources')}</p>
        {err('resourceIds') ? <p className="text-sm font-medium text-red-700">{err('resourceIds')}</p> : null}
        {resources.length === 0 ? <p className="text-sm text-slate-600">{t('noResources')}</p> : null}
        <ul className="grid gap-2 sm:grid-cols-2">
          {resources.map((r) => {
            const index = resourceIds.indexOf(r.id);
            return (
              <li key={r.id}>
                <CheckboxField
                  id={`svc-res-${r.id}`}
                  label={`${r.name}${r.active ? '' : ` (${t('archived')})`}`}
                  hint={t(`kinds.${r.kind}`)}
                  checked={index >= 0}
                  onChange={(e) => setResourceIds((ids) => (e.target.checked ? [...ids, r.id] : ids.filter((x) => x !== r.id)))}
                  error={index >= 0 ? err(`resourceIds.${index}`) : undefined}
                />
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset className="space-y-3 rounded-md border border-slate-200 p-3 sm:p-4" disabled={readOnly}>
        <legend className="px-1 text-sm font-semibold text-slate-900">{t('fields.customFields')}</legend>
        <p className="text-sm text-slate-600">{t('hints.customFields')}</p>
        {err('customFields') ? <p className="text-sm font-medium text-red-700">{err('customFields')}</p> : null}
        {fields.length === 0 ? <p className="text-sm text-slate-600">{t('noCustomFields')}</p> : null}
        <ol className="space-y-4">
          {fields.map((f, i) => {
            const p = `customFields.${i}`;
            const rowName = t('customFieldN', { n: i + 1 });
            return (
              <li key={f.uid}>
                <fieldset className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-2 lg:grid-cols-4">
                  <legend className="px-1 text-sm font-medium text-slate-900">{f.label.trim() ? `${rowName}: ${f.label}` : rowName}</legend>
                  <TextField
                    id={`svc-cf-${f.uid}-key`}
                    label={t('cf.key')}
                    hint={t('cf.keyHint')}
                    required
                    maxLength={limits.cfKey}
                    value={f.key}
                    onChange={(e) => updateField(f.uid, { key: e.target.value })}
                    error={err(`${p}.key`)}
                  />
                  <TextField
                    id={`svc-cf-${f.uid}-label`}
                    label={t('cf.label')}
                    required
                    maxLength={limits.cfLabel}
                    value={f.label}
                    onChange={(e) => updateField(f.uid, { label: e.target.value })}
                    error={err(`${p}.label`)}
                  />
                  <SelectField
                    id={`svc-cf-${f.uid}-type`}
                    label={t('cf.type')}
                    value={f.type}
                    onChange={(e) => updateField(f.uid, { type: e.target.value as CustomFieldType })}
                    error={err(`${p}.type`)}
                  >
                    {customFieldTypes.map((type) => (
                      <option key={type} value={type}>
                        {t(`cfTypes.${type}`)}
                      </option>
                    ))}
                  </SelectField>
                  <CheckboxField
                    id={`svc-cf-${f.uid}-required`}
                    label={t('cf.required')}
                    checked={f.required}
                    onChange={(e) => updateField(f.uid, { required: e.target.checked })}
                    error={err(`${p}.required`)}
                    className="self-end"
                  />
                  {f.type === 'select' ? (
                    <TextareaField
                      id={`svc-cf-${f.uid}-options`}
                      label={t('cf.options')}
                      hint={t('cf.optionsHint')}
                      rows={3}
                      value={f.options}
                      onChange={(e) => updateField(f.uid, { options: e.target.value })}
                      error={err(`${p}.options`) ?? Object.entries(errors).find(([k]) => k.startsWith(`${p}.options.`))?.[1]}
                      className="sm:col-span-2"
                    />
                  ) : null}
                  {f.type === 'text' || f.type === 'textarea' ? (
                    <TextField
                      id={`svc-cf-${f.uid}-maxLength`}
                      label={t('cf.maxLength')}
                      type="number"
                      min={limits.cfMaxLength[0]}
                      max={limits.cfMaxLength[1]}
                      value={f.maxLength}
                      onChange={(e) => updateField(f.uid, { maxLength: e.target.value })}
                      error={err(`${p}.maxLength`)}
                    />
                  ) : null}
                  {f.type === 'number' ? (
                    <>
                      <TextField
                        id={`svc-cf-${f.uid}-min`}
                        label={t('cf.min')}
                        type="number"
                        step="any"
                        value={f.min}
                        onChange={(e) => updateField(f.uid, { min: e.target.value })}
                        error={err(`${p}.min`)}
                      />
                      <TextField
                        id={`svc-cf-${f.uid}-max`}
                        label={t('cf.max')}
                        type="number"
                        step="any"
                        value={f.max}
                        onChange={(e) => updateField(f.uid, { max: e.target.value })}
                        error={err(`${p}.max`)}
                      />
                      <CheckboxField
                        id={`svc-cf-${f.uid}-integer`}
                        label={t('cf.integer')}
                        checked={f.integer}
                        onChange={(e) => updateField(f.uid, { integer: e.target.checked })}
                        error={err(`${p}.integer`)}
                        className="self-end"
                      />
                    </>
                  ) : null}
                  <TextField
                    id={`svc-cf-${f.uid}-helpText`}
                    label={t('cf.helpText')}
                    maxLength={limits.cfHelpText}
                    value={f.helpText}
                    onChange={(e) => updateField(f.uid, { helpText: e.target.value })}
                    error={err(`${p}.helpText`)}
                    className="sm:col-span-2"
                  />
                  {!readOnly ? (
                    <div className="flex flex-wrap gap-1 sm:col-span-2 lg:col-span-4">
                      <Button type="button" variant="ghost" size="sm" disabled={i === 0} aria-label={t('moveUp', { item: rowName })} onClick={() => moveField(i, -1)}>
                        ↑ {t('up')}
                      </Button>
                      <Button type="button" variant="ghost" size="sm" disabled={i === fields.length - 1} aria-label={t('moveDown', { item: rowName })} onClick={() => moveField(i, 1)}>
                        ↓ {t('down')}
                      </Button>
                      <Button type="button" variant="ghost" size="sm" aria-label={t('remove', { item: rowName })} onClick={() => setFields((l) => l.filter((x) => x.uid !== f.uid))}>
                        {t('removeShort')}
                      </Button>
                    </div>
                  ) : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
        {!readOnly && fields.length < limits.customFields ? (
          <Button
            type="button"
            variant="secondary"
            size="sm"
            onClick={() => setFields((l) => [...l, { uid: nextUid(), key: '', label: '', type: 'text', required: false, options: '', maxLength: '', min: '', max: '', integer: false, helpText: '' }])}
          >
            {t('addCustomField')}
          </Button>
        ) : null}
      </fieldset>

      {otherLocales.map((l) => (
        <ServiceTranslationFields
          key={l}
          lang={l}
          draft={translations[l]!}
          onChange={(next) => setTranslations((all) => ({ ...all, [l]: next }))}
          base={translationBase}
          original={{ name, title, description }}
          errors={errors}
          disabled={readOnly}
        />
      ))}

      {!readOnly ? (
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={saving}>
            {saving ? t('saving') : service ? t('save') : t('create')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

/** The options textarea: one per line, blanks dropped. */
function optionList(text: string): string[] {
  return text
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);
}

function swap<T>(list: T[], a: number, b: number): T[] {
  const next = [...list];
  [next[a], next[b]] = [next[b]!, next[a]!];
  return next;
}

const shownPaths = /^(translations\.[a-z]{2}\..+|name|slug|category|title|description|sortOrder|active|bookingMode|durationMinutes|bufferBeforeMinutes|bufferAfterMinutes|slotIntervalMinutes|minNoticeMinutes|maxAdvanceDays|cancellationNoticeMinutes|reminderHours|capacity|requiresConfirmation|priceMinor|priceFrom|resourceIds(\.\d+)?|features(\.\d+)?|benefits(\.\d+)?|processSteps(\.\d+\.(title|description))?|customFields(\.\d+\.(key|label|type|required|options|maxLength|min|max|integer|helpText)(\.\d+)?)?|package(\.(includedChildren|includedAdults|extraChildMinor|extraAdultMinor|minGuests|maxGuests|depositType|depositValue|balanceDueDays|cancellationPolicy(\.\d+\.(minNoticeHours|refundPercent))?))?)$/;
function knownPath(path: string): boolean {
  return shownPaths.test(path);
}
