'use client';

import { DateTime } from 'luxon';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { SelectField, TextField } from '@/ui/field';
import type { ServiceDto } from '@/modules/catalog';
import { formatDateTime, formatDayDate, formatTime } from '../../../_lib/format';
import { failureMessage, postJson } from '../../../_lib/http';

export type ServiceOption = Pick<ServiceDto, 'id' | 'name' | 'resourceIds'>;

interface Slot {
  start: string;
  end: string;
  resourceIds?: string[];
}

type Fields = Partial<Record<'serviceId' | 'date' | 'time' | 'name' | 'email' | 'phone', string>>;

/**
 * Book on behalf of a customer from an empty slot: the resource and start come from the grid
 * (the organization's wall clock), the rest is typed. 409 offers the nearest free times.
 */
export function CreateBookingDialog({
  open,
  slug,
  zone,
  resource,
  start,
  services,
  onClose,
  onDone,
}: {
  open: boolean;
  slug: string;
  zone: string;
  resource: { id: string; name: string };
  start: DateTime;
  services: ServiceOption[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const t = useTranslations('calendarPage.create');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const locale = useLocale();
  const [serviceId, setServiceId] = useState(services.length === 1 ? services[0]!.id : '');
  const [date, setDate] = useState(start.toISODate() ?? '');
  const [time, setTime] = useState(start.toFormat('HH:mm'));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string | null>(null);
  const [alternatives, setAlternatives] = useState<Slot[] | null>(null);
  const [submitting, setSubmitting] = useState(false);

  function close() {
    if (!submitting) onClose();
  }

  async function submit(e?: FormEvent<HTMLFormElement>, at?: string) {
    e?.preventDefault();
    const problems: Fields = {};
    if (!serviceId) problems.serviceId = t('serviceRequired');
    if (!name.trim()) problems.name = t('nameRequired');
    if (!email.trim()) problems.email = t('emailRequired');
    const instant = at ?? DateTime.fromISO(`${date}T${time}`, { zone }).toISO({ suppressMilliseconds: true });
    if (!date || !time || !instant) problems.time = t('timeRequired');
    setFields(problems);
    if (Object.keys(problems).length || !instant) return;
    setSubmitting(true);
    setError(null);
    const customer = { name: name.trim(), email: email.trim(), ...(phone.trim() ? { phone: phone.trim() } : {}) };
    const result = await postJson<{ booking: { id: string } }>(`/api/v1/orgs/${encodeURIComponent(slug)}/bookings`, {
      serviceId,
      resourceId: resource.id,
      start: instant,
      customer,
    });
    setSubmitting(false);
    if (result.ok) {
      const service = services.find((s) => s.id === serviceId)?.name ?? '';
      onDone(t('done', { service, customer: customer.name, when: formatDateTime(instant, locale, zone) }));
      return;
    }
    const offered = (result.details as { alternatives?: unknown } | undefined)?.alternatives;
    if (result.status === 409 && Array.isArray(offered)) {
      const slots = offered.filter((a): a is Slot => typeof a?.start === 'string' && typeof a?.end === 'string');
      setAlternatives(slots);
      setError(slots.length ? t('taken') : t('takenNoAlternatives'));
      return;
    }
    setAlternatives(null);
    const f = result.fields;
    const mapped: Fields = {
      serviceId: f.serviceId,
      time: f.start ?? f.resourceId,
      name: f['customer.name'],
      email: f['customer.email'],
      phone: f['customer.phone'],
    };
    setFields(Object.fromEntries(Object.entries(mapped).filter(([, v]) => v)) as Fields);
    setError(failureMessage(result, te));
  }

  return (
    <Dialog open={open} onClose={close} title={t('title')} description={t('body', { resource: resource.name, timeZone: zone })} closeLabel={tc('close')}>
      <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
        {services.length === 0 ? <Alert tone="warning">{t('noServices')}</Alert> : null}
        <SelectField id="create-service" name="serviceId" label={t('service')} required value={serviceId} error={fields.serviceId} onChange={(e) => setServiceId(e.target.value)} data-autofocus>
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
        <TextField id="create-name" name="name" label={t('name')} required autoComplete="off" value={name} error={fields.name} onChange={(e) => setName(e.target.value)} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField id="create-email" name="email" type="email" label={t('email')} required autoComplete="off" value={email} error={fields.email} onChange={(e) => setEmail(e.target.value)} />
          <TextField id="create-phone" name="phone" type="tel" label={t('phone')} autoComplete="off" value={phone} error={fields.phone} onChange={(e) => setPhone(e.target.value)} />
        </div>

        <LiveRegion politeness="assertive">
          {error ? (
            <Alert tone={alternatives?.length ? 'warning' : 'error'}>
              <p>{error}</p>
              {alternatives?.length ? (
                <ul className="mt-2 flex flex-wrap gap-2">
                  {alternatives.map((a) => (
                    <li key={a.start}>
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={submitting || (a.resourceIds?.length ? !a.resourceIds.includes(resource.id) : false)}
                        onClick={() => {
                          const s = DateTime.fromISO(a.start, { zone });
                          setDate(s.toISODate() ?? date);
                          setTime(s.toFormat('HH:mm'));
                          setAlternatives(null);
                          setError(null);
                        }}
                      >
                        <span className="sr-only">{t('useTime')} </span>
                        {formatDayDate(a.start, locale, zone)}, {formatTime(a.start, locale, zone)}
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </Alert>
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
