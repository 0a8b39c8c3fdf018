import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isAppError } from '@/lib/errors';
import { getManagedBooking } from '@/modules/bookings';
import { cachedAnonymousCtx } from '../../../_lib/request-cache';
import { GuestLoyalty } from '../../_components/loyalty/guest-loyalty';
import { ManageBooking } from '../../_components/manage-booking';
import { loadProfile, siteLocale, siteTranslations } from '../../_lib/data';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  const profile = await loadProfile(org);
  const { t } = await siteTranslations(org, 'manage');
  return {
    title: profile ? `${t('title')} · ${profile.name}` : t('title'),
    // The token in the URL is the key to the booking: never indexed, never sent on as a referrer.
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
  };
}

export default async function ManageBookingPage({ params, searchParams }: Props) {
  const { org } = await params;
  const raw = (await searchParams).token;
  const token = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  const [profile, { t }] = await Promise.all([loadProfile(org), siteTranslations(org, 'manage')]);
  if (!profile) notFound();
  // A token that is no booking's (or another organization's) answers 404; an expired or replaced
  // one is still a booking's: the page says the link has expired. What is read here is what the
  // page first shows.
  const initial = await getManagedBooking(await cachedAnonymousCtx(), token).catch((err: unknown) => {
    if (isAppError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION')) notFound();
    if (isAppError(err) && err.code === 'GONE') return 'expired' as const;
    throw err;
  });
  if (initial !== 'expired' && initial.organization.slug !== profile.slug) notFound();

  return (
    <main id="main" className="flex-1">
      <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{t('title')}</h1>
        <p className="mt-2 text-slate-700">{t('intro', { org: profile.name })}</p>
        <div className="mt-6">
          <ManageBooking
            org={{ slug: profile.slug, name: profile.name, timezone: profile.timezone, currency: profile.currency, publicFormChallenge: profile.publicFormChallenge }}
            token={token}
            initial={initial}
            contact={{ email: profile.contact.email, phone: profile.contact.phone }}
          />
        </div>
        {initial !== 'expired' ? (
          <div className="mt-6">
            <GuestLoyalty loyalty={initial.loyalty} locale={await siteLocale(org)} timeZone={profile.timezone} />
          </div>
        ) : null}
      </div>
    </main>
  );
}
