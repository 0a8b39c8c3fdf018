'use client';

import { DateTime } from 'luxon';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { Dialog } from '@/ui/dialog';
import { TextField } from '@/ui/field';
import { formatDayDate, formatTime, formatTimeRange, wallClock } from '../../../_lib/format';
import { failureMessage, getJson, postJson } from '../../../_lib/http';

export interface RescheduleInfo {
  serviceId: string;
  /** The organization's zone: the inputs are its wall clock. */
  timezone: string;
  start: string;
  end: string;
  /** Stays give a check-out too. */
  multiDay: boolean;
  /** The booking's resource: free times are looked up for it. */
  resourceId: string;
  /** Resources that can perform the service, to name the one an alternative time is with. */
  resources: { id: string; name: string }[];
}

interface Slot {
  start: string;
  end: string;
  resourceIds?: string[];
}

type SlotState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; date: string; slots: Slot[] };

/**
 * Move a booking: a date and a time in the organization's zone, typed or picked from the free
 * times of that day (the public availability API). When the time is taken the API answers 409
 * with the nearest free times, offered here as one-click choices.
 */
export function RescheduleDialog({
  open,
  onClose,
  slug,
  bookingId,
  info,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  slug: string;
  bookingId: string;
  info: RescheduleInfo;
  onDone: (message: string) => void;
}) {
  const t = useTranslations('dashboard.booking.reschedule');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const locale = useLocale();
  const zone = info.timezone;
  const initialStart = wallClock(info.start, zone);
  const initialEnd = wallClock(info.end, zone);
  const [date, setDate] = useState(initialStart.date);
  const [time, setTime] = useState(initialStart.time);
  const [endDate, setEndDate] = useState(initialEnd.date);
  const [endTime, setEndTime] = useState(initialEnd.time);
  const [slots, setSlots] = useState<SlotState>({ kind: 'idle' });
  const [alternatives, setAlternatives] = useState<Slot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ date?: string; time?: string; end?: string }>({});
  const [submitting, setSubmitting] = useState(false);

  function close() {
    if (submitting) return;
    setError(null);
    setAlternatives(null);
    setFieldErrors({});
    onClose();
  }

  async function loadSlots() {
    if (!date) {
      setFieldErrors({ date: t('dateRequired') });
      return;
    }
    setSlots({ kind: 'loading' });
    const query = new URLSearchParams({ serviceId: info.serviceId, from: date, to: date, resourceId: info.resourceId });
    const result = await getJson<{ slots: Slot[] }>(`/api/v1/public/orgs/${encodeURIComponent(slug)}/availability?${query}`);
    if (result.ok) setSlots({ kind: 'loaded', date, slots: result.data.slots });
    else setSlots({ kind: 'error', message: failureMessage(result, te) });
  }

  function pick(slot: Slot) {
    const s = wallClock(slot.start, zone);
    setDate(s.date);
    setTime(s.time);
    if (info.multiDay) {
      const e = wallClock(slot.end, zone);
      setEndDate(e.date);
      setEndTime(e.time);
    }
    setFieldErrors({});
  }

  /** The wall-clock inputs as an instant with the zone's offset, e.g. 2026-03-10T09:00:00-05:00. */
  function instant(d: string, tm: string): string | null {
    const dt = DateTime.fromISO(`${d}T${tm}`, { zone });
    return dt.isValid ? dt.toISO({ suppressMilliseconds: true }) : null;
  }

  /** An alternative may be free only with another resource: then the booking moves to it. */
  const otherResource = (slot: Slot) =>
    slot.resourceIds?.length && !slot.resourceIds.includes(info.resourceId) ? slot.resourceIds[0] : undefined;
  const resourceName = (id: string | undefined) => info.resources.find((r) => r.id === id)?.name;

  async function submit(start: string | null, end: string | null, resourceId?: string) {
    const problems: typeof fieldErrors = {};
    if (!date) problems.date = t('dateRequired');
    if (!time) problems.time = t('timeRequired');
    if (!start && !problems.date && !problems.time) problems.time = t('timeInvalid');
    if (info.multiDay && !end) problems.end = t('endRequired');
    setFieldErrors(problems);
    if (Object.keys(problems).length || !start) return;
    setSubmitting(true);
    setError(null);
    const result = await postJson(`/api/v1/orgs/${encodeURIComponent(slug)}/bookings/${encodeURIComponent(bookingId)}/reschedule`, {
      start,
      ...(info.multiDay && end ? { end } : {}),
      ...(resourceId ? { resourceId } : {}),
    });
    setSubmitting(false);
    if (result.ok) {
      setAlternatives(null);
      onDone(t('done', { when: formatDayDate(start, locale, zone), time: formatTime(start, locale, zone) }));
      return;
    }
    const offered = (result.details as { alternatives?: unknown } | undefined)?.alternatives;
    if (result.status === 409 && Array.isArray(offered)) {
      setAlternatives(offered.filter((a): a is Slot => typeof a?.start === 'string' && typeof a?.end === 'string'));
      setError(offered.length ? t('taken') : t('takenNoAlternatives'));
      return;
    }
    setAlternatives(null);
    setError(failureMessage(result, te));
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void submit(instant(date, time), info.multiDay ? instant(endDate, endTime) : null);
  }

  return (
    <Dialog open={open} onClose={close} title={t('title')} description={t('body', { timeZone: zone })} closeLabel={tc('close')}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <p className="text-sm text-slate-700">
          {t('current')} <strong className="font-medium text-slate-900">{formatTimeRange(info.start, info.end, locale, zone)}</strong>
          {/* A same-day range shows only times: the day follows. */}
          {formatDayDate(info.start, locale, zone) === formatDayDate(info.end, locale, zone) ? `, ${formatDayDate(info.start, locale, zone)}` : null}
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="reschedule-date"
            name="date"
            data-autofocus
            type="date"
            label={info.multiDay ? t('checkInDate') : t('date')}
            required
            value={date}
            error={fieldErrors.date}
            onChange={(e) => {
              setDate(e.target.value);
              setSlots({ kind: 'idle' });
            }}
          />
          <TextField
            id="reschedule-time"
            name="time"
            type="time"
            label={info.multiDay ? t('checkInTime') : t('time')}
            required
            step={300}
            value={time}
            error={fieldErrors.time}
            onChange={(e) => setTime(e.target.value)}
          />
          {info.multiDay ? (
            <>
              <TextField id="reschedule-end-date" name="endDate" type="date" label={t('checkOutDate')} required value={endDate} error={fieldErrors.end} onChange={(e) => setEndDate(e.target.value)} />
              <TextField id="reschedule-end-time" name="endTime" type="time" label={t('checkOutTime')} required value={endTime} onChange={(e) => setEndTime(e.target.value)} />
            </>
          ) : null}
        </div>

        <div>
          <Button variant="secondary" size="sm" onClick={loadSlots} loading={slots.kind === 'loading'} loadingText={t('loadingSlots')}>
            {t('showSlots')}
          </Button>
          <div aria-live="polite" className="mt-3">
            {slots.kind === 'error' ? <Alert tone="error">{slots.message}</Alert> : null}
            {slots.kind === 'loaded' ? (
              slots.slots.length === 0 ? (
                <p className="text-sm text-slate-600">{t('noSlots', { day: formatDayDate(`${slots.date}T12:00:00Z`, locale, 'UTC') })}</p>
              ) : (
                <SlotChoices
                  legend={t('slotsOn', { day: formatDayDate(`${slots.date}T12:00:00Z`, locale, 'UTC') })}
                  slots={slots.slots}
                  selected={instant(date, time)}
                  label={(s) => (info.multiDay ? formatTimeRange(s.start, s.end, locale, zone) : formatTime(s.start, locale, zone))}
                  onPick={pick}
                />
              )
            ) : null}
          </div>
        </div>

        <LiveRegion politeness="assertive">
          {error ? (
            <Alert tone={alternatives?.length ? 'warning' : 'error'}>
              <p>{error}</p>
              {alternatives?.length ? (
                <ul className="mt-2 flex flex-wrap gap-2">
                  {alternatives.map((a) => {
                    const other = otherResource(a);
                    return (
                      <li key={`${a.start}-${other ?? ''}`}>
                        <Button
                          size="sm"
                          variant="secondary"
                          disabled={submitting}
                          onClick={() => {
                            pick(a);
                            void submit(a.start, info.multiDay ? a.end : null, other);
                          }}
                        >
                          <span className="sr-only">{t('moveTo')} </span>
                          {formatDayDate(a.start, locale, zone)}, {info.multiDay ? formatTimeRange(a.start, a.end, locale, zone) : formatTime(a.start, locale, zone)}
                          {other ? ` · ${t('withResource', { name: resourceName(other) ?? t('anotherResource') })}` : null}
                        </Button>
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </Alert>
          ) : null}
        </LiveRegion>

        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" disabled={submitting} onClick={close}>
            {tc('cancel')}
          </Button>
          <Button type="submit" loading={submitting} loadingText={t('moving')}>
            {t('submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function SlotChoices({
  legend,
  slots,
  selected,
  label,
  onPick,
}: {
  legend: string;
  slots: Slot[];
  selected: string | null;
  label: (s: Slot) => string;
  onPick: (s: Slot) => void;
}) {
  const selectedAt = selected ? Date.parse(selected) : NaN;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      <ul className="mt-2 grid max-h-48 grid-cols-3 gap-2 overflow-y-auto p-1 sm:grid-cols-4">
        {slots.map((s) => {
          const on = Date.parse(s.start) === selectedAt;
          return (
            <li key={s.start}>
              <button
                type="button"
                aria-pressed={on}
                onClick={() => onPick(s)}
                className={cx(
                  'h-9 w-full rounded-md border px-2 text-sm font-medium tabular-nums',
                  focusRing,
                  on ? 'border-indigo-600 bg-indigo-600 text-white' : 'border-slate-300 bg-white text-slate-900 hover:bg-slate-50',
                )}
              >
                {label(s)}
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

