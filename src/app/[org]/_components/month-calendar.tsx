'use client';

import { useTranslations } from 'next-intl';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { cx, focusRing } from '@/ui/class-names';
import {
  addDays,
  addMonths,
  firstDayOfWeek,
  formatDate,
  formatMonth,
  lastDayOfMonth,
  monthOf,
  parseDate,
  toDateString,
  weekdayName,
  weekdayOf,
} from '../_lib/format';

type DayStatus = 'available' | 'none' | 'unknown';

export interface MonthCalendarProps {
  idPrefix: string;
  locale: string;
  /** "YYYY-MM" shown. */
  month: string;
  onMonthChange: (month: string) => void;
  today: string;
  /** Bookable range, inclusive; days outside are shown but cannot be chosen. */
  minDate: string;
  maxDate: string;
  selected: string | null;
  onSelect: (date: string) => void;
  status: (date: string) => DayStatus;
  /** Label suffix for a day with times ("times available", "check-in possible"). */
  availableLabel: string;
}

const WEEKS = 6; // always six rows, so the height never changes between months

/**
 * A month grid of day buttons (WAI-ARIA grid pattern): one tab stop, arrow keys move by day
 * and week, Home/End to the week's ends, Page Up/Down by month (with Shift, by year).
 */
export function MonthCalendar(props: MonthCalendarProps) {
  const { idPrefix, locale, month, onMonthChange, today, minDate, maxDate, selected, onSelect, status, availableLabel } = props;
  const t = useTranslations('booking');
  const gridRef = useRef<HTMLTableElement>(null);
  const wantFocus = useRef(false);
  const [focusDay, setFocusDay] = useState<string | null>(null);

  const firstMonth = monthOf(minDate);
  const lastMonth = monthOf(maxDate);
  const inRange = (d: string) => d >= minDate && d <= maxDate;
  // The roving tab stop: the focused day if it is in this month, else the selected day, else the first bookable one.
  const monthStart = `${month}-01`;
  const monthEnd = lastDayOfMonth(month);
  const tabStop =
    focusDay && monthOf(focusDay) === month
      ? focusDay
      : selected && monthOf(selected) === month
        ? selected
        : inRange(monthStart)
          ? monthStart
          : today >= monthStart && today <= monthEnd
            ? today
            : monthStart;

  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    gridRef.current?.querySelector<HTMLButtonElement>(`button[data-date="${tabStop}"]`)?.focus();
  }, [tabStop, month]);

  function moveTo(date: string) {
    const first = `${firstMonth}-01`;
    const last = lastDayOfMonth(lastMonth);
    const target = date < first ? first : date > last ? last : date;
    wantFocus.current = true;
    setFocusDay(target);
    if (monthOf(target) !== month) onMonthChange(monthOf(target));
  }

  function shiftMonths(date: string, n: number) {
    const { d } = parseDate(date);
    const m = addMonths(monthOf(date), n);
    const end = parseDate(lastDayOfMonth(m)).d;
    return `${m}-${String(Math.min(d, end)).padStart(2, '0')}`;
  }

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, date: string) {
    const dow = (weekdayOf(date) - firstDayOfWeek(locale) + 7) % 7;
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(date, -1),
      ArrowRight: () => addDays(date, 1),
      ArrowUp: () => addDays(date, -7),
      ArrowDown: () => addDays(date, 7),
      Home: () => addDays(date, -dow),
      End: () => addDays(date, 6 - dow),
      PageUp: () => shiftMonths(date, e.shiftKey ? -12 : -1),
      PageDown: () => shiftMonths(date, e.shiftKey ? 12 : 1),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    moveTo(move());
  }

  const { y, m } = parseDate(monthStart);
  const lead = (weekdayOf(monthStart) - firstDayOfWeek(locale) + 7) % 7;
  const cells = Array.from({ length: WEEKS * 7 }, (_, i) => {
    const date = toDateString(y, m, 1 - lead + i);
    return monthOf(date) === month ? date : null;
  });
  const columns = Array.from({ length: 7 }, (_, i) => ((firstDayOfWeek(locale) + i + 6) % 7) + 1); // ISO weekdays in display order
  const headingId = `${idPrefix}-month`;

  return (
    <div>
      <div className="flex items-center justify-between gap-2">
        <button
          type="button"
          onClick={() => onMonthChange(addMonths(month, -1))}
          disabled={month <= firstMonth}
          aria-label={t('previousMonth')}
          className={cx('grid size-9 place-items-center rounded-md text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-transparent', focusRing)}
        >
          <Chevron direction="left" />
        </button>
        <h4 id={headingId} aria-live="polite" className="text-sm font-semibold text-slate-900 first-letter:uppercase">
          {formatMonth(month, locale)}
        </h4>
        <button
          type="button"
          onClick={() => onMonthChange(addMonths(month, 1))}
          disabled={month >= lastMonth}
          aria-label={t('nextMonth')}
          className={cx('grid size-9 place-items-center rounded-md text-slate-700 hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-transparent', focusRing)}
        >
          <Chevron direction="right" />
        </button>
      </div>

      <table ref={gridRef} role="grid" aria-labelledby={headingId} className="mt-2 w-full table-fixed border-collapse">
        <thead>
          <tr>
            {columns.map((wd) => (
              <th key={wd} scope="col" abbr={weekdayName(wd, locale)} className="pb-1 text-center text-xs font-medium text-slate-600">
                {weekdayName(wd, locale, 'short')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: WEEKS }, (_, week) => (
            <tr key={week}>
              {cells.slice(week * 7, week * 7 + 7).map((date, i) => {
                if (!date) return <td key={`empty-${week}-${i}`} className="p-0.5" />;
                const bookable = inRange(date);
                const dayStatus = bookable ? status(date) : 'none';
                const isSelected = date === selected;
                const label = [
                  formatDate(date, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
                  !bookable ? t('dayNotBookable') : dayStatus === 'available' ? availableLabel : dayStatus === 'none' ? t('dayNoTimes') : null,
                ]
                  .filter(Boolean)
                  .join(', ');
                return (
                  <td key={date} role="gridcell" aria-selected={isSelected} className="p-0.5 text-center">
                    <button
                      type="button"
                      data-date={date}
                      tabIndex={date === tabStop ? 0 : -1}
                      aria-label={label}
                      aria-disabled={!bookable || undefined}
                      aria-current={date === today ? 'date' : undefined}
                      onClick={() => {
                        setFocusDay(date);
                        if (bookable) onSelect(date);
                      }}
                      onKeyDown={(e) => onKeyDown(e, date)}
                      className={cx(
                        'relative mx-auto grid size-10 place-items-center rounded-full text-sm tabular-nums transition-colors',
                        focusRing,
                        isSelected
                          ? 'bg-indigo-600 font-semibold text-white'
                          : !bookable
                            ? 'cursor-default text-slate-400'
                            : dayStatus === 'available'
                              ? 'bg-indigo-50 font-semibold text-indigo-900 hover:bg-indigo-100'
                              : 'text-slate-600 hover:bg-slate-100',
                        date === today && !isSelected ? 'ring-1 ring-slate-400 ring-inset' : null,
                      )}
                    >
                      {parseDate(date).d}
                      {bookable && dayStatus === 'available' ? (
                        <span aria-hidden="true" className={cx('absolute bottom-1 size-1 rounded-full', isSelected ? 'bg-white' : 'bg-emerald-600')} />
                      ) : null}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Chevron({ direction }: { direction: 'left' | 'right' }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
      {direction === 'left' ? (
        <path fillRule="evenodd" d="M12.8 5.2a1 1 0 0 1 0 1.4L9.4 10l3.4 3.4a1 1 0 0 1-1.4 1.4l-4.1-4.1a1 1 0 0 1 0-1.4l4.1-4.1a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
      ) : (
        <path fillRule="evenodd" d="M7.2 14.8a1 1 0 0 1 0-1.4l3.4-3.4-3.4-3.4a1 1 0 0 1 1.4-1.4l4.1 4.1a1 1 0 0 1 0 1.4l-4.1 4.1a1 1 0 0 1-1.4 0Z" clipRule="evenodd" />
      )}
    </svg>
  );
}
