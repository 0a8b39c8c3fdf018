'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClasses } from '@/ui/button';
import { CartContents, useCart } from './cart';

/** `continueHref`: the products, or the events of an organization that sells only tickets. */
export function CartPageBody({ continueHref }: { continueHref?: string }) {
  const { slug, cart } = useCart();
  const t = useTranslations('shop');
  return (
    <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <CartContents />
      <div className="mt-4 flex flex-wrap gap-2">
        {cart && cart.lines.length > 0 ? (
          <Link href={`/${slug}/checkout`} className={buttonClasses({ variant: 'primary' })}>
            {t('checkout')}
          </Link>
        ) : null}
        <Link href={continueHref ?? `/${slug}/products`} className={buttonClasses({ variant: 'secondary' })}>
          {t('continueShopping')}
        </Link>
      </div>
    </div>
  );
}
