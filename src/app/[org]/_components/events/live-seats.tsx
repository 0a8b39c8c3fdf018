'use client';

/**
 * Live seats left on the public events pages (issue #16 item 3): the pages render their numbers
 * on the server (what a visitor without JavaScript sees); this provider subscribes to the
 * organization's seats stream (`event: seats`, one event's with `eventSlug`) and the badges, the
 * sold-out notice and the ticket picker read the newest figures from it. After a reconnection
 * (events may have been missed) it refetches the shown events from the public API. A polite live
 * region announces an event selling out, or its tickets coming back, while the visitor looks.
 */
import { useTranslations } from 'next-intl';
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react';
import { useEventStream } from '@/app/_lib/live';
import { Alert, LiveRegion } from '@/ui/alert';
import { Badge } from '@/ui/badge';

export interface LiveSeats {
  remaining: number;
  soldOut: boolean;
  /** Per ticket type (variant id). */
  types: Record<string, { remaining: number; soldOut: boolean }>;
}

/** A `seats` frame (or a public API answer) as figures by event slug; null when it cannot be read. */
export function asSeats(data: unknown): { slug: string; seats: LiveSeats } | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.slug !== 'string' || typeof d.remaining !== 'number' || !Number.isFinite(d.remaining)) return null;
  const types: LiveSeats['types'] = {};
  if (Array.isArray(d.ticketTypes)) {
    for (const t of d.ticketTypes as Record<string, unknown>[]) {
      if (t && typeof t.variantId === 'string' && typeof t.remaining === 'number') types[t.variantId] = { remaining: Math.max(0, t.remaining), soldOut: t.soldOut === true || t.remaining <= 0 };
    }
  }
  const remaining = Math.max(0, d.remaining);
  return { slug: d.slug, seats: { remaining, soldOut: d.soldOut === true || remaining === 0, types } };
}

const Seats = createContext<Record<string, LiveSeats>>({});

/**
 * `shown`: the shown events by slug, with their titles (what the announcements name) and whether
 * they were sold out as rendered (where announcing starts from); `eventSlug`: the event page's
 * own event (the stream and the resync are narrowed to it).
 */
export function LiveSeatsProvider({
  orgSlug,
  shown,
  eventSlug,
  page,
  locale,
  children,
}: {
  orgSlug: string;
  shown: Record<string, { title: string; soldOut: boolean }>;
  eventSlug?: string;
  page?: number;
  locale: string;
  children: ReactNode;
}) {
  const t = useTranslations('events');
  const [seats, setSeats] = useState<Record<string, LiveSeats>>({});
  // The announcement, numbered: the same words again (sold out, back, sold out) are a new node, said again.
  const [said, setSaid] = useState<{ text: string; n: number } | null>(null);
  const soldOut = useRef<Record<string, boolean>>({});
  const org = encodeURIComponent(orgSlug);

  const apply = useCallback(
    (found: { slug: string; seats: LiveSeats }[]) => {
      const here = found.filter((f) => f.slug in shown);
      if (here.length === 0) return;
      const news: string[] = [];
      for (const { slug, seats: s } of here) {
        // A change from what the visitor saw (as rendered, then as last updated) is announced.
        const was = soldOut.current[slug] ?? shown[slug]!.soldOut;
        if (was !== s.soldOut) news.push(t(s.soldOut ? 'liveSoldOut' : 'liveBack', { title: shown[slug]!.title }));
        soldOut.current[slug] = s.soldOut;
      }
      setSeats((old) => ({ ...old, ...Object.fromEntries(here.map((f) => [f.slug, f.seats])) }));
      if (news.length > 0) setSaid((old) => ({ text: news.join(' '), n: (old?.n ?? 0) + 1 }));
    },
    [shown, t],
  );

  const resync = useCallback(async () => {
    const url = eventSlug
      ? `/api/v1/public/orgs/${org}/events/${encodeURIComponent(eventSlug)}?locale=${locale}`
      : `/api/v1/public/orgs/${org}/events?page=${page ?? 1}&pageSize=12&locale=${locale}`;
    try {
      const res = await fetch(url, { cache: 'no-store' });
      if (!res.ok) return;
      const body = (await res.json()) as { data?: unknown[] };
      const list = eventSlug ? [body] : (body.data ?? []);
      apply(list.map(asSeats).filter((s): s is NonNullable<typeof s> => s !== null));
    } catch {
      // Offline again: the next reconnection resyncs.
    }
  }, [apply, eventSlug, locale, org, page]);

  useEventStream(`/api/v1/public/orgs/${org}/seats/stream${eventSlug ? `?event=${encodeURIComponent(eventSlug)}` : ''}`, {
    events: ['seats'],
    onMessage: (m) => {
      const s = asSeats(m.data);
      if (s) apply([s]);
    },
    onResync: () => void resync(),
  });

  return (
    <Seats.Provider value={seats}>
      {children}
      <LiveRegion className="sr-only">{said ? (
          <p key={said.n} data-testid="seats-announcement">
            {said.text}
          </p>
        ) : null}</LiveRegion>
    </Seats.Provider>
  );
}

/** The newest figures for an event (null: none came yet, show the server's). */
export function useLiveSeats(slug: string): LiveSeats | null {
  return useContext(Seats)[slug] ?? null;
}

/** "Sold out" / "Only 3 left" / "12 tickets left", live (the server's figures until a change comes). */
export function LiveRemainingBadge({ slug, remaining, soldOut }: { slug: string; remaining: number; soldOut: boolean }) {
  const t = useTranslations('events');
  const live = useLiveSeats(slug);
  const n = live ? live.remaining : remaining;
  const out = live ? live.soldOut : soldOut;
  const badge = out || n <= 0 ? <Badge tone="danger">{t('soldOut')}</Badge> : n <= 10 ? <Badge tone="warning">{t('fewLeft', { count: n })}</Badge> : <Badge tone="success">{t('remaining', { count: n })}</Badge>;
  return <span data-testid="seats-badge">{badge}</span>;
}

/**
 * The ticket box's notice: why nothing can be bought — a reason the server gave that seats do not
 * change (`blocked`: cancelled, sales not open or closed), else "sold out" as the live figures
 * say (gone again if seats come back), else `otherwise` (no ticket types).
 */
export function LiveClosedNotice({ slug, blocked, soldOut, otherwise }: { slug: string; blocked: string | null; soldOut: boolean; otherwise: string | null }) {
  const t = useTranslations('events');
  const live = useLiveSeats(slug);
  const text = blocked ?? ((live ? live.soldOut : soldOut) ? t('eventSoldOut') : otherwise);
  if (!text) return null;
  return (
    <Alert tone="warning" className="mt-3">
      {text}
    </Alert>
  );
}
