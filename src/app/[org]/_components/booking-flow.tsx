'use client';

import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button, buttonClasses } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { CheckboxField, SelectField, TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { postJson, sentence } from '../../_lib/api-client';
import { dateInZone, formatDate, formatRange, formatTime } from '../_lib/format';
import { alternativesOf, type Alternative, type BookableService, type CreatedBooking, ruleOf, type SiteOrg, type Slot } from '../_lib/types';
import { type DetailsValues, type ErrorKind, fieldPayload, validateDetails } from '../_lib/validation';
import { BookingSummary } from './booking-summary';
import { SlotPicker, useVisitorZone } from './slot-picker';

type Outcome =
  | { type: 'conflict'; taken: Slot; alternatives: Alternative[] }
  | { type: 'rule'; message: string }
  | { type: 'retryable'; message: string }
  | { type: 'error'; message: string };

interface Attempt {
  slot: Slot;
  resourceId: string | null;
}

interface Done extends CreatedBooking {
  resourceChosen: boolean;
}

const CONTACT_PATHS = ['customer.name', 'customer.email', 'customer.phone', 'message', 'seats'];

/** A random Idempotency-Key; getRandomValues works on plain-HTTP installs too, unlike randomUUID. */
function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `bkl-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The public booking flow: resource, date and time (or stay dates), details, submit. One
 * Idempotency-Key per distinct request, kept while the same request is retried, so a double
 * click or a retry after a dropped connection cannot book twice.
 */
export function BookingFlow({ org, service, priceLabel }: { org: SiteOrg; service: BookableService; priceLabel: string }) {
  const t = useTranslations('booking');
  const locale = useLocale();
  const visitorZone = useVisitorZone();
  const stays = service.bookingMode === 'multi_day';
  const idPrefix = 'book';

  const [resourceId, setResourceId] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [values, setValues] = useState<DetailsValues>(() => ({
    name: '',
    email: '',
    phone: '',
    message: '',
    seats: '1',
    fields: Object.fromEntries(service.customFields.map((f) => [f.key, f.type === 'checkbox' ? false : ''])),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [reloadToken, setReloadToken] = useState(0);
  const [done, setDone] = useState<Done | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const busy = useRef(false);
  const attempt = useRef<{ fingerprint: string; key: string } | null>(null);
  const lastAttempt = useRef<Attempt | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  const resourceName = (id: string) => service.resources.find((r) => r.id === id)?.name;
  const orgZone = org.timezone;
  const zone = stays ? orgZone : (visitorZone ?? orgZone);
  const showResourceChoice = service.resources.length > 1;

  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  function errorText(e: ErrorKind): string {
    switch (e.kind) {
      case 'required':
        return t('errRequired');
      case 'email':
        return t('errEmail');
      case 'phone':
        return t('errPhone');
      case 'maxLength':
        return t('errMaxLength', { max: e.max });
      case 'number':
        return t('errNumber');
      case 'option':
        return t('errOption');
      case 'ticked':
        return t('errTicked');
      case 'seats':
        return t('errSeats', { max: e.max });
    }
  }

  function fieldId(path: string): string {
    return `${idPrefix}-${path.replace(/\./g, '-')}`;
  }

  function focusFirstError(paths: string[]) {
    const order = [...CONTACT_PATHS.slice(0, 3), ...service.customFields.map((f) => `fields.${f.key}`), 'seats', 'message'];
    const first = order.find((p) => paths.includes(p)) ?? paths[0];
    if (first) requestAnimationFrame(() => document.getElementById(fieldId(first))?.focus());
  }

  function setValue(key: 'name' | 'email' | 'phone' | 'message' | 'seats', value: string) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function setField(key: string, value: string | boolean) {
    setValues((v) => ({ ...v, fields: { ...v.fields, [key]: value } }));
  }

  function chooseSlot(next: Slot) {
    setSlot(next);
    setDetailsOpen(true);
    setOutcome(null);
    setAnnouncement(t('slotChosen', { time: describe(next) }));
  }

  function chooseResource(id: string | null) {
    setResourceId(id);
    setSlot(null);
  }

  function describe(s: Slot): string {
    return stays ? formatRange(s.start, s.end, locale, orgZone) : formatRange(s.start, s.end, locale, zone);
  }

  function keyFor(payload: unknown): string {
    const fingerprint = JSON.stringify(payload);
    if (attempt.current?.fingerprint !== fingerprint) attempt.current = { fingerprint, key: newIdempotencyKey() };
    return attempt.current.key;
  }

  async function submit(request?: Attempt) {
    if (busy.current) return;
    const chosen = request ?? (slot ? { slot, resourceId } : null);
    if (!chosen) {
      setOutcome({ type: 'error', message: t(stays ? 'chooseStayFirst' : 'chooseTimeFirst') });
      return;
    }
    const invalid = validateDetails(values, service.customFields, service.capacity > 1 ? Math.min(service.capacity, chosen.slot.remaining || service.capacity) : null);
    const paths = Object.keys(invalid);
    if (paths.length > 0) {
      setErrors(Object.fromEntries(paths.map((p) => [p, errorText(invalid[p]!)])));
      setAnnouncement(t('errSummary', { count: paths.length }));
      focusFirstError(paths);
      return;
    }
    setErrors({});
    const phone = values.phone.trim();
    const payload = {
      serviceId: service.id,
      start: chosen.slot.start,
      ...(stays ? { end: chosen.slot.end } : {}),
      ...(chosen.resourceId ? { resourceId: chosen.resourceId } : {}),
      customer: { name: values.name.trim(), email: values.email.trim(), ...(phone ? { phone } : {}) },
      fields: fieldPayload(values.fields, service.customFields),
      message: values.message.trim(),
      ...(service.capacity > 1 ? { seats: Number(values.seats) } : {}),
    };
    const key = keyFor(payload);
    lastAttempt.current = chosen;
    busy.current = true;
    setSubmitting(true);
    setOutcome(null);
    setAnnouncement(t(service.requiresConfirmation ? 'sendingRequest' : 'booking'));
    const result = await postJson<CreatedBooking>(`/api/v1/public/orgs/${encodeURIComponent(org.slug)}/bookings`, payload, {
      headers: { 'Idempotency-Key': key },
    });
    busy.current = false;
    setSubmitting(false);

    if (result.ok) {
      attempt.current = null;
      setDone({ ...result.data, resourceChosen: !!chosen.resourceId }); // focus moves to its heading
      setAnnouncement('');
      return;
    }
    if (result.status === 409) {
      const alternatives = alternativesOf(result.details);
      setSlot(null);
      setReloadToken((n) => n + 1);
      setOutcome({ type: 'conflict', taken: chosen.slot, alternatives }); // focus moves to it
      setAnnouncement('');
      return;
    }
    if (result.status === 400) {
      const known = Object.entries(result.fields).filter(([path]) => CONTACT_PATHS.includes(path) || path.startsWith('fields.'));
      if (known.length > 0) {
        // The shape checks have translated messages; anything else keeps the server's words.
        const translated: Record<string, string> = { 'customer.email': t('errEmail'), 'customer.phone': t('errPhone') };
        // The name is plain text: say so in the visitor's language rather than the API's.
        if (result.fields['customer.name'] === 'must not contain HTML markup') translated['customer.name'] = t('errMarkup');
        setErrors(Object.fromEntries(known.map(([p, m]) => [p, translated[p] ?? sentence(m)])));
        setAnnouncement(t('errSummary', { count: known.length }));
        focusFirstError(known.map(([p]) => p));
        return;
      }
      setOutcome({ type: 'error', message: result.message });
      setAnnouncement('');
      return;
    }
    if (result.status === 422) {
      const rule = ruleOf(result.details);
      const message = rule === 'min_notice' ? t('ruleMinNotice') : rule === 'max_advance' ? t('ruleMaxAdvance') : rule === 'not_offered' ? t('ruleNotOffered') : result.message;
      if (rule === 'min_notice' || rule === 'max_advance' || rule === 'not_offered') {
        setSlot(null);
        setReloadToken((n) => n + 1);
      }
      setOutcome({ type: 'rule', message });
      setAnnouncement('');
      return;
    }
    if (result.status === 0 || result.status >= 500) {
      const message = result.status === 0 ? t('networkError') : t('serverError');
      setOutcome({ type: 'retryable', message });
      setAnnouncement('');
      return;
    }
    setOutcome({ type: 'error', message: result.message });
    setAnnouncement('');
  }

  function chooseAlternative(alt: Alternative) {
    const altResource = resourceId === null ? null : alt.resourceIds.includes(resourceId) ? resourceId : (alt.resourceIds[0] ?? null);
    const next: Slot = { start: alt.start, end: alt.end, resourceIds: alt.resourceIds, remaining: 1 };
    setResourceId(altResource);
    setSlot(next);
    void submit({ slot: next, resourceId: altResource });
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void submit();
  }

  if (done) {
    const pending = done.booking.status === 'pending';
    return (
      <div>
        <LiveRegion className="sr-only">{announcement}</LiveRegion>
        <div className="flex items-start gap-3">
          <span aria-hidden="true" className={cx('mt-0.5 grid size-8 shrink-0 place-items-center rounded-full', pending ? 'bg-amber-100 text-amber-800' : 'bg-emerald-100 text-emerald-800')}>
            <svg viewBox="0 0 20 20" fill="currentColor" className="size-5">
              <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
            </svg>
          </span>
          <div>
            <h3 ref={doneRef} tabIndex={-1} className="text-xl font-semibold text-slate-900 focus:outline-none">
              {pending ? t('pendingTitle') : t('confirmedTitle')}
            </h3>
            <p className="mt-1 text-slate-700">{pending ? t('pendingBody', { org: org.name, email: values.email.trim() }) : t('confirmedBody', { email: values.email.trim() })}</p>
          </div>
        </div>
        <div className="mt-6 rounded-md border border-slate-200 p-4">
          <BookingSummary
            booking={{ ...done.booking, serviceName: done.booking.serviceName ?? service.name, resourceName: done.booking.resourceName ?? resourceName(done.booking.resourceId) }}
            visitorZone={visitorZone ?? orgZone}
            stays={stays}
            showResource={done.resourceChosen}
            priceFrom={service.priceFrom}
            fieldLabels={Object.fromEntries(service.customFields.map((f) => [f.key, f.label]))}
            extra={
              <>
                <dt className="font-medium text-slate-900">{t('summaryStatus')}</dt>
                <dd className="text-slate-700">{pending ? t('statusPending') : t('statusConfirmed')}</dd>
              </>
            }
          />
        </div>
        <div className="mt-6 rounded-md border border-indigo-200 bg-indigo-50 p-4">
          <h4 className="text-sm font-semibold text-indigo-950">{t('manageHeading')}</h4>
          <p className="mt-1 text-sm text-indigo-950">{t('manageBody')}</p>
          <a href={done.manageUrl} className={buttonClasses({ className: 'mt-3' })}>
            {t('manageLink')}
          </a>
        </div>
        <p className="mt-6 text-sm">
          <a href={`/${org.slug}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
            {t('bookAnother', { org: org.name })}
          </a>
        </p>
      </div>
    );
  }

  const maxSeats = service.capacity > 1 ? Math.min(service.capacity, slot?.remaining || service.capacity) : null;

  return (
    <div className="space-y-8">
      <LiveRegion className="sr-only">{announcement}</LiveRegion>

      {showResourceChoice ? (
        <fieldset>
          <legend className="text-base font-semibold text-slate-900">{service.resources.every((r) => r.kind === 'staff') ? t('whoStaff') : t('whoOther')}</legend>
          <div className="mt-3 grid gap-2 sm:grid-cols-2">
            <ResourceOption
              id={`${idPrefix}-resource-any`}
              name={t('anyAvailable')}
              description={service.resources.every((r) => r.kind === 'staff') ? t('anyAvailableHint') : t('anyAvailableHintOther')}
              checked={resourceId === null}
              onChange={() => chooseResource(null)}
            />
            {service.resources.map((r) => (
              <ResourceOption
                key={r.id}
                id={`${idPrefix}-resource-${r.id}`}
                name={r.name}
                description={r.description}
                checked={resourceId === r.id}
                onChange={() => chooseResource(r.id)}
              />
            ))}
          </div>
        </fieldset>
      ) : service.resources.length === 1 ? (
        <p className="text-sm text-slate-700">{t('withOnly', { name: service.resources[0]!.name })}</p>
      ) : null}

      <section aria-labelledby={`${idPrefix}-when`}>
        <h3 id={`${idPrefix}-when`} className="mb-3 text-base font-semibold text-slate-900">
          {stays ? t('stepStay') : t('stepWhen')}
        </h3>
        <SlotPicker
          idPrefix={idPrefix}
          orgSlug={org.slug}
          orgTimezone={orgZone}
          serviceId={service.id}
          bookingMode={service.bookingMode}
          maxAdvanceDays={service.maxAdvanceDays}
          resourceId={resourceId}
          reloadToken={reloadToken}
          selected={slot}
          onSelect={chooseSlot}
          resourceName={resourceName}
        />
      </section>

      {outcome?.type === 'conflict' ? (
        <div ref={outcomeRef} tabIndex={-1} className="focus:outline-none">
          <Alert tone="warning" title={t('conflictTitle')}>
            <p>{t('conflictBody', { time: describe(outcome.taken) })}</p>
            {outcome.alternatives.length > 0 ? (
              <ul aria-label={t('alternativesLabel')} className="mt-3 grid gap-2 sm:grid-cols-2">
                {outcome.alternatives.map((alt) => {
                  const altResource = resourceId === null ? null : alt.resourceIds.includes(resourceId) ? resourceId : alt.resourceIds[0];
                  const when = stays ? formatRange(alt.start, alt.end, locale, orgZone) : `${formatDate(dateInZone(alt.start, zone), locale, { weekday: 'short', day: 'numeric', month: 'short' })}, ${formatTime(alt.start, locale, zone)}`;
                  const name = altResource ? resourceName(altResource) : undefined;
                  return (
                    <li key={`${alt.start}|${alt.end}|${alt.resourceIds.join(',')}`}>
                      <button
                        type="button"
                        disabled={submitting}
                        onClick={() => chooseAlternative(alt)}
                        className={cx(
                          'w-full rounded-md border border-amber-400 bg-white px-3 py-2 text-left text-sm font-medium text-slate-900 hover:bg-amber-100 disabled:cursor-not-allowed disabled:opacity-60',
                          focusRing,
                        )}
                      >
                        {name ? t('alternativeWith', { time: when, name }) : when}
                      </button>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="mt-2">{t('conflictNone')}</p>
            )}
          </Alert>
        </div>
      ) : null}

      {detailsOpen ? (
        <form noValidate onSubmit={onSubmit} aria-labelledby={`${idPrefix}-details`} className="space-y-5">
          <h3 id={`${idPrefix}-details`} className="text-base font-semibold text-slate-900">
            {t('stepDetails')}
          </h3>

          <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-800 ring-1 ring-slate-200 ring-inset">
            {slot ? (
              <>
                <p>
                  <span className="font-medium">{t('yourChoice')}</span> <span className="first-letter:uppercase">{describe(slot)}</span>
                  {!stays && visitorZone && visitorZone !== orgZone ? (
                    <span className="block text-slate-600">{t('businessTime', { time: formatRange(slot.start, slot.end, locale, orgZone), zone: orgZone })}</span>
                  ) : null}
                </p>
                {resourceId ? <p className="mt-0.5">{t('withName', { name: resourceName(resourceId) ?? '' })}</p> : null}
                <p className="mt-0.5 text-slate-600">{priceLabel}</p>
              </>
            ) : (
              <p>{t(stays ? 'chooseStayFirst' : 'chooseTimeFirst')}</p>
            )}
          </div>

          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              id={fieldId('customer.name')}
              label={t('name')}
              autoComplete="name"
              value={values.name}
              onChange={(e) => setValue('name', e.target.value)}
              error={errors['customer.name']}
              aria-required="true"
            />
            <TextField
              id={fieldId('customer.email')}
              type="email"
              label={t('email')}
              autoComplete="email"
              inputMode="email"
              value={values.email}
              onChange={(e) => setValue('email', e.target.value)}
              error={errors['customer.email']}
              aria-required="true"
            />
            <TextField
              id={fieldId('customer.phone')}
              type="tel"
              label={t('optionalLabel', { label: t('phone') })}
              autoComplete="tel"
              value={values.phone}
              onChange={(e) => setValue('phone', e.target.value)}
              error={errors['customer.phone']}
            />
            {maxSeats !== null ? (
              <TextField
                id={fieldId('seats')}
                type="number"
                inputMode="numeric"
                min={1}
                max={maxSeats}
                step={1}
                label={t('seats')}
                hint={t('seatsHint', { max: maxSeats })}
                value={values.seats}
                onChange={(e) => setValue('seats', e.target.value)}
                error={errors.seats}
              />
            ) : null}
          </div>

          {service.customFields.length > 0 ? (
            <div className="grid gap-4 sm:grid-cols-2">
              {service.customFields.map((f) => {
                const id = fieldId(`fields.${f.key}`);
                const label = f.required ? f.label : t('optionalLabel', { label: f.label });
                const error = errors[`fields.${f.key}`];
                const value = values.fields[f.key];
                const common = { id, label, hint: f.helpText, error, 'aria-required': f.required ? ('true' as const) : undefined };
                switch (f.type) {
                  case 'select':
                    return (
                      <SelectField key={f.key} {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => setField(f.key, e.target.value)}>
                        <option value="">{t('selectPlaceholder')}</option>
                        {(f.options ?? []).map((o) => (
                          <option key={o} value={o}>
                            {o}
                          </option>
                        ))}
                      </SelectField>
                    );
                  case 'textarea':
                    return (
                      <TextareaField
                        key={f.key}
                        {...common}
                        className="sm:col-span-2"
                        value={typeof value === 'string' ? value : ''}
                        onChange={(e) => setField(f.key, e.target.value)}
                      />
                    );
                  case 'checkbox':
                    return (
                      <CheckboxField
                        key={f.key}
                        {...common}
                        className="sm:col-span-2"
                        checked={value === true}
                        onChange={(e) => setField(f.key, e.target.checked)}
                      />
                    );
                  default:
                    return (
                      <TextField
                        key={f.key}
                        {...common}
                        type={f.type === 'number' ? 'number' : f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text'}
                        inputMode={f.type === 'number' ? 'decimal' : undefined}
                        step={f.type === 'number' ? 'any' : undefined}
                        value={typeof value === 'string' ? value : ''}
                        onChange={(e) => setField(f.key, e.target.value)}
                      />
                    );
                }
              })}
            </div>
          ) : null}

          <TextareaField
            id={fieldId('message')}
            label={t('optionalLabel', { label: t('message') })}
            hint={t('messageHint')}
            value={values.message}
            onChange={(e) => setValue('message', e.target.value)}
            error={errors.message}
          />

          {outcome && outcome.type !== 'conflict' ? (
            <div ref={outcomeRef} tabIndex={-1} className="focus:outline-none">
              <Alert tone="error" title={outcome.type === 'retryable' ? t('notCompletedTitle') : undefined}>
                <p>{outcome.message}</p>
                {outcome.type === 'retryable' && lastAttempt.current ? (
                  <Button variant="secondary" size="sm" className="mt-2" loading={submitting} onClick={() => void submit(lastAttempt.current ?? undefined)}>
                    {t('retry')}
                  </Button>
                ) : null}
              </Alert>
            </div>
          ) : null}

          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" loading={submitting} loadingText={t(service.requiresConfirmation ? 'sendingRequest' : 'booking')}>
              {t(service.requiresConfirmation ? 'submitRequest' : 'submitBook')}
            </Button>
            {service.requiresConfirmation ? <p className="text-sm text-slate-600">{t('requestNote', { org: org.name })}</p> : null}
          </div>
        </form>
      ) : (
        <p className="text-sm text-slate-600">{t(stays ? 'chooseStayFirst' : 'chooseTimeFirst')}</p>
      )}
    </div>
  );
}

function ResourceOption({ id, name, description, checked, onChange }: { id: string; name: string; description: string; checked: boolean; onChange: () => void }) {
  return (
    <label
      htmlFor={id}
      className={cx(
        'flex cursor-pointer gap-3 rounded-md border p-3 transition-colors has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-offset-2 has-[input:focus-visible]:outline-indigo-600',
        checked ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300 bg-white hover:border-indigo-400',
      )}
    >
      <input
        id={id}
        type="radio"
        name="booking-resource"
        checked={checked}
        onChange={onChange}
        aria-describedby={description ? `${id}-description` : undefined}
        className="mt-0.5 size-4 shrink-0 accent-indigo-600 focus:outline-none"
      />
      <span className="min-w-0">
        <span className="block text-sm font-medium text-slate-900">{name}</span>
        {description ? (
          // Hidden from the accessible name (the radio's name is the resource's name); read as its description.
          <span id={`${id}-description`} aria-hidden="true" className="mt-0.5 block text-sm text-slate-600">
            {description}
          </span>
        ) : null}
      </span>
    </label>
  );
}
