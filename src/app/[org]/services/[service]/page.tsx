import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '@/ui/badge';
import { Card, CardTitle } from '@/ui/card';
import { type BookableService, BookingFlow } from '../../_components/booking-flow';
import { MembersOnlyNotice } from '../../_components/members-only-notice';
import { ResourceCards } from '../../_components/resource-cards';
import type { AssetsT } from '../../_components/resource-facts';
import { BulletList, durationLabel, priceLabel, ProcessSteps } from '../../_components/service-list';
import { ServiceReviews } from '../../_components/service-reviews';
import { cachedCurrentUser } from '../../../_lib/request-cache';
import { loadProfile, loadService, loadServiceReviews, siteTranslations } from '../../_lib/data';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string; service: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org, service: key } = await params;
  const [profile, service] = await Promise.all([loadProfile(org), loadService(org, key)]);
  if (!profile || !service) return { title: 'Page not found' };
  return { title: `${service.name} · ${profile.name}`, description: (service.title ?? service.description).slice(0, 160) || undefined };
}

export default async function ServicePage({ params }: Props) {
  const { org, service: key } = await params;
  const [profile, service, { locale, t }, { t: tAssets }, user] = await Promise.all([
    loadProfile(org),
    loadService(org, key),
    siteTranslations(org, 'publicSite'),
    siteTranslations(org, 'assets'),
    cachedCurrentUser(),
  ]);
  if (!profile || !service) notFound();
  const reviews = await loadServiceReviews(org, service.id);

  const bookable: BookableService = {
    id: service.id,
    slug: service.slug,
    name: service.name,
    bookingMode: service.bookingMode,
    durationMinutes: service.durationMinutes,
    maxAdvanceDays: service.maxAdvanceDays,
    capacity: service.capacity,
    requiresConfirmation: service.requiresConfirmation,
    priceMinor: service.priceMinor,
    priceFrom: service.priceFrom,
    currency: service.currency,
    customFields: service.customFields,
    cancellationNoticeMinutes: service.cancellationNoticeMinutes,
    package: service.package,
    addons: service.addons,
    resources: service.resources.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      description: r.description,
      photos: r.photos,
      capacity: r.capacity,
      checkInTime: r.checkInTime,
      checkOutTime: r.checkOutTime,
      maintenance: r.maintenance,
    })),
  };
  const price = priceLabel(t, service, locale);
  const hasDetails = service.features.length > 0 || service.benefits.length > 0 || service.processSteps.length > 0;

  return (
    <main id="main" className="flex-1">
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-10">
          <nav aria-label={t('breadcrumb')}>
            <Link href={`/${profile.slug}`} className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline">
              <span aria-hidden="true">←</span> {t('allServices', { org: profile.name })}
            </Link>
          </nav>
          <div className="mt-4 flex flex-wrap items-end justify-between gap-4">
            <div className="min-w-0">
              <h1 className="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{service.name}</h1>
              {service.title ? <p className="mt-2 text-lg font-medium text-slate-700">{service.title}</p> : null}
            </div>
            <p className="text-right">
              <span className="block text-2xl font-semibold text-slate-900 tabular-nums">{price}</span>
              <span className="block text-sm text-slate-600">{durationLabel(t, service, locale)}</span>
            </p>
          </div>
          {service.description ? <p className="mt-4 max-w-3xl text-slate-700">{service.description}</p> : null}
          <div className="mt-4 flex flex-wrap gap-2">
            {service.requiresConfirmation ? <Badge tone="warning">{t('confirmedByBusiness')}</Badge> : <Badge tone="success">{t('instantConfirmation')}</Badge>}
            {service.category !== 'primary' ? <Badge>{t('addOn')}</Badge> : null}
            {service.capacity > 1 ? <Badge>{t('groupCapacity', { count: service.capacity })}</Badge> : null}
          </div>
        </div>
      </div>

      <ResourceCards resources={service.resources} t={tAssets as AssetsT} locale={locale} zone={profile.timezone} />

      <div className={`mx-auto grid max-w-6xl gap-6 px-4 py-8 sm:px-6 ${hasDetails ? 'lg:grid-cols-3' : ''}`}>
        {profile.bookingAccess !== 'anyone' ? (
          // Members book from their portal, under the club's rules; a guest form would only be refused.
          <MembersOnlyNotice slug={profile.slug} name={profile.name} locale={locale} className={hasDetails ? 'h-fit min-w-0 lg:col-span-2' : 'min-w-0'} />
        ) : (
          <Card as="section" aria-labelledby="booking-title" className={hasDetails ? 'min-w-0 lg:col-span-2' : 'min-w-0'}>
            <CardTitle id="booking-title" className="text-lg">
              {service.requiresConfirmation ? t('requestTitle', { name: service.name }) : t('bookTitle', { name: service.name })}
            </CardTitle>
            <div className="mt-5">
              <BookingFlow org={{ slug: profile.slug, name: profile.name, timezone: profile.timezone, currency: profile.currency, publicFormChallenge: profile.publicFormChallenge }} service={bookable} priceLabel={price} signedIn={user ? { name: user.name, email: user.email } : null} />
            </div>
          </Card>
        )}

        {hasDetails ? (
          <Card as="aside" aria-labelledby="about-title" className="h-fit min-w-0">
            <CardTitle id="about-title">{t('aboutService')}</CardTitle>
            <div className="mt-4 space-y-5">
              {service.features.length > 0 ? <BulletList title={t('features')} items={service.features} headingLevel="h3" /> : null}
              {service.benefits.length > 0 ? <BulletList title={t('benefits')} items={service.benefits} headingLevel="h3" /> : null}
              {service.processSteps.length > 0 ? <ProcessSteps steps={service.processSteps} label={t('processSteps', { count: service.processSteps.length })} /> : null}
            </div>
          </Card>
        ) : null}

        {reviews ? (
          <div className={hasDetails ? 'min-w-0 lg:col-span-2' : 'min-w-0'}>
            <ServiceReviews page={reviews} locale={locale} serviceName={service.name} />
          </div>
        ) : null}
      </div>
    </main>
  );
}
