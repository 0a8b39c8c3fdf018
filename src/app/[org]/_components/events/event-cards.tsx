import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { PublicEventDto } from '@/modules/events/schemas';
import { formatDateTime, formatMoney } from '../../_lib/format';
import { LiveRemainingBadge } from './live-seats';

/** An event's first photo, or a plain tile with its initial (decorative: the title is next to it). */
export function EventImage({ src, alt, className }: { src: string | null | undefined; alt: string; className?: string }) {
  if (src) {
    return <img src={src} alt={alt} className={`aspect-[16/9] w-full bg-slate-100 object-cover ${className ?? ''}`} loading="lazy" width={640} height={360} />;
  }
  return (
    <div aria-hidden="true" className={`grid aspect-[16/9] w-full place-items-center bg-gradient-to-br from-indigo-50 to-amber-50 text-4xl font-bold text-indigo-300 ${className ?? ''}`}>
      {alt.trim().charAt(0).toUpperCase()}
    </div>
  );
}

/** The cards of the events list: photo, title, date and time in the event's zone, price from, what is left (live inside a LiveSeatsProvider). */
export async function EventCards({ events, slug, locale }: { events: PublicEventDto[]; slug: string; locale: string }) {
  const t = await getTranslations({ locale, namespace: 'events' });
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {events.map((e) => (
        <li key={e.slug} className="relative flex flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm focus-within:ring-2 focus-within:ring-indigo-600" data-testid="event-card">
          <EventImage src={e.images[0]} alt={e.title} />
          <div className="flex flex-1 flex-col gap-1 p-4">
            <p className="text-sm font-medium text-indigo-800">
              <time dateTime={e.startsAt}>{formatDateTime(e.startsAt, locale, e.timezone)}</time>
            </p>
            <h2 className="text-lg font-semibold text-slate-900">
              <Link href={`/${slug}/events/${e.slug}`} className="outline-none after:absolute after:inset-0 hover:underline">
                {e.title}
              </Link>
            </h2>
            {e.venue ? <p className="text-sm text-slate-700">{e.venue}</p> : null}
            {e.fromPriceMinor !== null ? (
              <p className="text-sm text-slate-800">{e.fromPriceMinor === 0 ? t('free') : t('priceFrom', { price: formatMoney(e.fromPriceMinor, e.currency, locale) })}</p>
            ) : null}
            <div className="mt-auto pt-2">
              <LiveRemainingBadge slug={e.slug} remaining={e.remaining} soldOut={e.soldOut} />
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
