'use client';

/**
 * The member portal's "Repeat" option (issue #14 item 5): does not repeat / every day / every
 * week on chosen weekdays / every month (on the chosen date's day, or its "2nd Tuesday"), ending
 * after N times or on a date, and what to do when some dates cannot be booked. The rule is sent
 * as `POST …/bookings/series` builds it; the answer's booked and skipped dates are shown by
 * SeriesDone, a refusal's dates by SeriesRefused.
 */
import { DateTime } from 'luxon';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import type { createdSeriesDto, repeatRuleSchema, SeriesWeekday, skippedOccurrenceDto } from '@/modules/bookings/schemas';
import { Alert } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { CheckboxField, SelectField, TextField } from '@/ui/field';

export const MAX_SERIES = 52;
const WEEKDAYS: SeriesWeekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export interface RepeatDraft {
  freq: 'none' | 'daily' | 'weekly' | 'monthly';
  weekdays: SeriesWeekday[];
  monthlyBy: 'day' | 'weekday';
  ends: 'count' | 'until';
  count: string;
  until: string;
  mode: 'all_or_nothing' | 'skip_conflicts';
}

export const noRepeat: RepeatDraft = { freq: 'none', weekdays: [], monthlyBy: 'day', ends: 'count', count: '4', until: '', mode: 'all_or_nothing' };

type RepeatRule = z.input<typeof repeatRuleSchema>;
type Skipped = z.infer<typeof skippedOccurrenceDto>;
export type CreatedSeries = z.infer<typeof createdSeriesDto>;

/** The chosen start's local date in the club's zone: its weekday and day of the month. */
function startParts(start: string, zone: string) {
  const d = DateTime.fromISO(start, { zone });
  const weekday = WEEKDAYS[d.weekday - 1]!;
  const position = d.day > 28 ? -1 : Math.ceil(d.day / 7);
  return { weekday, day: d.day, position };
}

/** The rule to send, or the problems to show (by field id). */
export function repeatRule(draft: RepeatDraft, start: string, zone: string, t: (key: string, values?: Record<string, number>) => string): { rule: RepeatRule | null; errors: Record<string, string> } {
  if (draft.freq === 'none') return { rule: null, errors: {} };
  const errors: Record<string, string> = {};
  const parts = startParts(start, zone);
  const rule: RepeatRule = { freq: draft.freq, interval: 1 };
  if (draft.freq === 'weekly') {
    if (draft.weekdays.length === 0) errors['repeat-weekdays'] = t('errors.weekdays');
    rule.byWeekday = draft.weekdays;
  }
  if (draft.freq === 'monthly') {
    if (draft.monthlyBy === 'day') rule.byMonthDay = parts.day;
    else Object.assign(rule, { byWeekday: [parts.weekday], bySetPos: parts.position });
  }
  if (draft.ends === 'count') {
    const n = Number(draft.count);
    if (!Number.isInteger(n) || n < 1 || n > MAX_SERIES) errors['repeat-count'] = t('errors.count', { max: MAX_SERIES });
    else rule.count = n;
  } else if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.until)) errors['repeat-until'] = t('errors.until');
  else rule.until = draft.until;
  return Object.keys(errors).length ? { rule: null, errors } : { rule, errors };
}

/** A weekly rule starts on the chosen date's weekday. */
export function withStartWeekday(draft: RepeatDraft, start: string, zone: string): RepeatDraft {
  return draft.weekdays.length ? draft : { ...draft, weekdays: [startParts(start, zone).weekday] };
}

export function RepeatFields({
  value,
  onChange,
  errors,
  start,
  zone,
}: {
  value: RepeatDraft;
  onChange: (next: RepeatDraft) => void;
  errors: Record<string, string>;
  start: string;
  zone: string;
}) {
  const t = useTranslations('series');
  const parts = startParts(start, zone);
  const set = (patch: Partial<RepeatDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 p-3 sm:p-4" data-testid="repeat-fields">
      <legend className="px-1 text-sm font-semibold text-slate-900">{t('legend')}</legend>
      <SelectField
        id="repeat-freq"
        label={t('freq')}
        value={value.freq}
        onChange={(e) => {
          const freq = e.target.value as RepeatDraft['freq'];
          onChange(freq === 'weekly' ? withStartWeekday({ ...value, freq }, start, zone) : { ...value, freq });
        }}
      >
        <option value="none">{t('freqNone')}</option>
        <option value="daily">{t('freqDaily')}</option>
        <option value="weekly">{t('freqWeekly')}</option>
        <option value="monthly">{t('freqMonthly')}</option>
      </SelectField>

      {value.freq === 'weekly' ? (
        <fieldset aria-describedby={errors['repeat-weekdays'] ? 'repeat-weekdays-error' : undefined}>
          <legend className="text-sm font-medium text-slate-900">{t('weekdays')}</legend>
          <div id="repeat-weekdays" tabIndex={-1} className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
            {WEEKDAYS.map((d) => (
              <CheckboxField
                key={d}
                id={`repeat-weekday-${d}`}
                label={t(`weekday.${d}`)}
                checked={value.weekdays.includes(d)}
                onChange={(e) => set({ weekdays: e.target.checked ? WEEKDAYS.filter((w) => w === d || value.weekdays.includes(w)) : value.weekdays.filter((w) => w !== d) })}
              />
            ))}
          </div>
          {errors['repeat-weekdays'] ? (
            <p id="repeat-weekdays-error" className="mt-1 text-sm font-medium text-red-700">
              {errors['repeat-weekdays']}
            </p>
          ) : null}
        </fieldset>
      ) : null}

      {value.freq === 'monthly' ? (
        <SelectField id="repeat-monthly" label={t('monthlyBy')} value={value.monthlyBy} onChange={(e) => set({ monthlyBy: e.target.value as RepeatDraft['monthlyBy'] })}>
          <option value="day">{t('monthlyByDay', { day: parts.day })}</option>
          <option value="weekday">{t('monthlyByWeekday', { position: t(`position.${parts.position}`), weekday: t(`weekday.${parts.weekday}`) })}</option>
        </SelectField>
      ) : null}

      {value.freq !== 'none' ? (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField id="repeat-ends" label={t('ends')} value={value.ends} onChange={(e) => set({ ends: e.target.value as RepeatDraft['ends'] })}>
              <option value="count">{t('endsCount')}</option>
              <option value="until">{t('endsUntil')}</option>
            </SelectField>
            {value.ends === 'count' ? (
              <TextField
                id="repeat-count"
                label={t('count', { max: MAX_SERIES })}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_SERIES}
                value={value.count}
                onChange={(e) => set({ count: e.target.value })}
                error={errors['repeat-count']}
              />
            ) : (
              <TextField id="repeat-until" label={t('until')} type="date" value={value.until} onChange={(e) => set({ until: e.target.value })} error={errors['repeat-until']} />
            )}
          </div>
          <SelectField id="repeat-mode" label={t('mode')} value={value.mode} onChange={(e) => set({ mode: e.target.value as RepeatDraft['mode'] })}>
            <option value="all_or_nothing">{t('modeAll')}</option>
            <option value="skip_conflicts">{t('modeSkip')}</option>
          </SelectField>
        </>
      ) : null}
    </fieldset>
  );
}

function SkippedList({ skipped, lang, describe }: { skipped: Skipped[]; lang: 'en' | 'es'; describe: (start: string) => string }) {
  const t = useTranslations('series');
  return (
    <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="series-skipped">
      {skipped.map((s) => (
        <li key={s.start}>
          {describe(s.start)} — {t(`reason.${s.reason}`)}
          {s.rules?.length ? `: ${s.rules.map((r) => r.reasons[lang] || r.reason).join(' ')}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** After creation: which dates were booked (and which wait for the club), which were skipped and why. */
export function SeriesDone({
  created,
  lang,
  describe,
  describeStart,
}: {
  created: CreatedSeries;
  lang: 'en' | 'es';
  describe: (start: string, end: string) => string;
  describeStart: (start: string) => string;
}) {
  const t = useTranslations('series');
  return (
    <div className="space-y-3" data-testid="series-done">
      <p>{t('doneSummary', { booked: created.bookings.length, skipped: created.skipped.length })}</p>
      <div>
        <h4 className="text-sm font-semibold text-slate-900">{t('booked')}</h4>
        <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="series-booked">
          {created.bookings.map((b) => (
            <li key={b.id}>
              {describe(b.start, b.end)}{' '}
              {b.status === 'pending' ? (
                <Badge tone="warning" className="ml-1">
                  {t('pendingNote')}
                </Badge>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
      {created.skipped.length > 0 ? (
        <div>
          <h4 className="text-sm font-semibold text-slate-900">{t('skipped')}</h4>
          <SkippedList skipped={created.skipped} lang={lang} describe={describeStart} />
        </div>
      ) : null}
    </div>
  );
}

/** A refused series (all or nothing, or every date refused): the dates and why; nothing was booked. */
export function SeriesRefused({ skipped, lang, describe }: { skipped: Skipped[]; lang: 'en' | 'es'; describe: (start: string) => string }) {
  const t = useTranslations('series');
  return (
    <Alert tone="error" title={t('refusedTitle')}>
      <SkippedList skipped={skipped} lang={lang} describe={describe} />
      <p className="mt-2">{t('refusedKept')}</p>
    </Alert>
  );
}

export function isSkippedList(value: unknown): value is Skipped[] {
  return Array.isArray(value) && value.every((s) => !!s && typeof s === 'object' && typeof (s as Skipped).start === 'string' && typeof (s as Skipped).reason === 'string');
}

/** A date and time in the club's zone, in the reader's language ("Friday, 9 October 2026, 09:00"). */
export function formatStart(iso: string, locale: string, zone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: zone }).format(new Date(iso));
}
