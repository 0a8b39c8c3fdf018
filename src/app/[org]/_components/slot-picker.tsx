'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { Skeleton } from '@/ui/skeleton';
import { api, call } from '@/app/_lib/api';
import { canonicalTimeZone, isValidTimeZone } from '@/lib/time';
import type { SlotDto } from '@/modules/scheduling/schemas';
import { addDays, browserTimeZone, dateInZone, daysBetween, formatDate, formatTime, lastDayOfMonth, monthOf, setHour12 } from '../_lib/format';
import { daysTouched, nearestAlternatives, type TakenSelection, useAvailabilityStream } from './live-slots';
import { MonthCalendar } from './month-calendar';

// ─── The visitor's zone and clock (#9.12): the browser's, unless they chose others ────────────
const ZONE_KEY = 'bookline-visitor-zone';
const CLOCK_KEY = 'bookline-visitor-clock';
const prefs = new EventTarget();
const subscribePrefs = (onChange: () => void) => {
  prefs.addEventListener('change', onChange);
  window.addEventListener('storage', onChange);
  return () => {
    prefs.removeEventListener('change', onChange);
    window.removeEventListener('storage', onChange);
  };
};
function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key: string, value: string | null) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // private mode: the choice lasts until the page closes
  }
  prefs.dispatchEvent(new Event('change'));
}
const chosenZone = () => {
  const zone = stored(ZONE_KEY);
  return zone && isValidTimeZone(zone) ? zone : browserTimeZone();
};
const chosenClock = () => stored(CLOCK_KEY) ?? 'auto';

/** The visitor's time zone; null during the server render (it is only known in the browser). */
export function useVisitorZone(): string | null {
  return useSyncExternalStore(subscribePrefs, chosenZone, () => null);
}

/** The visitor's clock: 'auto' (the locale's), '12' or '24'; formatTime and friends follow it. */
export function useVisitorClock(): string {
  const value = useSyncExternalStore(subscribePrefs, chosenClock, () => 'auto');
  setHour12(value === '12' ? true : value === '24' ? false : undefined);
  return value;
}

/** Change the zone times are shown in (searchable list of IANA zones) and the 12/24-hour clock. */
function VisitorPrefs({ idPrefix, zone }: { idPrefix: string; zone: string }) {
  const t = useTranslations('booking');
  const clockValue = useVisitorClock();
  const [draft, setDraft] = useState(zone);
  const [problem, setProblem] = useState<string | null>(null);
  const [zones] = useState<string[]>(() => {
    try {
      return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
    } catch {
      return [];
    }
  });
  function apply() {
    const value = canonicalTimeZone(draft.trim());
    if (!value) return setProblem(t('zoneUnknown'));
    setProblem(null);
    store(ZONE_KEY, value === browserTimeZone() ? null : value);
  }
  return (
    <details className="mb-3 text-sm">
      <summary className={cx('cursor-pointer font-medium text-indigo-700 underline', focusRing)}>{t('changeZone')}</summary>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`${idPrefix}-zone`} className="block font-medium text-slate-900">
            {t('zoneLabel')}
          </label>
          <input
            id={`${idPrefix}-zone`}
            list={`${idPrefix}-zones`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                apply();
              }
            }}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${idPrefix}-zone-error` : undefined}
            className="mt-1 block w-64 rounded-md border border-slate-400 px-3 py-1.5"
          />
          <datalist id={`${idPrefix}-zones`}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
        <Button type="button" size="sm" variant="secondary" onClick={apply}>
          {t('zoneApply')}
        </Button>
        <div role="group" aria-label={t('clockLabel')} className="flex gap-1">
          {(['12', '24'] as const).map((c) => (
            <Button key={c} type="button" size="sm" variant={clockValue === c ? 'primary' : 'secondary'} aria-pressed={clockValue === c} onClick={() => store(CLOCK_KEY, clockValue === c ? null : c)}>
              {c === '12' ? t('clock12') : t('clock24')}
            </Button>
          ))}
        </div>
      </div>
      {problem ? (
        <p id={`${idPrefix}-zone-error`} className="mt-1 font-medium text-red-700">
          {problem}
        </p>
      ) : null}
    </details>
  );
}

/** Same instants, whatever offsets the two ISO strings were written with. */
function sameSlot(a: Pick<SlotDto, 'start' | 'end'> | null, b: Pick<SlotDto, 'start' | 'end'> | null): boolean {
  return !!a && !!b && Date.parse(a.start) === Date.parse(b.start) && Date.parse(a.end) === Date.parse(b.end);
}

/** A free time; for a signed-in member, marked when the club's rules forbid it or ask for approval. */
export type PickerSlot = SlotDto & { rule?: { verdict: 'approval' | 'deny'; reason: string; ruleId: string; ruleName: string } };
type MonthData = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; byDay: Record<string, PickerSlot[]>; accessReason?: string | null };

/** The times one may pick: a time the rules forbid is shown (with why) but cannot be chosen. */
const selectable = (slots: readonly PickerSlot[] | undefined) => (slots ?? []).filter((s) => s.rule?.verdict !== 'deny');

/** Days of a loaded month to fetch again (null: the whole month). */
interface RefreshTarget {
  month: string;
  days: string[] | null;
}

export interface SlotPickerProps {
  idPrefix: string;
  orgSlug: string;
  orgTimezone: string;
  serviceId: string;
  bookingMode: 'slot' | 'multi_day';
  maxAdvanceDays: number;
  /** null = any eligible resource. */
  resourceId: string | null;
  /** Change it to drop what was loaded (after a conflict, the taken time must disappear). */
  reloadToken?: number;
  /** Add-ons that lengthen the booking (`adn_…:1,…`): times are searched for the longer duration. */
  addons?: string;
  selected: SlotDto | null;
  onSelect: (slot: SlotDto) => void;
  /** Resource names, shown next to stays when several residences offer the same dates. */
  resourceName?: (id: string) => string | undefined;
  /** Open on this instant's day (a booking being moved opens on its own day), not today's. */
  startFrom?: string;
  /**
   * The selected time was just taken by someone else (the live stream said so and the refetch
   * confirmed it): the nearest free times come with it.
   */
  onSelectedTaken?: (taken: TakenSelection) => void;
  /**
   * Ask as the signed-in member (GET /orgs/{slug}/availability): times their rules forbid are
   * marked and cannot be picked, times that need approval say so.
   */
  asMember?: boolean;
}

/**
 * Date then time: a month calendar marking the days with free times (one availability
 * request per visible month, in the visitor's zone), then that day's times as buttons. Stays
 * (multi_day) pick a check-in day, then a check-out among the options the API returns.
 */
export function SlotPicker(props: SlotPickerProps) {
  const zone = useVisitorZone();
  if (!zone) return <PickerSkeleton />;
  return <Picker {...props} visitorZone={zone} />;
}

function Picker({
  idPrefix,
  orgSlug,
  orgTimezone,
  serviceId,
  bookingMode,
  maxAdvanceDays,
  resourceId,
  reloadToken = 0,
  addons = '',
  selected,
  onSelect,
  resourceName,
  startFrom,
  onSelectedTaken,
  asMember = false,
  visitorZone,
}: SlotPickerProps & { visitorZone: string }) {
  const t = useTranslations('booking');
  const locale = useLocale();
  useVisitorClock();
  const stays = bookingMode === 'multi_day';
  // Stays are dates at the property: shown in its zone. Times of day are shown in the visitor's.
  const zone = stays ? orgTimezone : visitorZone;
  const [today] = useState(() => dateInZone(Date.now(), zone));
  const maxDate = addDays(today, maxAdvanceDays);
  // Where the search for a first free day starts: today, or the given day when it is later.
  const [anchor] = useState(() => {
    const day = startFrom ? dateInZone(startFrom, zone) : today;
    return day > today && day <= maxDate ? day : today;
  });
  const [month, setMonth] = useState(() => monthOf(anchor));
  const [selectedDay, setSelectedDay] = useState<string | null>(null);
  const [autoSelect, setAutoSelect] = useState(true);
  const [cache, setCache] = useState<Record<string, MonthData>>({});
  const inFlight = useRef(new Set<string>());

  const scope = `${resourceId ?? 'any'}|${reloadToken}|${addons}`;
  const keyOf = useCallback((m: string) => `${scope}|${m}`, [scope]);

  // A new selection from outside (an alternative after a conflict) brings its day into view.
  const [syncedSelection, setSyncedSelection] = useState(selected);
  if (selected !== syncedSelection) {
    setSyncedSelection(selected);
    if (selected) {
      const day = dateInZone(selected.start, zone);
      if (day !== selectedDay) {
        setSelectedDay(day);
        setMonth(monthOf(day));
        setAutoSelect(false);
      }
    }
  }

  /** The free times of the days from..to, grouped by day in the shown zone. */
  const fetchDays = useCallback(
    (from: string, to: string, done: (data: MonthData & { status: 'ready' | 'error' }) => void) => {
      // One answer covers whole days up to the API's size limit; a busy catalog's month comes
      // in several pages, each starting at the previous one's `nextFrom`.
      const byDay: Record<string, PickerSlot[]> = {};
      let accessReason: string | null = null;
      const page = (pageFrom: string, pages: number): void => {
        const query = { serviceId, from: pageFrom, to, timezone: zone, ...(resourceId ? { resourceId } : {}), ...(addons ? { addons } : {}) };
        const request = asMember
          ? call(api.orgs[':slug'].availability.$get({ param: { slug: orgSlug }, query }))
          : call(api.public.orgs[':slug'].availability.$get({ param: { slug: orgSlug }, query }));
        void request.then((res) => {
          if (!res.ok) return done({ status: 'error', message: res.status === 0 || res.status >= 500 ? t('loadErrorNetwork') : res.error.message });
          for (const slot of res.data.slots as PickerSlot[]) (byDay[dateInZone(slot.start, zone)] ??= []).push(slot);
          if ('accessReason' in res.data) accessReason = (res.data as { accessReason: string | null }).accessReason;
          const next = res.data.nextFrom;
          // Every page moves forward by at least a day, so a month takes at most 31.
          if (next && next > pageFrom && next <= to && pages < 31) return page(next, pages + 1);
          done({ status: 'ready', byDay, accessReason });
        });
      };
      page(from, 1);
    },
    [serviceId, zone, resourceId, orgSlug, t, asMember, addons],
  );

  /** Months whose load was under way when an event came: fetched again once it lands. */
  const dirty = useRef(new Set<string>());
  const refreshRef = useRef<(targets: RefreshTarget[]) => void>(() => undefined);

  const ensureMonth = useCallback(
    (m: string) => {
      const key = keyOf(m);
      if (inFlight.current.has(key)) return;
      inFlight.current.add(key);
      dirty.current.delete(key);
      setCache((c) => ({ ...c, [key]: { status: 'loading' } }));
      const from = `${m}-01` < today ? today : `${m}-01`;
      const last = lastDayOfMonth(m);
      const to = last > maxDate ? maxDate : last;
      const done = (data: MonthData) => {
        inFlight.current.delete(key);
        setCache((c) => ({ ...c, [key]: data }));
        if (dirty.current.delete(key) && data.status === 'ready') {
          // An event arrived while this month was loading: its answer may predate it.
          setTimeout(() => refreshRef.current([{ month: m, days: null }]));
        }
      };
      if (from > to) return done({ status: 'ready', byDay: {} });
      fetchDays(from, to, done);
    },
    [keyOf, today, maxDate, fetchDays],
  );

  // ─── Live: another visitor's booking (or a cancellation) refetches the days it touches ───
  const latest = useRef({ cache, selected, onSelectedTaken, resourceName });
  useEffect(() => {
    latest.current = { cache, selected, onSelectedTaken, resourceName };
  });
  const daySeq = useRef(new Map<string, number>());
  const seq = useRef(0);

  /**
   * Refetches, in the background (what is shown stays until the answer lands), the given days
   * of months already loaded — or the whole month (days null). Each day keeps the newest
   * answer asked for. If the selected time is no longer among its day's times, it was taken.
   */
  const refresh = useCallback(
    (targets: RefreshTarget[]) => {
      for (const { month: m, days } of targets) {
        const key = keyOf(m);
        const entry = latest.current.cache[key];
        if (!entry || entry.status === 'error') continue; // never loaded, or showing its retry
        if (entry.status === 'loading') {
          dirty.current.add(key);
          continue;
        }
        const monthFrom = `${m}-01` < today ? today : `${m}-01`;
        const last = lastDayOfMonth(m);
        const monthTo = last > maxDate ? maxDate : last;
        const wanted = (days ?? []).filter((d) => monthOf(d) === m && d >= monthFrom && d <= monthTo).sort();
        const from = days ? wanted[0] : monthFrom;
        const to = days ? wanted[wanted.length - 1] : monthTo;
        if (!from || !to || from > to) continue;
        const n = ++seq.current;
        const range: string[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) {
          range.push(d);
          daySeq.current.set(`${key}|${d}`, n);
        }
        fetchDays(from, to, (data) => {
          if (data.status !== 'ready') return; // keep what is shown; the next event or a reload tries again
          const applied = range.filter((d) => daySeq.current.get(`${key}|${d}`) === n);
          if (applied.length === 0) return;
          setCache((c) => {
            const cur = c[key];
            if (!cur || cur.status !== 'ready') return c;
            const byDay = { ...cur.byDay };
            for (const d of applied) {
              if (data.byDay[d]?.length) byDay[d] = data.byDay[d]!;
              else delete byDay[d];
            }
            return { ...c, [key]: { ...cur, byDay } };
          });
          const { selected: chosen, onSelectedTaken: tell, resourceName: nameOf } = latest.current;
          if (!chosen || !tell) return;
          const day = dateInZone(chosen.start, zone);
          if (!applied.includes(day) || (data.byDay[day] ?? []).some((x) => sameSlot(x, chosen))) return;
          // The nearest free times: the fresh answer's days, then the rest of the month as loaded.
          const shown = latest.current.cache[key];
          const pool = [...applied.flatMap((d) => data.byDay[d] ?? []), ...(shown?.status === 'ready' ? Object.entries(shown.byDay).filter(([d]) => !applied.includes(d)).flatMap(([, v]) => v) : [])];
          tell({ slot: chosen, alternatives: nearestAlternatives(chosen, pool, resourceId, (id) => nameOf?.(id)) });
        });
      }
    },
    [keyOf, today, maxDate, fetchDays, zone, resourceId],
  );
  useEffect(() => {
    refreshRef.current = refresh;
  });

  useAvailabilityStream(orgSlug, serviceId, (change) => {
    const loaded = Object.keys(latest.current.cache)
      .filter((k) => k.startsWith(`${scope}|`))
      .map((k) => k.slice(scope.length + 1));
    // A stay starting days earlier can run into the booked nights: stays refetch whole months.
    if (!change || stays) return refresh(loaded.map((m) => ({ month: m, days: null })));
    const days = daysTouched(change, zone);
    const months = [...new Set(days.map(monthOf))].filter((m) => loaded.includes(m));
    refresh(months.map((m) => ({ month: m, days })));
  });

  const dataFor = (m: string): MonthData | undefined => cache[keyOf(m)];
  const current = dataFor(month);

  // The first day with times on or after `from`, searching month by month up to the horizon.
  const search = (from: string): { state: 'found'; day: string } | { state: 'none' } | { state: 'searching'; month: string } | { state: 'error' } => {
    for (let m = monthOf(from); m <= monthOf(maxDate); m = nextMonth(m)) {
      const d = dataFor(m);
      if (!d || d.status === 'loading') return { state: 'searching', month: m };
      if (d.status === 'error') return { state: 'error' };
      const day = Object.keys(d.byDay)
        .filter((x) => x >= from && selectable(d.byDay[x]).length > 0)
        .sort()[0];
      if (day) return { state: 'found', day };
    }
    return { state: 'none' };
  };

  const selectedDayData = selectedDay ? dataFor(monthOf(selectedDay)) : undefined;
  const daySlots = selectedDay && selectedDayData?.status === 'ready' ? (selectedDayData.byDay[selectedDay] ?? []) : null;
  const notes = ruleNotesOf(daySlots);
  const initial = autoSelect && !selectedDay ? search(anchor) : null;
  const next = selectedDay && daySlots && selectable(daySlots).length === 0 ? search(addDays(selectedDay, 1)) : null;
  const pendingMonth = initial?.state === 'searching' ? initial.month : next?.state === 'searching' ? next.month : null;

  // On arrival (and for another resource), open the first day with times.
  if (initial?.state === 'found') {
    setSelectedDay(initial.day);
    setMonth(monthOf(initial.day));
    setAutoSelect(false);
  }

  // Load the visible month, the selected day's, and whatever month a search is waiting for.
  useEffect(() => {
    if (!current) ensureMonth(month);
  }, [current, month, ensureMonth]);
  useEffect(() => {
    if (selectedDay && !selectedDayData) ensureMonth(monthOf(selectedDay));
  }, [selectedDay, selectedDayData, ensureMonth]);
  useEffect(() => {
    if (pendingMonth && !cache[keyOf(pendingMonth)]) ensureMonth(pendingMonth);
  }, [pendingMonth, cache, keyOf, ensureMonth]);

  const [syncedScope, setSyncedScope] = useState(scope);
  if (scope !== syncedScope) {
    setSyncedScope(scope);
    if (!selectedDay) setAutoSelect(true);
  }

  function retry(m: string) {
    setCache((c) => {
      const copy = { ...c };
      delete copy[keyOf(m)];
      return copy;
    });
  }

  function chooseDay(day: string) {
    setAutoSelect(false);
    setSelectedDay(day);
    if (monthOf(day) !== month) setMonth(monthOf(day));
  }

  const status = (date: string) => {
    const d = dataFor(monthOf(date));
    if (!d || d.status !== 'ready') return 'unknown' as const;
    return selectable(d.byDay[date]).length > 0 ? ('available' as const) : ('none' as const);
  };

  const dayLabel = selectedDay ? formatDate(selectedDay, locale) : '';
  const announcement =
    (selectedDayData ?? current)?.status === 'loading'
      ? t('loadingTimes')
      : selectedDay && daySlots
        ? selectable(daySlots).length > 0
          ? t(stays ? 'stayCount' : 'timesCount', { count: selectable(daySlots).length, date: dayLabel })
          : t('noTimesOn', { date: dayLabel })
        : '';

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div>
        <MonthCalendar
          idPrefix={idPrefix}
          locale={locale}
          month={month}
          onMonthChange={(m) => setMonth(m)}
          today={today}
          minDate={today}
          maxDate={maxDate}
          selected={selectedDay}
          onSelect={chooseDay}
          status={status}
          availableLabel={stays ? t('dayCheckIn') : t('dayTimes')}
        />
        <p className="mt-2 flex items-center gap-2 text-xs text-slate-600">
          <span aria-hidden="true" className="inline-block size-2 rounded-full bg-emerald-600" />
          {stays ? t('legendCheckIn') : t('legendTimes')}
        </p>
        {current?.status === 'ready' && current.accessReason ? (
          <Alert tone="warning" className="mt-3" title={t('notOpenTitle')}>
            <p>{current.accessReason}</p>
          </Alert>
        ) : null}
        {current?.status === 'error' ? (
          <Alert tone="error" className="mt-3" title={t('loadError')}>
            <p>{current.message}</p>
            <Button variant="secondary" size="sm" className="mt-2" onClick={() => retry(month)}>
              {t('retry')}
            </Button>
          </Alert>
        ) : null}
      </div>

      <div className="min-h-72">
        <LiveRegion className="sr-only">{announcement}</LiveRegion>
        <p className="mb-3 text-sm text-slate-600">
          {stays ? t('zoneStay', { zone: orgTimezone }) : visitorZone === orgTimezone ? t('zoneSame', { zone: orgTimezone }) : t('zoneVisitor', { visitor: visitorZone, org: orgTimezone })}
        </p>
        {stays ? null : <VisitorPrefs key={visitorZone} idPrefix={idPrefix} zone={visitorZone} />}
        {!selectedDay ? (
          initial?.state === 'none' ? (
            <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-700">{t('noTimesAhead', { days: daysBetween(today, maxDate) })}</p>
          ) : initial?.state === 'error' ? null : autoSelect ? (
            <SlotsSkeleton />
          ) : (
            <p className="text-sm text-slate-700">{stays ? t('chooseCheckIn') : t('chooseDay')}</p>
          )
        ) : selectedDayData?.status === 'error' ? (
          <Alert tone="error" title={t('loadError')}>
            <p>{selectedDayData.message}</p>
            <Button variant="secondary" size="sm" className="mt-2" onClick={() => retry(monthOf(selectedDay))}>
              {t('retry')}
            </Button>
          </Alert>
        ) : !daySlots ? (
          <SlotsSkeleton />
        ) : daySlots.length === 0 ? (
          <div className="rounded-md border border-dashed border-slate-300 p-4 text-sm">
            <p className="font-medium text-slate-900">
              {next?.state === 'found'
                ? t('noTimesNext', { date: dayLabel, next: formatDate(next.day, locale) })
                : t('noTimesOn', { date: dayLabel })}
            </p>
            {next?.state === 'found' ? (
              <Button variant="secondary" size="sm" className="mt-3" onClick={() => chooseDay(next.day)}>
                {t('showDay', { date: formatDate(next.day, locale, { weekday: 'short', day: 'numeric', month: 'short' }) })}
              </Button>
            ) : next?.state === 'searching' ? (
              <p className="mt-1 text-slate-600">{t('searchingNext')}</p>
            ) : next?.state === 'none' ? (
              <p className="mt-1 text-slate-600">{t('noTimesAhead', { days: daysBetween(today, maxDate) })}</p>
            ) : null}
          </div>
        ) : stays ? (
          <StayOptions
            idPrefix={idPrefix}
            day={selectedDay}
            options={daySlots}
            zone={zone}
            locale={locale}
            selected={selected}
            onSelect={onSelect}
            resourceName={resourceId ? undefined : resourceName}
          />
        ) : (
          <div>
            <h4 className="text-sm font-semibold text-slate-900 first-letter:uppercase">{t('timesOn', { date: dayLabel })}</h4>
            <ul className="mt-3 grid grid-cols-3 gap-2 sm:grid-cols-4 md:grid-cols-3 lg:grid-cols-4" aria-label={t('timesOn', { date: dayLabel })}>
              {daySlots.map((slot) => {
                const isSelected = sameSlot(selected, slot);
                const time = formatTime(slot.start, locale, zone);
                const denied = slot.rule?.verdict === 'deny';
                const note = slot.rule ? ruleNoteId(idPrefix, notes, slot.rule) : undefined;
                return (
                  <li key={`${slot.start}|${slot.end}`}>
                    <button
                      type="button"
                      aria-pressed={isSelected}
                      aria-disabled={denied || undefined}
                      aria-describedby={note}
                      title={slot.rule?.reason}
                      onClick={denied ? undefined : () => onSelect(slot)}
                      className={cx(
                        'relative h-10 w-full rounded-md border text-sm font-medium tabular-nums transition-colors',
                        focusRing,
                        denied
                          ? 'cursor-not-allowed border-dashed border-slate-300 bg-slate-50 text-slate-500 line-through'
                          : isSelected
                            ? 'border-indigo-600 bg-indigo-600 text-white'
                            : 'border-slate-300 bg-white text-slate-900 hover:border-indigo-400 hover:bg-indigo-50',
                      )}
                    >
                      {time}
                      {slot.rule?.verdict === 'approval' ? <span aria-hidden="true" className="absolute right-1 top-1 size-2 rounded-full bg-amber-500" /> : null}
                      {slot.rule ? <span className="sr-only">{` (${t(denied ? 'ruleDeniedShort' : 'ruleApprovalShort')})`}</span> : null}
                    </button>
                  </li>
                );
              })}
            </ul>
            <RuleNotes idPrefix={idPrefix} notes={notes} />
            {selectable(daySlots).length === 0 && next?.state === 'found' ? (
              <Button variant="secondary" size="sm" className="mt-3" onClick={() => chooseDay(next.day)}>
                {t('showDay', { date: formatDate(next.day, locale, { weekday: 'short', day: 'numeric', month: 'short' }) })}
              </Button>
            ) : null}
          </div>
        )}
      </div>
    </div>
  );
}

type RuleNote = { verdict: 'approval' | 'deny'; ruleId: string; ruleName: string };

/**
 * The rules that mark a day's times, each once, in order of first appearance: the times point to
 * their rule's note (a rule's reason names each time's own figures, so the note names the rule).
 */
function ruleNotesOf(slots: readonly PickerSlot[] | null): RuleNote[] {
  const seen = new Map<string, RuleNote>();
  for (const s of slots ?? []) if (s.rule) seen.set(`${s.rule.verdict}|${s.rule.ruleId}`, { verdict: s.rule.verdict, ruleId: s.rule.ruleId, ruleName: s.rule.ruleName });
  return [...seen.values()];
}

function ruleNoteId(idPrefix: string, notes: readonly RuleNote[], rule: Pick<RuleNote, 'verdict' | 'ruleId'>): string {
  return `${idPrefix}-rule-note-${notes.findIndex((n) => n.verdict === rule.verdict && n.ruleId === rule.ruleId)}`;
}

/** Why some times are crossed out (the club's rules forbid them for this member) or marked (they need approval). */
function RuleNotes({ idPrefix, notes }: { idPrefix: string; notes: readonly RuleNote[] }) {
  const t = useTranslations('booking');
  if (notes.length === 0) return null;
  return (
    <ul className="mt-3 space-y-1 text-sm">
      {notes.map((n, i) => (
        <li key={`${n.verdict}|${n.ruleId}`} id={`${idPrefix}-rule-note-${i}`} className="flex gap-2">
          <span aria-hidden="true" className={cx('mt-1.5 inline-block size-2 shrink-0 rounded-full', n.verdict === 'deny' ? 'bg-slate-400' : 'bg-amber-500')} />
          <span className="text-slate-700">{t(n.verdict === 'deny' ? 'ruleDeniedByRule' : 'ruleApprovalByRule', { rule: n.ruleName })}</span>
        </li>
      ))}
    </ul>
  );
}

function StayOptions({
  idPrefix,
  day,
  options,
  zone,
  locale,
  selected,
  onSelect,
  resourceName,
}: {
  idPrefix: string;
  day: string;
  options: PickerSlot[];
  zone: string;
  locale: string;
  selected: SlotDto | null;
  onSelect: (slot: SlotDto) => void;
  resourceName?: (id: string) => string | undefined;
}) {
  const t = useTranslations('booking');
  const first = options[0]!;
  return (
    <div>
      <h4 className="text-sm font-semibold text-slate-900">
        {t('checkInOn', { date: formatDate(day, locale), time: formatTime(first.start, locale, zone) })}
      </h4>
      <p className="mt-1 text-sm text-slate-600">{t('chooseCheckOut')}</p>
      <ul className="mt-3 space-y-2" aria-label={t('chooseCheckOut')}>
        {options.map((o, i) => {
          const isSelected = sameSlot(selected, o);
          const outDay = dateInZone(o.end, zone);
          const nights = daysBetween(day, outDay);
          const names = resourceName ? o.resourceIds.map((id) => resourceName(id)).filter(Boolean).join(', ') : '';
          const denied = o.rule?.verdict === 'deny';
          const noteId = `${idPrefix}-stay-rule-${i}`;
          return (
            <li key={`${o.start}|${o.end}`}>
              <button
                type="button"
                aria-pressed={isSelected}
                aria-disabled={denied || undefined}
                aria-describedby={o.rule ? noteId : undefined}
                onClick={denied ? undefined : () => onSelect(o)}
                className={cx(
                  'flex w-full flex-wrap items-center justify-between gap-x-3 rounded-md border px-3 py-2 text-left text-sm transition-colors',
                  focusRing,
                  denied
                    ? 'cursor-not-allowed border-dashed border-slate-300 bg-slate-50 text-slate-500'
                    : isSelected
                      ? 'border-indigo-600 bg-indigo-600 text-white'
                      : 'border-slate-300 bg-white text-slate-900 hover:border-indigo-400 hover:bg-indigo-50',
                )}
              >
                <span className={cx('font-medium', denied && 'line-through')}>
                  {t('checkOutOption', { date: formatDate(outDay, locale, { weekday: 'short', day: 'numeric', month: 'short' }), time: formatTime(o.end, locale, zone) })}
                </span>
                <span className={isSelected ? 'text-indigo-50' : denied ? 'text-slate-500' : 'text-slate-600'}>
                  {t('nights', { count: nights })}
                  {names ? ` · ${names}` : ''}
                </span>
                {o.rule ? (
                  <span id={noteId} className={cx('basis-full text-xs', isSelected ? 'text-indigo-50' : denied ? 'text-slate-600' : 'text-amber-800')}>
                    {t(denied ? 'ruleDenied' : 'ruleApproval', { reason: o.rule.reason })}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mm = Number(m.slice(5, 7));
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
}

function SlotsSkeleton() {
  return (
    <div aria-hidden="true">
      <Skeleton className="h-5 w-48" />
      <div className="mt-3 grid grid-cols-3 gap-2 sm:grid-cols-4 md:grid-cols-3 lg:grid-cols-4">
        {Array.from({ length: 12 }, (_, i) => (
          <Skeleton key={i} className="h-10" />
        ))}
      </div>
    </div>
  );
}

/** Same footprint as the picker, for the first render (the visitor's zone is not known on the server). */
function PickerSkeleton() {
  return (
    <div aria-hidden="true" className="grid gap-6 md:grid-cols-2">
      <div>
        <div className="flex items-center justify-between">
          <Skeleton className="size-9" />
          <Skeleton className="h-5 w-32" />
          <Skeleton className="size-9" />
        </div>
        <div className="mt-2 grid grid-cols-7 gap-1">
          {Array.from({ length: 49 }, (_, i) => (
            <Skeleton key={i} className={i < 7 ? 'mx-auto h-4 w-8' : 'mx-auto size-10 rounded-full'} />
          ))}
        </div>
        <Skeleton className="mt-2 h-4 w-28" />
      </div>
      <div className="min-h-72">
        <Skeleton className="mb-3 h-4 w-full" />
        <SlotsSkeleton />
      </div>
    </div>
  );
}
