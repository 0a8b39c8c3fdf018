import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CartPageBody } from '../_components/shop/cart-page';
import { loadProfile, siteLocale } from '../_lib/data';
import { hasPublishedEvents } from '../_lib/event-data';
import { sellsProducts } from '../_lib/shop-data';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ org: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await params;
  const [profile, locale] = await Promise.all([loadProfile(org), siteLocale(org)]);
  if (!profile) return { title: 'Page not found' };
  const t = await getTranslations({ locale, namespace: 'shop' });
  return { title: `${t('cartTitle')} · ${profile.name}` };
}

/** The cart as a page (the drawer's content, with room): the cart is read in the browser, by its cookie. */
export default async function CartPage({ params }: Props) {
  const { org } = await params;
  const [profile, shop, events, locale] = await Promise.all([loadProfile(org), sellsProducts(org), hasPublishedEvents(org), siteLocale(org)]);
  // Event tickets go through the same cart: an organization with events but no products has one too.
  if (!profile || !(shop || events)) notFound();
  const t = await getTranslations({ locale, namespace: 'shop' });
  return (
    <main id="main" className="flex-1">
      <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{t('cartTitle')}</h1>
        <CartPageBody continueHref={shop ? `/${org}/products` : `/${org}/events`} />
      </div>
    </main>
  );
}
