'use client';

import 'react-big-calendar/lib/css/react-big-calendar.css';
import { DateTime } from 'luxon';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { type KeyboardEvent, type ReactNode, type RefObject, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Calendar, type EventProps, luxonLocalizer, type SlotInfo, Views } from 'react-big-calendar';
import { useToast } from '@/ui/toast';
import { formatTimeRange } from '../../../_lib/format';
import type { BookingStatus } from '../../../_lib/list-query';
import { CreateBookingDialog, type ServiceOption } from './create-booking-dialog';

export interface CalendarBooking {
  id: string;
  /** ISO 8601 with the organization's offset. */
  start: string;
  end: string;
  status: BookingStatus;
  resourceId: string;
  resourceName: string;
  serviceName: string;
  customerName: string;
  /** Where it happens, for a business that goes to its customers (an address answer). */
  place?: string;
}

interface BoardEvent {
  booking: CalendarBooking;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
}

interface Resource {
  id: string;
  name: string;
}

const localizer = luxonLocalizer(DateTime, { firstDayOfWeek: 1 });

/**
 * react-big-calendar lays out in the browser's zone. Bookings are shown on the organization's
 * wall clock, so every instant is turned into a "floating" browser-local Date with the same
 * wall-clock fields (09:00 in Chicago → 09:00 local), and a selected slot is read back the
 * other way (its wall-clock fields in the organization's zone).
 */
function toFloating(iso: string, zone: string): Date {
  const w = DateTime.fromISO(iso, { zone });
  return DateTime.local(w.year, w.month, w.day, w.hour, w.minute, w.second).toJSDate();
}

function fromFloating(date: Date, zone: string): DateTime {
  const l = DateTime.fromJSDate(date);
  return DateTime.fromObject({ year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute }, { zone });
}

// Colour follows the status word; every pair is ≥ 4.5:1 (text on fill).
const statusColours: Record<BookingStatus, { bg: string; fg: string; border: string }> = {
  pending: { bg: '#fef3c7', fg: '#78350f', border: '#b45309' },
  confirmed: { bg: '#4338ca', fg: '#ffffff', border: '#312e81' },
  in_progress: { bg: '#6d28d9', fg: '#ffffff', border: '#4c1d95' },
  completed: { bg: '#047857', fg: '#ffffff', border: '#064e3b' },
  no_show: { bg: '#be123c', fg: '#ffffff', border: '#881337' },
  cancelled: { bg: '#e2e8f0', fg: '#334155', border: '#64748b' },
  rejected: { bg: '#e2e8f0', fg: '#334155', border: '#64748b' },
  // A waitlist hold: reserved for a member until they book it or the hold expires.
  held: { bg: '#fffbeb', fg: '#78350f', border: '#d97706' },
};

const PHONE = '(max-width: 639px)';
const subscribePhone = (onChange: () => void) => {
  const mq = window.matchMedia(PHONE);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
};
const noSubscribe = () => () => undefined;

/**
 * react-big-calendar 1.20 gives its header half a table's roles: day names as `columnheader`
 * outside any `row`, and an all-day `rowgroup` > `row` with no cells (axe: critical
 * aria-required-parent / aria-required-children). The day names are buttons with their own
 * names, so the header renders them without the role, and the all-day rows lose theirs.
 */
function ColumnHeader({ label }: { label: ReactNode }) {
  return <span>{label}</span>;
}

const MISPLACED_ROLES = '.rbc-allday-cell[role], .rbc-allday-cell [role="row"], .rbc-time-header [role="rowgroup"]';

/**
 * The time grid scrolls (720 px of a day's hours). With no booking in view it holds nothing
 * focusable, so a keyboard could not scroll it (axe: serious scrollable-region-focusable): it
 * becomes a labelled, focusable region.
 */
const SCROLLING_GRID = '.rbc-time-content';

function useAccessibleGrid(container: RefObject<HTMLElement | null>, gridLabel: string) {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const strip = () => {
      root.querySelectorAll(MISPLACED_ROLES).forEach((el) => el.removeAttribute('role'));
      root.querySelectorAll(SCROLLING_GRID).forEach((el) => {
        if (el.getAttribute('tabindex') !== '0') el.setAttribute('tabindex', '0');
        if (el.getAttribute('aria-label') !== gridLabel) el.setAttribute('aria-label', gridLabel);
        if (el.getAttribute('role') !== 'region') el.setAttribute('role', 'region');
      });
    };
    strip();
    const observer = new MutationObserver(strip);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [container, gridLabel]);
}

/** Null while server rendering: the grid depends on the browser (its zone, its width). */
function useBrowser(): { phone: boolean } | null {
  const mounted = useSyncExternalStore(noSubscribe, () => true, () => false);
  const phone = useSyncExternalStore(subscribePhone, () => window.matchMedia(PHONE).matches, () => false);
  return mounted ? { phone } : null;
}

export function CalendarBoard({
  slug,
  zone,
  view,
  date,
  resources,
  services,
  bookings,
  canWrite,
  hours,
}: {
  slug: string;
  zone: string;
  view: 'day' | 'week';
  date: string;
  resources: Resource[];
  services: ServiceOption[];
  bookings: CalendarBooking[];
  canWrite: boolean;
  /** Whole hours the grid runs between (the business hours, stretched to the bookings shown). */
  hours: { min: number; max: number };
}) {
  const t = useTranslations('calendarPage');
  const ts = useTranslations('dashboard.status');
  const locale = useLocale();
  const router = useRouter();
  const notify = useToast();
  const browser = useBrowser();
  const grid = useRef<HTMLDivElement>(null);
  useAccessibleGrid(grid, t('timeGridLabel'));
  const [selection, setSelection] = useState<{ resource: Resource; start: DateTime } | null>(null);
  // A phone scrolls the week sideways (one resource's seven days); it is not cut to one day.
  const shownView = view === 'day' ? Views.DAY : Views.WEEK;

  const events = useMemo<BoardEvent[]>(
    () =>
      bookings.map((b) => ({
        booking: b,
        title: `${b.serviceName} · ${b.customerName}`,
        start: toFloating(b.start, zone),
        end: toFloating(b.end, zone),
        resourceId: b.resourceId,
      })),
    [bookings, zone],
  );
  const floatingDate = useMemo(() => DateTime.fromISO(date).toJSDate(), [date]);
  const scrollTo = useMemo(() => DateTime.fromISO(date).set({ hour: Math.max(hours.min, 8) }).toJSDate(), [date, hours.min]);
  // react-big-calendar reads only the time of day of min and max.
  const gridMin = useMemo(() => DateTime.fromISO(date).set({ hour: hours.min }).toJSDate(), [date, hours.min]);
  const gridMax = useMemo(
    () => (hours.max >= 24 ? DateTime.fromISO(date).set({ hour: 23, minute: 59 }) : DateTime.fromISO(date).set({ hour: hours.max })).toJSDate(),
    [date, hours.max],
  );

  const open = useCallback((e: BoardEvent) => router.push(`/dashboard/${slug}/bookings/${e.booking.id}`), [router, slug]);

  const EventBlock = useCallback(
    ({ event }: EventProps<BoardEvent>) => (
      <span className="block text-xs leading-tight">
        <span className="font-semibold">{event.booking.serviceName}</span>
        <span className="block">{event.booking.customerName}</span>
        {event.booking.place ? <span className="block truncate">{event.booking.place}</span> : null}
        <span className="sr-only">
          {t('eventLabel', {
            time: formatTimeRange(event.booking.start, event.booking.end, locale, zone),
            service: event.booking.serviceName,
            customer: event.booking.customerName,
            resource: event.booking.resourceName,
            status: ts(event.booking.status),
          })}
        </span>
      </span>
    ),
    [t, ts, locale, zone],
  );

  function onSelectSlot(slot: SlotInfo) {
    if (!canWrite) return;
    const resource = resources.find((r) => r.id === slot.resourceId) ?? (resources.length === 1 ? resources[0] : undefined);
    if (!resource) return;
    setSelection({ resource, start: fromFloating(slot.start, zone) });
  }

  return (
    <div className="mt-4">
      <ul aria-label={t('statusLegend')} className="mb-3 flex flex-wrap gap-3 text-xs text-slate-700">
        {(['pending', 'held', 'confirmed', 'in_progress', 'completed', 'no_show'] as const).map((s) => (
          <li key={s} className="flex items-center gap-1.5">
            <span aria-hidden="true" className="inline-block size-3 rounded-sm border" style={{ background: statusColours[s].bg, borderColor: statusColours[s].border }} />
            {ts(s)}
          </li>
        ))}
      </ul>
      <div ref={grid} className="bookline-calendar overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="calendar">
        {browser ? null : <div aria-hidden="true" className="h-[720px] animate-pulse bg-slate-50" />}
        <div hidden={!browser} style={{ minWidth: shownView === Views.WEEK ? 640 : Math.max(300, resources.length * 140) }}>
          {browser ? (
            <Calendar<BoardEvent, Resource>
              localizer={localizer}
              culture={locale}
              events={events}
              // The week is one resource's (the page's switcher picks it): plain day columns that
              // share the width, instead of react-big-calendar's fixed 140 px resource columns.
              resources={shownView === Views.WEEK ? undefined : resources}
              resourceIdAccessor={(r) => r.id}
              resourceTitleAccessor={(r) => r.name}
              view={shownView}
              views={[Views.DAY, Views.WEEK]}
              onView={() => undefined}
              date={floatingDate}
              onNavigate={() => undefined}
              toolbar={false}
              step={15}
              timeslots={4}
              scrollToTime={scrollTo}
              min={gridMin}
              max={gridMax}
              style={{ height: 720 }}
              selectable={canWrite}
              onSelectSlot={onSelectSlot}
              onSelectEvent={open}
              onKeyPressEvent={(e, ev) => {
                if (['Enter', ' '].includes((ev as KeyboardEvent<HTMLElement>).key)) open(e);
              }}
              tooltipAccessor={(e) => `${formatTimeRange(e.booking.start, e.booking.end, locale, zone)} · ${e.title} · ${ts(e.booking.status)}`}
              eventPropGetter={(e) => {
                const c = statusColours[e.booking.status];
                return {
                  style: { background: c.bg, color: c.fg, borderColor: c.border, borderStyle: e.booking.status === 'pending' ? 'dashed' : 'solid' },
                  className: `booking-${e.booking.status}`,
                };
              }}
              components={{ event: EventBlock, header: ColumnHeader }}
              messages={{ allDay: t('allDay'), showMore: (n) => t('more', { count: n }), noEventsInRange: t('empty') }}
            />
          ) : null}
        </div>
      </div>
      {selection ? (
        <CreateBookingDialog
          open
          slug={slug}
          zone={zone}
          resource={selection.resource}
          start={selection.start}
          services={services.filter((s) => s.resourceIds.includes(selection.resource.id))}
          onClose={() => setSelection(null)}
          onDone={(message) => {
            setSelection(null);
            notify('success', message);
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}
