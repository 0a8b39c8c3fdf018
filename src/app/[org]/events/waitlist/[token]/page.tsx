import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Alert } from '@/ui/alert';
import { WaitlistEntryActions } from '../../../_components/events/waitlist-entry-actions';
import { loadProfile, siteLocale } from '../../../_lib/data';
import { loadWaitlistEntry } from '../../../_lib/event-data';
import { formatDateTime, formatMoney, formatRange } from '../../../_lib/format';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string; token: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org, token } = await params;
  const [entry, locale] = await Promise.all([loadWaitlistEntry(org, token), siteLocale(org)]);
  const t = await getTranslations({ locale, namespace: 'eventWaitlist.page' });
  // The link is a key: never indexed, never sent on as a referrer.
  return { title: entry ? t('metaTitle', { event: entry.event.title }) : t('errorTitle'), robots: { index: false, follow: false }, referrer: 'no-referrer' };
}

/** A waitlist entry's own page (its secret link): place in line, the held tickets and the time left, Pay and Leave. */
export default async function WaitlistEntryPage({ params }: Props) {
  const { org, token } = await params;
  const [profile, entry, locale] = await Promise.all([loadProfile(org), loadWaitlistEntry(org, token), siteLocale(org)]);
  if (!profile) notFound();
  const t = await getTranslations({ locale, namespace: 'eventWaitlist.page' });
  if (!entry) {
    return (
      <main id="main" className="flex-1">
        <div className="mx-auto max-w-2xl px-4 py-8 sm:px-6">
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">{t('heading')}</h1>
          <Alert tone="error" title={t('errorTitle')} className="mt-4">
            {t('errorBody')}
          </Alert>
        </div>
      </main>
    );
  }
  const tone = entry.status === 'offered' ? 'bg-amber-50 text-amber-900 ring-amber-200' : entry.status === 'purchased' ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : entry.status === 'waiting' ? 'bg-sky-50 text-sky-900 ring-sky-200' : 'bg-slate-100 text-slate-800 ring-slate-300';
  const body = { waiting: t('waitingBody'), offered: t('offeredBody'), purchased: t('purchasedBody'), expired: t('expiredBody'), left: t('leftBody') }[entry.status];
  return (
    <main id="main" className="flex-1">
      <div className="mx-auto max-w-2xl px-4 py-8 sm:px-6">
        <p className="text-sm">
          <Link href={`/${org}/events/${entry.event.slug}`} className="underline hover:text-slate-900">
            {t('backToEvent')}
          </Link>
        </p>
        <h1 className="mt-3 text-2xl font-bold tracking-tight text-slate-900">{t('heading')}</h1>
        <section aria-labelledby="entry-event" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="entry-event" className="text-lg font-semibold text-slate-900">
            {entry.event.title}
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            <time dateTime={entry.event.startsAt}>{formatRange(entry.event.startsAt, entry.event.endsAt, locale, entry.event.timezone)}</time>
          </p>
          <p className="mt-3">
            <span className={`inline-block rounded-md px-2 py-0.5 text-sm font-medium ring-1 ${tone}`} data-testid="waitlist-status">
              {t(`status.${entry.status}`)}
            </span>
          </p>
          <ul className="mt-3 space-y-1 text-sm text-slate-800">
            <li>{t('tickets', { quantity: entry.quantity, type: entry.ticketType.name })}</li>
            {entry.position !== null && entry.status === 'waiting' ? <li data-testid="waitlist-position">{t('position', { position: entry.position })}</li> : null}
            {entry.offer && entry.status === 'offered' ? (
              <>
                <li className="font-medium tabular-nums">{t('total', { total: formatMoney(entry.offer.totalMinor, entry.offer.currency, locale) })}</li>
                {entry.offer.expiresAt ? <li>{t('heldUntil', { until: formatDateTime(entry.offer.expiresAt, locale, entry.event.timezone) })}</li> : null}
              </>
            ) : null}
          </ul>
          <p className="mt-3 text-sm text-slate-700">{body}</p>
          <WaitlistEntryActions slug={org} token={token} status={entry.status} offer={entry.offer} />
        </section>
      </div>
    </main>
  );
}
