import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import type { PublicProfile } from '@/modules/organizations';
import { Badge } from '@/ui/badge';
import { Card, CardTitle } from '@/ui/card';
import { EmptyState } from '@/ui/empty-state';
import { BusinessHours } from './_components/business-hours';
import { FeaturedReviews } from './_components/featured-reviews';
import { MembersOnlyNotice } from './_components/members-only-notice';
import { CheckIcon, ServiceList } from './_components/service-list';
import { loadFeaturedReviews, loadHours, loadProfile, loadServices, siteTranslations } from './_lib/data';
import { currencyDisplayName } from './_lib/format';
import { ShopHighlights } from './_components/shop/shop-home';
import { sellsProducts } from './_lib/shop-data';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  const profile = await loadProfile(org);
  if (!profile) return { title: 'Page not found' };
  return { title: profile.name, description: profile.description.slice(0, 160) || undefined };
}

export default async function OrganizationPage({ params }: Props) {
  const { org } = await params;
  const profile = await loadProfile(org);
  if (!profile) notFound();
  const [{ locale, t }, services, hours, featured, shop] = await Promise.all([
    siteTranslations(org, 'publicSite'),
    loadServices(org),
    loadHours(org),
    loadFeaturedReviews(org),
    sellsProducts(org),
  ]);
  const membersOnly = profile.bookingAccess !== 'anyone';
  const primary = services.filter((s) => s.category === 'primary');
  const addOns = services.filter((s) => s.category !== 'primary');
  const { contact } = profile;

  return (
    <main id="main" className="flex-1">
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
          {profile.industry ? <Badge tone="brand">{profile.industry}</Badge> : null}
          <h1 className="mt-3 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">{profile.name}</h1>
          {profile.description ? <p className="mt-4 max-w-3xl text-lg whitespace-pre-line text-slate-700">{profile.description}</p> : null}
        </div>
      </div>

      <div className="mx-auto grid max-w-6xl gap-6 px-4 py-10 sm:px-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-10 lg:col-span-2">
          {membersOnly ? <MembersOnlyNotice slug={profile.slug} name={profile.name} locale={locale} /> : null}
          {profile.highlights.length > 0 ? (
            <Card as="section" aria-labelledby="highlights-title">
              <CardTitle id="highlights-title">{t('highlights')}</CardTitle>
              <ul className="mt-3 space-y-2">
                {profile.highlights.map((h) => (
                  <li key={h} className="flex gap-2 text-slate-700">
                    <CheckIcon />
                    <span>{h}</span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}

          {shop ? <ShopHighlights slug={profile.slug} locale={locale} /> : null}
          {services.length === 0 ? (
            // A shop without services is not "not offering bookings": it sells products.
            shop ? null : <EmptyState title={t('noServicesTitle')} description={t('noServicesBody', { name: profile.name })} />
          ) : (
            <>
              {primary.length > 0 ? (
                <ServiceList id="services-title" title={t('servicesHeading')} intro={t('servicesIntro')} services={primary} slug={profile.slug} locale={locale} />
              ) : null}
              {addOns.length > 0 ? (
                <ServiceList id="add-ons-title" title={t('addOnsHeading')} intro={t('addOnsIntro')} services={addOns} slug={profile.slug} locale={locale} />
              ) : null}
            </>
          )}
          <FeaturedReviews reviews={featured} locale={locale} />
        </div>

        <div className="min-w-0 space-y-6">
          {/* Without any opening hours (an online shop) a week of "Closed" would mislead. */}
          {hours.weekly.some((d) => d.ranges.length > 0) || hours.overrides.length > 0 ? <BusinessHours hours={hours} locale={locale} /> : null}
          <Card as="aside" aria-labelledby="contact-title" className="h-fit">
            <CardTitle id="contact-title">{t('contactHeading')}</CardTitle>
            <dl className="mt-4 space-y-4 text-sm">
              {contact.email ? (
                <Detail term={t('email')}>
                  <a href={`mailto:${contact.email}`} className="break-all text-indigo-700 underline hover:text-indigo-900">
                    {contact.email}
                  </a>
                </Detail>
              ) : null}
              {contact.phone ? (
                <Detail term={t('phone')}>
                  <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`} className="text-indigo-700 underline hover:text-indigo-900">
                    {contact.phone}
                  </a>
                </Detail>
              ) : null}
              {contact.website && isWebUrl(contact.website) ? (
                <Detail term={t('website')}>
                  <a href={contact.website} rel="noopener noreferrer nofollow" className="break-all text-indigo-700 underline hover:text-indigo-900">
                    {displayUrl(contact.website)}
                  </a>
                </Detail>
              ) : null}
              {contact.address && addressLines(contact.address).length > 0 ? (
                <Detail term={t('address')}>
                  <address className="text-slate-700 not-italic">
                    {addressLines(contact.address).map((line) => (
                      <span key={line} className="block">
                        {line}
                      </span>
                    ))}
                  </address>
                </Detail>
              ) : null}
              <Detail term={t('timeZone')}>
                <span className="text-slate-700">{profile.timezone}</span>
              </Detail>
              <Detail term={t('currency')}>
                <span className="text-slate-700">{t('currencyValue', { code: profile.currency, name: currencyDisplayName(profile.currency, locale) })}</span>
              </Detail>
            </dl>
          </Card>
        </div>
      </div>
    </main>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-900">{term}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

type Address = NonNullable<PublicProfile['contact']['address']>;

function addressLines(a: Address): string[] {
  const cityLine = [a.city, [a.region, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [a.line1, a.line2, cityLine, a.country].filter((l): l is string => !!l && l.trim() !== '');
}

// Only web addresses become links: stored contact data must not smuggle in other schemes.
function isWebUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}
