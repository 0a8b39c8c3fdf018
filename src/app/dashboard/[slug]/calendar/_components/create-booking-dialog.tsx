'use client';

import { DateTime } from 'luxon';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { SelectField, TextField } from '@/ui/field';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { ConflictAlternatives, takenAlternatives } from '@/app/_components/booking/conflict-alternatives';
import { checkAnswers, CustomFieldInputs, type DraftAnswers, emptyAnswers, useProblemText } from '@/app/_components/booking/custom-fields';
import { addonChoices, initialChoice, type PartyChoice } from '@/app/[org]/_components/party/party-choice';
import { PartyOptions } from '@/app/[org]/_components/party/party-options';
import type { AlternativeDto } from '@/modules/bookings/schemas';
import type { PublicAddon, ServiceDto } from '@/modules/catalog/schemas';
import { formatDateTime, formatDayDate, formatTime } from '../../../_lib/format';

export type ServiceOption = Pick<ServiceDto, 'id' | 'name' | 'resourceIds' | 'customFields' | 'package' | 'currency'>;

type Fields = Partial<Record<'serviceId' | 'date' | 'time' | 'name' | 'email' | 'phone' | 'customer' | 'extras', string>>;

/** A service's active add-ons, read when it is chosen; `failed`: they could not be read (the booking can still be made without). */
type AddonsState = { status: 'none' } | { status: 'loading' } | { status: 'ready'; addons: PublicAddon[] } | { status: 'failed'; message: string };

/** The API's paths for the dialog's own inputs (custom fields keep theirs: `fields.<key>`). */
const apiPaths: Record<string, keyof Fields> = {
  serviceId: 'serviceId',
  start: 'time',
  resourceId: 'time',
  'customer.name': 'name',
  'customer.email': 'email',
  'customer.phone': 'phone',
  customerId: 'customer',
  children: 'extras',
  adults: 'extras',
  addons: 'extras',
};

/**
 * Book on behalf of a customer: from an empty slot of the calendar (the resource and start come
 * from the grid, in the organization's wall clock) or from the bookings list ("New booking": the
 * resource is chosen, or any available). The customer is an existing one (searched by name,
 * email or phone) or typed in; the service's own questions are asked and checked with the
 * server's rules. A taken time offers the nearest free ones. A party package asks for its guests
 * and a service with add-ons offers them (the public flow's inputs); the server prices them.
 */
export function CreateBookingDialog({
  open,
  slug,
  zone,
  resource: gridResource,
  resources = [],
  start,
  services,
  onClose,
  onDone,
}: {
  open: boolean;
  slug: string;
  zone: string;
  /** The grid's resource; without it the dialog offers the service's resources (or any). */
  resource?: { id: string; name: string };
  /** Every active resource, for choosing one when no grid resource is given. */
  resources?: { id: string; name: string }[];
  start: DateTime;
  services: ServiceOption[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations('calendarPage.create');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const problemText = useProblemText();
  const locale = useLocale();
  const [serviceId, setServiceId] = useState(services.length === 1 ? services[0]!.id : '');
  const [resource, setResource] = useState<{ id: string; name: string } | null>(gridResource ?? null);
  const [existing, setExisting] = useState<{ id: string; name: string; email: string } | null>(null);
  const [customerMode, setCustomerMode] = useState<'new' | 'existing'>('new');
  const [date, setDate] = useState(start.toISODate() ?? '');
  const [time, setTime] = useState(start.toFormat('HH:mm'));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const service = services.find((s) => s.id === serviceId);
  const questions = service?.customFields ?? [];
  const [answers, setAnswers] = useState<DraftAnswers>(() => emptyAnswers(questions));
  const [choice, setChoice] = useState<PartyChoice>(() => initialChoice(service?.package ?? null));
  const [addons, setAddons] = useState<AddonsState>({ status: 'none' });

  // The chosen service's active add-ons (the staff API lists inactive ones too: they are not offered).
  useEffect(() => {
    if (!serviceId) return setAddons({ status: 'none' });
    const controller = new AbortController();
    setAddons({ status: 'loading' });
    void call(api.orgs[':slug'].services[':serviceId'].addons.$get({ param: { slug, serviceId } }, { init: { signal: controller.signal } }), controller.signal).then((res) => {
      if (controller.signal.aborted) return;
      if (!res.ok) return setAddons({ status: 'failed', message: failureMessage(res, te) });
      setAddons({ status: 'ready', addons: res.data.data.filter((a) => a.active) });
    });
    return () => controller.abort();
  }, [slug, serviceId, te]);
  const [fields, setFields] = useState<Fields>({});
  const [answerErrors, setAnswerErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ alternatives: AlternativeDto[]; taken: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);

  function close() {
    if (!submitting) onClose();
  }

  function chooseService(id: string) {
    setServiceId(id);
    // Answers are kept by key, so a question two services share keeps what was typed.
    const defs = services.find((s) => s.id === id)?.customFields ?? [];
    setAnswers((prev) => ({ ...emptyAnswers(defs), ...Object.fromEntries(defs.filter((f) => f.key in prev).map((f) => [f.key, prev[f.key]!])) }));
    setAnswerErrors({});
    setChoice(initialChoice(services.find((s) => s.id === id)?.package ?? null));
  }

  /** `chosen`: a free time the API offered after a conflict, booked as offered (its resource too). */
  async function submit(e?: FormEvent<HTMLFormElement>, chosen?: AlternativeDto) {
    e?.preventDefault();
    if (submitting) return;
    const problems: Fields = {};
    if (!serviceId) problems.serviceId = t('serviceRequired');
    if (customerMode === 'existing') {
      if (!existing) problems.customer = t('customerRequired');
    } else {
      if (!name.trim()) problems.name = t('nameRequired');
      if (!email.trim()) problems.email = t('emailRequired');
    }
    const instant = chosen?.start ?? DateTime.fromISO(`${date}T${time}`, { zone }).toISO({ suppressMilliseconds: true });
    if (!date || !time || !instant) problems.time = t('timeRequired');
    const checked = checkAnswers(questions, answers);
    const badAnswers = checked.ok ? {} : Object.fromEntries(Object.entries(checked.problems).map(([path, p]) => [path, problemText(p)]));
    setFields(problems);
    setAnswerErrors(badAnswers);
    if (Object.keys(problems).length || !checked.ok || !instant) return;
    setSubmitting(true);
    setError(null);
    setConflict(null);
    const customer = { name: name.trim(), email: email.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) };
    const who = customerMode === 'existing' && existing ? { customerId: existing.id } : { customer };
    const resourceId = chosen?.resourceId ?? resource?.id;
    const result = await call(
      api.orgs[':slug'].bookings.$post({
        param: { slug },
        header: {},
        json: {
          serviceId,
          ...(resourceId ? { resourceId } : {}),
          start: instant,
          ...who,
          fields: checked.answers,
          addons: addonChoices(choice),
          ...(service?.package ? { children: choice.children, adults: choice.adults } : {}),
        },
      }),
    );
    setSubmitting(false);
    if (result.ok) {
      onDone(t('done', { service: service?.name ?? '', customer: existing && customerMode === 'existing' ? existing.name : customer.name, when: formatDateTime(instant, locale, zone) }));
      return;
    }
    const alternatives = takenAlternatives(result);
    if (alternatives) {
      setConflict({ alternatives, taken: `${formatDayDate(instant, locale, zone)}, ${formatTime(instant, locale, zone)}` });
      requestAnimationFrame(() => conflictRef.current?.focus());
      return;
    }
    const mapped: Fields = {};
    const custom: Record<string, string> = {};
    for (const [path, message] of Object.entries(result.fields)) {
      if (path.startsWith('fields.')) custom[path] = sentence(message);
      else if (apiPaths[path]) mapped[apiPaths[path]] ??= sentence(message);
    }
    setFields(mapped);
    setAnswerErrors(custom);
    setError(failureMessage(result, te));
  }

  /** The inputs follow the chosen time (kept if booking it fails too), and it is booked at once. */
  function chooseAlternative(alt: AlternativeDto) {
    const s = DateTime.fromISO(alt.start, { zone });
    setDate(s.toISODate() ?? date);
    setTime(s.toFormat('HH:mm'));
    setResource({ id: alt.resourceId, name: alt.resourceName });
    void submit(undefined, alt);
  }

  return (
    <Dialog open={open} onClose={close} title={t('title')} description={gridResource ? t('body', { resource: gridResource.name, timeZone: zone }) : t('bodyAny', { timeZone: zone })} closeLabel={tc('close')}>
      <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
        {services.length === 0 ? <Alert tone="warning">{t('noServices')}</Alert> : null}
        <SelectField id="create-service" name="serviceId" label={t('service')} required value={serviceId} error={fields.serviceId} onChange={(e) => chooseService(e.target.value)} data-autofocus>
          <option value="">{t('chooseService')}</option>
          {services.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id="create-date" name="date" type="date" label={t('date')} required value={date} error={fields.date} onChange={(e) => setDate(e.target.value)} />
          <TextField id="create-time" name="time" type="time" step={300} label={t('time')} required value={time} error={fields.time} onChange={(e) => setTime(e.target.value)} />
        </div>
        {gridResource ? null : (
          <SelectField
            id="create-resource"
            name="resourceId"
            label={t('resource')}
            value={resource?.id ?? ''}
            onChange={(e) => setResource(resources.find((r) => r.id === e.target.value) ?? null)}
          >
            <option value="">{t('anyResource')}</option>
            {resources
              .filter((r) => !service || service.resourceIds.includes(r.id))
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </SelectField>
        )}
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">{t('customer')}</legend>
          <div className="mt-2 flex flex-wrap gap-4 text-sm">
            {(['new', 'existing'] as const).map((m) => (
              <label key={m} className="flex items-center gap-2">
                <input type="radio" name="customerMode" value={m} checked={customerMode === m} onChange={() => setCustomerMode(m)} className="size-4" />
                {m === 'new' ? t('newCustomer') : t('existingCustomer')}
              </label>
            ))}
          </div>
        </fieldset>
        {customerMode === 'existing' ? (
          <CustomerSearch slug={slug} chosen={existing} onChoose={setExisting} error={fields.customer} />
        ) : (
          <>
            <TextField id="create-name" name="name" label={t('name')} required autoComplete="off" value={name} error={fields.name} onChange={(e) => setName(e.target.value)} />
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField id="create-email" name="email" type="email" label={t('email')} required autoComplete="off" value={email} error={fields.email} onChange={(e) => setEmail(e.target.value)} />
              <TextField id="create-phone" name="phone" type="tel" label={t('phone')} autoComplete="off" value={phone} error={fields.phone} onChange={(e) => setPhone(e.target.value)} />
            </div>
          </>
        )}
        {service && (service.package || (addons.status === 'ready' && addons.addons.length > 0)) ? (
          <div data-testid="create-extras">
            <PartyOptions
              idPrefix="create"
              pkg={service.package}
              addons={addons.status === 'ready' ? addons.addons : []}
              currency={service.currency}
              value={choice}
              onChange={setChoice}
            />
            {fields.extras ? <p className="mt-2 text-sm font-medium text-red-700">{fields.extras}</p> : null}
          </div>
        ) : null}
        {addons.status === 'failed' ? <Alert tone="warning">{t('addonsFailed', { reason: addons.message })}</Alert> : null}
        <CustomFieldInputs
          fields={questions}
          values={answers}
          errors={answerErrors}
          idPrefix="create"
          onChange={(key, value) => setAnswers((a) => ({ ...a, [key]: value }))}
        />

        <LiveRegion politeness="assertive">
          {conflict ? (
            <ConflictAlternatives
              alternatives={conflict.alternatives}
              takenLabel={conflict.taken}
              zone={zone}
              chosenResourceId={resource?.id ?? null}
              onChoose={chooseAlternative}
              disabled={submitting}
              headingRef={conflictRef}
            />
          ) : error ? (
            <Alert tone="error">{error}</Alert>
          ) : null}
        </LiveRegion>

        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" disabled={submitting} onClick={close}>
            {tc('cancel')}
          </Button>
          <Button type="submit" loading={submitting} loadingText={t('creating')}>
            {t('submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

type FoundCustomer = { id: string; name: string; email: string };

/** Find an existing customer by part of a name, an email or a phone, and pick one. */
function CustomerSearch({ slug, chosen, onChoose, error }: { slug: string; chosen: FoundCustomer | null; onChoose: (c: FoundCustomer | null) => void; error?: string }) {
  const t = useTranslations('calendarPage.create');
  const te = useTranslations('dashboard.errors');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<FoundCustomer[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function search() {
    if (!q.trim() || searching) return;
    setSearching(true);
    setFailure(null);
    const result = await call(api.orgs[':slug'].customers.$get({ param: { slug }, query: { q: q.trim(), pageSize: '10' } }));
    setSearching(false);
    if (!result.ok) return setFailure(failureMessage(result, te));
    setFound(result.data.data.map((c) => ({ id: c.id, name: c.name, email: c.email })));
  }

  return (
    <div className="space-y-2">
      <div className="flex items-end gap-2">
        <TextField
          id="create-customer-search"
          type="search"
          label={t('searchCustomer')}
          hint={t('searchCustomerHint')}
          value={q}
          error={error}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
          className="flex-1"
        />
        <Button type="button" variant="secondary" loading={searching} loadingText={t('searching')} onClick={() => void search()}>
          {t('search')}
        </Button>
      </div>
      <LiveRegion>
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        {found && found.length === 0 ? <p className="text-sm text-slate-600">{t('noCustomers', { q: q.trim() })}</p> : null}
      </LiveRegion>
      {found && found.length > 0 ? (
        <fieldset>
          <legend className="sr-only">{t('pickCustomer')}</legend>
          <ul className="max-h-48 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
            {found.map((c) => (
              <li key={c.id}>
                <label className="flex cursor-pointer items-center gap-2 px-3 py-2 text-sm hover:bg-slate-50">
                  <input type="radio" name="existingCustomer" checked={chosen?.id === c.id} onChange={() => onChoose(c)} className="size-4" />
                  <span>
                    <span className="font-medium text-slate-900">{c.name}</span> <span className="text-slate-600">· {c.email}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
    </div>
  );
}
