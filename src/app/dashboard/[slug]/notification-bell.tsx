'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { cx, focusRing } from '@/ui/class-names';
import { api, call } from '@/app/_lib/api';
import { useBookingEvents } from './live-updates';

/** How often the bell asks for the unread count besides the live events (a safety net). */
const POLL_MS = 60_000;
/**
 * The notification row is written by the delivery worker, which runs apart from the event's
 * publisher and yields to requests (seconds later under load): the count is asked for at once
 * and a few times more; a new event starts the series again, so a burst costs one series.
 */
const EVENT_RECHECK_MS = [0, 1500, 5000, 15_000];

/**
 * The notification bell: a link to the notification centre that says how many are unread. The
 * count comes with the page and is refreshed on every live booking event, every minute and when
 * the tab comes back.
 */
export function NotificationBell({ slug, initialUnread }: { slug: string; initialUnread: number }) {
  const t = useTranslations('inbox.bell');
  const [unread, setUnread] = useState(initialUnread);
  useEffect(() => setUnread(initialUnread), [initialUnread]);
  const rechecks = useRef(new Set<ReturnType<typeof setTimeout>>());
  const refresh = useCallback(() => {
    if (document.visibilityState !== 'visible') return;
    void call(api.orgs[':slug'].notifications['unread-count'].$get({ param: { slug } })).then((res) => {
      if (res.ok) setUnread(res.data.unread);
    });
  }, [slug]);
  useEffect(() => {
    const timer = setInterval(refresh, POLL_MS);
    document.addEventListener('visibilitychange', refresh);
    const pending = rechecks.current;
    return () => {
      clearInterval(timer);
      for (const t of pending) clearTimeout(t);
      pending.clear();
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [refresh]);
  useBookingEvents(() => {
    for (const t of rechecks.current) clearTimeout(t);
    rechecks.current.clear();
    for (const ms of EVENT_RECHECK_MS) rechecks.current.add(setTimeout(refresh, ms));
  });

  // The name is the visible text plus "unread" for screen readers: "Notifications 3 unread".
  return (
    <Link
      href={`/dashboard/${slug}/notifications`}
      className={cx('inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900', focusRing)}
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
        <path d="M10 2a6 6 0 0 0-6 6v3.59l-1.7 1.7A1 1 0 0 0 3 15h14a1 1 0 0 0 .7-1.7L16 11.58V8a6 6 0 0 0-6-6Zm0 16a3 3 0 0 1-2.83-2h5.66A3 3 0 0 1 10 18Z" />
      </svg>
      <span>{t('label')}</span>
      {unread > 0 ? (
        <span className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
          {unread > 99 ? '99+' : unread}
          <span className="sr-only"> {t('unread')}</span>
        </span>
      ) : null}
    </Link>
  );
}
