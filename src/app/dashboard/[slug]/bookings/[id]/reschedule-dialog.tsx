'use client';

import { DateTime } from 'luxon';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { Dialog } from '@/ui/dialog';
import { TextField } from '@/ui/field';
import { api, call, failureMessage } from '@/app/_lib/api';
import { ConflictAlternatives, takenAlternatives } from '@/app/_components/booking/conflict-alternatives';
import type { AlternativeDto } from '@/modules/bookings/schemas';
import type { SlotDto } from '@/modules/scheduling/schemas';
import { formatDayDate, formatTime, formatTimeRange, wallClock } from '../../../_lib/format';

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
}

type Slot = Pick<SlotDto, 'start' | 'end'>;

type SlotState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'loaded'; date: string; slots: SlotDto[] };

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
  const [conflict, setConflict] = useState<{ alternatives: AlternativeDto[]; taken: string } | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ date?: string; time?: string; end?: string }>({});
  const [submitting, setSubmitting] = useState(false);

  function close() {
    if (submitting) return;
    setError(null);
    setConflict(null);
    setFieldErrors({});
    onClose();
  }

  async function loadSlots() {
    if (!date) {
      setFieldErrors({ date: t('dateRequired') });
      return;
    }
    setSlots({ kind: 'loading' });
    const result = await call(
      api.public.orgs[':slug'].availability.$get({ param: { slug }, query: { serviceId: info.serviceId, from: date, to: date, resourceId: info.resourceId } }),
    );
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
    setConflict(null);
    const result = await call(
      api.orgs[':slug'].bookings[':bookingId'].reschedule.$post({
        param: { slug, bookingId },
        json: { start, ...(info.multiDay && end ? { end } : {}), ...(resourceId ? { resourceId } : {}) },
      }),
    );
    setSubmitting(false);
    if (result.ok) {
      onDone(t('done', { when: formatDayDate(start, locale, zone), time: formatTime(start, locale, zone) }));
      return;
    }
    const alternatives = takenAlternatives(result);
    if (alternatives) {
      const taken = `${formatDayDate(start, locale, zone)}, ${info.multiDay && end ? formatTimeRange(start, end, locale, zone) : formatTime(start, locale, zone)}`;
      setConflict({ alternatives, taken });
      requestAnimationFrame(() => conflictRef.current?.focus());
      return;
    }
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
          {conflict ? (
            <ConflictAlternatives
              alternatives={conflict.alternatives}
              takenLabel={conflict.taken}
              zone={zone}
              chosenResourceId={info.resourceId}
              stays={info.multiDay}
              disabled={submitting}
              headingRef={conflictRef}
              onChoose={(alt) => {
                pick(alt);
                // A time free only with another resource moves the booking to it.
                void submit(alt.start, info.multiDay ? alt.end : null, alt.resourceId !== info.resourceId ? alt.resourceId : undefined);
              }}
            />
          ) : error ? (
            <Alert tone="error">{error}</Alert>
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

