import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { EventImage } from '../../_components/events/event-cards';
import { LiveClosedNotice, LiveRemainingBadge, LiveSeatsProvider } from '../../_components/events/live-seats';
import { TicketPicker } from '../../_components/events/ticket-picker';
import { WaitlistJoin } from '../../_components/events/waitlist-join';
import { loadProfile, siteLocale } from '../../_lib/data';
import { loadPublicEvent } from '../../_lib/event-data';
import { formatDateTime, formatRange } from '../../_lib/format';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string; event: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org, event: key } = await params;
  const [profile, event] = await Promise.all([loadProfile(org), loadPublicEvent(org, key)]);
  if (!profile || !event) return { title: 'Page not found' };
  return { title: `${event.title} · ${profile.name}`, description: event.description.slice(0, 160) || undefined };
}

/** Zone names people read: "America/Panama" → "Panama". */
function zoneName(zone: string): string {
  return zone.split('/').at(-1)!.replaceAll('_', ' ');
}

/** One event: photos, texts in the page's language, when (in the event's zone) and where, and its tickets to buy. */
export default async function EventPage({ params }: Props) {
  const { org, event: key } = await params;
  const [profile, event, locale] = await Promise.all([loadProfile(org), loadPublicEvent(org, key), siteLocale(org)]);
  if (!profile || !event) notFound();
  const t = await getTranslations({ locale, namespace: 'events' });
  // Why nothing can be bought now, when that is so (the API says the same at add-to-cart and
  // checkout). Sold out follows the live seats (LiveClosedNotice); these reasons do not.
  const blocked =
    event.sales === 'cancelled'
      ? t('eventCancelled')
      : event.sales === 'not_yet'
        ? t('salesNotOpen', { date: event.salesStartAt ? formatDateTime(event.salesStartAt, locale, event.timezone) : '' })
        : event.sales === 'closed'
          ? t('salesClosed')
          : null;
  const noTypes = event.ticketTypes.length === 0 ? t('noTicketTypes') : null;

  return (
    <main id="main" className="flex-1">
      <LiveSeatsProvider orgSlug={org} eventSlug={event.slug} shown={{ [event.slug]: { title: event.title, soldOut: event.soldOut } }} locale={event.locale}>
      <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6">
        <nav aria-label={t('breadcrumb')}>
          <ol className="flex flex-wrap items-center gap-1 text-sm text-slate-700">
            <li>
              <Link href={`/${org}`} className="underline hover:text-slate-900">
                {t('home')}
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li>
              <Link href={`/${org}/events`} className="underline hover:text-slate-900">
                {t('allEvents')}
              </Link>
            </li>
            <li aria-hidden="true">/</li>
            <li aria-current="page" className="font-medium text-slate-900">
              {event.title}
            </li>
          </ol>
        </nav>

        <div className="mt-6 grid gap-8 md:grid-cols-2">
          <div className="space-y-3">
            <div className="overflow-hidden rounded-lg border border-slate-200">
              <EventImage src={event.images[0]} alt={event.images[0] ? t('image', { title: event.title }) : event.title} />
            </div>
            {event.images.length > 1 ? (
              <ul className="grid grid-cols-3 gap-2">
                {event.images.slice(1, 7).map((src, i) => (
                  <li key={src} className="overflow-hidden rounded-md border border-slate-200">
                    <img src={src} alt={t('image', { title: `${event.title} (${i + 2})` })} className="aspect-square w-full object-cover" loading="lazy" width={200} height={200} />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <div className="min-w-0">
            <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{event.title}</h1>
            <p className="mt-2">
              {event.sales === 'cancelled' ? <span className="rounded-md bg-red-50 px-2 py-0.5 text-sm font-medium text-red-800 ring-1 ring-red-200">{t('cancelled')}</span> : <LiveRemainingBadge slug={event.slug} remaining={event.remaining} soldOut={event.soldOut} />}
            </p>
            <dl className="mt-4 space-y-3 text-sm">
              <div>
                <dt className="font-medium text-slate-900">{t('when')}</dt>
                <dd className="text-slate-700">
                  <time dateTime={event.startsAt}>{formatRange(event.startsAt, event.endsAt, locale, event.timezone)}</time>
                  <span className="block text-slate-600">{t('timeZone', { zone: zoneName(event.timezone) })}</span>
                </dd>
              </div>
              {event.venue ? (
                <div>
                  <dt className="font-medium text-slate-900">{t('where')}</dt>
                  <dd className="text-slate-700">{event.venue}</dd>
                </div>
              ) : null}
              {event.ageNotes ? (
                <div>
                  <dt className="font-medium text-slate-900">{t('ageNotes')}</dt>
                  <dd className="text-slate-700">{event.ageNotes}</dd>
                </div>
              ) : null}
            </dl>

            <section aria-labelledby="tickets-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="tickets-title" className="text-lg font-semibold text-slate-900">
                {t('ticketsHeading')}
              </h2>
              <LiveClosedNotice slug={event.slug} blocked={blocked} soldOut={event.soldOut} otherwise={noTypes} />
              <TicketPicker eventSlug={event.slug} types={event.ticketTypes} currency={event.currency} disabled={blocked !== null || noTypes !== null} soldOut={event.soldOut} />
              {event.sales === 'on_sale' ? <WaitlistJoin slug={org} eventSlug={event.slug} types={event.ticketTypes} challengeEnabled={!!profile.publicFormChallenge} /> : null}
            </section>
          </div>
        </div>

        {event.description ? (
          <section aria-labelledby="about-title" className="mt-10 max-w-3xl">
            <h2 id="about-title" className="text-xl font-semibold text-slate-900">
              {t('about')}
            </h2>
            <p className="mt-3 whitespace-pre-line text-slate-700">{event.description}</p>
          </section>
        ) : null}
      </div>
      </LiveSeatsProvider>
    </main>
  );
}
