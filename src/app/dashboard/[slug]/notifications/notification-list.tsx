'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/ui/alert';
import { Badge } from '@/ui/badge';
import { Button } from '@/ui/button';
import { cx, focusRing } from '@/ui/class-names';
import { EmptyState } from '@/ui/empty-state';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage } from '@/app/_lib/api';
import type { NotificationDto } from '@/modules/inbox/schemas';
import { formatDateTime, formatMoney } from '../../_lib/format';

/** One notification as a sentence in the reader's language, the booking's time in its organization's zone. */
function Line({ n, locale }: { n: NotificationDto; locale: string }) {
  const t = useTranslations('inbox.kinds');
  const when = n.data.start ? formatDateTime(n.data.start, locale, n.data.timezone ?? 'UTC') : '';
  const until = n.data.until ? formatDateTime(n.data.until, locale, n.data.timezone ?? 'UTC') : '';
  const total = n.data.totalMinor && n.data.currency ? formatMoney(Number(n.data.totalMinor), n.data.currency, locale) : '';
  return (
    <>
      {t(n.kind.replace('.', '_'), {
        customer: n.data.customer ?? '',
        service: n.data.service ?? '',
        when,
        until,
        resource: n.data.resource ?? '',
        url: n.data.url ?? '',
        failures: n.data.failures ?? '',
        number: n.data.number ?? '',
        total,
      })}
    </>
  );
}

export function NotificationList({
  slug,
  locale,
  notifications,
  unread,
  onlyUnread,
  page,
}: {
  slug: string;
  locale: string;
  notifications: NotificationDto[];
  unread: number;
  onlyUnread: boolean;
  page: number;
}) {
  const t = useTranslations('inbox.page');
  const te = useTranslations('dashboard.errors');
  const router = useRouter();
  const notify = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `/dashboard/${slug}/notifications`;

  async function markRead(id: string) {
    setBusy(id);
    const res = await call(api.orgs[':slug'].notifications[':notificationId'].read.$post({ param: { slug, notificationId: id } }));
    setBusy(null);
    if (!res.ok) return setError(failureMessage(res, te));
    setError(null);
    router.refresh();
  }

  async function markAll() {
    setBusy('all');
    const res = await call(api.orgs[':slug'].notifications['read-all'].$post({ param: { slug } }));
    setBusy(null);
    if (!res.ok) return setError(failureMessage(res, te));
    setError(null);
    notify('success', t('allReadToast', { count: res.data.marked }));
    router.refresh();
  }

  return (
    <div className="mt-6 space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" aria-live="polite">
          {t('unreadCount', { count: unread })}
        </p>
        <div className="flex flex-wrap gap-2">
          <Link href={onlyUnread ? base : `${base}?unread=true`} className={cx('rounded-md px-3 py-1.5 text-sm font-medium text-indigo-700 underline', focusRing)}>
            {onlyUnread ? t('showAll') : t('showUnread')}
          </Link>
          {unread > 0 ? (
            <Button type="button" variant="secondary" size="sm" onClick={markAll} disabled={busy !== null}>
              {busy === 'all' ? t('marking') : t('markAll')}
            </Button>
          ) : null}
        </div>
      </div>
      {error ? (
        <Alert tone="error" title={t('failed')}>
          {error}
        </Alert>
      ) : null}
      {notifications.length === 0 ? (
        <EmptyState title={onlyUnread ? t('noneUnread') : page > 1 ? t('nonePage') : t('none')} description={t('noneBody')} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white" aria-label={t('listLabel')}>
          {notifications.map((n) => (
            <li key={n.id} className={cx('flex flex-wrap items-start justify-between gap-3 p-4', n.readAt ? 'bg-white' : 'bg-indigo-50')}>
              <div className="min-w-0 flex-1">
                <p className={cx('text-sm break-words text-slate-900', n.readAt ? '' : 'font-semibold')}>
                  {n.readAt ? null : (
                    <Badge tone="brand" className="mr-2">
                      {t('new')}
                    </Badge>
                  )}
                  <Line n={n} locale={locale} />
                </p>
                <p className="mt-1 text-xs text-slate-600">
                  {t('received', { when: formatDateTime(n.createdAt, locale, n.data.timezone ?? 'UTC') })}
                  {' · '}
                  {n.entity === 'booking' ? (
                    <Link href={`/dashboard/${slug}/bookings/${n.entityId}`} className="font-medium text-indigo-700 underline">
                      {t('openBooking')}
                    </Link>
                  ) : n.entity === 'order' ? (
                    <Link href={`/dashboard/${slug}/orders/${n.entityId}`} className="font-medium text-indigo-700 underline">
                      {t('openOrder')}
                    </Link>
                  ) : n.entity === 'review' ? (
                    <Link href={`/dashboard/${slug}/reviews`} className="font-medium text-indigo-700 underline">
                      {t('openReviews')}
                    </Link>
                  ) : n.entity === 'webhook_endpoint' ? (
                    <Link href={`/dashboard/${slug}/webhooks`} className="font-medium text-indigo-700 underline">
                      {t('openWebhooks')}
                    </Link>
                  ) : null}
                </p>
              </div>
              {n.readAt ? null : (
                <Button type="button" variant="ghost" size="sm" onClick={() => markRead(n.id)} disabled={busy !== null}>
                  {busy === n.id ? t('marking') : t('markRead')}
                  <span className="sr-only">: {t('markReadWhich', { n: notifications.indexOf(n) + 1 })}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
