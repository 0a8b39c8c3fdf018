import { notFound } from 'next/navigation';
import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { cachedCurrentUser } from '../_lib/request-cache';
import { SiteFooter, SiteHeader } from './_components/site-chrome';
import { CartProvider } from './_components/shop/cart';
import { loadProfile, siteLocale, siteMessages } from './_lib/data';
import { hasPublishedEvents } from './_lib/event-data';
import { loadMyLoyalty } from './_lib/loyalty-data';
import { sellsProducts } from './_lib/shop-data';

export const dynamic = 'force-dynamic';

/**
 * The public site of one organization. Its language: the visitor's switcher cookie, else the
 * organization's locale, else the browser's; every page below renders in it (client
 * components through this provider, server components through `siteTranslations`).
 */
export default async function OrganizationSiteLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const [profile, user, shop, events] = await Promise.all([loadProfile(org), cachedCurrentUser(), sellsProducts(org), hasPublishedEvents(org)]);
  if (!profile) notFound();
  const locale = await siteLocale(org);
  const messages = await siteMessages(locale);
  // The header links to "My loyalty" for a signed-in visitor when the business runs a program.
  const loyalty = user ? ((await loadMyLoyalty(org, 1, 1))?.summary.enabled ?? false) : false;

  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={profile.timezone}>
      {/* The root <html lang> follows the visitor alone; this site may speak the organization's language. */}
      <div lang={locale} className="flex min-h-screen flex-col">
        {shop || events ? (
          // A shop's pages share one cart: the header's button, the drawer, the product and checkout pages.
          // Event tickets are sold through the same cart, so an organization with events has one too.
          <CartProvider slug={profile.slug} events={events}>
            <SiteHeader slug={profile.slug} name={profile.name} signedIn={!!user} locale={locale} shop={shop} cart events={events} loyalty={loyalty} />
            {children}
          </CartProvider>
        ) : (
          <>
            <SiteHeader slug={profile.slug} name={profile.name} signedIn={!!user} locale={locale} events={events} loyalty={loyalty} />
            {children}
          </>
        )}
        <SiteFooter locale={locale} />
      </div>
    </NextIntlClientProvider>
  );
}
