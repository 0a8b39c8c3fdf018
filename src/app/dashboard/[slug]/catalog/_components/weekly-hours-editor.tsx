'use client';

import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage, type FieldErrors, sentence } from '@/app/_lib/api';
import type { TimeRangeDto, WeekdayHoursDto } from '@/modules/catalog';
import { weekdayName, weekdays } from '../_lib/catalog';

interface RangeDraft extends TimeRangeDto {
  uid: number;
}

let seq = 0;

const toMinutes = (t: string) => {
  const [h, m] = t.split(':').map(Number);
  return h! * 60 + m!;
};
const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Problems the browser can see before asking the API: end before start, overlaps. */
function localErrors(days: Record<number, RangeDraft[]>, t: (key: 'endAfterStart' | 'invalidTime' | 'overlaps', values?: Record<string, string>) => string): FieldErrors {
  const out: FieldErrors = {};
  weekdays.forEach((weekday, dayIndex) => {
    const ranges = days[weekday] ?? [];
    ranges.forEach((r, i) => {
      if (!TIME.test(r.start)) out[`weekly.${dayIndex}.ranges.${i}.start`] = t('invalidTime');
      if (!TIME.test(r.end)) out[`weekly.${dayIndex}.ranges.${i}.end`] = t('invalidTime');
      else if (TIME.test(r.start) && toMinutes(r.end) <= toMinutes(r.start)) out[`weekly.${dayIndex}.ranges.${i}.end`] = t('endAfterStart');
    });
    ranges.forEach((r, i) => {
      if (!TIME.test(r.start) || !TIME.test(r.end)) return;
      const clash = ranges.findIndex(
        (o, j) => j < i && TIME.test(o.start) && TIME.test(o.end) && toMinutes(r.start) < toMinutes(o.end) && toMinutes(o.start) < toMinutes(r.end),
      );
      if (clash >= 0) out[`weekly.${dayIndex}.ranges.${i}`] = t('overlaps', { start: ranges[clash]!.start, end: ranges[clash]!.end });
    });
  });
  return out;
}

/**
 * Seven weekdays, each with any number of ranges (a lunch break is two ranges), no ranges =
 * closed. Saves the whole week with PUT `{ weekly }`; the API's paths (`weekly.2.ranges.1.end`)
 * land next to the inputs.
 */
export function WeeklyHoursEditor({
  slug,
  resourceId,
  initial,
  readOnly,
  idPrefix,
  emptyNote,
  template,
}: {
  slug: string;
  /** Whose hours: a resource's own, or (none) the business hours. */
  resourceId?: string;
  initial: WeekdayHoursDto[];
  readOnly: boolean;
  idPrefix: string;
  /** Said when no day has ranges (a resource without its own hours works the business hours). */
  emptyNote?: string;
  /** Hours to start from with one click (a resource's inherited business hours). */
  template?: WeekdayHoursDto[];
}) {
  const t = useTranslations('catalogPage.hoursEditor');
  const te = useTranslations('catalogPage.errors');
  const locale = useLocale();
  const router = useRouter();
  const notify = useToast();
  const [days, setDays] = useState<Record<number, RangeDraft[]>>(() =>
    Object.fromEntries(weekdays.map((w) => [w, (initial.find((d) => d.weekday === w)?.ranges ?? []).map((r) => ({ ...r, uid: ++seq }))])),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const alertRef = useRef<HTMLDivElement>(null);
  const err = (path: string) => (errors[path] ? sentence(errors[path]) : undefined);

  const setDay = (weekday: number, update: (ranges: RangeDraft[]) => RangeDraft[]) => setDays((d) => ({ ...d, [weekday]: update(d[weekday] ?? []) }));
  const isEmpty = weekdays.every((w) => (days[w] ?? []).length === 0);

  function addRange(weekday: number) {
    setDay(weekday, (ranges) => {
      const last = ranges[ranges.length - 1];
      if (!last) return [{ uid: ++seq, start: '09:00', end: '17:00' }];
      // After the last range: an hour's gap, then until 18:00 (or the end of the day).
      const startMin = Math.min(TIME.test(last.end) ? toMinutes(last.end) + 60 : 13 * 60, 23 * 60);
      const endMin = Math.min(Math.max(startMin + 60, 18 * 60), 24 * 60);
      const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return [...ranges, { uid: ++seq, start: fmt(startMin), end: fmt(endMin) }];
    });
  }

  function copyToWeekdays(from: number) {
    const source = days[from] ?? [];
    setDays((d) => ({ ...d, ...Object.fromEntries([1, 2, 3, 4, 5].filter((w) => w !== from).map((w) => [w, source.map((r) => ({ ...r, uid: ++seq }))])) }));
    setStatus(t('copied', { day: weekdayName(from, locale) }));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (readOnly || saving) return;
    const local = localErrors(days, t);
    if (Object.keys(local).length) {
      setErrors(local);
      setFormError(t('fixErrors'));
      setStatus(t('fixErrors'));
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    const weekly = weekdays.map((weekday) => ({ weekday, ranges: (days[weekday] ?? []).map(({ start, end }) => ({ start, end })) }));
    setSaving(true);
    setStatus(t('saving'));
    const result = resourceId
      ? await call(api.orgs[':slug'].resources[':resourceId'].hours.$put({ param: { slug, resourceId }, json: { weekly } }))
      : await call(api.orgs[':slug']['business-hours'].$put({ param: { slug }, json: { weekly } }));
    setSaving(false);
    if (!result.ok) {
      setErrors(result.fields);
      const message = Object.keys(result.fields).length ? t('fixErrors') : failureMessage(result, te);
      setFormError(message);
      setStatus(message);
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    setErrors({});
    setFormError(null);
    setStatus(t('saved'));
    notify('success', t('saved'));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <LiveRegion className="sr-only">{status}</LiveRegion>
      {formError ? (
        <div ref={alertRef} tabIndex={-1} className="focus:outline-none">
          <Alert tone="error" title={formError}>
            {errors.weekly ? <p>{sentence(errors.weekly)}</p> : null}
          </Alert>
        </div>
      ) : null}
      <p className="text-sm text-slate-600">{t('midnightHint')}</p>
      {isEmpty && emptyNote ? (
        <Alert tone="info" title={emptyNote}>
          {template && !readOnly ? (
            <Button
              type="button"
              variant="secondary"
              size="sm"
              className="mt-2"
              onClick={() => setDays(Object.fromEntries(weekdays.map((w) => [w, (template.find((d) => d.weekday === w)?.ranges ?? []).map((r) => ({ ...r, uid: ++seq }))])))}
            >
              {t('useTemplate')}
            </Button>
          ) : null}
        </Alert>
      ) : null}
      <ol className="space-y-3">
        {weekdays.map((weekday, dayIndex) => {
          const ranges = days[weekday] ?? [];
          const dayName = weekdayName(weekday, locale);
          const p = `weekly.${dayIndex}`;
          return (
            <li key={weekday}>
              <fieldset className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4" disabled={readOnly} data-weekday={weekday}>
                <legend className="px-1 text-sm font-semibold text-slate-900 capitalize">{dayName}</legend>
                {err(p) || err(`${p}.ranges`) || err(`${p}.weekday`) ? (
                  <p className="text-sm font-medium text-red-700">{err(p) ?? err(`${p}.ranges`) ?? err(`${p}.weekday`)}</p>
                ) : null}
                {ranges.length === 0 ? <p className="text-sm text-slate-600">{t('closed')}</p> : null}
                <ul className="space-y-3">
                  {ranges.map((r, i) => {
                    const rangeName = t('rangeN', { day: dayName, n: i + 1 });
                    return (
                      <li key={r.uid}>
                        <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-end" role="group" aria-label={rangeName}>
                          <TextField
                            id={`${idPrefix}-${weekday}-${r.uid}-start`}
                            type="time"
                            label={t('opens', { n: i + 1 })}
                            value={r.start}
                            required
                            onChange={(e) => setDay(weekday, (l) => l.map((x) => (x.uid === r.uid ? { ...x, start: e.target.value } : x)))}
                            error={err(`${p}.ranges.${i}.start`)}
                            className="sm:w-40"
                          />
                          <TextField
                            id={`${idPrefix}-${weekday}-${r.uid}-end`}
                            type="time"
                            label={t('closes', { n: i + 1 })}
                            value={r.end === '24:00' ? '23:59' : r.end}
                            required
                            onChange={(e) => setDay(weekday, (l) => l.map((x) => (x.uid === r.uid ? { ...x, end: e.target.value } : x)))}
                            error={err(`${p}.ranges.${i}.end`)}
                            className="sm:w-40"
                          />
                          {!readOnly ? (
                            <Button type="button" variant="ghost" size="sm" aria-label={t('removeRange', { range: rangeName })} onClick={() => setDay(weekday, (l) => l.filter((x) => x.uid !== r.uid))}>
                              {t('remove')}
                            </Button>
                          ) : null}
                          {err(`${p}.ranges.${i}`) ? <p className="text-sm font-medium text-red-700 sm:self-center">{err(`${p}.ranges.${i}`)}</p> : null}
                        </div>
                      </li>
                    );
                  })}
                </ul>
                {!readOnly ? (
                  <div className="mt-3 flex flex-wrap gap-2">
                    <Button type="button" variant="secondary" size="sm" onClick={() => addRange(weekday)} disabled={ranges.length >= 12} aria-label={t('addRangeTo', { day: dayName })}>
                      {t('addRange')}
                    </Button>
                    {ranges.length > 0 ? (
                      <Button type="button" variant="ghost" size="sm" onClick={() => setDay(weekday, () => [])} aria-label={t('closeDayLabel', { day: dayName })}>
                        {t('closeDay')}
                      </Button>
                    ) : null}
                    {weekday <= 5 ? (
                      <Button type="button" variant="ghost" size="sm" onClick={() => copyToWeekdays(weekday)} aria-label={t('copyLabel', { day: dayName })}>
                        {t('copy')}
                      </Button>
                    ) : null}
                  </div>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {!readOnly ? (
        <Button type="submit" disabled={saving}>
          {saving ? t('saving') : t('save')}
        </Button>
      ) : null}
    </form>
  );
}
