'use client';

/**
 * The dashboard's one subscription to its organization's events (issue #13): opened once by the
 * layout, shared by everything that reacts to it — the pages that show bookings (refreshed with
 * `router.refresh()`, debounced, so server components re-render in place and client state —
 * filters being typed, scroll, open dialogs — stays), the notification bell, the new-booking
 * toast and the "Live" pill. Decision 0011 says why this and not a client cache.
 */
import { usePathname, useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { api, call } from '@/app/_lib/api';
import { type LiveState, useEventStream } from '@/app/_lib/live';
import { LiveIndicator } from '@/ui/live-indicator';
import { useToast } from '@/ui/toast';
import { formatDayDate, formatTimeRange } from '../_lib/format';

/** A frame of `event: booking` (the contract in issue #13); unknown topics mean "something changed". */
export interface BookingEvent {
  seq?: number;
  topic: string;
  bookingId?: string;
  status?: string;
  startsAt?: string;
  endsAt?: string;
  resourceId?: string;
  serviceId?: string;
  source?: string;
  version?: string;
}

/** null: events may have been missed (the stream came back): refetch everything. */
type Listener = (event: BookingEvent | null) => void;

/**
 * Stable for the provider's lifetime: the connection state is read through a small store
 * (useSyncExternalStore), not carried in the value. A context value that changed when the
 * stream opened — within the first moments, while the page's streamed HTML was still being
 * hydrated — made React give up hydrating the page's Suspense boundary and render it again on
 * the client, leaving the server's copy hidden in the document (two of every element; the
 * settings and account browser tests caught it).
 */
interface LiveContextValue {
  subscribe: (listener: Listener) => () => void;
  stateStore: { subscribe: (onChange: () => void) => () => void; get: () => LiveState };
}

const LiveContext = createContext<LiveContextValue | null>(null);
const noSubscribe = () => () => undefined;
const connecting = (): LiveState => 'connecting';

/** How long after an event the page is refreshed: a burst of events costs one refresh. */
export const REFRESH_DEBOUNCE_MS = 300;

export function asBookingEvent(data: unknown): BookingEvent | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.topic !== 'string') return null;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  return {
    topic: d.topic,
    seq: typeof d.seq === 'number' ? d.seq : undefined,
    bookingId: str('bookingId'),
    status: str('status'),
    startsAt: str('startsAt'),
    endsAt: str('endsAt'),
    resourceId: str('resourceId'),
    serviceId: str('serviceId'),
    source: str('source'),
    version: str('version'),
  };
}

/**
 * Which pages show bookings and so are refreshed on an event: the overview, the bookings list,
 * the calendar and the notification centre; a booking's own page only for its own events.
 */
export function showsEvent(pathname: string, base: string, event: BookingEvent | null): boolean {
  if (pathname === base || pathname === `${base}/calendar` || pathname === `${base}/bookings` || pathname === `${base}/notifications`) return true;
  const detail = pathname.startsWith(`${base}/bookings/`) ? pathname.slice(`${base}/bookings/`.length) : null;
  if (detail && !detail.includes('/')) return event === null || !event.bookingId || event.bookingId === decodeURIComponent(detail);
  return false;
}

/**
 * `enabled` false (a member who must first enrol in two-factor: the API refuses them) opens no
 * stream; the provider stays in the tree either way, so enrolling does not remount the page.
 */
export function LiveUpdatesProvider({ slug, enabled = true, children }: { slug: string; enabled?: boolean; children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const listeners = useRef(new Set<Listener>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stale = useRef(false);
  const base = `/dashboard/${slug}`;
  const where = useRef({ pathname, base });
  useEffect(() => {
    where.current = { pathname, base };
  });

  const refreshSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      // A hidden tab refreshes when it is looked at again, not for every event meanwhile.
      if (document.visibilityState !== 'visible') {
        stale.current = true;
        return;
      }
      stale.current = false;
      router.refresh();
    }, REFRESH_DEBOUNCE_MS);
  }, [router]);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible' && stale.current) refreshSoon();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      clearTimeout(timer.current);
    };
  }, [refreshSoon]);

  const dispatch = useCallback(
    (event: BookingEvent | null) => {
      for (const listener of listeners.current) listener(event);
      if (showsEvent(where.current.pathname, where.current.base, event)) refreshSoon();
    },
    [refreshSoon],
  );

  const state = useEventStream(enabled ? `/api/v1/orgs/${encodeURIComponent(slug)}/events` : null, {
    events: ['booking'],
    onMessage: (m) => dispatch(asBookingEvent(m.data) ?? { topic: 'unknown' }),
    onResync: () => dispatch(null),
  });

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const stateStore = useMemo(() => {
    const watchers = new Set<() => void>();
    let current: LiveState = 'connecting';
    return {
      subscribe: (onChange: () => void) => {
        watchers.add(onChange);
        return () => {
          watchers.delete(onChange);
        };
      },
      get: () => current,
      set: (next: LiveState) => {
        if (next === current) return;
        current = next;
        for (const w of watchers) w();
      },
    };
  }, []);
  useEffect(() => stateStore.set(state), [state, stateStore]);
  const value = useMemo(() => ({ subscribe, stateStore }), [subscribe, stateStore]);
  return <LiveContext value={value}>{children}</LiveContext>;
}

/** Calls `listener` for every booking event (null after a reconnection); a no-op outside the provider. */
export function useBookingEvents(listener: Listener) {
  const context = useContext(LiveContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  const subscribe = context?.subscribe;
  useEffect(() => subscribe?.((event) => latest.current(event)), [subscribe]);
}

export function DashboardLiveIndicator({ className }: { className?: string }) {
  const context = useContext(LiveContext);
  const state = useSyncExternalStore(context?.stateStore.subscribe ?? noSubscribe, context?.stateStore.get ?? connecting, connecting);
  const t = useTranslations('live');
  const states = ['connecting', 'live', 'reconnecting'] as const;
  return (
    <LiveIndicator
      className={className}
      state={state}
      labels={Object.fromEntries(states.map((s) => [s, t(`state.${s}`)])) as Record<LiveState, string>}
      hints={Object.fromEntries(states.map((s) => [s, t(`stateHint.${s}`)])) as Record<LiveState, string>}
    />
  );
}

/**
 * A toast for a booking or request that arrived from outside the team (the public page, a club
 * member): its service and time, and a link to it. Bookings the team makes on the dashboard
 * already say so where they were made.
 */
export function NewBookingToasts({ slug, zone, enabled }: { slug: string; zone: string; enabled: boolean }) {
  const t = useTranslations('live.toast');
  const locale = useLocale();
  const notify = useToast();
  const shown = useRef(new Set<string>());
  useBookingEvents((event) => {
    if (!enabled || !event || event.topic !== 'booking.created' || !event.bookingId || event.source === 'staff') return;
    if (shown.current.has(event.bookingId)) return;
    shown.current.add(event.bookingId);
    const bookingId = event.bookingId;
    const pending = event.status === 'pending';
    void call(api.orgs[':slug'].bookings[':bookingId'].$get({ param: { slug, bookingId } })).then((res) => {
      const start = res.ok ? res.data.start : event.startsAt;
      const end = res.ok ? res.data.end : event.endsAt;
      const when = start && end ? `${formatDayDate(start, locale, zone)}, ${formatTimeRange(start, end, locale, zone)}` : '';
      const service = res.ok ? (res.data.serviceName ?? '') : '';
      notify('info', t(pending ? 'requested' : 'created', { what: [service, when].filter(Boolean).join(', ') }), {
        href: `/dashboard/${slug}/bookings/${bookingId}`,
        label: t(pending ? 'viewRequest' : 'view'),
      });
    });
  });
  return null;
}
