import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CheckoutForm } from '../_components/shop/checkout-form';
import { loadProfile, siteLocale } from '../_lib/data';
import { hasPublishedEvents } from '../_lib/event-data';
import { loadMyLoyalty } from '../_lib/loyalty-data';
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
  return { title: `${t('checkoutTitle')} · ${profile.name}` };
}

export default async function CheckoutPage({ params }: Props) {
  const { org } = await params;
  const [profile, shop, events, locale, mine] = await Promise.all([loadProfile(org), sellsProducts(org), hasPublishedEvents(org), siteLocale(org), loadMyLoyalty(org, 1, 1)]);
  // Event tickets go through the same cart: an organization with events but no products has one too.
  if (!profile || !(shop || events)) notFound();
  // Points can be spent only by a signed-in customer with a confirmed email and enough of them.
  const points = mine && mine.emailVerified && mine.summary.enabled && mine.summary.points > 0 ? mine.summary : null;
  const t = await getTranslations({ locale, namespace: 'shop' });
  return (
    <main id="main" className="flex-1">
      <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">{t('checkoutTitle')}</h1>
        <CheckoutForm challenge={profile.publicFormChallenge} points={points} />
      </div>
    </main>
  );
}
