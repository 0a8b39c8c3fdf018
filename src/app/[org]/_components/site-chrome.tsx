import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClasses } from '@/ui/button';
import { LanguageSwitcher } from '../../_components/language-switcher';
import { CartButton } from './shop/cart';

/** The organization's name as the site's home link, the language switcher, and the way back to the dashboard for staff. */
export async function SiteHeader({
  slug,
  name,
  signedIn,
  locale,
  shop = false,
  cart = shop,
  events = false,
  loyalty = false,
}: {
  slug: string;
  name: string;
  signedIn: boolean;
  locale: string;
  /** Links the products (an organization with active products). */
  shop?: boolean;
  /** Shows the cart button (products or event tickets to buy). */
  cart?: boolean;
  /** Links the events (an organization with upcoming published events). */
  events?: boolean;
  /** Links "My points" (a signed-in visitor of an organization running a loyalty program). */
  loyalty?: boolean;
}) {
  const t = await getTranslations({ locale, namespace: 'publicSite' });
  const ts = await getTranslations({ locale, namespace: 'shop' });
  const te = await getTranslations({ locale, namespace: 'events' });
  const tl = await getTranslations({ locale, namespace: 'loyalty' });
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2 sm:px-6">
        <Link href={`/${slug}`} className="flex min-w-0 items-center gap-2 text-base font-semibold text-slate-900">
          <span aria-hidden="true" className="grid size-7 shrink-0 place-items-center rounded-md bg-indigo-600 text-sm font-bold text-white">
            {name.trim().charAt(0).toUpperCase()}
          </span>
          <span className="truncate">{name}</span>
        </Link>
        <nav aria-label={t('siteNav')} className="flex flex-wrap items-center gap-2">
          {shop ? (
            <Link href={`/${slug}/products`} className="rounded-md px-2 py-1 text-sm font-medium text-slate-800 underline-offset-2 hover:underline">
              {ts('shopNav')}
            </Link>
          ) : null}
          {events ? (
            <Link href={`/${slug}/events`} className="rounded-md px-2 py-1 text-sm font-medium text-slate-800 underline-offset-2 hover:underline">
              {te('nav')}
            </Link>
          ) : null}
          <LanguageSwitcher />
          {cart ? <CartButton /> : null}
          {signedIn && loyalty ? (
            <Link href={`/${slug}/loyalty`} className="rounded-md px-2 py-1 text-sm font-medium text-slate-800 underline-offset-2 hover:underline">
              {tl('myLoyaltyNav')}
            </Link>
          ) : null}
          {signedIn ? (
            <Link href="/dashboard" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
              {t('dashboard')}
            </Link>
          ) : null}
        </nav>
      </div>
    </header>
  );
}

export async function SiteFooter({ locale }: { locale: string }) {
  const t = await getTranslations({ locale, namespace: 'publicSite' });
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-600 sm:px-6">
        {t.rich('poweredBy', {
          link: (chunks) => (
            <Link href="/" className="font-medium text-indigo-700 underline hover:text-indigo-900">
              {chunks}
            </Link>
          ),
        })}
      </div>
    </footer>
  );
}
