'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import type { EventDto } from '@/modules/events/schemas';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { SelectField, TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { wallClock } from '../../_lib/format';
import { zonedInputToIso } from '../_shop/money';
import { slugify } from '../products/slug';

export interface VenueOption {
  id: string;
  name: string;
}

interface FormValues {
  title: string;
  slug: string;
  description: string;
  ageNotes: string;
  images: string;
  startsAt: string;
  endsAt: string;
  resourceId: string;
  capacity: string;
  waitlistHoldMinutes: string;
  salesStartAt: string;
  salesEndAt: string;
  esTitle: string;
  esDescription: string;
  esAgeNotes: string;
}

/** The form's keys in the order a person meets them; the API's paths map onto them. */
const fieldIds: Record<string, string> = {
  title: 'event-title',
  slug: 'event-slug',
  description: 'event-description',
  ageNotes: 'event-age-notes',
  images: 'event-images',
  startsAt: 'event-starts',
  endsAt: 'event-ends',
  resourceId: 'event-venue',
  capacity: 'event-capacity',
  waitlistHoldMinutes: 'event-waitlist-hold',
  salesStartAt: 'event-sales-start',
  salesEndAt: 'event-sales-end',
  esTitle: 'event-es-title',
  esDescription: 'event-es-description',
  esAgeNotes: 'event-es-age-notes',
};

function keyOf(path: string): string {
  if (path.startsWith('translations.es.title')) return 'esTitle';
  if (path.startsWith('translations.es.description')) return 'esDescription';
  if (path.startsWith('translations.es.ageNotes')) return 'esAgeNotes';
  return path.split('.')[0]!;
}

/** An instant as a datetime-local value on the event zone's wall clock. */
function localInput(iso: string | null, zone: string): string {
  if (!iso) return '';
  const { date, time } = wallClock(iso, zone);
  return `${date}T${time}`;
}

function valuesOf(e: EventDto | null, zone: string): FormValues {
  const es = e?.translations.es ?? {};
  return {
    title: e?.title ?? '',
    slug: e?.slug ?? '',
    description: e?.description ?? '',
    ageNotes: e?.ageNotes ?? '',
    images: e?.images.join('\n') ?? '',
    startsAt: localInput(e?.startsAt ?? null, zone),
    endsAt: localInput(e?.endsAt ?? null, zone),
    resourceId: e?.resourceId ?? '',
    capacity: e ? String(e.capacity) : '',
    waitlistHoldMinutes: String(e?.waitlistHoldMinutes ?? 120),
    salesStartAt: localInput(e?.salesStartAt ?? null, zone),
    salesEndAt: localInput(e?.salesEndAt ?? null, zone),
    esTitle: es.title ?? '',
    esDescription: es.description ?? '',
    esAgeNotes: es.ageNotes ?? '',
  };
}

/**
 * An event's own fields (not its ticket types or status): creates one as a draft, then opens its
 * page; or saves the changes. Dates are typed on the event zone's wall clock. What was typed
 * stays when the API refuses; its message lands on the field it names.
 */
export function EventForm({ slug, event, zone, venues, readOnly }: { slug: string; event: EventDto | null; zone: string; venues: VenueOption[]; readOnly?: boolean }) {
  const t = useTranslations('eventsAdmin.form');
  const te = useTranslations('dashboard.errors');
  const tw = useTranslations('eventWaitlist.admin');
  const router = useRouter();
  const notify = useToast();
  const [values, setValues] = useState<FormValues>(() => valuesOf(event, zone));
  const [slugTouched, setSlugTouched] = useState(event !== null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof FormValues>(k: K, v: FormValues[K]) => setValues((old) => ({ ...old, [k]: v }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const focusFirst = (fields: Record<string, string>) => {
      const first = Object.keys(fieldIds).find((k) => fields[k]);
      if (first) form.querySelector<HTMLElement>(`#${fieldIds[first]}`)?.focus();
    };
    const local: Record<string, string> = {};
    const startsAt = zonedInputToIso(values.startsAt, zone);
    const endsAt = zonedInputToIso(values.endsAt, zone);
    if (!startsAt) local.startsAt = t('invalidDate');
    if (!endsAt) local.endsAt = t('invalidDate');
    const capacity = /^\d{1,6}$/.test(values.capacity.trim()) ? Number(values.capacity.trim()) : Number.NaN;
    if (Number.isNaN(capacity)) local.capacity = values.capacity.trim() ? t('invalidWhole') : t('required');
    const waitlistHoldMinutes = /^\d{1,5}$/.test(values.waitlistHoldMinutes.trim()) ? Number(values.waitlistHoldMinutes.trim()) : Number.NaN;
    if (Number.isNaN(waitlistHoldMinutes)) local.waitlistHoldMinutes = values.waitlistHoldMinutes.trim() ? t('invalidWhole') : t('required');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setFormError(t('fixErrors'));
      return focusFirst(local);
    }
    const es: { title?: string; description?: string; ageNotes?: string } = {};
    if (values.esTitle.trim()) es.title = values.esTitle.trim();
    if (values.esDescription.trim()) es.description = values.esDescription.trim();
    if (values.esAgeNotes.trim()) es.ageNotes = values.esAgeNotes.trim();
    const body = {
      title: values.title,
      slug: values.slug,
      description: values.description,
      ageNotes: values.ageNotes,
      images: values.images
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      startsAt: startsAt!,
      endsAt: endsAt!,
      resourceId: values.resourceId || null,
      capacity,
      waitlistHoldMinutes,
      salesStartAt: zonedInputToIso(values.salesStartAt, zone),
      salesEndAt: zonedInputToIso(values.salesEndAt, zone),
      // Other locales' translations stay as they are; only Spanish is edited here.
      translations: { ...event?.translations, es },
    };
    setSaving(true);
    const result = event
      ? await call(api.orgs[':slug']['ticketed-events'][':eventId'].$patch({ param: { slug, eventId: event.id }, json: body }))
      : await call(api.orgs[':slug']['ticketed-events'].$post({ param: { slug }, json: { ...body, timezone: zone } }));
    setSaving(false);
    if (result.ok) {
      setErrors({});
      setFormError(null);
      if (event) {
        notify('success', t('saved', { title: result.data.title }));
        router.refresh();
      } else {
        notify('success', t('created', { title: result.data.title }));
        router.push(`/dashboard/${slug}/events/${result.data.id}`);
      }
      return;
    }
    const fields: Record<string, string> = {};
    for (const [path, message] of Object.entries(result.fields)) {
      const key = keyOf(path);
      if (key in fieldIds && !fields[key]) fields[key] = sentence(message);
    }
    setErrors(fields);
    setFormError(Object.keys(fields).length ? t('fixErrors') : failureMessage(result, te));
    focusFirst(fields);
  }

  const zoneHint = t('zoneHint', { zone });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby="event-form-title">
      <LiveRegion politeness="assertive">{formError ? <Alert tone="error">{formError}</Alert> : null}</LiveRegion>
      <fieldset disabled={readOnly} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="event-title"
            label={t('title')}
            value={values.title}
            error={errors.title}
            maxLength={200}
            onChange={(e) => {
              const title = e.target.value;
              setValues((old) => ({ ...old, title, slug: slugTouched ? old.slug : slugify(title) }));
            }}
          />
          <TextField
            id="event-slug"
            label={t('slug')}
            hint={t('slugHint')}
            value={values.slug}
            error={errors.slug}
            maxLength={80}
            autoComplete="off"
            onChange={(e) => {
              setSlugTouched(true);
              set('slug', e.target.value);
            }}
          />
        </div>
        <TextareaField id="event-description" label={t('description')} value={values.description} error={errors.description} maxLength={5000} onChange={(e) => set('description', e.target.value)} />
        <TextField id="event-age-notes" label={t('ageNotes')} hint={t('ageNotesHint')} value={values.ageNotes} error={errors.ageNotes} maxLength={300} onChange={(e) => set('ageNotes', e.target.value)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id="event-starts" type="datetime-local" label={t('startsAt')} hint={zoneHint} value={values.startsAt} error={errors.startsAt} onChange={(e) => set('startsAt', e.target.value)} />
          <TextField id="event-ends" type="datetime-local" label={t('endsAt')} hint={zoneHint} value={values.endsAt} error={errors.endsAt} onChange={(e) => set('endsAt', e.target.value)} />
          <TextField id="event-capacity" type="number" min={1} inputMode="numeric" label={t('capacity')} hint={t('capacityHint')} value={values.capacity} error={errors.capacity} onChange={(e) => set('capacity', e.target.value)} />
          <TextField
            id="event-waitlist-hold"
            type="number"
            min={5}
            max={10080}
            inputMode="numeric"
            label={tw('holdMinutes')}
            hint={tw('holdMinutesHint')}
            value={values.waitlistHoldMinutes}
            error={errors.waitlistHoldMinutes}
            onChange={(e) => set('waitlistHoldMinutes', e.target.value)}
          />
          <SelectField id="event-venue" label={t('venue')} value={values.resourceId} error={errors.resourceId} onChange={(e) => set('resourceId', e.target.value)}>
            <option value="">{t('noVenue')}</option>
            {venues.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </SelectField>
          <TextField id="event-sales-start" type="datetime-local" label={t('salesStartAt')} hint={t('salesHint')} value={values.salesStartAt} error={errors.salesStartAt} onChange={(e) => set('salesStartAt', e.target.value)} />
          <TextField id="event-sales-end" type="datetime-local" label={t('salesEndAt')} hint={zoneHint} value={values.salesEndAt} error={errors.salesEndAt} onChange={(e) => set('salesEndAt', e.target.value)} />
        </div>
        <TextareaField id="event-images" label={t('images')} hint={t('imagesHint')} rows={3} value={values.images} error={errors.images} maxLength={25_000} onChange={(e) => set('images', e.target.value)} />
        <fieldset className="space-y-4 rounded-md border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">{t('spanish')}</legend>
          <TextField id="event-es-title" label={t('esTitle')} value={values.esTitle} error={errors.esTitle} maxLength={200} onChange={(e) => set('esTitle', e.target.value)} />
          <TextareaField id="event-es-description" label={t('esDescription')} value={values.esDescription} error={errors.esDescription} maxLength={5000} onChange={(e) => set('esDescription', e.target.value)} />
          <TextField id="event-es-age-notes" label={t('esAgeNotes')} value={values.esAgeNotes} error={errors.esAgeNotes} maxLength={300} onChange={(e) => set('esAgeNotes', e.target.value)} />
        </fieldset>
      </fieldset>
      {readOnly ? null : (
        <Button type="submit" loading={saving} loadingText={t('saving')}>
          {event ? t('save') : t('create')}
        </Button>
      )}
    </form>
  );
}
